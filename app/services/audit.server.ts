import { createHash } from 'node:crypto'
import { sql, type Transaction } from 'kysely'
import type { Database } from '../../db/schema'
import type { DB } from '../../db/client'
import { auditHashInput, findChainBreak, GENESIS_HASH, type ChainBreak } from '~/domain/audit-chain'
import type { Actor } from '~/domain/permissions'

export interface AuditContext {
  actor: Actor | null
  clientAddress: string | null
}

export interface AuditEvent {
  action: string
  entityType: string
  entityId?: string | number | null
  payload?: Record<string, unknown>
}

// One number for the advisory lock that serialises appends, so two transactions never link to the same previous row.
const AUDIT_CHAIN_LOCK = 7_243_001

export const sha256Hex = (input: string) => createHash('sha256').update(input, 'utf8').digest('hex')

/** Appends one event to the audit chain inside the caller's transaction, stamped with the database clock. */
export async function recordAudit(trx: Transaction<Database>, ctx: AuditContext, event: AuditEvent): Promise<void> {
  await sql`select pg_advisory_xact_lock(${AUDIT_CHAIN_LOCK})`.execute(trx)
  const { now } = await sql<{ now: Date }>`select date_trunc('milliseconds', now()) as now`
    .execute(trx)
    .then((r) => r.rows[0]!)
  const last = await trx.selectFrom('audit_log').select('hash').orderBy('id', 'desc').limit(1).executeTakeFirst()
  const prevHash = last?.hash ?? GENESIS_HASH
  const entry = {
    at: new Date(now),
    actorUserId: ctx.actor?.id ?? null,
    actorLabel: ctx.actor ? `${ctx.actor.displayName} (${ctx.actor.username})` : 'system',
    action: event.action,
    entityType: event.entityType,
    entityId: event.entityId == null ? null : String(event.entityId),
    payload: event.payload ?? {},
    clientAddress: ctx.clientAddress,
  }
  await trx
    .insertInto('audit_log')
    .values({
      at: entry.at,
      actor_user_id: entry.actorUserId,
      actor_label: entry.actorLabel,
      action: entry.action,
      entity_type: entry.entityType,
      entity_id: entry.entityId,
      payload: JSON.stringify(entry.payload),
      client_address: entry.clientAddress,
      prev_hash: prevHash,
      hash: sha256Hex(auditHashInput(prevHash, entry)),
    })
    .execute()
}

export interface ChainReport {
  ok: boolean
  checked: number
  firstBreak: ChainBreak | null
}

/** Re-hashes the whole chain in id order, a page at a time, and names the first row that does not match. */
export async function verifyAuditChain(db: DB, pageSize = 5000): Promise<ChainReport> {
  let prev = GENESIS_HASH
  let afterId = 0
  let checked = 0
  for (;;) {
    const rows = await db
      .selectFrom('audit_log')
      .selectAll()
      .where('id', '>', afterId)
      .orderBy('id')
      .limit(pageSize)
      .execute()
    if (rows.length === 0) return { ok: true, checked, firstBreak: null }
    const entries = rows.map((r) => ({
      id: r.id,
      at: r.at,
      actorUserId: r.actor_user_id,
      actorLabel: r.actor_label,
      action: r.action,
      entityType: r.entity_type,
      entityId: r.entity_id,
      payload: r.payload,
      clientAddress: r.client_address,
      prevHash: r.prev_hash,
      hash: r.hash,
    }))
    const broken = findChainBreak(entries, sha256Hex, prev)
    if (broken) return { ok: false, checked: checked + entries.findIndex((e) => e.id === broken.id), firstBreak: broken }
    checked += rows.length
    prev = rows.at(-1)!.hash
    afterId = rows.at(-1)!.id
  }
}

export interface AuditFilters {
  action?: string
  entityType?: string
  entityId?: string
  actor?: string
  from?: Date
  to?: Date
  page: number
  pageSize: number
}

export async function listAudit(db: DB, f: AuditFilters) {
  const base = db
    .selectFrom('audit_log')
    .$if(!!f.action, (q) => q.where('action', 'like', `${escapeLike(f.action!)}%`))
    .$if(!!f.entityType, (q) => q.where('entity_type', '=', f.entityType!))
    .$if(!!f.entityId, (q) => q.where('entity_id', '=', f.entityId!))
    .$if(!!f.actor, (q) => q.where('actor_label', 'ilike', `%${escapeLike(f.actor!)}%`))
    .$if(!!f.from, (q) => q.where('at', '>=', f.from!))
    .$if(!!f.to, (q) => q.where('at', '<', f.to!))
  const [rows, count, actions] = await Promise.all([
    base
      .selectAll()
      .orderBy('id', 'desc')
      .limit(f.pageSize)
      .offset((f.page - 1) * f.pageSize)
      .execute(),
    base.select(sql<number>`count(*)::int`.as('n')).executeTakeFirstOrThrow(),
    db.selectFrom('audit_log').select('action').distinct().orderBy('action').execute(),
  ])
  return { rows, total: count.n, actions: actions.map((a) => a.action) }
}

export function escapeLike(s: string): string {
  return s.replace(/[\\%_]/g, (c) => `\\${c}`)
}
