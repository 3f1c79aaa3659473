import { sql, type Transaction } from 'kysely'
import type { DB } from '../../db/client'
import type { Database } from '../../db/schema'
import { DEFAULT_RULES, type CategoryRules, type ItemFieldDef, type QualificationDef, type RatingCriterion } from '~/domain/catalogue'
import { hasPermission, type Actor } from '~/domain/permissions'
import { escapeLike, recordAudit, type AuditContext } from './audit.server'
import { FieldError, ForbiddenError, NotFoundError } from './errors'
import { eligibleCondition, membershipStateSql } from './memberships.server'

// Categories and their rules, the public catalogue (browsing, the 公示 list of members) and a supplier's page.

type Conn = DB | Transaction<Database>

export async function getRules(db: Conn, categoryCode: string): Promise<CategoryRules> {
  const row = await db.selectFrom('category_rules').selectAll().where('category_code', '=', categoryCode).executeTakeFirst()
  if (!row) return DEFAULT_RULES
  return {
    qualifications: row.qualifications as QualificationDef[],
    itemFields: row.item_fields as ItemFieldDef[],
    ratingCriteria: (row.rating_criteria as RatingCriterion[]).length ? (row.rating_criteria as RatingCriterion[]) : DEFAULT_RULES.ratingCriteria,
    orderCeilingFen: row.order_ceiling_fen === null ? null : Number(row.order_ceiling_fen),
    annualCeilingFen: row.annual_ceiling_fen === null ? null : Number(row.annual_ceiling_fen),
    allocation: row.allocation,
    confirmDays: row.confirm_days,
    passOnDecline: row.pass_on_decline,
    priceRiseApproval: row.price_rise_approval,
    validityMonths: row.validity_months,
    description: row.description,
  }
}

export async function getCategory(db: Conn, code: string) {
  const category = await db.selectFrom('categories').selectAll().where('code', '=', code).executeTakeFirst()
  if (!category) throw new NotFoundError()
  return { category, rules: await getRules(db, code) }
}

/** Every category with its number of admitted suppliers and offers right now. Open to anyone. */
export async function listCatalogueCategories(db: Conn, market?: 'catalogue' | 'supermarket') {
  return db
    .selectFrom('categories')
    .leftJoin('category_rules', 'category_rules.category_code', 'categories.code')
    .select([
      'categories.code',
      'categories.name_zh',
      'categories.name_en',
      'categories.kind',
      'categories.market',
      'category_rules.allocation',
      'category_rules.order_ceiling_fen',
      (eb) =>
        eb
          .selectFrom('memberships')
          .whereRef('memberships.category_code', '=', 'categories.code')
          .where((e) => eligibleCondition(e))
          .select(sql<number>`count(*)::int`.as('n'))
          .as('members'),
      (eb) =>
        eb
          .selectFrom('menu_items')
          .innerJoin('memberships', 'memberships.id', 'menu_items.membership_id')
          .whereRef('menu_items.category_code', '=', 'categories.code')
          .where('menu_items.status', '=', 'active')
          .where((e) => eligibleCondition(e))
          .select(sql<number>`count(*)::int`.as('n'))
          .as('offers'),
    ])
    .$if(!!market, (q) => q.where('categories.market', '=', market!))
    .orderBy('categories.market')
    .orderBy('categories.code')
    .execute()
}

export interface CategoryInput {
  code: string
  nameZh: string
  nameEn: string
  kind: 'goods' | 'services' | 'works'
  market: 'catalogue' | 'supermarket'
  qualifications: QualificationDef[]
  itemFields: ItemFieldDef[]
  ratingCriteria: RatingCriterion[]
  orderCeilingFen: number | null
  annualCeilingFen: number | null
  allocation: 'free' | 'rotation' | 'draw'
  confirmDays: number
  passOnDecline: boolean
  priceRiseApproval: boolean
  validityMonths: number
  description: string
}

function rulesRow(input: CategoryInput) {
  return {
    qualifications: JSON.stringify(input.qualifications),
    item_fields: JSON.stringify(input.itemFields),
    rating_criteria: JSON.stringify(input.ratingCriteria),
    order_ceiling_fen: input.orderCeilingFen,
    annual_ceiling_fen: input.annualCeilingFen,
    allocation: input.allocation,
    confirm_days: input.confirmDays,
    pass_on_decline: input.passOnDecline,
    price_rise_approval: input.priceRiseApproval,
    validity_months: input.validityMonths,
    description: input.description,
  }
}

export async function saveCategory(db: DB, ctx: AuditContext & { actor: Actor }, input: CategoryInput, existingCode?: string) {
  if (!hasPermission(ctx.actor, 'manage:catalogue')) throw new ForbiddenError()
  if (input.annualCeilingFen !== null && input.orderCeilingFen !== null && input.annualCeilingFen < input.orderCeilingFen) {
    throw new FieldError('annualCeiling', 'cat.category.annualBelowOrder')
  }
  return db.transaction().execute(async (trx) => {
    if (existingCode) {
      const before = await trx.selectFrom('categories').select('code').where('code', '=', existingCode).forUpdate().executeTakeFirst()
      if (!before) throw new NotFoundError()
      await trx.updateTable('categories').set({ name_zh: input.nameZh, name_en: input.nameEn, kind: input.kind, market: input.market }).where('code', '=', existingCode).execute()
    } else {
      const taken = await trx.selectFrom('categories').select('code').where('code', '=', input.code).executeTakeFirst()
      if (taken) throw new FieldError('code', 'cat.category.codeTaken')
      await trx.insertInto('categories').values({ code: input.code, name_zh: input.nameZh, name_en: input.nameEn, kind: input.kind, market: input.market }).execute()
    }
    const code = existingCode ?? input.code
    await trx
      .insertInto('category_rules')
      .values({ category_code: code, ...rulesRow(input) })
      .onConflict((oc) => oc.column('category_code').doUpdateSet({ ...rulesRow(input), updated_at: sql`now()` }))
      .execute()
    await recordAudit(trx, ctx, {
      action: existingCode ? 'category.updated' : 'category.created',
      entityType: 'category',
      entityId: code,
      payload: { ...input, code },
    })
    return code
  })
}

/** The public 公示 list: each admitted supplier of a category and its validity. */
export async function publicMembers(db: Conn, categoryCode: string) {
  const { category } = await getCategory(db, categoryCode)
  const members = await db
    .selectFrom('memberships')
    .innerJoin('organizations', 'organizations.id', 'memberships.organization_id')
    .where('memberships.category_code', '=', categoryCode)
    .where((eb) => eligibleCondition(eb))
    .select(['organizations.id', 'organizations.name', 'organizations.region', 'organizations.credit_code', 'memberships.valid_from', 'memberships.valid_until', membershipStateSql.as('state')])
    .orderBy('organizations.name')
    .execute()
  return { category, members }
}

export interface OfferFilters {
  q?: string
  region?: string
  minPriceFen?: number
  maxPriceFen?: number
  minRating?: number
  sort?: 'price' | 'rating' | 'name'
  page: number
  pageSize: number
}

const ratingAvg = sql<string | null>`(select round(avg(overall), 2) from supplier_ratings r where r.supplier_org_id = menu_items.organization_id and r.category_code = menu_items.category_code)`
const ratingCount = sql<number>`(select count(*)::int from supplier_ratings r where r.supplier_org_id = menu_items.organization_id and r.category_code = menu_items.category_code)`

/** The offers of admitted, unsuspended suppliers in a category, with their current price and rating. */
export async function browseOffers(db: Conn, categoryCode: string, f: OfferFilters) {
  const { category, rules } = await getCategory(db, categoryCode)
  const base = db
    .selectFrom('menu_items')
    .innerJoin('memberships', 'memberships.id', 'menu_items.membership_id')
    .innerJoin('organizations', 'organizations.id', 'menu_items.organization_id')
    .innerJoin('menu_prices', (j) => j.onRef('menu_prices.menu_item_id', '=', 'menu_items.id').on('menu_prices.status', '=', 'active'))
    .where('menu_items.category_code', '=', categoryCode)
    .where('menu_items.status', '=', 'active')
    .where((eb) => eligibleCondition(eb))
    .$if(!!f.q, (q) =>
      q.where((eb) =>
        eb.or([
          eb('menu_items.name', 'ilike', `%${escapeLike(f.q!)}%`),
          eb('menu_items.specification', 'ilike', `%${escapeLike(f.q!)}%`),
          eb('organizations.name', 'ilike', `%${escapeLike(f.q!)}%`),
        ]),
      ),
    )
    .$if(!!f.region, (q) => q.where('organizations.region', 'like', `%${escapeLike(f.region!)}%`))
    .$if(f.minPriceFen !== undefined, (q) => q.where('menu_prices.price_fen', '>=', f.minPriceFen!))
    .$if(f.maxPriceFen !== undefined, (q) => q.where('menu_prices.price_fen', '<=', f.maxPriceFen!))
    .$if(f.minRating !== undefined, (q) => q.where(sql`coalesce(${ratingAvg}, 0)`, '>=', f.minRating!))
  const sort = f.sort ?? 'price'
  const [rows, count, regions] = await Promise.all([
    base
      .select([
        'menu_items.id',
        'menu_items.name',
        'menu_items.specification',
        'menu_items.unit',
        'menu_items.fields',
        'menu_items.organization_id',
        'organizations.name as supplier_name',
        'organizations.region',
        'menu_prices.id as price_id',
        'menu_prices.price_fen',
        'memberships.valid_until',
        ratingAvg.as('rating'),
        ratingCount.as('ratings'),
      ])
      .$call((q) =>
        sort === 'rating'
          ? q.orderBy(sql`coalesce(${ratingAvg}, 0)`, 'desc')
          : sort === 'name'
            ? q.orderBy('menu_items.name').orderBy('menu_prices.price_fen')
            : q.orderBy('menu_items.name').orderBy('menu_prices.price_fen'),
      )
      .orderBy('menu_items.id')
      .limit(f.pageSize)
      .offset((f.page - 1) * f.pageSize)
      .execute(),
    base.select(sql<number>`count(*)::int`.as('n')).executeTakeFirstOrThrow(),
    db
      .selectFrom('memberships')
      .innerJoin('organizations', 'organizations.id', 'memberships.organization_id')
      .where('memberships.category_code', '=', categoryCode)
      .where((eb) => eligibleCondition(eb))
      .select(sql<string>`split_part(organizations.region, '市', 1) || '市'`.as('city'))
      .distinct()
      .orderBy('city')
      .execute(),
  ])
  return { category, rules, rows, total: count.n, regions: regions.map((r) => r.city) }
}

/** One offer with the other admitted suppliers' offers of the same item, for comparison before ordering. */
export async function getOffer(db: Conn, itemId: number) {
  const item = await db
    .selectFrom('menu_items')
    .innerJoin('organizations', 'organizations.id', 'menu_items.organization_id')
    .leftJoin('menu_prices', (j) => j.onRef('menu_prices.menu_item_id', '=', 'menu_items.id').on('menu_prices.status', '=', 'active'))
    .select([
      'menu_items.id',
      'menu_items.name',
      'menu_items.specification',
      'menu_items.unit',
      'menu_items.fields',
      'menu_items.status',
      'menu_items.category_code',
      'menu_items.organization_id',
      'organizations.name as supplier_name',
      'organizations.region',
      'menu_prices.id as price_id',
      'menu_prices.price_fen',
      ratingAvg.as('rating'),
      ratingCount.as('ratings'),
    ])
    .where('menu_items.id', '=', itemId)
    .executeTakeFirst()
  if (!item) throw new NotFoundError()
  const { category, rules } = await getCategory(db, item.category_code)
  const available = await db
    .selectFrom('memberships')
    .select('id')
    .where('organization_id', '=', item.organization_id)
    .where('category_code', '=', item.category_code)
    .where((eb) => eligibleCondition(eb))
    .executeTakeFirst()
  const comparable = await db
    .selectFrom('menu_items')
    .innerJoin('memberships', 'memberships.id', 'menu_items.membership_id')
    .innerJoin('organizations', 'organizations.id', 'menu_items.organization_id')
    .innerJoin('menu_prices', (j) => j.onRef('menu_prices.menu_item_id', '=', 'menu_items.id').on('menu_prices.status', '=', 'active'))
    .where('menu_items.category_code', '=', item.category_code)
    .where('menu_items.status', '=', 'active')
    .where('menu_items.name', '=', item.name)
    .where('menu_items.id', '!=', item.id)
    .where((eb) => eligibleCondition(eb))
    .select(['menu_items.id', 'menu_items.specification', 'organizations.name as supplier_name', 'organizations.region', 'menu_prices.price_fen', ratingAvg.as('rating')])
    .orderBy('menu_prices.price_fen')
    .limit(10)
    .execute()
  return { item, category, rules, available: !!available && item.status === 'active' && item.price_id !== null, comparable }
}

/** A supplier's public page in the catalogue: its memberships, menu and ratings (一标一评). */
export async function supplierProfile(db: Conn, organizationId: number) {
  const org = await db.selectFrom('organizations').select(['id', 'name', 'region', 'kind', 'credit_code', 'address']).where('id', '=', organizationId).executeTakeFirst()
  if (!org || org.kind !== 'supplier') throw new NotFoundError()
  const [memberships, ratings, summary] = await Promise.all([
    db
      .selectFrom('memberships')
      .innerJoin('categories', 'categories.code', 'memberships.category_code')
      .where('memberships.organization_id', '=', organizationId)
      .select(['memberships.category_code', 'categories.name_zh', 'categories.name_en', 'memberships.valid_until', membershipStateSql.as('state')])
      .orderBy('memberships.category_code')
      .execute(),
    db
      .selectFrom('supplier_ratings')
      .innerJoin('catalogue_orders', 'catalogue_orders.id', 'supplier_ratings.order_id')
      .innerJoin('organizations as buyer', 'buyer.id', 'catalogue_orders.purchaser_org_id')
      .where('supplier_ratings.supplier_org_id', '=', organizationId)
      .select(['supplier_ratings.id', 'supplier_ratings.overall', 'supplier_ratings.scores', 'supplier_ratings.comment', 'supplier_ratings.created_at', 'supplier_ratings.category_code', 'catalogue_orders.item_name', 'catalogue_orders.contract_no', 'buyer.name as buyer_name'])
      .orderBy('supplier_ratings.created_at', 'desc')
      .limit(20)
      .execute(),
    db
      .selectFrom('supplier_ratings')
      .where('supplier_org_id', '=', organizationId)
      .select([sql<string | null>`round(avg(overall), 2)`.as('avg'), sql<number>`count(*)::int`.as('n')])
      .executeTakeFirstOrThrow(),
  ])
  return { org, memberships, ratings, summary }
}
