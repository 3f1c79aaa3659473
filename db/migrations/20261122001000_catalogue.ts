import { sql, type Kysely } from 'kysely'

// The pre-qualified supplier catalogue (预选供应商库): per-category rules, applications with their documents and the
// review dialogue, memberships, menus with versioned prices, orders (which become contract records) and ratings.
//
// Membership status is stored as 'active' | 'suspended' | 'removed'. Expiry is never stored: a membership whose
// valid_until has passed by the database clock is expired. A suspension ends by itself: a 'suspended' row whose
// suspended_until has passed counts as active (a job also flips the row back, for the record).
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('category_rules')
    .addColumn('category_code', 'text', (c) => c.primaryKey().references('categories.code').onDelete('cascade'))
    .addColumn('qualifications', 'jsonb', (c) => c.notNull().defaultTo(sql`'[]'::jsonb`))
    .addColumn('item_fields', 'jsonb', (c) => c.notNull().defaultTo(sql`'[]'::jsonb`))
    .addColumn('rating_criteria', 'jsonb', (c) => c.notNull().defaultTo(sql`'[]'::jsonb`))
    .addColumn('order_ceiling_fen', 'bigint')
    .addColumn('annual_ceiling_fen', 'bigint')
    .addColumn('allocation', 'text', (c) => c.notNull().defaultTo('free').check(sql`allocation in ('free','rotation','draw')`))
    .addColumn('confirm_days', 'integer', (c) => c.notNull().defaultTo(2).check(sql`confirm_days between 1 and 30`))
    .addColumn('pass_on_decline', 'boolean', (c) => c.notNull().defaultTo(true))
    .addColumn('price_rise_approval', 'boolean', (c) => c.notNull().defaultTo(false))
    .addColumn('validity_months', 'integer', (c) => c.notNull().defaultTo(24).check(sql`validity_months between 1 and 60`))
    .addColumn('description', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('updated_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .execute()

  await db.schema
    .createTable('memberships')
    .addColumn('id', 'integer', (c) => c.primaryKey().generatedAlwaysAsIdentity())
    .addColumn('organization_id', 'integer', (c) => c.notNull().references('organizations.id'))
    .addColumn('category_code', 'text', (c) => c.notNull().references('categories.code'))
    .addColumn('status', 'text', (c) => c.notNull().defaultTo('active').check(sql`status in ('active','suspended','removed')`))
    .addColumn('valid_from', 'timestamptz', (c) => c.notNull())
    .addColumn('valid_until', 'timestamptz', (c) => c.notNull())
    .addColumn('suspended_until', 'timestamptz')
    .addColumn('suspension_reason', 'text')
    .addColumn('removal_reason', 'text')
    .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addColumn('updated_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addUniqueConstraint('memberships_org_category_key', ['organization_id', 'category_code'])
    .addCheckConstraint('memberships_validity_check', sql`valid_until > valid_from`)
    .execute()
  await db.schema.createIndex('memberships_category_idx').on('memberships').columns(['category_code', 'status', 'valid_until']).execute()

  await db.schema
    .createTable('applications')
    .addColumn('id', 'integer', (c) => c.primaryKey().generatedAlwaysAsIdentity())
    .addColumn('organization_id', 'integer', (c) => c.notNull().references('organizations.id'))
    .addColumn('category_code', 'text', (c) => c.notNull().references('categories.code'))
    .addColumn('kind', 'text', (c) => c.notNull().defaultTo('new').check(sql`kind in ('new','renewal')`))
    .addColumn('status', 'text', (c) =>
      c.notNull().defaultTo('submitted').check(sql`status in ('submitted','returned','approved','rejected','withdrawn')`),
    )
    .addColumn('company', 'jsonb', (c) => c.notNull().defaultTo(sql`'{}'::jsonb`))
    .addColumn('commitment_signed_by', 'text', (c) => c.notNull())
    .addColumn('commitment_signed_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addColumn('submitted_by', 'integer', (c) => c.references('users.id'))
    .addColumn('reviewed_by', 'integer', (c) => c.references('users.id'))
    .addColumn('reviewed_at', 'timestamptz')
    .addColumn('decision_reason', 'text')
    .addColumn('granted_until', 'timestamptz')
    .addColumn('membership_id', 'integer', (c) => c.references('memberships.id'))
    .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addColumn('updated_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .execute()
  await db.schema.createIndex('applications_org_idx').on('applications').columns(['organization_id', 'category_code']).execute()
  await db.schema.createIndex('applications_status_idx').on('applications').columns(['status', 'created_at']).execute()
  // One open application per organisation and category.
  await sql`create unique index applications_open_key on applications (organization_id, category_code)
    where status in ('submitted','returned')`.execute(db)

  await db.schema
    .createTable('application_notes')
    .addColumn('id', 'integer', (c) => c.primaryKey().generatedAlwaysAsIdentity())
    .addColumn('application_id', 'integer', (c) => c.notNull().references('applications.id').onDelete('cascade'))
    .addColumn('kind', 'text', (c) => c.notNull().check(sql`kind in ('submitted','returned','reply','approved','rejected')`))
    .addColumn('body', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('author_user_id', 'integer', (c) => c.references('users.id'))
    .addColumn('at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .execute()
  await db.schema.createIndex('application_notes_app_idx').on('application_notes').column('application_id').execute()

  await db.schema
    .createTable('application_documents')
    .addColumn('id', 'integer', (c) => c.primaryKey().generatedAlwaysAsIdentity())
    .addColumn('application_id', 'integer', (c) => c.notNull().references('applications.id').onDelete('cascade'))
    .addColumn('qualification_key', 'text', (c) => c.notNull())
    .addColumn('file_name', 'text', (c) => c.notNull())
    .addColumn('content_type', 'text', (c) => c.notNull())
    .addColumn('size_bytes', 'integer', (c) => c.notNull())
    .addColumn('sha256', 'char(64)', (c) => c.notNull())
    .addColumn('storage_key', 'text', (c) => c.notNull())
    .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .execute()
  await db.schema.createIndex('application_documents_app_idx').on('application_documents').column('application_id').execute()

  await db.schema
    .createTable('menu_items')
    .addColumn('id', 'integer', (c) => c.primaryKey().generatedAlwaysAsIdentity())
    .addColumn('membership_id', 'integer', (c) => c.notNull().references('memberships.id'))
    .addColumn('organization_id', 'integer', (c) => c.notNull().references('organizations.id'))
    .addColumn('category_code', 'text', (c) => c.notNull().references('categories.code'))
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('specification', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('unit', 'text', (c) => c.notNull())
    .addColumn('fields', 'jsonb', (c) => c.notNull().defaultTo(sql`'{}'::jsonb`))
    .addColumn('status', 'text', (c) => c.notNull().defaultTo('active').check(sql`status in ('active','withdrawn')`))
    .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addColumn('updated_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .execute()
  await db.schema.createIndex('menu_items_category_idx').on('menu_items').columns(['category_code', 'status']).execute()
  await db.schema.createIndex('menu_items_org_idx').on('menu_items').column('organization_id').execute()

  // Prices are versioned: a change adds a row; the item's price is its latest 'active' row. An order keeps its price id.
  await db.schema
    .createTable('menu_prices')
    .addColumn('id', 'integer', (c) => c.primaryKey().generatedAlwaysAsIdentity())
    .addColumn('menu_item_id', 'integer', (c) => c.notNull().references('menu_items.id').onDelete('cascade'))
    .addColumn('price_fen', 'bigint', (c) => c.notNull().check(sql`price_fen > 0`))
    .addColumn('status', 'text', (c) =>
      c.notNull().defaultTo('active').check(sql`status in ('active','pending','rejected','superseded')`),
    )
    .addColumn('created_by', 'integer', (c) => c.references('users.id'))
    .addColumn('decided_by', 'integer', (c) => c.references('users.id'))
    .addColumn('decided_at', 'timestamptz')
    .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .execute()
  await db.schema.createIndex('menu_prices_item_idx').on('menu_prices').columns(['menu_item_id', 'status']).execute()
  await sql`create unique index menu_prices_one_active on menu_prices (menu_item_id) where status = 'active'`.execute(db)

  // One order is one menu offer times a quantity. Candidates are the ordered list of offers the supplier is taken
  // from (one for a free pick; the rotation or the draw order otherwise); a decline passes to the next one.
  await db.schema
    .createTable('catalogue_orders')
    .addColumn('id', 'integer', (c) => c.primaryKey().generatedAlwaysAsIdentity())
    .addColumn('order_no', 'text', (c) => c.notNull().unique())
    .addColumn('idempotency_key', 'text', (c) => c.notNull().unique())
    .addColumn('category_code', 'text', (c) => c.notNull().references('categories.code'))
    .addColumn('purchaser_org_id', 'integer', (c) => c.notNull().references('organizations.id'))
    .addColumn('placed_by', 'integer', (c) => c.references('users.id'))
    .addColumn('supplier_org_id', 'integer', (c) => c.notNull().references('organizations.id'))
    .addColumn('menu_item_id', 'integer', (c) => c.notNull().references('menu_items.id'))
    .addColumn('price_id', 'integer', (c) => c.notNull().references('menu_prices.id'))
    .addColumn('item_name', 'text', (c) => c.notNull())
    .addColumn('specification', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('unit', 'text', (c) => c.notNull())
    .addColumn('unit_price_fen', 'bigint', (c) => c.notNull())
    .addColumn('quantity', 'integer', (c) => c.notNull().check(sql`quantity > 0`))
    .addColumn('total_fen', 'bigint', (c) => c.notNull())
    .addColumn('delivery_address', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('note', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('allocation', 'text', (c) => c.notNull().check(sql`allocation in ('free','rotation','draw')`))
    .addColumn('candidates', 'jsonb', (c) => c.notNull().defaultTo(sql`'[]'::jsonb`))
    .addColumn('candidate_index', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('draw', 'jsonb')
    .addColumn('status', 'text', (c) =>
      c.notNull().defaultTo('placed').check(sql`status in ('placed','confirmed','declined','accepted','cancelled')`),
    )
    .addColumn('placed_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addColumn('offered_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addColumn('confirm_deadline', 'timestamptz', (c) => c.notNull())
    .addColumn('confirmed_at', 'timestamptz')
    .addColumn('decline_reasons', 'jsonb', (c) => c.notNull().defaultTo(sql`'[]'::jsonb`))
    .addColumn('accepted_at', 'timestamptz')
    .addColumn('contract_no', 'text', (c) => c.unique())
    .addColumn('contract_published_at', 'timestamptz')
    .addColumn('updated_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .execute()
  await db.schema.createIndex('catalogue_orders_purchaser_idx').on('catalogue_orders').columns(['purchaser_org_id', 'category_code', 'placed_at']).execute()
  await db.schema.createIndex('catalogue_orders_supplier_idx').on('catalogue_orders').columns(['supplier_org_id', 'status']).execute()
  await db.schema.createIndex('catalogue_orders_status_idx').on('catalogue_orders').columns(['status', 'confirm_deadline']).execute()

  await db.schema
    .createTable('supplier_ratings')
    .addColumn('id', 'integer', (c) => c.primaryKey().generatedAlwaysAsIdentity())
    .addColumn('order_id', 'integer', (c) => c.notNull().unique().references('catalogue_orders.id'))
    .addColumn('supplier_org_id', 'integer', (c) => c.notNull().references('organizations.id'))
    .addColumn('category_code', 'text', (c) => c.notNull().references('categories.code'))
    .addColumn('scores', 'jsonb', (c) => c.notNull())
    .addColumn('overall', sql`numeric(3,2)`, (c) => c.notNull().check(sql`overall between 1 and 5`))
    .addColumn('comment', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('rated_by', 'integer', (c) => c.references('users.id'))
    .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .execute()
  await db.schema.createIndex('supplier_ratings_supplier_idx').on('supplier_ratings').column('supplier_org_id').execute()
}

export async function down(db: Kysely<unknown>): Promise<void> {
  for (const table of ['supplier_ratings', 'catalogue_orders', 'menu_prices', 'menu_items', 'application_documents', 'application_notes', 'applications', 'memberships', 'category_rules']) {
    await db.schema.dropTable(table).ifExists().execute()
  }
}
