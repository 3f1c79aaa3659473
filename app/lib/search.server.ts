import { sql } from 'kysely'
import type { DB } from '../../db/client'
import { createSearchEngine, type SearchEngine } from '../../search/index'
import { allDocuments } from '../services/search-documents.server'
import { OutboxFollower, drainClaims, ensureClock, ensureDailyShuffle, settledHorizon } from '../services/search-sync.server'
import { getDb } from './db.server'
import { getEnv } from './env.server'

// One search engine per process, kept on globalThis like the database handle: the start script and the Remix server
// bundle each load this module. Chosen by environment (MEILI_HOST set: Meilisearch; otherwise embedded).
//
// Embedded: the index lives in this process. Start-up reads the outbox horizon, builds the index from the database,
// then follows every outbox row from that horizon, so every instance stays current by itself.
// Meilisearch: the index is shared. Start-up applies the settings (and builds the index if it is empty); every
// instance then claims outbox rows, each applied once.

const KEY = Symbol.for('caigou.search')
const FOLLOW_INTERVAL_MS = 500
const CLAIM_INTERVAL_MS = 1000
/** Advisory lock key of a rebuild (also taken by `npm run reindex`). */
export const REBUILD_LOCK = 7_152_340_001

export interface SearchRuntime {
  engine: SearchEngine
  stop: () => Promise<void>
}
type Holder = { [KEY]?: Promise<SearchRuntime> }

export async function startSearchRuntime(db: DB, engine: SearchEngine, opts: { intervalMs?: number } = {}): Promise<SearchRuntime> {
  await engine.applySettings()
  await ensureClock(db)
  await ensureDailyShuffle(db)
  let step: () => Promise<unknown>
  if (engine.name === 'embedded') {
    const follower = await OutboxFollower.start(db, engine)
    const { indexed } = await engine.rebuild(allDocuments(db))
    console.log(`Search: embedded index built from the database (${indexed} documents)`)
    step = () => follower.step()
  } else {
    if ((await engine.count()) === 0) await rebuildWithLock(db, engine)
    step = () => drainClaims(db, engine)
  }
  const interval = opts.intervalMs ?? (engine.name === 'embedded' ? FOLLOW_INTERVAL_MS : CLAIM_INTERVAL_MS)
  let stopped = false
  let current: Promise<unknown> = Promise.resolve()
  let timer: ReturnType<typeof setTimeout> | undefined
  const tick = () => {
    if (stopped) return
    current = step()
      .catch((err) => console.error('Search sync:', err instanceof Error ? err.message : err))
      .finally(() => {
        if (!stopped) timer = setTimeout(tick, interval)
      })
  }
  timer = setTimeout(tick, interval)
  return {
    engine,
    stop: async () => {
      stopped = true
      if (timer) clearTimeout(timer)
      await current
    },
  }
}

/**
 * Rebuilds the index from the database unless another rebuild holds the lock; returns null when it was held. On
 * Meilisearch, changes applied to the old index while the new one was built are queued again for the new one.
 */
export async function rebuildWithLock(
  db: DB,
  engine: SearchEngine,
  opts: { onBatch?: (organizations: number, documents: number) => void } = {},
): Promise<{ indexed: number; requeued: number } | null> {
  return db.connection().execute(async (conn) => {
    const { rows } = await sql<{ ok: boolean }>`select pg_try_advisory_lock(${REBUILD_LOCK}) as ok`.execute(conn)
    if (!rows[0]?.ok) return null
    try {
      const horizon = await settledHorizon(conn)
      const { indexed } = await engine.rebuild(allDocuments(conn, opts))
      let requeued = 0
      if (engine.name === 'meilisearch') {
        const res = await conn
          .updateTable('search_outbox')
          .set({ status: 'pending', run_at: sql<Date>`now()` })
          .where('txid', '>=', horizon)
          .where('status', '=', 'done')
          .executeTakeFirst()
        requeued = Number(res.numUpdatedRows)
      }
      return { indexed, requeued }
    } finally {
      await sql`select pg_advisory_unlock(${REBUILD_LOCK})`.execute(conn)
    }
  })
}

/** This process's search runtime, started on first use (the start script starts it before serving). */
export function searchRuntime(): Promise<SearchRuntime> {
  const holder = globalThis as Holder
  holder[KEY] ??= (async () => {
    const env = getEnv()
    const engine = createSearchEngine({ MEILI_HOST: env.MEILI_HOST, MEILI_API_KEY: env.MEILI_API_KEY })
    return startSearchRuntime(await getDb(), engine)
  })().catch((err) => {
    delete holder[KEY]
    throw err
  })
  return holder[KEY]
}

export async function getSearchEngine(): Promise<SearchEngine> {
  return (await searchRuntime()).engine
}

export async function stopSearchRuntime(): Promise<void> {
  const holder = globalThis as Holder
  const runtime = holder[KEY]
  delete holder[KEY]
  if (runtime) await (await runtime.catch(() => null))?.stop()
}
