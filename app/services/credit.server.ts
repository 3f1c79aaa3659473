import { sql, type Transaction } from 'kysely'
import type { DB } from '../../db/client'
import type { Database } from '../../db/schema'
import { STARTING_CREDIT } from '~/domain/selection'
import { recordAudit, type AuditContext } from './audit.server'

// Credit points (信用分) and suspensions (限制进场): every supplier starts at 100; credit_events add or deduct.
type Conn = DB | Transaction<Database>

export async function creditScores(db: Conn, orgIds: readonly number[]): Promise<Map<number, number>> {
  const scores = new Map(orgIds.map((id) => [id, STARTING_CREDIT]))
  if (orgIds.length === 0) return scores
  const rows = await db
    .selectFrom('credit_events')
    .select(['organization_id', sql<number>`sum(points)::int`.as('points')])
    .where('organization_id', 'in', orgIds)
    .groupBy('organization_id')
    .execute()
  for (const r of rows) scores.set(r.organization_id, STARTING_CREDIT + r.points)
  return scores
}

/** Organisations whose suspension runs now, by the database clock. */
export async function suspendedOrgIds(db: Conn, orgIds?: readonly number[]): Promise<Set<number>> {
  if (orgIds && orgIds.length === 0) return new Set()
  const rows = await db
    .selectFrom('credit_events')
    .select('organization_id')
    .distinct()
    .where('suspended_until', '>', sql<Date>`now()`)
    .$if(!!orgIds, (q) => q.where('organization_id', 'in', orgIds!))
    .execute()
  return new Set(rows.map((r) => r.organization_id))
}

/** Records a credit event (a deduction for an unjustified decline, say) with its audit entry. */
export async function recordCreditEvent(
  trx: Transaction<Database>,
  ctx: AuditContext,
  event: { organizationId: number; points: number; kind: string; reason: string; projectId?: number | null; suspendedUntil?: Date | null },
) {
  await trx
    .insertInto('credit_events')
    .values({
      organization_id: event.organizationId,
      points: event.points,
      kind: event.kind,
      reason: event.reason,
      project_id: event.projectId ?? null,
      suspended_until: event.suspendedUntil ?? null,
    })
    .execute()
  await recordAudit(trx, ctx, {
    action: 'credit.event',
    entityType: 'organization',
    entityId: event.organizationId,
    payload: { points: event.points, kind: event.kind, reason: event.reason, projectId: event.projectId ?? null },
  })
}
