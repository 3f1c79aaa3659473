// Seeded daily shuffle: equal matches are ordered by a key that depends on the day (in Asia/Shanghai) and the
// document id, so no supplier is always first, yet the order is stable within a day, identical across app instances
// and across both engines, and reproducible for the supervisor.
//
// The embedded engine computes the key at query time. Meilisearch cannot compute it, so each document stores the key
// of the day it was written (`dailyShuffle`, last ranking rule `dailyShuffle:asc`) and a daily job calls
// `SearchEngine.refreshDailyShuffle()` after midnight CST to rewrite the keys of all documents.
//
// This is a fairness tie-break, not a secret draw: anyone who knows an id can compute its key. An optional salt
// (e.g. a per-deployment setting) makes the order unpredictable to outsiders without changing anything else.

const SHANGHAI_OFFSET_MS = 8 * 60 * 60 * 1000 // China Standard Time, no daylight saving since 1991

/** The calendar day in Asia/Shanghai, as YYYY-MM-DD. */
export function shanghaiDay(now: Date): string {
  return new Date(now.getTime() + SHANGHAI_OFFSET_MS).toISOString().slice(0, 10)
}

/** FNV-1a over the UTF-16 units, finished with MurmurHash3's fmix32 for avalanche. Unsigned 32-bit. */
export function hash32(text: string): number {
  let h = 0x811c9dc5
  for (let i = 0; i < text.length; i++) {
    h ^= text.charCodeAt(i)
    h = Math.imul(h, 0x01000193)
  }
  h ^= h >>> 16
  h = Math.imul(h, 0x85ebca6b)
  h ^= h >>> 13
  h = Math.imul(h, 0xc2b2ae35)
  h ^= h >>> 16
  return h >>> 0
}

/** The tie-break key of a document on a day: smaller comes first. */
export function dailyShuffleKey(id: string, day: string, salt = ''): number {
  return hash32(`${salt}\u0000${day}\u0000${id}`)
}

/** Orders ids as equal matches are ordered on `day` (used by tests and by anyone verifying an order). */
export function shuffleOrder(ids: readonly string[], day: string, salt = ''): string[] {
  return [...ids]
    .map((id) => ({ id, key: dailyShuffleKey(id, day, salt) }))
    .sort((a, b) => a.key - b.key || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0))
    .map((x) => x.id)
}
