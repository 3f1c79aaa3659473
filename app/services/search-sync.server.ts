import { sql, type Transaction } from 'kysely'
import type { DB } from '../../db/client'
import type { Database } from '../../db/schema'
import { SEARCH_STATUSES, type SearchEngine } from '../../search/engine'
import { allDocuments, documentsForOrganizations, organizationsForEntity } from './search-documents.server'
import { retryDelaySeconds, scheduleJob } from './jobs.server'

// Keeps the search index in step with the database through the outbox (db/migrations/20261122003000_search.ts).
//
// - `applyOrganizations` makes the index hold exactly the current documents of some organisations (upsert what the
//   database has, delete what it no longer has). It is idempotent, so applying a row twice is harmless.
// - Meilisearch (one index shared by every instance): `claimAndApply` claims pending rows with FOR UPDATE SKIP LOCKED,
//   applies them and marks them done in the same transaction; a failure leaves them pending with a later run_at.
// - Embedded (an index inside each process): `OutboxFollower` reads every row in transaction order, up to the oldest
//   transaction still running (so no row committed late is ever skipped), and applies it to this process's index.

type Conn = DB | Transaction<Database>

export interface OutboxRow {
  id: number
  entity_type: string
  entity_id: string
}

/** Rebuilds the documents of these organisations in the index from the database. */
export async function applyOrganizations(db: Conn, engine: SearchEngine, orgIds: readonly number[]): Promise<{ upserted: number; deleted: number }> {
  const ids = [...new Set(orgIds)]
  if (ids.length === 0) return { upserted: 0, deleted: 0 }
  const current = await documentsForOrganizations(db, ids)
  const docs = [...current.values()].flat()
  const keep = new Set(docs.map((d) => d.id))
  const stale: string[] = []
  for (const orgId of ids) {
    for (const id of await indexedIdsOf(engine, orgId)) if (!keep.has(id)) stale.push(id)
  }
  if (docs.length > 0) await engine.upsert(docs)
  if (stale.length > 0) await engine.delete(stale)
  return { upserted: docs.length, deleted: stale.length }
}

/** The ids the index holds for one organisation, whatever their status. */
async function indexedIdsOf(engine: SearchEngine, orgId: number): Promise<string[]> {
  const ids: string[] = []
  for (let page = 1; ; page++) {
    const res = await engine.search({ filters: [{ op: 'eq', field: 'supplierId', value: String(orgId) }], statuses: SEARCH_STATUSES, perPage: 100, page })
    ids.push(...res.hits.map((h) => h.document.id))
    if (page >= res.totalPages || res.hits.length === 0) return ids
  }
}

/** The entity of an outbox row that asks for a full rebuild. */
export const REBUILD_ENTITY = 'all'

/** Applies outbox rows: resolves each to its organisations and rebuilds them once. */
export async function applyRows(db: Conn, engine: SearchEngine, rows: readonly OutboxRow[]): Promise<void> {
  // `npm run reindex` queues one 'all' row: every instance following the outbox rebuilds its whole index.
  if (rows.some((r) => r.entity_type === REBUILD_ENTITY)) {
    await engine.rebuild(allDocuments(db))
    return
  }
  const orgIds = new Set<number>()
  const itemIds = new Set<number>()
  const seen = new Set<string>()
  for (const row of rows) {
    const key = `${row.entity_type}:${row.entity_id}`
    if (seen.has(key)) continue
    seen.add(key)
    if (row.entity_type === 'organization') {
      if (/^\d+$/.test(row.entity_id)) orgIds.add(Number(row.entity_id))
    } else if (row.entity_type === 'menu_item') {
      if (/^\d+$/.test(row.entity_id)) itemIds.add(Number(row.entity_id))
    } else {
      for (const id of await organizationsForEntity(db, row.entity_type, row.entity_id)) orgIds.add(id)
    }
  }
  if (itemIds.size > 0) {
    const items = await db.selectFrom('menu_items').select(['id', 'organization_id']).where('id', 'in', [...itemIds]).execute()
    for (const item of items) orgIds.add(item.organization_id)
    // A menu item that no longer exists leaves nothing to resolve: drop its document directly.
    const found = new Set(items.map((i) => i.id))
    const gone = [...itemIds].filter((id) => !found.has(id))
    if (gone.length > 0) await engine.delete(gone.map((id) => `item-${id}`))
  }
  await applyOrganizations(db, engine, [...orgIds])
}

// ---------------------------------------------------------------------------------------------------------------
// Meilisearch: each row claimed and applied once across instances.

/**
 * Claims the oldest due row and every pending row of the same entity, applies them and marks them done, all in one
 * transaction. Returns false when nothing was due. A failure rolls back, then pushes the rows' run_at back.
 */
export async function claimAndApplyOne(db: DB, engine: SearchEngine): Promise<'idle' | 'applied' | 'failed'> {
  let claimed: { id: number; attempts: number }[] = []
  try {
    return await db.transaction().execute(async (trx) => {
      const first = await trx
        .selectFrom('search_outbox')
        .select(['id', 'entity_type', 'entity_id'])
        .where('status', '=', 'pending')
        .where('run_at', '<=', sql<Date>`now()`)
        .orderBy('run_at')
        .orderBy('id')
        .limit(1)
        .forUpdate()
        .skipLocked()
        .executeTakeFirst()
      if (!first) return 'idle' as const
      // One entity at a time: two instances never rebuild the same organisation concurrently, so a slower, older
      // read can never overwrite a newer one.
      await sql`select pg_advisory_xact_lock(hashtext(${`caigou.search:${first.entity_type}:${first.entity_id}`}))`.execute(trx)
      const rows = await trx
        .selectFrom('search_outbox')
        .select(['id', 'entity_type', 'entity_id', 'attempts'])
        .where('status', '=', 'pending')
        .where('entity_type', '=', first.entity_type)
        .where('entity_id', '=', first.entity_id)
        .forUpdate()
        .skipLocked()
        .execute()
      claimed = rows
      await applyRows(trx, engine, rows)
      await trx
        .updateTable('search_outbox')
        .set((eb) => ({ status: 'done', applied_at: sql<Date>`now()`, attempts: eb('attempts', '+', 1) }))
        .where(
          'id',
          'in',
          rows.map((r) => r.id),
        )
        .execute()
      return 'applied' as const
    })
  } catch (err) {
    if (claimed.length === 0) throw err
    const message = err instanceof Error ? err.message : String(err)
    const attempts = Math.max(...claimed.map((r) => r.attempts)) + 1
    // Never dropped: the rows stay pending and come back after the backoff.
    await db
      .updateTable('search_outbox')
      .set({
        attempts,
        last_error: message.slice(0, 2000),
        run_at: sql<Date>`now() + make_interval(secs => ${retryDelaySeconds(attempts)})`,
      })
      .where(
        'id',
        'in',
        claimed.map((r) => r.id),
      )
      .where('status', '=', 'pending')
      .execute()
    console.error(`Search sync failed for ${claimed.length} outbox row(s), attempt ${attempts}: ${message}`)
    return 'failed'
  }
}

/** Applies due rows until none is due or `limit` rows were handled. */
export async function drainClaims(db: DB, engine: SearchEngine, limit = 200): Promise<{ applied: number; failed: number }> {
  let applied = 0
  let failed = 0
  while (applied + failed < limit) {
    const outcome = await claimAndApplyOne(db, engine)
    if (outcome === 'idle') break
    if (outcome === 'applied') applied++
    else failed++
  }
  return { applied, failed }
}

// ---------------------------------------------------------------------------------------------------------------
// Embedded: every instance applies every row to its own index.

/** The oldest transaction id still running: every outbox row of an older transaction is committed or gone. */
export async function settledHorizon(db: Conn): Promise<number> {
  const { rows } = await sql<{ xmin: string }>`select pg_snapshot_xmin(pg_current_snapshot())::text as xmin`.execute(db)
  return Number(rows[0]!.xmin)
}

/** Above this many rows to follow at once, an embedded instance rebuilds its index instead. */
export const BULK_THRESHOLD = 5000

export class OutboxFollower {
  /** Rows of transactions with ids below this are applied. */
  cursor: number

  constructor(
    private readonly db: DB,
    private readonly engine: SearchEngine,
    cursor: number,
  ) {
    this.cursor = cursor
  }

  /** Reads the horizon first; a rebuild after that and `step()`s from it then miss nothing. */
  static async start(db: DB, engine: SearchEngine): Promise<OutboxFollower> {
    return new OutboxFollower(db, engine, await settledHorizon(db))
  }

  /** Applies the rows that settled since the last step; on failure the cursor stays and the next step retries. */
  async step(batch = 1000): Promise<number> {
    const horizon = await settledHorizon(this.db)
    if (horizon <= this.cursor) return 0
    // After a bulk change (an import, a seed) rebuilding everything is cheaper than thousands of small updates.
    const { rows: many } = await sql<{ n: number }>`select count(*)::int as n from (select 1 from search_outbox
      where txid >= ${this.cursor} and txid < ${horizon} limit ${BULK_THRESHOLD + 1}) window_rows`.execute(this.db)
    if (many[0]!.n > BULK_THRESHOLD) {
      await this.engine.rebuild(allDocuments(this.db))
      this.cursor = horizon
      return many[0]!.n
    }
    let applied = 0
    let afterId = 0
    for (;;) {
      const rows = await this.db
        .selectFrom('search_outbox')
        .select(['id', 'entity_type', 'entity_id'])
        .where('txid', '>=', this.cursor)
        .where('txid', '<', horizon)
        .where('id', '>', afterId)
        .orderBy('id')
        .limit(batch)
        .execute()
      if (rows.length === 0) break
      await applyRows(this.db, this.engine, rows)
      applied += rows.length
      afterId = rows[rows.length - 1]!.id
      if (rows.length < batch) break
    }
    this.cursor = horizon
    return applied
  }
}

// ---------------------------------------------------------------------------------------------------------------
// The clock: memberships expire and suspensions end without any row changing.

export const CLOCK_JOB = 'search.clock'
export const DAILY_SHUFFLE_JOB = 'search.daily_shuffle'
const CLOCK_INTERVAL_SECONDS = 60

/**
 * Queues the organisations whose standing changed by time alone in (since, now]: a membership that started or expired,
 * a suspension or a credit penalty that ended. Then schedules the next run (one per minute; instances starting at
 * once collapse onto the same dedupe key) and prunes outbox rows older than a day.
 */
export async function runClock(trx: Transaction<Database>, since: string | undefined, mode: 'embedded' | 'meilisearch'): Promise<{ queued: number }> {
  const { rows } = await sql<{ now: Date }>`select now() as now`.execute(trx)
  const now = rows[0]!.now
  const from = since && !Number.isNaN(Date.parse(since)) ? new Date(since) : new Date(now.getTime() - 24 * 3600_000)
  const queued = await sql<{ n: number }>`
    insert into search_outbox (entity_type, entity_id)
    select distinct 'organization', org_id::text from (
      select organization_id as org_id from memberships
        where valid_until > ${from} and valid_until <= ${now}
           or valid_from > ${from} and valid_from <= ${now}
           or suspended_until > ${from} and suspended_until <= ${now}
      union
      select organization_id from credit_events where suspended_until > ${from} and suspended_until <= ${now}
    ) due`.execute(trx)
  await scheduleJob(trx, {
    kind: CLOCK_JOB,
    runAt: new Date(Math.floor(now.getTime() / 60_000) * 60_000 + CLOCK_INTERVAL_SECONDS * 1000),
    payload: { since: now.toISOString() },
    dedupeKey: `${CLOCK_JOB}:${new Date(Math.floor(now.getTime() / 60_000) * 60_000 + CLOCK_INTERVAL_SECONDS * 1000).toISOString()}`,
  })
  // A day of history is kept for inspection; embedded instances follow rows within seconds.
  await trx
    .deleteFrom('search_outbox')
    .where('created_at', '<', sql<Date>`now() - interval '1 day'`)
    .$if(mode === 'meilisearch', (q) => q.where('status', '=', 'done'))
    .execute()
  await trx.deleteFrom('jobs').where('kind', '=', CLOCK_JOB).where('status', '=', 'done').where('finished_at', '<', sql<Date>`now() - interval '1 day'`).execute()
  return { queued: Number(queued.numAffectedRows ?? 0) }
}

/** Starts the clock chain if none is pending (called at start-up; harmless from several instances). */
export async function ensureClock(db: DB): Promise<void> {
  const pending = await db.selectFrom('jobs').select('id').where('kind', '=', CLOCK_JOB).where('status', '=', 'pending').executeTakeFirst()
  if (pending) return
  const now = new Date()
  await scheduleJob(db, { kind: CLOCK_JOB, payload: {}, dedupeKey: `${CLOCK_JOB}:${new Date(Math.floor(now.getTime() / 60_000) * 60_000).toISOString()}` })
}

/** The next 00:05 in Asia/Shanghai after `now`. */
export function nextShanghaiMidnight(now: Date): Date {
  const cst = new Date(now.getTime() + 8 * 3600_000)
  const next = Date.UTC(cst.getUTCFullYear(), cst.getUTCMonth(), cst.getUTCDate() + 1, 0, 5) - 8 * 3600_000
  return new Date(next)
}

export async function ensureDailyShuffle(db: Conn, now = new Date()): Promise<void> {
  const at = nextShanghaiMidnight(now)
  await scheduleJob(db, { kind: DAILY_SHUFFLE_JOB, runAt: at, dedupeKey: `${DAILY_SHUFFLE_JOB}:${at.toISOString()}` })
}
