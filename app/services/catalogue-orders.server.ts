import { randomBytes } from 'node:crypto'
import { sql, type Transaction } from 'kysely'
import type { DB } from '../../db/client'
import type { Database } from '../../db/schema'
import { addWorkingDays, shanghaiDate } from '~/domain/calendar'
import { ceilingProblem, contractNumber, offerKey, orderNumber, overallRating, passToNextCandidate, rotationOrder } from '~/domain/catalogue'
import { freezePool, generateSecret, runDraw } from '~/domain/draw'
import { hasPermission, type Actor } from '~/domain/permissions'
import { escapeLike, recordAudit, type AuditContext } from './audit.server'
import { getRules } from './catalogue.server'
import { FieldError, ForbiddenError, NotFoundError } from './errors'
import { scheduleJob } from './jobs.server'
import { eligibleCondition, isEligibleMember } from './memberships.server'

// Menu-style ordering (菜单式采购): a purchasing unit orders an offer; the supplier confirms or declines within the
// category's confirmation period (working days); a decline or a silent deadline passes the order to the next
// candidate where the category says so; the buyer accepts delivery, which makes the order a published contract
// record; then the buyer rates the supplier on the category's criteria (一标一评).

type Trx = Transaction<Database>
export interface Candidate {
  organizationId: number
  menuItemId: number
  priceId: number
}

export interface PlaceOrderInput {
  menuItemId: number
  priceId: number
  quantity: number
  deliveryAddress: string
  note: string
  idempotencyKey: string
}

export const newIdempotencyKey = () => randomBytes(18).toString('base64url')

async function dbNow(trx: Trx | DB): Promise<Date> {
  return new Date((await sql<{ now: Date }>`select now() as now`.execute(trx)).rows[0]!.now)
}

/** The ordered candidates for an order: the chosen offer alone, or every equal offer by rotation or draw. */
async function candidatesFor(trx: Trx, item: { id: number; organization_id: number; category_code: string; name: string; specification: string; unit: string }, priceId: number, priceFen: number, allocation: 'free' | 'rotation' | 'draw', key: string) {
  const chosen: Candidate = { organizationId: item.organization_id, menuItemId: item.id, priceId }
  if (allocation === 'free') return { candidates: [chosen], draw: null }
  const offers = await trx
    .selectFrom('menu_items')
    .innerJoin('memberships', 'memberships.id', 'menu_items.membership_id')
    .innerJoin('menu_prices', (j) => j.onRef('menu_prices.menu_item_id', '=', 'menu_items.id').on('menu_prices.status', '=', 'active'))
    .where('menu_items.category_code', '=', item.category_code)
    .where('menu_items.status', '=', 'active')
    .where('menu_items.name', '=', item.name)
    .where('menu_prices.price_fen', '=', priceFen)
    .where((eb) => eligibleCondition(eb))
    .select(['menu_items.id', 'menu_items.organization_id', 'menu_items.name', 'menu_items.specification', 'menu_items.unit', 'menu_prices.id as price_id'])
    .orderBy('menu_items.id')
    .execute()
  const same = new Map<number, Candidate>()
  for (const o of offers) {
    if (offerKey(o) !== offerKey(item) || same.has(o.organization_id)) continue
    same.set(o.organization_id, { organizationId: o.organization_id, menuItemId: o.id, priceId: o.price_id })
  }
  if (!same.has(item.organization_id)) same.set(item.organization_id, chosen)
  if (allocation === 'rotation') {
    const stats = await trx
      .selectFrom('catalogue_orders')
      .where('category_code', '=', item.category_code)
      .where('supplier_org_id', 'in', [...same.keys()])
      .select(['supplier_org_id', sql<number>`count(*)::int`.as('n'), sql<string>`max(offered_at)::text`.as('last')])
      .groupBy('supplier_org_id')
      .execute()
    const by = new Map(stats.map((s) => [s.supplier_org_id, s]))
    const order = rotationOrder([...same.keys()].map((id) => ({ organizationId: id, offered: by.get(id)?.n ?? 0, lastOfferedAt: by.get(id)?.last ?? null })))
    return { candidates: order.map((id) => same.get(id)!), draw: null }
  }
  // The verifiable draw: the pool is the equal offers' supplier ids; anyone can replay it with `npm run verify-draw`.
  const frozen = await freezePool({ candidateIds: [...same.keys()].map(String), purpose: `catalogue-order:${offerKey(item)}:${priceFen}`, winners: same.size })
  const published = await runDraw({ frozen, secret: generateSecret(), publicInput: key, drawId: `catalogue-order-${key}` })
  return { candidates: published.order.map((id) => same.get(Number(id))!), draw: published }
}

/** Spend this calendar year (Asia/Shanghai) by a unit in a category: every order not declined or cancelled. */
async function spentThisYear(trx: Trx | DB, purchaserId: number, categoryCode: string): Promise<number> {
  const row = await trx
    .selectFrom('catalogue_orders')
    .where('purchaser_org_id', '=', purchaserId)
    .where('category_code', '=', categoryCode)
    .where('status', 'in', ['placed', 'confirmed', 'accepted'])
    .where(sql`date_trunc('year', placed_at at time zone 'Asia/Shanghai')`, '=', sql`date_trunc('year', now() at time zone 'Asia/Shanghai')`)
    .select(sql<string>`coalesce(sum(total_fen), 0)::text`.as('sum'))
    .executeTakeFirstOrThrow()
  return Number(row.sum)
}

/**
 * Places an order. The same form posted twice (two tabs, a double click) carries the same idempotency key and gets
 * the first order back, flagged as a duplicate; it is never placed twice.
 */
export async function placeOrder(db: DB, ctx: AuditContext & { actor: Actor }, input: PlaceOrderInput): Promise<{ id: number; duplicate: boolean }> {
  const actor = ctx.actor
  if (actor.role !== 'agency' || !actor.organizationId) throw new ForbiddenError()
  const purchaserId = actor.organizationId
  const existing = async () => {
    const row = await db.selectFrom('catalogue_orders').select(['id', 'purchaser_org_id']).where('idempotency_key', '=', input.idempotencyKey).executeTakeFirst()
    if (row && row.purchaser_org_id !== purchaserId) throw new ForbiddenError()
    return row ? { id: row.id, duplicate: true } : null
  }
  const already = await existing()
  if (already) return already
  try {
    return await db.transaction().execute(async (trx) => {
      const item = await trx.selectFrom('menu_items').selectAll().where('id', '=', input.menuItemId).forShare().executeTakeFirst()
      if (!item) throw new NotFoundError()
      // One unit's orders in one category are placed one at a time, so the annual ceiling cannot be raced past.
      await sql`select pg_advisory_xact_lock(hashtext(${`catalogue-order:${purchaserId}:${item.category_code}`}))`.execute(trx)
      const dup = await trx.selectFrom('catalogue_orders').select('id').where('idempotency_key', '=', input.idempotencyKey).executeTakeFirst()
      if (dup) return { id: dup.id, duplicate: true }
      const price = await trx.selectFrom('menu_prices').select(['id', 'price_fen']).where('menu_item_id', '=', item.id).where('status', '=', 'active').executeTakeFirst()
      if (item.status !== 'active' || !price || !(await isEligibleMember(trx, item.organization_id, item.category_code))) {
        throw new FieldError('_form', 'cat.order.unavailable')
      }
      if (price.id !== input.priceId) throw new FieldError('_form', 'cat.order.priceChanged')
      const rules = await getRules(trx, item.category_code)
      const priceFen = Number(price.price_fen)
      const total = priceFen * input.quantity
      if (!Number.isSafeInteger(total)) throw new FieldError('quantity', 'cat.order.overOrderCeiling')
      const problem = ceilingProblem(rules, total, await spentThisYear(trx, purchaserId, item.category_code))
      if (problem === 'orderCeiling') throw new FieldError('quantity', 'cat.order.overOrderCeiling')
      if (problem === 'annualCeiling') throw new FieldError('quantity', 'cat.order.overAnnualCeiling')
      const { candidates, draw } = await candidatesFor(trx, item, price.id, priceFen, rules.allocation, input.idempotencyKey)
      const first = candidates[0]!
      const firstItem = first.menuItemId === item.id ? item : await trx.selectFrom('menu_items').selectAll().where('id', '=', first.menuItemId).executeTakeFirstOrThrow()
      const now = await dbNow(trx)
      const deadline = addWorkingDays(now, rules.confirmDays)
      const row = await trx
        .insertInto('catalogue_orders')
        .values({
          order_no: `pending:${input.idempotencyKey}`,
          idempotency_key: input.idempotencyKey,
          category_code: item.category_code,
          purchaser_org_id: purchaserId,
          placed_by: actor.id,
          supplier_org_id: first.organizationId,
          menu_item_id: first.menuItemId,
          price_id: first.priceId,
          item_name: firstItem.name,
          specification: firstItem.specification,
          unit: firstItem.unit,
          unit_price_fen: priceFen,
          quantity: input.quantity,
          total_fen: total,
          delivery_address: input.deliveryAddress,
          note: input.note,
          allocation: rules.allocation,
          candidates: JSON.stringify(candidates),
          draw: draw ? JSON.stringify(draw) : null,
          placed_at: now,
          offered_at: now,
          confirm_deadline: deadline,
        })
        .returning('id')
        .executeTakeFirstOrThrow()
      const orderNo = orderNumber(shanghaiDate(now), row.id)
      await trx.updateTable('catalogue_orders').set({ order_no: orderNo }).where('id', '=', row.id).execute()
      await scheduleJob(trx, { kind: 'catalogue.order_deadline', runAt: deadline, payload: { orderId: row.id, candidateIndex: 0 }, dedupeKey: `catalogue.order_deadline:${row.id}:0` })
      await recordAudit(trx, ctx, {
        action: 'catalogue.order_placed',
        entityType: 'catalogue_order',
        entityId: row.id,
        payload: { orderNo, category: item.category_code, supplierId: first.organizationId, priceId: first.priceId, unitPriceFen: priceFen, quantity: input.quantity, totalFen: total, allocation: rules.allocation, candidates: candidates.map((c) => c.organizationId), drawSeed: draw?.seed ?? null },
      })
      return { id: row.id, duplicate: false }
    })
  } catch (err) {
    // Two tabs racing past the check meet the unique index; the loser gets the winner's order.
    if (err instanceof Error && /idempotency_key/.test(err.message)) {
      const again = await existing()
      if (again) return again
    }
    throw err
  }
}

async function lockOrder(trx: Trx, id: number) {
  const order = await trx.selectFrom('catalogue_orders').selectAll().where('id', '=', id).forUpdate().executeTakeFirst()
  if (!order) throw new NotFoundError()
  return order
}

const deadlinePassed = async (trx: Trx, deadline: Date) => (await sql<{ passed: boolean }>`select now() >= ${deadline}::timestamptz as passed`.execute(trx)).rows[0]!.passed

export async function confirmOrder(db: DB, ctx: AuditContext & { actor: Actor }, id: number) {
  await db.transaction().execute(async (trx) => {
    const order = await lockOrder(trx, id)
    if (ctx.actor.role !== 'supplier' || ctx.actor.organizationId !== order.supplier_org_id) throw new ForbiddenError()
    if (order.status !== 'placed') throw new FieldError('_form', 'cat.order.wrongState')
    if (await deadlinePassed(trx, order.confirm_deadline)) throw new FieldError('_form', 'cat.order.deadlinePassed')
    if (!(await isEligibleMember(trx, order.supplier_org_id, order.category_code))) throw new FieldError('_form', 'cat.order.supplierNotEligible')
    await trx.updateTable('catalogue_orders').set({ status: 'confirmed', confirmed_at: sql`now()`, updated_at: sql`now()` }).where('id', '=', id).execute()
    await recordAudit(trx, ctx, { action: 'catalogue.order_confirmed', entityType: 'catalogue_order', entityId: id, payload: { orderNo: order.order_no } })
  })
}

/** Passes the order to the next candidate still admitted with the same price, or ends it declined. */
async function passOn(trx: Trx, ctx: AuditContext, order: Awaited<ReturnType<typeof lockOrder>>, reason: string, timedOut: boolean) {
  const rules = await getRules(trx, order.category_code)
  const candidates = order.candidates as Candidate[]
  const reasons = [...(order.decline_reasons as unknown[]), { supplierId: order.supplier_org_id, reason, timedOut, at: (await dbNow(trx)).toISOString() }]
  let next = passToNextCandidate(order.candidate_index, candidates.length, rules.passOnDecline)
  while (next !== null) {
    const c = candidates[next]!
    const price = await trx.selectFrom('menu_prices').select('id').where('id', '=', c.priceId).where('status', '=', 'active').executeTakeFirst()
    if (price && (await isEligibleMember(trx, c.organizationId, order.category_code))) break
    next = passToNextCandidate(next, candidates.length, true)
  }
  const base = { decline_reasons: JSON.stringify(reasons), updated_at: sql<Date>`now()` }
  if (next === null) {
    await trx.updateTable('catalogue_orders').set({ ...base, status: 'declined' }).where('id', '=', order.id).execute()
    await recordAudit(trx, ctx, { action: 'catalogue.order_declined', entityType: 'catalogue_order', entityId: order.id, payload: { orderNo: order.order_no, supplierId: order.supplier_org_id, reason, timedOut, passedOn: false } })
    return
  }
  const c = candidates[next]!
  const now = await dbNow(trx)
  const deadline = addWorkingDays(now, rules.confirmDays)
  await trx
    .updateTable('catalogue_orders')
    .set({ ...base, supplier_org_id: c.organizationId, menu_item_id: c.menuItemId, price_id: c.priceId, candidate_index: next, offered_at: now, confirm_deadline: deadline })
    .where('id', '=', order.id)
    .execute()
  await scheduleJob(trx, { kind: 'catalogue.order_deadline', runAt: deadline, payload: { orderId: order.id, candidateIndex: next }, dedupeKey: `catalogue.order_deadline:${order.id}:${next}` })
  await recordAudit(trx, ctx, { action: 'catalogue.order_passed_on', entityType: 'catalogue_order', entityId: order.id, payload: { orderNo: order.order_no, from: order.supplier_org_id, to: c.organizationId, reason, timedOut } })
}

export async function declineOrder(db: DB, ctx: AuditContext & { actor: Actor }, id: number, reason: string) {
  await db.transaction().execute(async (trx) => {
    const order = await lockOrder(trx, id)
    if (ctx.actor.role !== 'supplier' || ctx.actor.organizationId !== order.supplier_org_id) throw new ForbiddenError()
    if (order.status !== 'placed') throw new FieldError('reason', 'cat.order.wrongState')
    await passOn(trx, ctx, order, reason, false)
  })
}

/** The job at a confirmation deadline: a supplier who stayed silent is treated as declining. */
export async function expireConfirmation(trx: Trx, payload: Record<string, unknown>) {
  const orderId = Number(payload.orderId)
  const order = await trx.selectFrom('catalogue_orders').selectAll().where('id', '=', orderId).forUpdate().executeTakeFirst()
  if (!order || order.status !== 'placed' || order.candidate_index !== Number(payload.candidateIndex)) return
  if (!(await deadlinePassed(trx, order.confirm_deadline))) return
  await passOn(trx, { actor: null, clientAddress: null }, order, '', true)
}

export async function cancelOrder(db: DB, ctx: AuditContext & { actor: Actor }, id: number) {
  await db.transaction().execute(async (trx) => {
    const order = await lockOrder(trx, id)
    if (ctx.actor.role !== 'agency' || ctx.actor.organizationId !== order.purchaser_org_id) throw new ForbiddenError()
    if (order.status !== 'placed') throw new FieldError('_form', 'cat.order.wrongState')
    await trx.updateTable('catalogue_orders').set({ status: 'cancelled', updated_at: sql`now()` }).where('id', '=', id).execute()
    await recordAudit(trx, ctx, { action: 'catalogue.order_cancelled', entityType: 'catalogue_order', entityId: id, payload: { orderNo: order.order_no } })
  })
}

/** The buyer accepts delivery: the order becomes a contract record, published now. */
export async function acceptOrder(db: DB, ctx: AuditContext & { actor: Actor }, id: number) {
  await db.transaction().execute(async (trx) => {
    const order = await lockOrder(trx, id)
    if (ctx.actor.role !== 'agency' || ctx.actor.organizationId !== order.purchaser_org_id) throw new ForbiddenError()
    if (order.status !== 'confirmed') throw new FieldError('_form', 'cat.order.wrongState')
    const now = await dbNow(trx)
    const contractNo = contractNumber(shanghaiDate(now), order.id)
    await trx.updateTable('catalogue_orders').set({ status: 'accepted', accepted_at: now, contract_no: contractNo, contract_published_at: now, updated_at: now }).where('id', '=', id).execute()
    await recordAudit(trx, ctx, { action: 'catalogue.order_accepted', entityType: 'catalogue_order', entityId: id, payload: { orderNo: order.order_no, contractNo, totalFen: Number(order.total_fen) } })
  })
}

export async function rateOrder(db: DB, ctx: AuditContext & { actor: Actor }, id: number, input: { scores: Record<string, number>; comment: string }) {
  await db.transaction().execute(async (trx) => {
    const order = await lockOrder(trx, id)
    if (ctx.actor.role !== 'agency' || ctx.actor.organizationId !== order.purchaser_org_id) throw new ForbiddenError()
    if (order.status !== 'accepted') throw new FieldError('_form', 'cat.order.wrongState')
    const done = await trx.selectFrom('supplier_ratings').select('id').where('order_id', '=', id).executeTakeFirst()
    if (done) throw new FieldError('_form', 'cat.rating.already')
    const rules = await getRules(trx, order.category_code)
    const overall = overallRating(rules.ratingCriteria, input.scores)
    if (overall === null) {
      const missing = rules.ratingCriteria.find((c) => !input.scores[c.key]) ?? rules.ratingCriteria[0]!
      throw new FieldError(`score.${missing.key}`, 'cat.rating.scoreRequired')
    }
    await trx.insertInto('supplier_ratings').values({ order_id: id, supplier_org_id: order.supplier_org_id, category_code: order.category_code, scores: JSON.stringify(input.scores), overall, comment: input.comment, rated_by: ctx.actor.id }).execute()
    await recordAudit(trx, ctx, { action: 'catalogue.supplier_rated', entityType: 'catalogue_order', entityId: id, payload: { supplierId: order.supplier_org_id, scores: input.scores, overall } })
  })
}

function canSee(actor: Actor, order: { purchaser_org_id: number; supplier_org_id: number; candidates: unknown }) {
  if (hasPermission(actor, 'read:catalogue')) return true
  if (actor.role === 'agency') return actor.organizationId === order.purchaser_org_id
  if (actor.role === 'supplier') return actor.organizationId === order.supplier_org_id
  return false
}

export async function getOrder(db: DB, actor: Actor, id: number) {
  const order = await db
    .selectFrom('catalogue_orders')
    .innerJoin('organizations as buyer', 'buyer.id', 'catalogue_orders.purchaser_org_id')
    .innerJoin('organizations as seller', 'seller.id', 'catalogue_orders.supplier_org_id')
    .innerJoin('categories', 'categories.code', 'catalogue_orders.category_code')
    .selectAll('catalogue_orders')
    .select(['buyer.name as buyer_name', 'seller.name as supplier_name', 'seller.region as supplier_region', 'categories.name_zh', 'categories.name_en'])
    .where('catalogue_orders.id', '=', id)
    .executeTakeFirst()
  if (!order) throw new NotFoundError()
  if (!canSee(actor, order)) throw new ForbiddenError()
  const [rating, rules, deadline] = await Promise.all([
    db.selectFrom('supplier_ratings').selectAll().where('order_id', '=', id).executeTakeFirst(),
    getRules(db, order.category_code),
    sql<{ passed: boolean }>`select now() >= ${order.confirm_deadline}::timestamptz as passed`.execute(db),
  ])
  const candidateIds = (order.candidates as Candidate[]).map((c) => c.organizationId)
  const names = candidateIds.length ? await db.selectFrom('organizations').select(['id', 'name']).where('id', 'in', candidateIds).execute() : []
  const nameOf = new Map(names.map((n) => [n.id, n.name]))
  return { order, rating, rules, deadlinePassed: deadline.rows[0]!.passed, candidates: candidateIds.map((cid) => ({ id: cid, name: nameOf.get(cid) ?? '' })) }
}

export interface OrderFilters {
  status?: 'placed' | 'confirmed' | 'declined' | 'accepted' | 'cancelled'
  categoryCode?: string
  q?: string
  contractsOnly?: boolean
  sort?: 'newest' | 'oldest' | 'amount'
  page: number
  pageSize: number
}

export async function listOrders(db: DB, actor: Actor, f: OrderFilters) {
  const all = hasPermission(actor, 'read:catalogue')
  if (!all && !(actor.organizationId && (actor.role === 'agency' || actor.role === 'supplier'))) throw new ForbiddenError()
  const base = db
    .selectFrom('catalogue_orders')
    .innerJoin('organizations as buyer', 'buyer.id', 'catalogue_orders.purchaser_org_id')
    .innerJoin('organizations as seller', 'seller.id', 'catalogue_orders.supplier_org_id')
    .innerJoin('categories', 'categories.code', 'catalogue_orders.category_code')
    .$if(!all && actor.role === 'agency', (q) => q.where('catalogue_orders.purchaser_org_id', '=', actor.organizationId!))
    .$if(!all && actor.role === 'supplier', (q) => q.where('catalogue_orders.supplier_org_id', '=', actor.organizationId!))
    .$if(!!f.status, (q) => q.where('catalogue_orders.status', '=', f.status!))
    .$if(!!f.contractsOnly, (q) => q.where('catalogue_orders.contract_no', 'is not', null))
    .$if(!!f.categoryCode, (q) => q.where('catalogue_orders.category_code', '=', f.categoryCode!))
    .$if(!!f.q, (q) =>
      q.where((eb) =>
        eb.or([
          eb('catalogue_orders.order_no', 'ilike', `%${escapeLike(f.q!)}%`),
          eb('catalogue_orders.contract_no', 'ilike', `%${escapeLike(f.q!)}%`),
          eb('catalogue_orders.item_name', 'ilike', `%${escapeLike(f.q!)}%`),
          eb('seller.name', 'ilike', `%${escapeLike(f.q!)}%`),
          eb('buyer.name', 'ilike', `%${escapeLike(f.q!)}%`),
        ]),
      ),
    )
  const sort = f.sort ?? 'newest'
  const [rows, count] = await Promise.all([
    base
      .select([
        'catalogue_orders.id',
        'catalogue_orders.order_no',
        'catalogue_orders.contract_no',
        'catalogue_orders.status',
        'catalogue_orders.category_code',
        'catalogue_orders.item_name',
        'catalogue_orders.quantity',
        'catalogue_orders.unit',
        'catalogue_orders.unit_price_fen',
        'catalogue_orders.total_fen',
        'catalogue_orders.placed_at',
        'catalogue_orders.confirm_deadline',
        'catalogue_orders.contract_published_at',
        'catalogue_orders.allocation',
        'buyer.name as buyer_name',
        'seller.name as supplier_name',
        'categories.name_zh',
        'categories.name_en',
      ])
      .$call((q) => (sort === 'amount' ? q.orderBy('catalogue_orders.total_fen', 'desc') : q.orderBy('catalogue_orders.placed_at', sort === 'oldest' ? 'asc' : 'desc')))
      .orderBy('catalogue_orders.id', 'desc')
      .limit(f.pageSize)
      .offset((f.page - 1) * f.pageSize)
      .execute(),
    base.select(sql<number>`count(*)::int`.as('n')).executeTakeFirstOrThrow(),
  ])
  return { rows, total: count.n }
}

/** The figures on the centre's catalogue dashboard. */
export async function catalogueDashboard(db: DB, actor: Actor) {
  if (!hasPermission(actor, 'read:catalogue')) throw new ForbiddenError()
  const [perCategory, totals, waiting, expiring, pendingRises] = await Promise.all([
    db
      .selectFrom('categories')
      .leftJoin('catalogue_orders', 'catalogue_orders.category_code', 'categories.code')
      .where('categories.market', '=', 'catalogue')
      .groupBy(['categories.code', 'categories.name_zh', 'categories.name_en'])
      .select([
        'categories.code',
        'categories.name_zh',
        'categories.name_en',
        sql<number>`count(catalogue_orders.id)::int`.as('orders'),
        sql<string>`coalesce(sum(catalogue_orders.total_fen) filter (where catalogue_orders.status in ('confirmed','accepted')), 0)::text`.as('spend'),
        sql<string | null>`round((avg(extract(epoch from catalogue_orders.confirmed_at - catalogue_orders.offered_at)) / 3600)::numeric, 1)::text`.as('avg_confirm_hours'),
      ])
      .orderBy('categories.code')
      .execute(),
    db
      .selectFrom('catalogue_orders')
      .select([
        sql<number>`count(*)::int`.as('orders'),
        sql<number>`(count(*) filter (where status = 'accepted'))::int`.as('contracts'),
        sql<string>`coalesce(sum(total_fen) filter (where status in ('confirmed','accepted')), 0)::text`.as('spend'),
      ])
      .executeTakeFirstOrThrow(),
    db.selectFrom('applications').where('status', '=', 'submitted').select(sql<number>`count(*)::int`.as('n')).executeTakeFirstOrThrow(),
    db
      .selectFrom('memberships')
      .where((eb) => eligibleCondition(eb))
      .where('valid_until', '<=', sql<Date>`now() + interval '30 days'`)
      .select(sql<number>`count(*)::int`.as('n'))
      .executeTakeFirstOrThrow(),
    db.selectFrom('menu_prices').where('status', '=', 'pending').select(sql<number>`count(*)::int`.as('n')).executeTakeFirstOrThrow(),
  ])
  return {
    perCategory: perCategory.map((c) => ({ ...c, spend: Number(c.spend), avgConfirmHours: c.avg_confirm_hours === null ? null : Number(c.avg_confirm_hours) })),
    totals: { ...totals, spend: Number(totals.spend) },
    waitingApplications: waiting.n,
    expiringMemberships: expiring.n,
    pendingPriceRises: pendingRises.n,
  }
}
