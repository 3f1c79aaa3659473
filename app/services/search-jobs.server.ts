import { searchEngineKind } from '../../search/index'
import { getEnv } from '../lib/env.server'
import { getSearchEngine } from '../lib/search.server'
import type { JobHandlers } from './jobs.server'
import { CLOCK_JOB, DAILY_SHUFFLE_JOB, ensureDailyShuffle, runClock } from './search-sync.server'

// Background jobs of search, merged into app/services/job-handlers.server.ts.
export const searchJobHandlers: JobHandlers = {
  // Memberships expire and suspensions end by time passing: queue the organisations concerned, every minute.
  [CLOCK_JOB]: async (trx, payload) => {
    const env = getEnv()
    await runClock(trx, typeof payload.since === 'string' ? payload.since : undefined, searchEngineKind({ MEILI_HOST: env.MEILI_HOST }))
  },
  // Meilisearch stores each document's daily-shuffle key: rewrite them after midnight in Shanghai (embedded: no-op).
  [DAILY_SHUFFLE_JOB]: async (trx) => {
    await (await getSearchEngine()).refreshDailyShuffle()
    await ensureDailyShuffle(trx, new Date(Date.now() + 60_000))
  },
}
