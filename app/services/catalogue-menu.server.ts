import { sql } from 'kysely'
import type { DB } from '../../db/client'
import { isPriceRise, validateItemFields, type FieldProblem } from '~/domain/catalogue'
import { hasPermission, type Actor } from '~/domain/permissions'
import type { MessageKey } from '~/lib/i18n'
import { recordAudit, type AuditContext } from './audit.server'
import { getRules } from './catalogue.server'
import { FieldError, ForbiddenError, NotFoundError } from './errors'
import { eligibleCondition, membershipStateSql } from './memberships.server'

// A member's menu (菜单) in each of its categories: items with specification, unit, the category's own fields and an
// agreement price in fen. A price change adds a new price row; orders keep the row they were placed at. Where the
// category says so, a rise waits for the centre's approval while the old price stays in force.

export const FIELD_MESSAGES: Record<FieldProblem, MessageKey> = {
  required: 'field.required',
  number: 'cat.field.number',
  range: 'cat.field.range',
  choice: 'field.invalidChoice',
  tooLong: 'field.tooLong',
}

export interface MenuItemInput {
  name: string
  specification: string
  unit: string
  priceFen: number
  fields: Record<string, string | string[]>
}

function requireSupplier(actor: Actor): number {
  if (actor.role !== 'supplier' || !actor.organizationId) throw new ForbiddenError()
  return actor.organizationId
}

/** The supplier's memberships with their state, and its menu in one category (or all). */
export async function myMenu(db: DB, actor: Actor, categoryCode?: string) {
  const orgId = requireSupplier(actor)
  const memberships = await db
    .selectFrom('memberships')
    .innerJoin('categories', 'categories.code', 'memberships.category_code')
    .where('memberships.organization_id', '=', orgId)
    .select([
      'memberships.id',
      'memberships.category_code',
      'memberships.valid_from',
      'memberships.valid_until',
      'memberships.suspended_until',
      'memberships.suspension_reason',
      'memberships.removal_reason',
      'categories.name_zh',
      'categories.name_en',
      'categories.market',
      membershipStateSql.as('state'),
    ])
    .orderBy('memberships.category_code')
    .execute()
  const items = categoryCode
    ? await db
        .selectFrom('menu_items')
        .leftJoin('menu_prices as p', (j) => j.onRef('p.menu_item_id', '=', 'menu_items.id').on('p.status', '=', 'active'))
        .leftJoin('menu_prices as pending', (j) => j.onRef('pending.menu_item_id', '=', 'menu_items.id').on('pending.status', '=', 'pending'))
        .where('menu_items.organization_id', '=', orgId)
        .where('menu_items.category_code', '=', categoryCode)
        .select(['menu_items.id', 'menu_items.name', 'menu_items.specification', 'menu_items.unit', 'menu_items.fields', 'menu_items.status', 'p.price_fen', 'p.id as price_id', 'pending.price_fen as pending_fen'])
        .orderBy('menu_items.status')
        .orderBy('menu_items.id')
        .execute()
    : []
  return { memberships, items, rules: categoryCode ? await getRules(db, categoryCode) : null }
}

async function eligibleMembership(db: Pick<DB, 'selectFrom'>, orgId: number, categoryCode: string) {
  return db
    .selectFrom('memberships')
    .select('id')
    .where('organization_id', '=', orgId)
    .where('category_code', '=', categoryCode)
    .where((eb) => eligibleCondition(eb))
    .executeTakeFirst()
}

export async function addMenuItem(db: DB, ctx: AuditContext & { actor: Actor }, categoryCode: string, input: MenuItemInput) {
  const orgId = requireSupplier(ctx.actor)
  const rules = await getRules(db, categoryCode)
  const checked = validateItemFields(rules.itemFields, input.fields)
  if (!checked.ok) {
    const [key, problem] = Object.entries(checked.errors)[0]!
    throw new FieldError(`field.${key}`, FIELD_MESSAGES[problem])
  }
  return db.transaction().execute(async (trx) => {
    const membership = await eligibleMembership(trx, orgId, categoryCode)
    if (!membership) throw new ForbiddenError('not an admitted member')
    const item = await trx
      .insertInto('menu_items')
      .values({ membership_id: membership.id, organization_id: orgId, category_code: categoryCode, name: input.name, specification: input.specification, unit: input.unit, fields: JSON.stringify(checked.values) })
      .returning('id')
      .executeTakeFirstOrThrow()
    await trx.insertInto('menu_prices').values({ menu_item_id: item.id, price_fen: input.priceFen, status: 'active', created_by: ctx.actor.id }).execute()
    await recordAudit(trx, ctx, { action: 'menu.item_added', entityType: 'menu_item', entityId: item.id, payload: { category: categoryCode, ...input, fields: checked.values } })
    return item.id
  })
}

/** A new price. Returns 'active' when in force at once, 'pending' when a rise waits for the centre. */
export async function changePrice(db: DB, ctx: AuditContext & { actor: Actor }, itemId: number, priceFen: number): Promise<'active' | 'pending' | 'unchanged'> {
  const orgId = requireSupplier(ctx.actor)
  return db.transaction().execute(async (trx) => {
    const item = await trx.selectFrom('menu_items').selectAll().where('id', '=', itemId).forUpdate().executeTakeFirst()
    if (!item) throw new NotFoundError()
    if (item.organization_id !== orgId) throw new ForbiddenError()
    if (item.status !== 'active') throw new FieldError('price', 'cat.menu.withdrawn')
    if (!(await eligibleMembership(trx, orgId, item.category_code))) throw new ForbiddenError('not an admitted member')
    const current = await trx.selectFrom('menu_prices').select(['id', 'price_fen']).where('menu_item_id', '=', itemId).where('status', '=', 'active').executeTakeFirstOrThrow()
    const oldFen = Number(current.price_fen)
    if (oldFen === priceFen) return 'unchanged'
    const rules = await getRules(trx, item.category_code)
    // Any earlier pending request is replaced by this one.
    await trx.updateTable('menu_prices').set({ status: 'superseded' }).where('menu_item_id', '=', itemId).where('status', '=', 'pending').execute()
    if (rules.priceRiseApproval && isPriceRise(oldFen, priceFen)) {
      const row = await trx.insertInto('menu_prices').values({ menu_item_id: itemId, price_fen: priceFen, status: 'pending', created_by: ctx.actor.id }).returning('id').executeTakeFirstOrThrow()
      await recordAudit(trx, ctx, { action: 'menu.price_rise_requested', entityType: 'menu_item', entityId: itemId, payload: { from: oldFen, to: priceFen, priceId: row.id } })
      return 'pending'
    }
    await trx.updateTable('menu_prices').set({ status: 'superseded' }).where('id', '=', current.id).execute()
    const row = await trx.insertInto('menu_prices').values({ menu_item_id: itemId, price_fen: priceFen, status: 'active', created_by: ctx.actor.id }).returning('id').executeTakeFirstOrThrow()
    await trx.updateTable('menu_items').set({ updated_at: sql`now()` }).where('id', '=', itemId).execute()
    await recordAudit(trx, ctx, { action: 'menu.price_changed', entityType: 'menu_item', entityId: itemId, payload: { from: oldFen, to: priceFen, priceId: row.id } })
    return 'active'
  })
}

export async function withdrawMenuItem(db: DB, ctx: AuditContext & { actor: Actor }, itemId: number) {
  const orgId = requireSupplier(ctx.actor)
  await db.transaction().execute(async (trx) => {
    const item = await trx.selectFrom('menu_items').select(['id', 'organization_id', 'status']).where('id', '=', itemId).forUpdate().executeTakeFirst()
    if (!item) throw new NotFoundError()
    if (item.organization_id !== orgId) throw new ForbiddenError()
    if (item.status === 'withdrawn') return
    await trx.updateTable('menu_items').set({ status: 'withdrawn', updated_at: sql`now()` }).where('id', '=', itemId).execute()
    await recordAudit(trx, ctx, { action: 'menu.item_withdrawn', entityType: 'menu_item', entityId: itemId })
  })
}

/** Price rises waiting for the centre. */
export async function pendingPriceRises(db: DB, actor: Actor) {
  if (!hasPermission(actor, 'read:catalogue')) throw new ForbiddenError()
  return db
    .selectFrom('menu_prices as pending')
    .innerJoin('menu_items', 'menu_items.id', 'pending.menu_item_id')
    .innerJoin('organizations', 'organizations.id', 'menu_items.organization_id')
    .leftJoin('menu_prices as cur', (j) => j.onRef('cur.menu_item_id', '=', 'menu_items.id').on('cur.status', '=', 'active'))
    .where('pending.status', '=', 'pending')
    .select(['pending.id', 'pending.price_fen as new_fen', 'cur.price_fen as old_fen', 'pending.created_at', 'menu_items.name', 'menu_items.specification', 'menu_items.unit', 'menu_items.category_code', 'organizations.name as supplier_name'])
    .orderBy('pending.created_at')
    .execute()
}

export async function decidePriceRise(db: DB, ctx: AuditContext & { actor: Actor }, priceId: number, approve: boolean) {
  if (!hasPermission(ctx.actor, 'manage:catalogue')) throw new ForbiddenError()
  await db.transaction().execute(async (trx) => {
    const p = await trx.selectFrom('menu_prices').selectAll().where('id', '=', priceId).forUpdate().executeTakeFirst()
    if (!p) throw new NotFoundError()
    if (p.status !== 'pending') throw new FieldError('decision', 'cat.menu.notPending')
    if (approve) {
      await trx.updateTable('menu_prices').set({ status: 'superseded' }).where('menu_item_id', '=', p.menu_item_id).where('status', '=', 'active').execute()
    }
    await trx.updateTable('menu_prices').set({ status: approve ? 'active' : 'rejected', decided_by: ctx.actor.id, decided_at: sql`now()` }).where('id', '=', priceId).execute()
    await recordAudit(trx, ctx, { action: approve ? 'menu.price_rise_approved' : 'menu.price_rise_rejected', entityType: 'menu_item', entityId: p.menu_item_id, payload: { priceId, priceFen: Number(p.price_fen) } })
  })
}
