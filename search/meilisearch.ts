// The Meilisearch engine, through the official client. Used when MEILI_HOST is set.
//
// One index (`<prefix>documents`) holds both markets; `market` and `kind` are filters. Writes return a task which is
// always awaited and checked: the client's waitTask RESOLVES with a failed task instead of throwing, so a task that
// did not succeed is turned into a SearchEngineError here.
//
// Everything that shapes a request (settings, filter strings, search parameters, stored documents) is a pure exported
// function so that unit tests can check it against Meilisearch's OpenAPI description without a server.

import {
  Meilisearch,
  MeilisearchApiError,
  type EnqueuedTaskPromise,
  type Index,
  type SearchParams,
  type SearchResponse,
  type Settings,
  type Task,
} from 'meilisearch'

import { priceBandOf, ratingBandOf } from './bands'
import { dailyShuffleKey, shanghaiDay } from './daily-shuffle'
import {
  assertValidDocument,
  DEFAULT_PER_PAGE,
  KEYWORD_FIELDS,
  MAX_FACET_VALUES,
  MAX_PER_PAGE,
  MAX_TOTAL_HITS,
  NUMERIC_FIELDS,
  SearchEngineError,
  type DocumentBatches,
  type FacetCount,
  type FacetField,
  type SearchDocument,
  type SearchEngine,
  type SearchFilter,
  type SearchHit,
  type SearchQuery,
  type SearchResult,
  type SearchSort,
  type SearchStatus,
} from './engine'
import { effectiveStatuses, pageWindow, validateFilters } from './filters'
import { POST_TAG, PRE_TAG, segmentsFromTagged } from './highlight'
import { MAX_QUERY_LENGTH } from './tokenize'
import { meiliSynonyms } from './synonyms'

/** The fields of SearchDocument, in order; what searches retrieve. */
export const DOCUMENT_FIELDS = [
  'id',
  'kind',
  'title',
  'description',
  'categoryCode',
  'categoryName',
  'market',
  'qualifications',
  'qualificationLevel',
  'region',
  'priceFen',
  'rating',
  'credit',
  'status',
  'supplierId',
  'supplierName',
  'updatedAt',
] as const satisfies readonly (keyof SearchDocument)[]

/** In order of importance (Meilisearch's `attribute` ranking rule follows this order). */
export const SEARCHABLE_ATTRIBUTES = [
  'title',
  'categoryName',
  'qualifications',
  'supplierName',
  'region',
  'description',
] as const

export const SORTABLE_ATTRIBUTES = ['priceFen', 'rating', 'credit', 'updatedAtTs'] as const
export const CROP_LENGTH_WORDS = 40

/** A document as stored in Meilisearch: the SearchDocument (nulls omitted) plus derived attributes. */
export type MeiliDocument = Omit<SearchDocument, 'priceFen' | 'rating' | 'qualificationLevel'> & {
  priceFen?: number
  rating?: number
  qualificationLevel?: string
  priceBand?: string
  ratingBand?: string
  /** updatedAt in epoch seconds, sortable. */
  updatedAtTs: number
  /** Tie-break key of `shuffleDay` (see ./daily-shuffle). */
  dailyShuffle: number
  shuffleDay: string
}

export function meiliSettings(): Settings {
  return {
    searchableAttributes: [...SEARCHABLE_ATTRIBUTES],
    displayedAttributes: ['*'],
    // `id` is filterable so that batches can be deleted by filter (the 1.15 API description lacks delete-batch).
    filterableAttributes: ['id', 'status', ...KEYWORD_FIELDS, ...NUMERIC_FIELDS],
    sortableAttributes: [...SORTABLE_ATTRIBUTES],
    // `sort` right after `words` so that an explicit sort dominates; the daily shuffle breaks the remaining ties.
    rankingRules: ['words', 'sort', 'typo', 'proximity', 'attribute', 'exactness', 'dailyShuffle:asc'],
    synonyms: meiliSynonyms(),
    // Chinese segmentation is selected with the locale `cmn`, not `zh`.
    localizedAttributes: [{ attributePatterns: [...SEARCHABLE_ATTRIBUTES], locales: ['cmn'] }],
    faceting: { maxValuesPerFacet: MAX_FACET_VALUES, sortFacetValuesBy: { '*': 'count' } },
    pagination: { maxTotalHits: MAX_TOTAL_HITS },
    // certificate numbers and prices must match exactly
    typoTolerance: { enabled: true, disableOnNumbers: true, disableOnAttributes: ['qualifications'] },
    facetSearch: false,
    prefixSearch: 'indexingTime',
  }
}

// ---------------------------------------------------------------------------------------------------------------
// Filters

/** A string value in a Meilisearch filter: double-quoted, with backslashes and double quotes escaped. */
export function quoteFilterValue(value: string): string {
  return `"${value.replace(/\\/g, '\\\\').replace(/"/g, '\\"')}"`
}

/** A number in a Meilisearch filter, never in exponent notation. */
export function formatFilterNumber(n: number): string {
  if (!Number.isFinite(n)) throw new SearchEngineError('filter numbers must be finite')
  const s = String(n)
  if (!/e/i.test(s)) return s
  if (Number.isInteger(n)) return BigInt(n).toString()
  return n.toFixed(20).replace(/0+$/, '').replace(/\.$/, '')
}

/**
 * The Meilisearch filter expression for the typed filters plus the status restriction (default: active only).
 * Attribute names come from fixed lists; every user value is quoted. Returns undefined when nothing restricts.
 */
export function buildFilter(
  filters: readonly SearchFilter[],
  statuses: readonly SearchStatus[] | undefined = ['active'],
): string | undefined {
  validateFilters(filters)
  const parts: string[] = []
  const st = effectiveStatuses(statuses)
  parts.push(st.length === 1 ? `status = ${quoteFilterValue(st[0]!)}` : `status IN [${st.map(quoteFilterValue).join(', ')}]`)
  for (const f of filters) {
    switch (f.op) {
      case 'eq':
        parts.push(`${f.field} = ${quoteFilterValue(f.value)}`)
        break
      case 'in':
        parts.push(`${f.field} IN [${f.values.map(quoteFilterValue).join(', ')}]`)
        break
      case 'range': {
        const bounds: [string, number | undefined][] = [
          ['>=', f.gte],
          ['>', f.gt],
          ['<=', f.lte],
          ['<', f.lt],
        ]
        for (const [op, v] of bounds) if (v !== undefined) parts.push(`${f.field} ${op} ${formatFilterNumber(v)}`)
        break
      }
    }
  }
  return parts.length ? parts.join(' AND ') : undefined
}

// ---------------------------------------------------------------------------------------------------------------
// Documents

const TAGS = new RegExp(`[${PRE_TAG}${POST_TAG}]`, 'g')
const stripTags = (s: string) => s.replace(TAGS, '')

export function toMeiliDocument(doc: SearchDocument, day: string, salt = ''): MeiliDocument {
  const { priceFen, rating, qualificationLevel, ...rest } = doc
  const priceBand = priceBandOf(priceFen)
  const ratingBand = ratingBandOf(rating)
  return {
    ...rest,
    title: stripTags(doc.title),
    description: stripTags(doc.description),
    categoryName: stripTags(doc.categoryName),
    supplierName: stripTags(doc.supplierName),
    region: stripTags(doc.region),
    qualifications: doc.qualifications.map(stripTags),
    ...(priceFen !== null && { priceFen }),
    ...(rating !== null && { rating }),
    ...(qualificationLevel !== null && { qualificationLevel }),
    ...(priceBand !== null && { priceBand }),
    ...(ratingBand !== null && { ratingBand }),
    updatedAtTs: Math.floor(Date.parse(doc.updatedAt) / 1000),
    dailyShuffle: dailyShuffleKey(doc.id, day, salt),
    shuffleDay: day,
  }
}

export function fromMeiliHit(hit: Record<string, unknown>): SearchDocument {
  const str = (k: string) => (typeof hit[k] === 'string' ? (hit[k] as string) : '')
  const num = (k: string) => (typeof hit[k] === 'number' ? (hit[k] as number) : null)
  return {
    id: str('id'),
    kind: str('kind') as SearchDocument['kind'],
    title: str('title'),
    description: str('description'),
    categoryCode: str('categoryCode'),
    categoryName: str('categoryName'),
    market: str('market') as SearchDocument['market'],
    qualifications: Array.isArray(hit.qualifications) ? hit.qualifications.filter((q) => typeof q === 'string') : [],
    qualificationLevel: typeof hit.qualificationLevel === 'string' ? hit.qualificationLevel : null,
    region: str('region'),
    priceFen: num('priceFen'),
    rating: num('rating'),
    credit: num('credit') ?? 0,
    status: str('status') as SearchDocument['status'],
    supplierId: str('supplierId'),
    supplierName: str('supplierName'),
    updatedAt: str('updatedAt'),
  }
}

// ---------------------------------------------------------------------------------------------------------------
// Searches

const SORT_PARAM: Record<SearchSort, string[] | undefined> = {
  relevance: undefined,
  price_asc: ['priceFen:asc'],
  price_desc: ['priceFen:desc'],
  rating_desc: ['rating:desc'],
  credit_desc: ['credit:desc'],
  newest: ['updatedAtTs:desc'],
}

const HAN = /[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]/u

/**
 * Meilisearch reads `"…"` as a phrase and a leading `-` as "must not contain"; the embedded engine treats both as
 * separators, so they are neutralised here to keep both engines answering the same query the same way.
 */
export function sanitizeQueryText(q: string): string {
  return q
    .slice(0, MAX_QUERY_LENGTH)
    .replace(/["\u201c\u201d]/g, ' ')
    .replace(/(^|\s)-+/g, '$1')
    .trim()
}

export interface MeiliSearchRequest {
  q: string
  params: SearchParams & { page: number; hitsPerPage: number }
  facets: FacetField[]
  sort: SearchSort
}

export function buildSearchRequest(query: SearchQuery): MeiliSearchRequest {
  const { page, perPage } = pageWindow(query.page, query.perPage, { perPage: DEFAULT_PER_PAGE, maxPerPage: MAX_PER_PAGE })
  const sort = query.sort ?? 'relevance'
  const facets = [...new Set(query.facets ?? [])]
  const q = sanitizeQueryText(query.q ?? '')
  const filter = buildFilter(query.filters ?? [], query.statuses)
  const sortParam = SORT_PARAM[sort]
  const params: MeiliSearchRequest['params'] = {
    page,
    hitsPerPage: perPage,
    matchingStrategy: 'all',
    attributesToRetrieve: [...DOCUMENT_FIELDS],
    attributesToHighlight: ['title', 'description'],
    attributesToCrop: ['description'],
    cropLength: CROP_LENGTH_WORDS,
    cropMarker: '…',
    highlightPreTag: PRE_TAG,
    highlightPostTag: POST_TAG,
    ...(filter !== undefined && { filter }),
    ...(facets.length > 0 && { facets }),
    ...(sortParam && { sort: sortParam }),
    ...(HAN.test(q) && { locales: ['cmn'] }),
  }
  return { q, params, facets, sort }
}

export function mapSearchResponse(
  response: SearchResponse<Record<string, unknown>>,
  request: MeiliSearchRequest,
  tookMs: number,
): SearchResult {
  const hits: SearchHit[] = response.hits.map((hit) => {
    const document = fromMeiliHit(hit)
    const formatted = (hit._formatted ?? {}) as Record<string, unknown>
    const tagged = (k: 'title' | 'description') => (typeof formatted[k] === 'string' ? (formatted[k] as string) : document[k])
    return {
      document,
      highlight: { title: segmentsFromTagged(tagged('title')), description: segmentsFromTagged(tagged('description')) },
    }
  })
  const facets: SearchResult['facets'] = {}
  for (const field of request.facets) {
    const dist = response.facetDistribution?.[field] ?? {}
    const counts: FacetCount[] = Object.entries(dist)
      .filter(([, count]) => count > 0)
      .map(([value, count]) => ({ value, count }))
      .sort((a, b) => b.count - a.count || (a.value < b.value ? -1 : a.value > b.value ? 1 : 0))
    facets[field] = counts.slice(0, MAX_FACET_VALUES)
  }
  const total = response.totalHits ?? 0
  const perPage = response.hitsPerPage ?? request.params.hitsPerPage
  return {
    hits,
    total,
    page: response.page ?? request.params.page,
    perPage,
    totalPages: response.totalPages ?? Math.ceil(total / perPage),
    facets,
    sort: request.sort,
    q: request.q,
    tookMs,
  }
}

// ---------------------------------------------------------------------------------------------------------------
// The engine

export interface MeilisearchEngineOptions {
  host: string
  apiKey?: string
  /** Index uids start with this (default `caigou_`), so several deployments or test runs can share a server. */
  indexPrefix?: string
  /** How long to wait for one task (default 60 s; the client's own default of 5 s is too short for big batches). */
  taskTimeoutMs?: number
  /** Per-request HTTP timeout (default 10 s). */
  requestTimeoutMs?: number
  /** Documents per write request (default 1,000). */
  batchSize?: number
  now?: () => Date
  shuffleSalt?: string
}

const INDEX_UID = /^[A-Za-z0-9_-]{1,400}$/

export class MeilisearchEngine implements SearchEngine {
  readonly name = 'meilisearch' as const
  readonly client: Meilisearch
  readonly indexUid: string
  private readonly taskTimeoutMs: number
  private readonly batchSize: number
  private readonly now: () => Date
  private readonly salt: string

  constructor(options: MeilisearchEngineOptions) {
    this.client = new Meilisearch({
      host: options.host,
      ...(options.apiKey && { apiKey: options.apiKey }),
      timeout: options.requestTimeoutMs ?? 10_000,
      clientAgents: ['caigou'],
    })
    this.indexUid = `${options.indexPrefix ?? 'caigou_'}documents`
    if (!INDEX_UID.test(this.indexUid)) throw new SearchEngineError(`invalid index uid: ${this.indexUid}`)
    this.taskTimeoutMs = options.taskTimeoutMs ?? 60_000
    this.batchSize = options.batchSize ?? 1_000
    this.now = options.now ?? (() => new Date())
    this.salt = options.shuffleSalt ?? ''
  }

  private index(uid = this.indexUid): Index<Record<string, unknown>> {
    return this.client.index(uid)
  }

  /** Waits for a task and throws unless it succeeded (or failed with one of the `tolerated` error codes). */
  private async settle(enqueued: EnqueuedTaskPromise, what: string, tolerated: string[] = []): Promise<Task> {
    let task: Task
    try {
      task = await enqueued.waitTask({ timeout: this.taskTimeoutMs })
    } catch (cause) {
      throw new SearchEngineError(`Meilisearch: ${what}: ${(cause as Error).message}`, { cause })
    }
    if (task.status === 'succeeded') return task
    if (task.status === 'failed' && task.error && tolerated.includes(task.error.code)) return task
    throw new SearchEngineError(
      `Meilisearch task ${task.uid} (${what}) ${task.status}: ${task.error ? `${task.error.code}: ${task.error.message}` : 'no error reported'}`,
      { taskUid: task.uid, status: task.status, type: task.type, error: task.error },
    )
  }

  async applySettings(): Promise<void> {
    await this.applySettingsTo(this.indexUid)
  }

  private async applySettingsTo(uid: string): Promise<void> {
    await this.ensureIndex(uid)
    await this.settle(this.index(uid).updateSettings(meiliSettings()), `settings of ${uid}`)
  }

  private async ensureIndex(uid: string): Promise<void> {
    try {
      await this.client.getRawIndex(uid)
    } catch (e) {
      if (!(e instanceof MeilisearchApiError) || e.cause?.code !== 'index_not_found') throw e
      await this.settle(this.client.createIndex(uid, { primaryKey: 'id' }), `create ${uid}`, ['index_already_exists'])
    }
  }

  async upsert(docs: readonly SearchDocument[]): Promise<void> {
    docs.forEach(assertValidDocument)
    await this.write(this.indexUid, docs)
  }

  private async write(uid: string, docs: readonly SearchDocument[]): Promise<void> {
    const day = shanghaiDay(this.now())
    for (let i = 0; i < docs.length; i += this.batchSize) {
      const batch = docs.slice(i, i + this.batchSize).map((d) => toMeiliDocument(d, day, this.salt))
      await this.settle(this.index(uid).addDocuments(batch, { primaryKey: 'id' }), `add ${batch.length} documents to ${uid}`)
    }
  }

  async delete(ids: readonly string[]): Promise<void> {
    const unique = [...new Set(ids)]
    if (unique.length === 1) {
      await this.settle(this.index().deleteDocument(unique[0]!), `delete ${unique[0]}`)
      return
    }
    for (let i = 0; i < unique.length; i += 500) {
      const chunk = unique.slice(i, i + 500)
      const filter = `id IN [${chunk.map(quoteFilterValue).join(', ')}]`
      await this.settle(this.index().deleteDocuments({ filter }), `delete ${chunk.length} documents`)
    }
  }

  async search(query: SearchQuery): Promise<SearchResult> {
    const started = performance.now()
    const request = buildSearchRequest(query)
    const response = await this.index().search(request.q, request.params)
    return mapSearchResponse(response, request, performance.now() - started)
  }

  async rebuild(source: DocumentBatches): Promise<{ indexed: number }> {
    const next = `${this.indexUid}__next`
    if (!INDEX_UID.test(next)) throw new SearchEngineError(`invalid index uid: ${next}`)
    await this.settle(this.client.deleteIndex(next), `delete stale ${next}`, ['index_not_found'])
    await this.applySettingsTo(next)
    let indexed = 0
    for await (const batch of source) {
      batch.forEach(assertValidDocument)
      await this.write(next, batch)
      indexed += batch.length
    }
    await this.ensureIndex(this.indexUid)
    // swap-indexes is atomic; `rename` is not sent: Meilisearch 1.15 rejects unknown fields
    await this.settle(this.client.swapIndexes([{ indexes: [this.indexUid, next] } as never]), `swap ${this.indexUid} and ${next}`)
    await this.settle(this.client.deleteIndex(next), `delete previous ${next}`, ['index_not_found'])
    return { indexed }
  }

  async refreshDailyShuffle(): Promise<void> {
    const day = shanghaiDay(this.now())
    const index = this.index()
    for (let offset = 0; ; offset += this.batchSize) {
      const page = await index.getDocuments({ fields: ['id'], limit: this.batchSize, offset })
      const updates = page.results.map((d) => {
        const id = String(d.id)
        return { id, dailyShuffle: dailyShuffleKey(id, day, this.salt), shuffleDay: day }
      })
      if (updates.length > 0) {
        await this.settle(index.updateDocuments(updates, { primaryKey: 'id' }), `daily shuffle for ${day}`)
      }
      if (page.results.length < this.batchSize) break
    }
  }

  async count(): Promise<number> {
    try {
      return (await this.index().getStats()).numberOfDocuments
    } catch (e) {
      if (e instanceof MeilisearchApiError && e.cause?.code === 'index_not_found') return 0
      throw e
    }
  }

  async drop(): Promise<void> {
    await this.settle(this.client.deleteIndex(this.indexUid), `delete ${this.indexUid}`, ['index_not_found'])
  }
}
