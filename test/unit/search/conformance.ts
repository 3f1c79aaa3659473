// The search conformance suite: the same cases and the same expectations for every SearchEngine implementation.
// `runConformance('embedded', …)` always runs; `runConformance('meilisearch', …)` runs when MEILI_HOST is set.
// Expectations only rely on what both engines promise (matching, filters, facets, sort, pages, daily shuffle,
// highlight segments that rebuild the text); engine-specific details are tested next to each engine.

import { afterEach, beforeEach, describe, expect, it } from 'vitest'

import { priceBandOf, ratingBandOf } from '../../../search/bands'
import { dailyShuffleKey, shanghaiDay, shuffleOrder } from '../../../search/daily-shuffle'
import type {
  FacetCount,
  FacetField,
  SearchDocument,
  SearchEngine,
  SearchFilter,
  SearchQuery,
  SearchResult,
} from '../../../search/engine'
import { fixtureDocuments, ODD_REGION, TIE_IDS } from './fixtures'

export type EngineFactory = (clock: () => Date) => Promise<SearchEngine>

export const DAY1 = new Date('2026-03-02T01:00:00Z') // 09:00 in Shanghai
export const DAY2 = new Date('2026-03-03T01:00:00Z')

const ids = (r: SearchResult) => r.hits.map((h) => h.document.id)
const idSet = (r: SearchResult) => new Set(ids(r))
const active = () => fixtureDocuments().filter((d) => d.status === 'active')

function facetValues(d: SearchDocument, f: FacetField): string[] {
  const v =
    f === 'priceBand'
      ? priceBandOf(d.priceFen)
      : f === 'ratingBand'
        ? ratingBandOf(d.rating)
        : f === 'qualifications'
          ? d.qualifications
          : d[f]
  return v === null ? [] : Array.isArray(v) ? [...new Set(v)] : [v]
}

/** Reference facet counts, computed from the fixture by hand-written code rather than by either engine. */
export function expectedFacets(docs: SearchDocument[], fields: FacetField[]): Partial<Record<FacetField, FacetCount[]>> {
  return Object.fromEntries(
    fields.map((f) => {
      const counts = new Map<string, number>()
      for (const d of docs) for (const v of facetValues(d, f)) counts.set(v, (counts.get(v) ?? 0) + 1)
      return [
        f,
        [...counts]
          .map(([value, count]) => ({ value, count }))
          .sort((a, b) => b.count - a.count || (a.value < b.value ? -1 : 1)),
      ]
    }),
  )
}

/** Reference order for a browse sorted by a numeric column: nulls last, then the daily shuffle. */
function expectedOrder(docs: SearchDocument[], key: (d: SearchDocument) => number | null, dir: 1 | -1, day: string) {
  return [...docs]
    .sort((a, b) => {
      const va = key(a)
      const vb = key(b)
      if ((va === null) !== (vb === null)) return va === null ? 1 : -1
      if (va !== null && vb !== null && va !== vb) return (va - vb) * dir
      return dailyShuffleKey(a.id, day) - dailyShuffleKey(b.id, day)
    })
    .map((d) => d.id)
}

export function runConformance(name: string, makeEngine: EngineFactory): void {
  describe(`search conformance: ${name}`, () => {
    let clock = DAY1
    let engine: SearchEngine
    const day1 = shanghaiDay(DAY1)
    const search = (q: SearchQuery) => engine.search({ perPage: 100, ...q })
    const browse = (filters: SearchFilter[], extra: SearchQuery = {}) => search({ filters, ...extra })

    beforeEach(async () => {
      clock = DAY1
      engine = await makeEngine(() => clock)
      await engine.applySettings()
      await engine.upsert(fixtureDocuments())
    })
    afterEach(async () => {
      await engine.drop()
    })

    it('returns only active entries by default; other statuses only when asked', async () => {
      expect(idSet(await search({ q: '物业' }))).toEqual(new Set(['wy-1', 'wy-2', 'wy-3', 'sup-1']))
      expect(idSet(await search({ q: '物业', statuses: ['suspended', 'expired'] }))).toEqual(new Set(['wy-sus', 'wy-exp']))
      const all = await search({})
      expect(all.total).toBe(active().length)
      expect(all.hits.every((h) => h.document.status === 'active')).toBe(true)
    })

    it('finds synonyms', async () => {
      expect(idSet(await search({ q: '电商' }))).toEqual(new Set(['ds-1'])) // 电子商务
      expect(idSet(await search({ q: '打印' }))).toEqual(new Set(['ys-1', 'ys-2'])) // 印刷
      expect(idSet(await search({ q: '造价' }))).toEqual(new Set(['zj-1', 'zj-2']))
    })

    it('requires every word of the query', async () => {
      expect(idSet(await search({ q: '物业 福田' }))).toEqual(new Set(['wy-1', 'wy-3', 'sup-1']))
      expect((await search({ q: '物业 审计' })).total).toBe(0)
    })

    it('matches the beginning of the last word while it is typed', async () => {
      expect(idSet(await search({ q: 'iso9' }))).toEqual(new Set(['wy-1', 'ys-1']))
      expect(idSet(await search({ q: '宣传' }))).toEqual(new Set(['ys-1']))
    })

    it('ranks title matches before description-only matches', async () => {
      const r = await search({ q: '物业' })
      expect(ids(r).at(-1)).toBe('wy-3')
    })

    it('orders equal matches by the daily shuffle, which changes with the day', async () => {
      const day2 = shanghaiDay(DAY2)
      expect(shuffleOrder(TIE_IDS, day1)).not.toEqual(shuffleOrder(TIE_IDS, day2))
      expect(ids(await search({ q: '会议室' }))).toEqual(shuffleOrder(TIE_IDS, day1))
      clock = DAY2
      await engine.refreshDailyShuffle()
      expect(ids(await search({ q: '会议室' }))).toEqual(shuffleOrder(TIE_IDS, day2))
    })

    it('filters with eq, in and ranges, combined with AND', async () => {
      const cases: [SearchFilter[], string[]][] = [
        [[{ op: 'eq', field: 'market', value: 'supermarket' }], ['zj-1', 'zj-2', 'sj-1']],
        [[{ op: 'in', field: 'categoryCode', values: ['C01', 'C05'] }], ['ys-1', 'ys-2', 'ba-1']],
        [[{ op: 'range', field: 'priceFen', gte: 1_000_000, lte: 3_000_000 }], ['wy-1', 'zj-1', 'sj-1']],
        [[{ op: 'range', field: 'priceFen', gt: 2_000_000 }], ['sj-1', 'ba-1']],
        [[{ op: 'range', field: 'priceFen', lt: 2_000 }], []],
        [[{ op: 'range', field: 'priceFen', lte: 2_000 }], ['ys-1']],
        [[{ op: 'range', field: 'rating', gte: 4.5 }], ['wy-1', 'ys-1', 'ba-1', 'zj-1']],
        [[{ op: 'eq', field: 'qualifications', value: 'ISO9001' }], ['wy-1', 'ys-1']],
        [[{ op: 'in', field: 'qualificationLevel', values: ['甲级'] }], ['zj-1', 'sj-1']],
        [[{ op: 'eq', field: 'supplierId', value: 'sup-5' }], ['ys-1', 'ys-2']],
        [[{ op: 'eq', field: 'priceBand', value: '10k-100k' }], ['wy-1', 'zj-1', 'sj-1', 'ba-1']],
        [
          [
            { op: 'eq', field: 'market', value: 'catalogue' },
            { op: 'eq', field: 'region', value: '深圳市南山区' },
          ],
          ['wy-2'],
        ],
        [[{ op: 'eq', field: 'region', value: '没有这个地区' }], []],
        [[{ op: 'in', field: 'region', values: [] }], []],
      ]
      for (const [filters, expected] of cases) {
        expect(idSet(await browse(filters)), JSON.stringify(filters)).toEqual(new Set(expected))
      }
      const unbounded = await browse([{ op: 'range', field: 'priceFen' }])
      expect(unbounded.total).toBe(active().length)
      expect(idSet(await search({ q: '物业', filters: [{ op: 'eq', field: 'region', value: '深圳市南山区' }] }))).toEqual(
        new Set(['wy-2']),
      )
    })

    it('matches filter values literally, quotes and backslashes included', async () => {
      expect(ids(await browse([{ op: 'eq', field: 'region', value: ODD_REGION }]))).toEqual(['odd-1'])
      expect(ids(await browse([{ op: 'eq', field: 'region', value: '南山区 "科技园" 片区' }]))).toEqual(['odd-2'])
      expect((await browse([{ op: 'eq', field: 'region', value: '南山区 \\"科技园\\" 片区' }])).total).toBe(0)
    })

    it('counts facets over all matches', async () => {
      const fields: FacetField[] = ['categoryCode', 'region', 'qualificationLevel', 'qualifications', 'priceBand', 'ratingBand', 'market']
      expect((await search({ facets: fields })).facets).toEqual(expectedFacets(active(), fields))
      const filtered = await search({ facets: fields, filters: [{ op: 'eq', field: 'market', value: 'supermarket' }] })
      expect(filtered.facets).toEqual(expectedFacets(active().filter((d) => d.market === 'supermarket'), fields))
      const nothing = await search({ q: '没有匹配的词', facets: ['categoryCode'] })
      expect(nothing.facets).toEqual({ categoryCode: [] })
    })

    it('sorts by price, rating, credit and date; missing values last; ties by the daily shuffle', async () => {
      const docs = active()
      const order = async (sort: SearchQuery['sort']) => ids(await search({ sort }))
      expect(await order('price_asc')).toEqual(expectedOrder(docs, (d) => d.priceFen, 1, day1))
      expect(await order('price_desc')).toEqual(expectedOrder(docs, (d) => d.priceFen, -1, day1))
      expect(await order('rating_desc')).toEqual(expectedOrder(docs, (d) => d.rating, -1, day1))
      expect(await order('credit_desc')).toEqual(expectedOrder(docs, (d) => d.credit, -1, day1))
      expect(await order('newest')).toEqual(expectedOrder(docs, (d) => Date.parse(d.updatedAt), -1, day1))
      expect(await order('relevance')).toEqual(shuffleOrder(docs.map((d) => d.id), day1))
    })

    it('pages through results without gaps or repeats', async () => {
      const full = ids(await search({ sort: 'price_asc' }))
      const perPage = 4
      const first = await search({ sort: 'price_asc', perPage, page: 1 })
      expect(first.total).toBe(full.length)
      expect(first.totalPages).toBe(Math.ceil(full.length / perPage))
      expect(first.perPage).toBe(perPage)
      const pages: string[] = []
      for (let page = 1; page <= first.totalPages; page++) {
        const r = await search({ sort: 'price_asc', perPage, page })
        expect(r.page).toBe(page)
        pages.push(...ids(r))
      }
      expect(pages).toEqual(full)
      const beyond = await search({ sort: 'price_asc', perPage, page: first.totalPages + 1 })
      expect(beyond.hits).toEqual([])
      expect(beyond.total).toBe(full.length)
    })

    it('returns highlights as segments that rebuild the text', async () => {
      const r = await search({ q: '物业' })
      for (const h of r.hits) {
        expect(h.highlight.title.map((s) => s.text).join('')).toBe(h.document.title)
      }
      const wy1 = r.hits.find((h) => h.document.id === 'wy-1')!
      expect(wy1.highlight.title.some((s) => s.match && s.text.includes('物业'))).toBe(true)
      expect(wy1.highlight.description.some((s) => s.match && s.text.includes('物业'))).toBe(true)
      const wy3 = r.hits.find((h) => h.document.id === 'wy-3')!
      expect(wy3.highlight.title).toEqual([{ text: '小区保洁与绿化', match: false }])
      const browseHit = (await search({ filters: [{ op: 'eq', field: 'supplierId', value: 'sup-2' }] })).hits[0]!
      expect(browseHit.highlight.title).toEqual([{ text: '南山区物业服务项目', match: false }])
    })

    it('returns documents as they were indexed', async () => {
      const byId = new Map(fixtureDocuments().map((d) => [d.id, d]))
      for (const h of (await search({})).hits) expect(h.document).toEqual(byId.get(h.document.id))
    })

    it('replaces on upsert and forgets on delete', async () => {
      const wy2 = fixtureDocuments().find((d) => d.id === 'wy-2')!
      await engine.upsert([{ ...wy2, title: '南山区保洁服务项目', categoryCode: 'C12', categoryName: '保洁服务' }])
      expect(idSet(await search({ q: '物业' }))).toEqual(new Set(['wy-1', 'wy-3', 'sup-1']))
      expect(idSet(await search({ q: '保洁 南山' }))).toEqual(new Set(['wy-2']))
      await engine.upsert([{ ...wy2, status: 'suspended' }])
      expect(idSet(await search({ q: '物业' }))).toEqual(new Set(['wy-1', 'wy-3', 'sup-1']))
      await engine.delete(['wy-1', 'ys-1', 'no-such-id'])
      expect(idSet(await search({ q: '物业' }))).toEqual(new Set(['wy-3', 'sup-1']))
      expect(await engine.count()).toBe(fixtureDocuments().length - 2)
      await engine.delete(['wy-3'])
      expect(idSet(await search({ q: '物业' }))).toEqual(new Set(['sup-1']))
    })

    it('rebuilds from batches and switches over', async () => {
      const docs = fixtureDocuments()
      const result = await engine.rebuild(
        (async function* () {
          yield docs.filter((d) => TIE_IDS.includes(d.id as (typeof TIE_IDS)[number]))
          yield docs.filter((d) => d.id.startsWith('odd-'))
        })(),
      )
      expect(result).toEqual({ indexed: 6 })
      expect(await engine.count()).toBe(6)
      expect((await search({ q: '物业' })).total).toBe(0)
      expect(ids(await search({ q: '会议室' }))).toEqual(shuffleOrder(TIE_IDS, day1))
    })

    it('clamps page and page size', async () => {
      const r = await engine.search({ perPage: 1_000, page: 0 })
      expect(r.perPage).toBe(100)
      expect(r.page).toBe(1)
      expect((await engine.search({})).perPage).toBe(20)
    })
  })
}
