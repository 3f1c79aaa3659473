// The embedded engine: the shared conformance suite, plus what only this engine promises exactly
// (its highlight segments, normalisation, prefix details, the shuffle computed at query time).

import { describe, expect, it } from 'vitest'

import { shanghaiDay, shuffleOrder } from '../../../search/daily-shuffle'
import { EmbeddedSearchEngine } from '../../../search/embedded'
import type { SearchResult } from '../../../search/engine'
import { DAY1, DAY2, runConformance } from './conformance'
import { fixtureDocuments, TIE_IDS } from './fixtures'

runConformance('embedded', async (clock) => new EmbeddedSearchEngine({ now: clock }))

const ids = (r: SearchResult) => r.hits.map((h) => h.document.id)

async function loaded(clock: () => Date = () => DAY1) {
  const e = new EmbeddedSearchEngine({ now: clock })
  await e.upsert(fixtureDocuments())
  return e
}

describe('embedded engine specifics', () => {
  it('marks exactly the matched text', async () => {
    const e = await loaded()
    const wy1 = (await e.search({ q: '物业' })).hits.find((h) => h.document.id === 'wy-1')!
    expect(wy1.highlight.title).toEqual([
      { text: '福田区', match: false },
      { text: '物业', match: true },
      { text: '管理服务', match: false },
    ])
    const ds1 = (await e.search({ q: '电商' })).hits[0]!
    expect(ds1.highlight.title).toEqual([
      { text: '电子商务', match: true },
      { text: '平台运营', match: false },
    ])
  })

  it('normalises full-width letters and digits and ignores case', async () => {
    const e = await loaded()
    expect(new Set(ids(await e.search({ q: 'ＩＳＯ９００１' })))).toEqual(new Set(['wy-1', 'ys-1']))
    expect(new Set(ids(await e.search({ q: 'Iso9001 ' })))).toEqual(new Set(['wy-1', 'ys-1']))
  })

  it('finds a number inside a mixed word', async () => {
    const e = await loaded()
    expect(new Set(ids(await e.search({ q: '9001' })))).toEqual(new Set(['wy-1', 'ys-1']))
  })

  it('treats a single Chinese character as the start of a word', async () => {
    const e = await loaded()
    expect(ids(await e.search({ q: '宣' }))).toEqual(['ys-1'])
  })

  it('prefix-matches only the last word, and only while it is typed', async () => {
    const e = await loaded()
    expect((await e.search({ q: 'iso9' })).total).toBe(2)
    expect((await e.search({ q: 'iso9 ' })).total).toBe(0)
    expect((await e.search({ q: 'iso9 物业' })).total).toBe(0)
  })

  it('computes the shuffle for the current day without a refresh', async () => {
    let now = DAY1
    const e = await loaded(() => now)
    expect(ids(await e.search({ q: '会议室' }))).toEqual(shuffleOrder(TIE_IDS, shanghaiDay(DAY1)))
    now = DAY2
    expect(ids(await e.search({ q: '会议室' }))).toEqual(shuffleOrder(TIE_IDS, shanghaiDay(DAY2)))
  })

  it('keeps answering from the old index while a rebuild is running', async () => {
    const e = await loaded()
    let release!: () => void
    const gate = new Promise<void>((r) => (release = r))
    const docs = fixtureDocuments()
    const rebuilding = e.rebuild(
      (async function* () {
        yield docs.slice(0, 2)
        await gate
        yield docs.slice(2, 3)
      })(),
    )
    await new Promise((r) => setTimeout(r, 10))
    expect(await e.count()).toBe(docs.length)
    release()
    await rebuilding
    expect(await e.count()).toBe(3)
  })

  it('reuses slots after deletes without mixing documents up', async () => {
    const e = await loaded()
    await e.delete(['wy-1', 'wy-2'])
    const wy1 = fixtureDocuments()[0]!
    await e.upsert([{ ...wy1, id: 'new-1', title: '全新物业项目' }])
    expect(new Set(ids(await e.search({ q: '物业' })))).toEqual(new Set(['new-1', 'wy-3', 'sup-1']))
    expect(ids(await e.search({ q: '全新' }))).toEqual(['new-1'])
  })

  it('caps the total and the reachable pages at MAX_TOTAL_HITS', async () => {
    const e = new EmbeddedSearchEngine({ now: () => DAY1 })
    const base = fixtureDocuments()[0]!
    await e.upsert(Array.from({ length: 10_050 }, (_, i) => ({ ...base, id: `bulk-${i}` })))
    const r = await e.search({ q: '物业', perPage: 100, page: 100 })
    expect(r.total).toBe(10_000)
    expect(r.totalPages).toBe(100)
    expect(r.hits).toHaveLength(100)
    expect((await e.search({ q: '物业', perPage: 100, page: 101 })).hits).toEqual([])
  })
})
