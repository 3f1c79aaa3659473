import { sql, type Expression, type SqlBool, type Transaction, type ExpressionBuilder } from 'kysely'
import type { DB } from '../../db/client'
import type { Database } from '../../db/schema'
import { hasPermission, type Actor } from '~/domain/permissions'
import { recordAudit, type AuditContext } from './audit.server'
import { FieldError, ForbiddenError, NotFoundError } from './errors'
import { scheduleJob } from './jobs.server'

// Who is admitted in a catalogue or supermarket category, decided by the database clock.
//
// memberships.status is 'active' | 'suspended' | 'removed'; "expired" is not stored: it is valid_until <= now().
// A suspension ends by itself: a 'suspended' row whose suspended_until has passed counts as active again.

type Conn = DB | Transaction<Database>

/** The SQL condition "this membership row admits its organisation right now" (organisation status checked too). */
export function eligibleCondition(eb: ExpressionBuilder<Database, 'memberships'>): Expression<SqlBool> {
  return eb.and([
    eb('memberships.valid_from', '<=', sql<Date>`now()`),
    eb('memberships.valid_until', '>', sql<Date>`now()`),
    eb.or([
      eb('memberships.status', '=', 'active'),
      eb.and([eb('memberships.status', '=', 'suspended'), eb('memberships.suspended_until', '<=', sql<Date>`now()`)]),
    ]),
    eb.exists(
      eb
        .selectFrom('organizations')
        .select(sql`1`.as('one'))
        .whereRef('organizations.id', '=', 'memberships.organization_id')
        .where('organizations.status', '=', 'active'),
    ),
  ])
}

/** The organisation ids admitted in a category right now (active, within validity, not suspended, organisation active). */
export async function eligibleMemberIds(db: Conn, categoryCode: string): Promise<number[]> {
  const rows = await db
    .selectFrom('memberships')
    .select('organization_id')
    .where('category_code', '=', categoryCode)
    .where((eb) => eligibleCondition(eb))
    .orderBy('organization_id')
    .execute()
  return rows.map((r) => r.organization_id)
}

export async function isEligibleMember(db: Conn, organizationId: number, categoryCode: string): Promise<boolean> {
  const row = await db
    .selectFrom('memberships')
    .select('id')
    .where('organization_id', '=', organizationId)
    .where('category_code', '=', categoryCode)
    .where((eb) => eligibleCondition(eb))
    .executeTakeFirst()
  return !!row
}

/** The state a person reads: stored status, with expiry and the end of a suspension applied by the database clock. */
export type MembershipState = 'active' | 'expiring' | 'suspended' | 'removed' | 'expired'

export const membershipStateSql = sql<MembershipState>`case
  when memberships.status = 'removed' then 'removed'
  when memberships.valid_until <= now() then 'expired'
  when memberships.status = 'suspended' and (memberships.suspended_until is null or memberships.suspended_until > now()) then 'suspended'
  when memberships.valid_until <= now() + interval '30 days' then 'expiring'
  else 'active' end`

export interface MembershipFilters {
  categoryCode?: string
  state?: MembershipState
  q?: string
  organizationId?: number
  sort?: 'valid_until' | 'name' | 'category'
  page: number
  pageSize: number
}

function membershipBase(db: Conn, f: Omit<MembershipFilters, 'page' | 'pageSize' | 'sort'>) {
  return db
    .selectFrom('memberships')
    .innerJoin('organizations', 'organizations.id', 'memberships.organization_id')
    .innerJoin('categories', 'categories.code', 'memberships.category_code')
    .$if(!!f.categoryCode, (q) => q.where('memberships.category_code', '=', f.categoryCode!))
    .$if(!!f.organizationId, (q) => q.where('memberships.organization_id', '=', f.organizationId!))
    .$if(!!f.q, (q) => q.where('organizations.name', 'ilike', `%${f.q!.replace(/[\\%_]/g, (c) => `\\${c}`)}%`))
    .$if(!!f.state, (q) => q.where(membershipStateSql, '=', f.state!))
}

export async function listMemberships(db: Conn, actor: Actor, f: MembershipFilters) {
  if (!hasPermission(actor, 'read:catalogue')) {
    if (!actor.organizationId) throw new ForbiddenError()
    f = { ...f, organizationId: actor.organizationId }
  }
  const base = membershipBase(db, f)
  const order = f.sort ?? 'valid_until'
  const [rows, count] = await Promise.all([
    base
      .select([
        'memberships.id',
        'memberships.organization_id',
        'memberships.category_code',
        'memberships.status',
        'memberships.valid_from',
        'memberships.valid_until',
        'memberships.suspended_until',
        'memberships.suspension_reason',
        'memberships.removal_reason',
        'organizations.name as organization_name',
        'organizations.region',
        'categories.name_zh',
        'categories.name_en',
        'categories.market',
        membershipStateSql.as('state'),
      ])
      .$call((q) =>
        order === 'name' ? q.orderBy('organizations.name') : order === 'category' ? q.orderBy('memberships.category_code').orderBy('organizations.name') : q.orderBy('memberships.valid_until'),
      )
      .orderBy('memberships.id')
      .limit(f.pageSize)
      .offset((f.page - 1) * f.pageSize)
      .execute(),
    base.select(sql<number>`count(*)::int`.as('n')).executeTakeFirstOrThrow(),
  ])
  return { rows, total: count.n }
}

/** Suspends a member until a date, with a reason the supplier sees. It drops out of browsing and ordering at once. */
export async function suspendMembership(db: DB, ctx: AuditContext & { actor: Actor }, id: number, input: { until: Date; reason: string }) {
  if (!hasPermission(ctx.actor, 'manage:catalogue')) throw new ForbiddenError()
  await db.transaction().execute(async (trx) => {
    const m = await trx.selectFrom('memberships').selectAll().where('id', '=', id).forUpdate().executeTakeFirst()
    if (!m) throw new NotFoundError()
    if (m.status === 'removed') throw new FieldError('reason', 'cat.member.alreadyRemoved')
    const future = await sql<{ ok: boolean }>`select ${input.until}::timestamptz > now() as ok`.execute(trx)
    if (!future.rows[0]!.ok) throw new FieldError('until', 'cat.member.untilPast')
    await trx
      .updateTable('memberships')
      .set({ status: 'suspended', suspended_until: input.until, suspension_reason: input.reason, updated_at: sql`now()` })
      .where('id', '=', id)
      .execute()
    await scheduleJob(trx, { kind: 'catalogue.end_suspensions', runAt: input.until, dedupeKey: `catalogue.end_suspensions:${id}:${input.until.toISOString()}` })
    await recordAudit(trx, ctx, {
      action: 'membership.suspended',
      entityType: 'membership',
      entityId: id,
      payload: { organizationId: m.organization_id, category: m.category_code, until: input.until.toISOString(), reason: input.reason },
    })
  })
}

export async function liftSuspension(db: DB, ctx: AuditContext & { actor: Actor }, id: number) {
  if (!hasPermission(ctx.actor, 'manage:catalogue')) throw new ForbiddenError()
  await db.transaction().execute(async (trx) => {
    const m = await trx.selectFrom('memberships').selectAll().where('id', '=', id).forUpdate().executeTakeFirst()
    if (!m) throw new NotFoundError()
    if (m.status !== 'suspended') return
    await trx.updateTable('memberships').set({ status: 'active', suspended_until: null, updated_at: sql`now()` }).where('id', '=', id).execute()
    await recordAudit(trx, ctx, { action: 'membership.reinstated', entityType: 'membership', entityId: id, payload: { organizationId: m.organization_id, category: m.category_code } })
  })
}

/** Removes a member from the category for good, with a reason. A new application is needed to come back. */
export async function removeMembership(db: DB, ctx: AuditContext & { actor: Actor }, id: number, reason: string) {
  if (!hasPermission(ctx.actor, 'manage:catalogue')) throw new ForbiddenError()
  await db.transaction().execute(async (trx) => {
    const m = await trx.selectFrom('memberships').selectAll().where('id', '=', id).forUpdate().executeTakeFirst()
    if (!m) throw new NotFoundError()
    if (m.status === 'removed') return
    await trx.updateTable('memberships').set({ status: 'removed', removal_reason: reason, updated_at: sql`now()` }).where('id', '=', id).execute()
    await trx.updateTable('menu_items').set({ status: 'withdrawn', updated_at: sql`now()` }).where('membership_id', '=', id).execute()
    await recordAudit(trx, ctx, { action: 'membership.removed', entityType: 'membership', entityId: id, payload: { organizationId: m.organization_id, category: m.category_code, reason } })
  })
}

/**
 * Housekeeping run by the job worker: suspensions whose end has passed are written back to 'active', each with an
 * audit event. Eligibility never waits for this (it is derived from suspended_until), the record just catches up.
 */
export async function endSuspensions(trx: Transaction<Database>): Promise<number> {
  const ended = await trx
    .updateTable('memberships')
    .set({ status: 'active', updated_at: sql`now()` })
    .where('status', '=', 'suspended')
    .where('suspended_until', '<=', sql<Date>`now()`)
    .returning(['id', 'organization_id', 'category_code', 'suspended_until'])
    .execute()
  for (const m of ended) {
    await recordAudit(trx, { actor: null, clientAddress: null }, {
      action: 'membership.suspension_ended',
      entityType: 'membership',
      entityId: m.id,
      payload: { organizationId: m.organization_id, category: m.category_code },
    })
  }
  return ended.length
}
