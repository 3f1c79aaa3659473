import { sql, type Kysely } from 'kysely'

// The intermediary services supermarket (中介服务超市): selection projects and their registrations, the verifiable
// draws, sealed quotes, offers and confirmations, objections, contracts, credit events, affiliations and the expert
// pool with its panels and blind scores. See db/schema-market.ts for the types.
export async function up(db: Kysely<unknown>): Promise<void> {
  // 关联关系: an agency affiliated with a buyer may not take part in that buyer's projects.
  await db.schema
    .createTable('affiliations')
    .addColumn('id', 'integer', (c) => c.primaryKey().generatedAlwaysAsIdentity())
    .addColumn('purchaser_org_id', 'integer', (c) => c.notNull().references('organizations.id'))
    .addColumn('supplier_org_id', 'integer', (c) => c.notNull().references('organizations.id'))
    .addColumn('note', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addUniqueConstraint('affiliations_pair_uq', ['purchaser_org_id', 'supplier_org_id'])
    .execute()

  // Agencies affiliated with each other (same parent company, same legal representative…): at most one of each
  // connected group enters a frozen pool, the earliest registrant. Stored once per pair, lower id first.
  await db.schema
    .createTable('agency_affiliations')
    .addColumn('id', 'integer', (c) => c.primaryKey().generatedAlwaysAsIdentity())
    .addColumn('first_org_id', 'integer', (c) => c.notNull().references('organizations.id'))
    .addColumn('second_org_id', 'integer', (c) => c.notNull().references('organizations.id'))
    .addColumn('reason', 'text', (c) => c.notNull().check(sql`length(reason) > 0`))
    .addColumn('recorded_by', 'integer', (c) => c.references('users.id'))
    .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addUniqueConstraint('agency_affiliations_pair_uq', ['first_org_id', 'second_org_id'])
    .addCheckConstraint('agency_affiliations_order_ck', sql`first_org_id < second_org_id`)
    .execute()

  // Credit (信用分): every supplier starts at 100; each event adds or deducts points, a suspension removes it from pools.
  await db.schema
    .createTable('credit_events')
    .addColumn('id', 'integer', (c) => c.primaryKey().generatedAlwaysAsIdentity())
    .addColumn('organization_id', 'integer', (c) => c.notNull().references('organizations.id'))
    .addColumn('points', 'integer', (c) => c.notNull())
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('reason', 'text', (c) => c.notNull())
    .addColumn('project_id', 'integer')
    .addColumn('suspended_until', 'timestamptz')
    .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .execute()
  await db.schema.createIndex('credit_events_org_idx').on('credit_events').column('organization_id').execute()

  // 服务清单: what an admitted agency offers in a supermarket category.
  await db.schema
    .createTable('market_listings')
    .addColumn('id', 'integer', (c) => c.primaryKey().generatedAlwaysAsIdentity())
    .addColumn('organization_id', 'integer', (c) => c.notNull().references('organizations.id'))
    .addColumn('category_code', 'text', (c) => c.notNull().references('categories.code'))
    .addColumn('scope', 'text', (c) => c.notNull())
    .addColumn('qualifications', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('fee_standard', 'text', (c) => c.notNull())
    .addColumn('service_area', 'text', (c) => c.notNull())
    .addColumn('staff_count', 'integer', (c) => c.notNull().check(sql`staff_count >= 0`))
    .addColumn('typical_days', 'integer', (c) => c.notNull().check(sql`typical_days > 0`))
    .addColumn('updated_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addUniqueConstraint('market_listings_org_category_uq', ['organization_id', 'category_code'])
    .execute()

  await db.schema
    .createTable('market_projects')
    .addColumn('id', 'integer', (c) => c.primaryKey().generatedAlwaysAsIdentity())
    .addColumn('code', 'text', (c) => c.notNull().unique())
    .addColumn('title', 'text', (c) => c.notNull())
    .addColumn('purchaser_org_id', 'integer', (c) => c.notNull().references('organizations.id'))
    .addColumn('created_by', 'integer', (c) => c.references('users.id'))
    .addColumn('category_code', 'text', (c) => c.notNull().references('categories.code'))
    .addColumn('scope', 'text', (c) => c.notNull())
    .addColumn('budget_fen', 'bigint', (c) => c.notNull().check(sql`budget_fen > 0`))
    .addColumn('qualifications', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('method', 'text', (c) => c.notNull().check(sql`method in ('direct','random','bidding','proposal','credit')`))
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('registration_deadline', 'timestamptz', (c) => c.notNull())
    .addColumn('min_candidates', 'integer', (c) => c.notNull().check(sql`min_candidates >= 1`))
    .addColumn('confirmation_days', 'integer', (c) => c.notNull().defaultTo(2))
    .addColumn('publicity_days', 'integer', (c) => c.notNull().defaultTo(1))
    .addColumn('contract_publication_days', 'integer', (c) => c.notNull().defaultTo(2).check(sql`contract_publication_days >= 0`))
    .addColumn('settings', 'jsonb', (c) => c.notNull().defaultTo(sql`'{}'::jsonb`))
    .addColumn('review_required', 'boolean', (c) => c.notNull().defaultTo(false))
    .addColumn('published_at', 'timestamptz')
    .addColumn('pool_frozen_at', 'timestamptz')
    .addColumn('pool', 'jsonb')
    .addColumn('pool_hash', 'text')
    // The ordered result (winner first, then alternates), as organisation ids; offers walk down it.
    .addColumn('result_order', 'jsonb')
    .addColumn('offer_index', 'integer')
    .addColumn('offer_deadline', 'timestamptz')
    .addColumn('awarded_org_id', 'integer', (c) => c.references('organizations.id'))
    .addColumn('awarded_amount_fen', 'bigint')
    .addColumn('decision_note', 'text')
    .addColumn('publicity_ends_at', 'timestamptz')
    .addColumn('failure_reason', 'text')
    .addColumn('finished_at', 'timestamptz')
    .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addColumn('updated_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .execute()
  await db.schema.createIndex('market_projects_status_idx').on('market_projects').columns(['status', 'method']).execute()

  await db.schema
    .createTable('market_registrations')
    .addColumn('project_id', 'integer', (c) => c.notNull().references('market_projects.id'))
    .addColumn('supplier_org_id', 'integer', (c) => c.notNull().references('organizations.id'))
    .addColumn('registered_by', 'integer', (c) => c.references('users.id'))
    .addColumn('proposal', 'text')
    .addColumn('registered_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addPrimaryKeyConstraint('market_registrations_pk', ['project_id', 'supplier_org_id'])
    .execute()

  // Verifiable draws (可验证抽取). The secret stays private until the reveal; a second draw for the same purpose has
  // a higher sequence number and must carry its reason.
  await db.schema
    .createTable('market_draws')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('project_id', 'integer', (c) => c.references('market_projects.id'))
    .addColumn('purpose', 'text', (c) => c.notNull())
    .addColumn('sequence', 'integer', (c) => c.notNull())
    .addColumn('reason', 'text')
    .addColumn('pool', 'jsonb')
    .addColumn('pool_hash', 'text')
    .addColumn('secret_hash', 'text', (c) => c.notNull())
    .addColumn('secret', 'text', (c) => c.notNull())
    .addColumn('public_input_rule', 'text', (c) => c.notNull())
    .addColumn('public_input', 'text')
    .addColumn('seed', 'text')
    .addColumn('draw_order', 'jsonb')
    .addColumn('labels', 'jsonb', (c) => c.notNull().defaultTo(sql`'{}'::jsonb`))
    .addColumn('committed_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addColumn('drawn_at', 'timestamptz')
    .addColumn('drawn_by', 'integer', (c) => c.references('users.id'))
    .addUniqueConstraint('market_draws_purpose_seq_uq', ['purpose', 'sequence'])
    .addCheckConstraint('market_draws_reason_ck', sql`sequence = 1 or length(coalesce(reason, '')) > 0`)
    .execute()

  // Sealed quotes (密封报价): only ciphertext and a commitment until the opening; amount_fen is filled at the opening.
  await db.schema
    .createTable('market_quotes')
    .addColumn('project_id', 'integer', (c) => c.notNull().references('market_projects.id'))
    .addColumn('supplier_org_id', 'integer', (c) => c.notNull().references('organizations.id'))
    .addColumn('submitted_by', 'integer', (c) => c.references('users.id'))
    .addColumn('sealed', 'text', (c) => c.notNull())
    .addColumn('commitment', 'text', (c) => c.notNull())
    .addColumn('submitted_at', 'timestamptz', (c) => c.notNull())
    .addColumn('amount_fen', 'bigint')
    .addColumn('nonce', 'text')
    .addColumn('abnormally_low', 'boolean', (c) => c.notNull().defaultTo(false))
    .addColumn('opened_at', 'timestamptz')
    .addPrimaryKeyConstraint('market_quotes_pk', ['project_id', 'supplier_org_id'])
    .execute()

  // Offers down the ordered result: each candidate in turn confirms, declines or lets the period run out.
  await db.schema
    .createTable('market_offers')
    .addColumn('project_id', 'integer', (c) => c.notNull().references('market_projects.id'))
    .addColumn('rank', 'integer', (c) => c.notNull())
    .addColumn('supplier_org_id', 'integer', (c) => c.notNull().references('organizations.id'))
    .addColumn('offered_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addColumn('deadline', 'timestamptz', (c) => c.notNull())
    .addColumn('outcome', 'text', (c) => c.check(sql`outcome in ('confirmed','declined','expired')`))
    .addColumn('reason_kind', 'text')
    .addColumn('reason', 'text')
    .addColumn('decided_at', 'timestamptz')
    .addPrimaryKeyConstraint('market_offers_pk', ['project_id', 'rank'])
    .execute()

  await db.schema
    .createTable('market_objections')
    .addColumn('id', 'integer', (c) => c.primaryKey().generatedAlwaysAsIdentity())
    .addColumn('project_id', 'integer', (c) => c.notNull().references('market_projects.id'))
    .addColumn('supplier_org_id', 'integer', (c) => c.notNull().references('organizations.id'))
    .addColumn('filed_by', 'integer', (c) => c.references('users.id'))
    .addColumn('body', 'text', (c) => c.notNull())
    .addColumn('filed_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addColumn('answer', 'text')
    .addColumn('answered_by', 'integer', (c) => c.references('users.id'))
    .addColumn('answered_at', 'timestamptz')
    .execute()

  await db.schema
    .createTable('market_contracts')
    .addColumn('project_id', 'integer', (c) => c.primaryKey().references('market_projects.id'))
    .addColumn('supplier_org_id', 'integer', (c) => c.notNull().references('organizations.id'))
    .addColumn('amount_fen', 'bigint', (c) => c.notNull().check(sql`amount_fen > 0`))
    .addColumn('signed_on', 'date', (c) => c.notNull())
    .addColumn('summary', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('recorded_by', 'integer', (c) => c.references('users.id'))
    // When it was recorded here, which is its publication; signed_on is the signing, entered by the buyer.
    .addColumn('published_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    // Published at or after `contract_publication_days` working days from the signing (合同逾期公开).
    .addColumn('published_late', 'boolean', (c) => c.notNull().defaultTo(false))
    .execute()

  // The expert pool (评审专家库). An expert signs in with a user account of role 'expert'; experts taken over from
  // another expert database may have none yet (they are called by phone and score through the centre).
  await db.schema
    .createTable('experts')
    .addColumn('id', 'integer', (c) => c.primaryKey().generatedAlwaysAsIdentity())
    .addColumn('user_id', 'integer', (c) => c.unique().references('users.id'))
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('specialties', 'jsonb', (c) => c.notNull().defaultTo(sql`'[]'::jsonb`))
    .addColumn('employer_org_id', 'integer', (c) => c.references('organizations.id'))
    // [{ organizationId, until: 'YYYY-MM-DD' }]: former employers, for the 3-year avoidance rule.
    .addColumn('employment_history', 'jsonb', (c) => c.notNull().defaultTo(sql`'[]'::jsonb`))
    // Organisation ids the expert declared a relation with (亲属、利害关系).
    .addColumn('declared_conflicts', 'jsonb', (c) => c.notNull().defaultTo(sql`'[]'::jsonb`))
    .addColumn('penalised_until', 'timestamptz')
    .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .execute()

  await db.schema
    .createTable('market_panel_members')
    .addColumn('project_id', 'integer', (c) => c.notNull().references('market_projects.id'))
    .addColumn('expert_id', 'integer', (c) => c.notNull().references('experts.id'))
    .addColumn('rank', 'integer', (c) => c.notNull())
    .addColumn('status', 'text', (c) => c.notNull().check(sql`status in ('seated','declined')`))
    .addColumn('decline_reason', 'text')
    .addPrimaryKeyConstraint('market_panel_members_pk', ['project_id', 'expert_id'])
    .execute()

  await db.schema
    .createTable('market_scores')
    .addColumn('project_id', 'integer', (c) => c.notNull().references('market_projects.id'))
    .addColumn('expert_id', 'integer', (c) => c.notNull().references('experts.id'))
    .addColumn('supplier_org_id', 'integer', (c) => c.notNull().references('organizations.id'))
    .addColumn('scores', 'jsonb', (c) => c.notNull())
    .addColumn('total', 'integer', (c) => c.notNull())
    .addColumn('locked_at', 'timestamptz')
    .addColumn('updated_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addPrimaryKeyConstraint('market_scores_pk', ['project_id', 'expert_id', 'supplier_org_id'])
    .execute()

  // 一标一评: after a proposal-merit project the buyer rates each panel expert once, 1 to 5.
  await db.schema
    .createTable('market_expert_ratings')
    .addColumn('project_id', 'integer', (c) => c.notNull().references('market_projects.id'))
    .addColumn('expert_id', 'integer', (c) => c.notNull().references('experts.id'))
    .addColumn('rating', 'integer', (c) => c.notNull().check(sql`rating between 1 and 5`))
    .addColumn('comment', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('rated_by', 'integer', (c) => c.references('users.id'))
    .addColumn('rated_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addPrimaryKeyConstraint('market_expert_ratings_pk', ['project_id', 'expert_id'])
    .execute()

  await db.schema
    .createTable('notifications')
    .addColumn('id', 'integer', (c) => c.primaryKey().generatedAlwaysAsIdentity())
    .addColumn('organization_id', 'integer', (c) => c.references('organizations.id'))
    .addColumn('user_id', 'integer', (c) => c.references('users.id'))
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('link', 'text', (c) => c.notNull())
    .addColumn('params', 'jsonb', (c) => c.notNull().defaultTo(sql`'{}'::jsonb`))
    .addColumn('read_at', 'timestamptz')
    .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .execute()
  await db.schema.createIndex('notifications_org_idx').on('notifications').columns(['organization_id', 'read_at']).execute()
}

export async function down(db: Kysely<unknown>): Promise<void> {
  for (const table of [
    'notifications',
    'market_expert_ratings',
    'market_scores',
    'market_panel_members',
    'experts',
    'market_contracts',
    'market_objections',
    'market_offers',
    'market_quotes',
    'market_draws',
    'market_registrations',
    'market_projects',
    'market_listings',
    'credit_events',
    'agency_affiliations',
    'affiliations',
  ]) {
    await db.schema.dropTable(table).ifExists().execute()
  }
}
