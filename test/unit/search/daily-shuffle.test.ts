import { describe, expect, it } from 'vitest'

import { dailyShuffleKey, hash32, shanghaiDay, shuffleOrder } from '../../../search/daily-shuffle'

describe('daily shuffle', () => {
  it('counts days in Asia/Shanghai (UTC+8, no daylight saving)', () => {
    expect(shanghaiDay(new Date('2026-03-01T15:59:59.999Z'))).toBe('2026-03-01')
    expect(shanghaiDay(new Date('2026-03-01T16:00:00.000Z'))).toBe('2026-03-02')
    expect(shanghaiDay(new Date('2026-07-01T12:00:00+08:00'))).toBe('2026-07-01')
  })

  it('is a fixed function: these values must never change (Meilisearch stores them)', () => {
    // FNV-1a over UTF-16 units + MurmurHash3 fmix32, recomputed independently (Python) for these vectors
    expect(['', 'a', 'doc-1', '物业'].map(hash32)).toEqual([2872998923, 444641715, 1578409436, 4270331412])
    expect(dailyShuffleKey('doc-1', '2026-03-02')).toBe(dailyShuffleKey('doc-1', '2026-03-02'))
    expect(dailyShuffleKey('doc-1', '2026-03-02')).not.toBe(dailyShuffleKey('doc-1', '2026-03-03'))
    expect(dailyShuffleKey('doc-1', '2026-03-02', 'salt')).not.toBe(dailyShuffleKey('doc-1', '2026-03-02'))
    expect(KNOWN).toEqual(Object.fromEntries(Object.keys(KNOWN).map((k) => [k, dailyShuffleKey(k, '2026-03-02')])))
  })

  it('gives every supplier a turn at the top over a month', () => {
    const ids = ['s1', 's2', 's3', 's4', 's5']
    const firsts = new Map<string, number>()
    for (let d = 1; d <= 30; d++) {
      const day = `2026-04-${String(d).padStart(2, '0')}`
      const first = shuffleOrder(ids, day)[0]!
      firsts.set(first, (firsts.get(first) ?? 0) + 1)
    }
    expect(firsts.size).toBe(ids.length)
    for (const n of firsts.values()) expect(n).toBeLessThan(15)
  })

  it('orders by key, then by id', () => {
    const order = shuffleOrder(['b', 'a', 'c'], '2026-03-02')
    expect([...order].sort()).toEqual(['a', 'b', 'c'])
    expect(shuffleOrder(['c', 'a', 'b'], '2026-03-02')).toEqual(order)
  })
})

/** Pinned keys for 2026-03-02: the embedded engine and every stored Meilisearch document must agree on them. */
const KNOWN: Record<string, number> = { 'doc-1': 820862527, 'wy-1': 3233430800, 'tie-a': 357819509, '物业-1': 4281703003 }
