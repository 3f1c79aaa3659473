// Every request the Meilisearch engine sends is intercepted (MSW) and checked against Meilisearch 1.15.2's OpenAPI
// description: path template, method, query parameters and JSON body. No server is needed.

import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest'

import { dailyShuffleKey, shanghaiDay } from '../../../search/daily-shuffle'
import { SearchEngineError, type SearchDocument } from '../../../search/engine'
import { POST_TAG, PRE_TAG } from '../../../search/highlight'
import { MeilisearchEngine } from '../../../search/meilisearch'
import { FAKE_HOST, FakeMeili } from './fake-meili'
import { fixtureDocuments } from './fixtures'
import { findOperation, loadMeiliSpec, validateRequest, type HttpRequestRecord } from './openapi'

const fake = new FakeMeili()
const DAY1 = new Date('2026-03-02T01:00:00Z')
const DAY2 = new Date('2026-03-03T01:00:00Z')
let clock = DAY1
const UID = 't_documents'

function engine(extra: Partial<ConstructorParameters<typeof MeilisearchEngine>[0]> = {}) {
  return new MeilisearchEngine({ host: FAKE_HOST, apiKey: 'test-key', indexPrefix: 't_', now: () => clock, ...extra })
}
const calls = () => fake.requests.map((r) => `${r.method} ${r.path}`)
const docs = fixtureDocuments()

beforeAll(() => fake.listen())
afterAll(() => fake.close())
beforeEach(() => {
  fake.reset()
  clock = DAY1
})
afterEach(() => {
  // the heart of this file: nothing sent may depart from the API description
  expect(fake.violations).toEqual([])
})

describe('the API description and the validator', () => {
  const spec = loadMeiliSpec()
  const req = (method: string, path: string, body?: unknown, query = ''): HttpRequestRecord => ({
    method,
    path,
    query: new URLSearchParams(query),
    body,
    contentType: body === undefined ? null : 'application/json',
  })

  it('loads 1.15.2 with the errata applied (camelCase search parameters, attribute patterns as strings)', () => {
    expect(validateRequest(spec, req('POST', '/indexes/x/search', { q: 'a', hitsPerPage: 5, page: 1 }))).toEqual([])
    expect(
      validateRequest(
        spec,
        req('PATCH', '/indexes/x/settings', { localizedAttributes: [{ attributePatterns: ['title'], locales: ['cmn'] }] }),
      ),
    ).toEqual([])
  })

  it('rejects what a 1.15.2 server would reject', () => {
    const bad: [HttpRequestRecord, RegExp][] = [
      [req('POST', '/swap-indexes', [{ indexes: ['a', 'b'], rename: false }]), /unknown property rename/],
      [req('PATCH', '/indexes/x/settings', { localizedAttributes: [{ attributePatterns: ['t'], locales: ['zh-CN'] }] }), /not one of/],
      [req('PATCH', '/indexes/x/settings', { rankingRule: ['words'] }), /unknown property rankingRule/],
      [req('POST', '/indexes/x/search', { q: 'a', hitsPerPag: 5 }), /unknown property hitsPerPag/],
      [req('POST', '/indexes/x/search', { q: 'a', page: -1 }), /below minimum/],
      [req('POST', '/indexes/x/search', { q: 'a', matchingStrategy: 'any' }), /not one of/],
      [req('GET', '/indexes/x/documents', undefined, 'limit=ten'), /expected integer/],
      [req('GET', '/indexes/x/documents', undefined, 'colour=red'), /unknown query parameter colour/],
      // the client's deleteDocuments(ids[]) goes here; 1.15.2 describes no such route, so the engine deletes by filter
      [req('POST', '/indexes/x/documents/delete-batch', ['a']), /no such operation/],
      [req('PUT', '/indexes/x/settings', {}), /no such operation/],
    ]
    for (const [r, error] of bad) expect(validateRequest(spec, r).join('\n')).toMatch(error)
  })

  it('prefers literal path segments over templated ones', () => {
    expect(findOperation(spec, 'POST', '/indexes/x/documents/fetch')?.template).toBe('/indexes/{indexUid}/documents/fetch')
    expect(findOperation(spec, 'DELETE', '/indexes/x/documents/abc')?.template).toBe(
      '/indexes/{indexUid}/documents/{documentId}',
    )
  })
})

describe('MeilisearchEngine requests', () => {
  it('applies the settings: attributes, cmn locale, synonyms, ranking with the daily shuffle', async () => {
    await engine().applySettings()
    expect(calls()).toEqual([
      `GET /indexes/${UID}`,
      'POST /indexes',
      'GET /tasks/0',
      `PATCH /indexes/${UID}/settings`,
      'GET /tasks/1',
    ])
    const settings = fake.requests[3]!.body as Record<string, unknown>
    expect(settings.localizedAttributes).toEqual([
      { attributePatterns: ['title', 'categoryName', 'qualifications', 'supplierName', 'region', 'description'], locales: ['cmn'] },
    ])
    expect((settings.synonyms as Record<string, string[]>)['物业']).toEqual(expect.arrayContaining(['物业管理', '物业服务']))
    expect(settings.rankingRules).toEqual(['words', 'sort', 'typo', 'proximity', 'attribute', 'exactness', 'dailyShuffle:asc'])
    expect(settings.filterableAttributes).toEqual(expect.arrayContaining(['status', 'categoryCode', 'priceFen', 'priceBand']))
    expect(settings.sortableAttributes).toEqual(['priceFen', 'rating', 'credit', 'updatedAtTs'])
  })

  it('sends the API key as a bearer token', async () => {
    await engine().count()
    expect(fake.requests[0]!.authorization).toBe('Bearer test-key')
  })

  it('upserts in batches with primaryKey=id, derived attributes and no nulls', async () => {
    const e = engine({ batchSize: 2 })
    await e.upsert(docs.slice(0, 3))
    expect(calls()).toEqual([`POST /indexes/${UID}/documents`, 'GET /tasks/0', `POST /indexes/${UID}/documents`, 'GET /tasks/1'])
    expect(fake.requests[0]!.query.get('primaryKey')).toBe('id')
    const sent = [...(fake.requests[0]!.body as Record<string, unknown>[]), ...(fake.requests[2]!.body as Record<string, unknown>[])]
    const day = shanghaiDay(DAY1)
    sent.forEach((d, i) => {
      const doc = docs[i]!
      expect(d.dailyShuffle).toBe(dailyShuffleKey(doc.id, day))
      expect(d.shuffleDay).toBe(day)
      expect(d.updatedAtTs).toBe(Math.floor(Date.parse(doc.updatedAt) / 1000))
      expect(Object.values(d)).not.toContain(null)
    })
  })

  it('deletes one document by id and several by an id filter', async () => {
    const e = engine()
    await e.upsert(docs.slice(0, 4))
    fake.requests.length = 0
    await e.delete([docs[0]!.id])
    await e.delete([docs[1]!.id, docs[2]!.id])
    expect(calls()).toEqual([
      `DELETE /indexes/${UID}/documents/${docs[0]!.id}`,
      'GET /tasks/1',
      `POST /indexes/${UID}/documents/delete`,
      'GET /tasks/2',
    ])
    expect(fake.requests[2]!.body).toEqual({ filter: `id IN ["${docs[1]!.id}", "${docs[2]!.id}"]` })
    expect([...fake.indexes.get(UID)!.docs.keys()]).toEqual([docs[3]!.id])
  })

  it('searches with a valid request and maps hits, highlights, facets and pages', async () => {
    const e = engine()
    await e.upsert(docs.slice(0, 1))
    const doc = docs[0]!
    fake.searchAnswer = () => ({
      hits: [
        {
          ...doc,
          priceFen: undefined,
          dailyShuffle: 1,
          _formatted: { title: `福田区${PRE_TAG}物业${POST_TAG}管理服务`, description: `…提供${PRE_TAG}物业${POST_TAG}服务…` },
        },
      ],
      query: '物业',
      processingTimeMs: 1,
      hitsPerPage: 5,
      page: 2,
      totalPages: 3,
      totalHits: 11,
      facetDistribution: { categoryCode: { C01: 2, C11: 9, C02: 2 }, priceBand: {} },
    })
    fake.requests.length = 0
    const r = await e.search({
      q: ' 物业 "管理" -x ',
      filters: [
        { op: 'eq', field: 'region', value: '深圳市"福田"区' },
        { op: 'in', field: 'categoryCode', values: ['C11', 'C01'] },
        { op: 'range', field: 'priceFen', gte: 100_00, lt: 5_000_00 },
      ],
      facets: ['categoryCode', 'priceBand'],
      sort: 'price_asc',
      page: 2,
      perPage: 5,
    })
    expect(calls()).toEqual([`POST /indexes/${UID}/search`])
    expect(fake.requests[0]!.body).toEqual({
      q: '物业  管理  x',
      page: 2,
      hitsPerPage: 5,
      matchingStrategy: 'all',
      attributesToRetrieve: expect.arrayContaining(['id', 'title', 'priceFen', 'updatedAt']),
      attributesToHighlight: ['title', 'description'],
      attributesToCrop: ['description'],
      cropLength: 40,
      cropMarker: '…',
      highlightPreTag: PRE_TAG,
      highlightPostTag: POST_TAG,
      filter:
        'status = "active" AND region = "深圳市\\"福田\\"区" AND categoryCode IN ["C11", "C01"] AND priceFen >= 10000 AND priceFen < 500000',
      facets: ['categoryCode', 'priceBand'],
      sort: ['priceFen:asc'],
      locales: ['cmn'],
    })
    expect(r.total).toBe(11)
    expect(r.page).toBe(2)
    expect(r.totalPages).toBe(3)
    expect(r.hits[0]!.document).toEqual({ ...doc, priceFen: null })
    expect(r.hits[0]!.highlight.title).toEqual([
      { text: '福田区', match: false },
      { text: '物业', match: true },
      { text: '管理服务', match: false },
    ])
    expect(r.hits[0]!.highlight.description).toEqual([
      { text: '…', match: false },
      { text: '提供', match: false },
      { text: '物业', match: true },
      { text: '服务', match: false },
      { text: '…', match: false },
    ])
    expect(r.facets).toEqual({
      categoryCode: [
        { value: 'C11', count: 9 },
        { value: 'C01', count: 2 },
        { value: 'C02', count: 2 },
      ],
      priceBand: [],
    })
  })

  it('sends a plain browse without text, sort or facets', async () => {
    const e = engine()
    await e.upsert(docs.slice(0, 1))
    fake.requests.length = 0
    await e.search({})
    const body = fake.requests[0]!.body as Record<string, unknown>
    expect(body.q).toBe('')
    expect(body.filter).toBe('status = "active"')
    expect(body).not.toHaveProperty('sort')
    expect(body).not.toHaveProperty('facets')
    expect(body).not.toHaveProperty('locales')
  })

  it('reports a failed task instead of ignoring it', async () => {
    const e = engine()
    fake.failNextTask = { code: 'invalid_document_id', message: 'Document identifier `x y` is invalid.' }
    const err = await e.upsert(docs.slice(0, 1)).catch((x: unknown) => x)
    expect(err).toBeInstanceOf(SearchEngineError)
    expect((err as Error).message).toMatch(/task 0 .* failed: invalid_document_id: Document identifier `x y` is invalid/)
    expect((err as SearchEngineError).details).toMatchObject({ taskUid: 0, status: 'failed' })
  })

  it('waits while a task is processing', async () => {
    fake.pollsBeforeDone = 2
    await engine().upsert(docs.slice(0, 1))
    expect(calls().filter((c) => c === 'GET /tasks/0')).toHaveLength(3)
  })

  it('gives up on a task that does not finish in time', async () => {
    fake.pollsBeforeDone = 1_000
    await expect(engine({ taskTimeoutMs: 120 }).upsert(docs.slice(0, 1))).rejects.toThrow(SearchEngineError)
  })

  it('rebuilds into a fresh index and swaps it in atomically', async () => {
    const e = engine()
    await e.upsert(docs.slice(0, 2))
    fake.requests.length = 0
    const result = await e.rebuild([docs.slice(2, 4), docs.slice(4, 5)])
    expect(result).toEqual({ indexed: 3 })
    const next = `${UID}__next`
    expect(calls().filter((c) => !c.startsWith('GET /tasks/'))).toEqual([
      `DELETE /indexes/${next}`,
      `GET /indexes/${next}`,
      'POST /indexes',
      `PATCH /indexes/${next}/settings`,
      `POST /indexes/${next}/documents`,
      `POST /indexes/${next}/documents`,
      `GET /indexes/${UID}`,
      'POST /swap-indexes',
      `DELETE /indexes/${next}`,
    ])
    expect(fake.requests.find((r) => r.path === '/swap-indexes')!.body).toEqual([{ indexes: [UID, next] }])
    expect([...fake.indexes.get(UID)!.docs.keys()].sort()).toEqual(docs.slice(2, 5).map((d) => d.id).sort())
    expect(fake.indexes.has(next)).toBe(false)
  })

  it('refreshes the daily shuffle key of every document', async () => {
    const e = engine({ batchSize: 2 })
    await e.upsert(docs.slice(0, 5))
    clock = DAY2
    fake.requests.length = 0
    await e.refreshDailyShuffle()
    expect(calls().filter((c) => c.startsWith('GET /indexes'))).toHaveLength(3)
    expect(fake.requests[0]!.query.get('fields')).toBe('id')
    const day = shanghaiDay(DAY2)
    for (const d of fake.indexes.get(UID)!.docs.values()) {
      expect(d.dailyShuffle).toBe(dailyShuffleKey(String(d.id), day))
      expect(d.shuffleDay).toBe(day)
      expect(d.title).toBeTypeOf('string') // partial update kept the rest
    }
  })

  it('counts and drops', async () => {
    const e = engine()
    expect(await e.count()).toBe(0)
    await e.upsert(docs.slice(0, 3))
    expect(await e.count()).toBe(3)
    await e.drop()
    await e.drop() // dropping a missing index is fine
    expect(await e.count()).toBe(0)
  })

  it('rejects invalid documents before sending anything', async () => {
    const bad: SearchDocument = { ...docs[0]!, priceFen: 12.5 }
    await expect(engine().upsert([bad])).rejects.toThrow(/priceFen/)
    await expect(engine().upsert([{ ...docs[0]!, id: 'a b' }])).rejects.toThrow(/id/)
    expect(fake.requests).toEqual([])
  })
})
