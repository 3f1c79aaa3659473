// Entry point: pick the engine from the environment (never by code edits).
//   MEILI_HOST set  → Meilisearch (MEILI_API_KEY is sent when set)
//   otherwise       → the embedded engine
//
// Usage (server side, once per process):
//   const search = createSearchEngine({ MEILI_HOST: env.MEILI_HOST, MEILI_API_KEY: env.MEILI_API_KEY })
//   await search.applySettings()                // at start-up
//   await search.rebuild(batchesFromDatabase()) // embedded: at start-up; Meilisearch: `npm run reindex`
//   await search.upsert(docs) / search.delete(ids)  // from the sync outbox
//   await search.search({ q, filters, facets, sort, page })

import { EmbeddedSearchEngine } from './embedded'
import type { SearchEngine } from './engine'
import { MeilisearchEngine } from './meilisearch'

export interface SearchEnv {
  MEILI_HOST?: string
  MEILI_API_KEY?: string
  /** Index uid prefix (default `caigou_`). */
  indexPrefix?: string
}

export interface SearchEngineOptions {
  /** Clock for the daily shuffle (tests pin it). */
  now?: () => Date
  /** Salt for the daily shuffle; the same on every instance. */
  shuffleSalt?: string
}

export function searchEngineKind(env: SearchEnv): SearchEngine['name'] {
  return env.MEILI_HOST?.trim() ? 'meilisearch' : 'embedded'
}

export function createSearchEngine(env: SearchEnv, options: SearchEngineOptions = {}): SearchEngine {
  const host = env.MEILI_HOST?.trim()
  if (host) {
    return new MeilisearchEngine({
      host,
      ...(env.MEILI_API_KEY && { apiKey: env.MEILI_API_KEY }),
      ...(env.indexPrefix !== undefined && { indexPrefix: env.indexPrefix }),
      ...options,
    })
  }
  return new EmbeddedSearchEngine(options)
}

export * from './engine'
export { PRICE_BANDS, RATING_BANDS, bandRangeFilter, priceBandOf, ratingBandOf, type Band } from './bands'
export { dailyShuffleKey, shanghaiDay, shuffleOrder } from './daily-shuffle'
export { EmbeddedSearchEngine } from './embedded'
export { MeilisearchEngine, buildFilter } from './meilisearch'
export {
  DEFAULT_FACETS,
  parseSearchParams,
  toSearchParams,
  toSearchQuery,
  yuanToFen,
  type SearchUrlState,
} from './query-params'
