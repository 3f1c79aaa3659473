// The embedded engine: used when no Meilisearch server is configured, so that the whole site works on one machine.
//
// Text matching is done by FlexSearch (two inverted indexes fed with our own tokens: all searchable text, and titles
// alone for ranking). Everything else works on columns held in typed arrays, indexed by a small integer ordinal per
// document: filters are predicates over the columns, facets are counts over the matches, sorting is a bounded heap.
// The index lives in this process only; every instance builds it from the database at start-up (`rebuild`) and
// keeps it current from the sync outbox, so no state that matters lives only here.

import { Index } from 'flexsearch'

import { priceBandOf, ratingBandOf } from './bands'
import { dailyShuffleKey, shanghaiDay } from './daily-shuffle'
import {
  assertValidDocument,
  DEFAULT_PER_PAGE,
  MAX_FACET_VALUES,
  MAX_PER_PAGE,
  MAX_TOTAL_HITS,
  SEARCH_STATUSES,
  type DocumentBatches,
  type FacetCount,
  type FacetField,
  type KeywordField,
  type NumericField,
  type SearchDocument,
  type SearchEngine,
  type SearchFilter,
  type SearchHit,
  type SearchQuery,
  type SearchResult,
  type SearchSort,
} from './engine'
import { effectiveStatuses, pageWindow, validateFilters } from './filters'
import { DESCRIPTION_CROP, highlight } from './highlight'
import { highlightTerms, indexTokens, parseQuery, type QueryAlternative, type QueryGroup } from './tokenize'

type FlexIndex = Index

/** Most indexed tokens a prefix may expand to (a one-letter prefix would otherwise touch the whole vocabulary). */
const MAX_PREFIX_EXPANSION = 256
const EMPTY_SLOT = 255

const SINGLE_KEYWORD_FIELDS = [
  'kind',
  'market',
  'categoryCode',
  'region',
  'qualificationLevel',
  'supplierId',
  'priceBand',
  'ratingBand',
] as const
type SingleKeywordField = (typeof SINGLE_KEYWORD_FIELDS)[number]

class Dictionary {
  private readonly codes = new Map<string, number>()
  readonly values: string[] = []
  code(value: string): number {
    let c = this.codes.get(value)
    if (c === undefined) {
      c = this.values.length
      this.values.push(value)
      this.codes.set(value, c)
    }
    return c
  }
  lookup(value: string): number | undefined {
    return this.codes.get(value)
  }
}

function newFlexIndex(): FlexIndex {
  // Tokens are produced by ./tokenize and handed over space-separated; FlexSearch only has to split them.
  return new Index({
    tokenize: 'strict',
    resolution: 1,
    fastupdate: true,
    cache: false,
    encode: (text: string) => (text ? text.split(' ') : []),
  })
}

function growInt32(a: Int32Array, size: number): Int32Array {
  const b = new Int32Array(size).fill(-1)
  b.set(a)
  return b
}
function growFloat64(a: Float64Array, size: number): Float64Array {
  const b = new Float64Array(size).fill(Number.NaN)
  b.set(a)
  return b
}

/** One complete index. `rebuild` fills a new one and swaps it in. */
class Store {
  readonly all = newFlexIndex()
  readonly titles = newFlexIndex()
  private capacity = 1024
  /** Next never-used ordinal. */
  private end = 0
  private readonly free: number[] = []
  private readonly idToOrd = new Map<string, number>()
  readonly docs: (SearchDocument | undefined)[] = []
  status = new Uint8Array(this.capacity).fill(EMPTY_SLOT)
  readonly keyword: Record<SingleKeywordField, Int32Array>
  readonly dicts: Record<KeywordField, Dictionary>
  readonly qualifications: (Int32Array | undefined)[] = []
  readonly numeric: Record<NumericField | 'updated', Float64Array>
  shuffle = new Uint32Array(this.capacity)
  private shuffleDay = ''
  /** Every token ever indexed, sorted lazily for prefix look-ups. */
  private readonly vocabulary = new Set<string>()
  private sortedVocabulary: string[] | null = []
  /** Scratch space for set operations: stamp[ord] === generation means "in the current set". */
  private stamp = new Uint32Array(this.capacity)
  private generation = 0

  constructor(private readonly salt: string) {
    const int = () => new Int32Array(this.capacity).fill(-1)
    const num = () => new Float64Array(this.capacity).fill(Number.NaN)
    this.keyword = {
      kind: int(),
      market: int(),
      categoryCode: int(),
      region: int(),
      qualificationLevel: int(),
      supplierId: int(),
      priceBand: int(),
      ratingBand: int(),
    }
    this.dicts = {
      kind: new Dictionary(),
      market: new Dictionary(),
      categoryCode: new Dictionary(),
      region: new Dictionary(),
      qualificationLevel: new Dictionary(),
      qualifications: new Dictionary(),
      supplierId: new Dictionary(),
      priceBand: new Dictionary(),
      ratingBand: new Dictionary(),
    }
    this.numeric = { priceFen: num(), rating: num(), credit: num(), updated: num() }
  }

  get size(): number {
    return this.idToOrd.size
  }
  get slots(): number {
    return this.end
  }

  private ensureCapacity(ord: number) {
    if (ord < this.capacity) return
    let cap = this.capacity
    while (cap <= ord) cap *= 2
    const status = new Uint8Array(cap).fill(EMPTY_SLOT)
    status.set(this.status)
    this.status = status
    for (const f of SINGLE_KEYWORD_FIELDS) this.keyword[f] = growInt32(this.keyword[f], cap)
    for (const f of ['priceFen', 'rating', 'credit', 'updated'] as const) {
      this.numeric[f] = growFloat64(this.numeric[f], cap)
    }
    const shuffle = new Uint32Array(cap)
    shuffle.set(this.shuffle)
    this.shuffle = shuffle
    this.stamp = new Uint32Array(cap)
    this.generation = 0
    this.capacity = cap
  }

  put(input: SearchDocument) {
    // a private copy: later changes to the caller's object must not desynchronise the columns
    const doc: SearchDocument = { ...input, qualifications: [...input.qualifications] }
    let ord = this.idToOrd.get(doc.id)
    if (ord !== undefined) {
      this.all.remove(ord)
      this.titles.remove(ord)
    } else {
      ord = this.free.pop() ?? this.end++
      this.ensureCapacity(ord)
      this.idToOrd.set(doc.id, ord)
    }
    this.docs[ord] = doc
    this.status[ord] = SEARCH_STATUSES.indexOf(doc.status)
    const kw = (f: SingleKeywordField, v: string | null) => {
      this.keyword[f][ord] = v === null ? -1 : this.dicts[f].code(v)
    }
    kw('kind', doc.kind)
    kw('market', doc.market)
    kw('categoryCode', doc.categoryCode)
    kw('region', doc.region)
    kw('qualificationLevel', doc.qualificationLevel)
    kw('supplierId', doc.supplierId)
    kw('priceBand', priceBandOf(doc.priceFen))
    kw('ratingBand', ratingBandOf(doc.rating))
    this.qualifications[ord] = Int32Array.from(new Set(doc.qualifications), (q) => this.dicts.qualifications.code(q))
    this.numeric.priceFen[ord] = doc.priceFen ?? Number.NaN
    this.numeric.rating[ord] = doc.rating ?? Number.NaN
    this.numeric.credit[ord] = doc.credit
    this.numeric.updated[ord] = Date.parse(doc.updatedAt)
    if (this.shuffleDay) this.shuffle[ord] = dailyShuffleKey(doc.id, this.shuffleDay, this.salt)

    const titleTokens = indexTokens(doc.title)
    const allTokens = new Set(titleTokens)
    for (const text of [doc.categoryName, doc.supplierName, doc.region, doc.description, ...doc.qualifications]) {
      indexTokens(text, allTokens)
    }
    for (const t of allTokens) {
      if (!this.vocabulary.has(t)) {
        this.vocabulary.add(t)
        this.sortedVocabulary = null
      }
    }
    this.all.add(ord, [...allTokens].join(' '))
    this.titles.add(ord, [...titleTokens].join(' '))
  }

  remove(id: string) {
    const ord = this.idToOrd.get(id)
    if (ord === undefined) return
    this.all.remove(ord)
    this.titles.remove(ord)
    this.idToOrd.delete(id)
    this.docs[ord] = undefined
    this.qualifications[ord] = undefined
    this.status[ord] = EMPTY_SLOT
    this.free.push(ord)
  }

  ensureShuffle(day: string) {
    if (this.shuffleDay === day) return
    for (let o = 0; o < this.end; o++) {
      const d = this.docs[o]
      if (d) this.shuffle[o] = dailyShuffleKey(d.id, day, this.salt)
    }
    this.shuffleDay = day
  }

  private expandPrefix(prefix: string): string[] {
    if (!this.sortedVocabulary) this.sortedVocabulary = [...this.vocabulary].sort()
    const v = this.sortedVocabulary
    let lo = 0
    let hi = v.length
    while (lo < hi) {
      const mid = (lo + hi) >>> 1
      if (v[mid]! < prefix) lo = mid + 1
      else hi = mid
    }
    const out: string[] = []
    for (let i = lo; i < v.length && out.length < MAX_PREFIX_EXPANSION && v[i]!.startsWith(prefix); i++) out.push(v[i]!)
    return out
  }

  /**
   * The posting list of one token. FlexSearch hands out its own array for a single-term search: never mutate it.
   * (Multi-term searches are intersected here rather than by FlexSearch, which is much slower on long lists.)
   */
  private lookup(index: FlexIndex, token: string): readonly number[] {
    return index.search(token, { limit: this.end + 1 }) as number[]
  }

  private intersectAll(lists: (readonly number[])[]): readonly number[] {
    if (lists.length === 0) return []
    const sorted = [...lists].sort((a, b) => a.length - b.length)
    let result = sorted[0]!
    for (let i = 1; i < sorted.length && result.length > 0; i++) result = this.intersect(result, sorted[i]!)
    return result
  }

  private union(lists: (readonly number[])[]): readonly number[] {
    if (lists.length === 1) return lists[0]!
    const gen = this.nextGeneration()
    const out: number[] = []
    for (const list of lists) {
      for (const o of list) {
        if (this.stamp[o] !== gen) {
          this.stamp[o] = gen
          out.push(o)
        }
      }
    }
    return out
  }

  private intersect(a: readonly number[], b: readonly number[]): readonly number[] {
    const [small, large] = a.length <= b.length ? [a, b] : [b, a]
    const gen = this.nextGeneration()
    for (const o of small) this.stamp[o] = gen
    return large.filter((o) => this.stamp[o] === gen)
  }

  private nextGeneration(): number {
    if (this.generation >= 0xfffffffe) {
      this.stamp.fill(0)
      this.generation = 0
    }
    return ++this.generation
  }

  private matchAlternative(index: FlexIndex, alt: QueryAlternative): readonly number[] {
    const lists = alt.tokens.map((t) => this.lookup(index, t))
    if (alt.prefix) {
      const words = this.expandPrefix(alt.prefix)
      lists.push(words.length === 0 ? [] : this.union(words.map((w) => this.lookup(index, w))))
    }
    return this.intersectAll(lists)
  }

  matchGroup(index: FlexIndex, group: QueryGroup): readonly number[] {
    return this.union(group.alternatives.map((alt) => this.matchAlternative(index, alt)))
  }

  matchAll(index: FlexIndex, groups: readonly QueryGroup[]): readonly number[] {
    return this.intersectAll(groups.map((g) => this.matchGroup(index, g)))
  }
}

type Predicate = (ord: number) => boolean

function compileFilters(store: Store, filters: readonly SearchFilter[]): Predicate[] | 'nothing' {
  const preds: Predicate[] = []
  for (const f of filters) {
    if (f.op === 'range') {
      const col = store.numeric[f.field]
      const { gte, gt, lte, lt } = f
      if (gte === undefined && gt === undefined && lte === undefined && lt === undefined) continue
      preds.push((o) => {
        const v = col[o]!
        return (
          !Number.isNaN(v) &&
          (gte === undefined || v >= gte) &&
          (gt === undefined || v > gt) &&
          (lte === undefined || v <= lte) &&
          (lt === undefined || v < lt)
        )
      })
      continue
    }
    const values = f.op === 'eq' ? [f.value] : f.values
    const dict = store.dicts[f.field]
    const mask = new Uint8Array(dict.values.length)
    let any = false
    for (const v of values) {
      const c = dict.lookup(v)
      if (c !== undefined) {
        mask[c] = 1
        any = true
      }
    }
    if (!any) return 'nothing'
    if (f.field === 'qualifications') {
      const quals = store.qualifications
      preds.push((o) => {
        const q = quals[o]
        if (!q) return false
        for (let i = 0; i < q.length; i++) if (mask[q[i]!] === 1) return true
        return false
      })
    } else {
      const col = store.keyword[f.field]
      preds.push((o) => mask[col[o]!] === 1)
    }
  }
  return preds
}

function comparator(store: Store, sort: SearchSort, score: Uint8Array | null): (a: number, b: number) => number {
  const column: { col: Float64Array; dir: 1 | -1 } | null =
    sort === 'price_asc'
      ? { col: store.numeric.priceFen, dir: 1 }
      : sort === 'price_desc'
        ? { col: store.numeric.priceFen, dir: -1 }
        : sort === 'rating_desc'
          ? { col: store.numeric.rating, dir: -1 }
          : sort === 'credit_desc'
            ? { col: store.numeric.credit, dir: -1 }
            : sort === 'newest'
              ? { col: store.numeric.updated, dir: -1 }
              : null
  const shuffle = store.shuffle
  const docs = store.docs
  return (a, b) => {
    if (column) {
      const va = column.col[a]!
      const vb = column.col[b]!
      const na = Number.isNaN(va)
      const nb = Number.isNaN(vb)
      if (na !== nb) return na ? 1 : -1 // documents without the value come last, as in Meilisearch
      if (!na && va !== vb) return va < vb ? -column.dir : column.dir
    }
    if (score) {
      const d = score[b]! - score[a]!
      if (d !== 0) return d
    }
    const d = shuffle[a]! - shuffle[b]!
    if (d !== 0) return d
    const ia = docs[a]!.id
    const ib = docs[b]!.id
    return ia < ib ? -1 : ia > ib ? 1 : 0
  }
}

/** The first `k` of `items` in `cmp` order (a bounded max-heap; a full sort when k is a large share). */
function topK(items: Int32Array, k: number, cmp: (a: number, b: number) => number): number[] {
  const n = items.length
  if (k <= 0) return []
  if (k * 4 >= n) return Array.from(items).sort(cmp).slice(0, k)
  const heap: number[] = []
  const up = (i: number) => {
    while (i > 0) {
      const p = (i - 1) >> 1
      if (cmp(heap[i]!, heap[p]!) <= 0) break
      ;[heap[i], heap[p]] = [heap[p]!, heap[i]!]
      i = p
    }
  }
  const down = (i: number) => {
    for (;;) {
      const l = 2 * i + 1
      const r = l + 1
      let m = i
      if (l < heap.length && cmp(heap[l]!, heap[m]!) > 0) m = l
      if (r < heap.length && cmp(heap[r]!, heap[m]!) > 0) m = r
      if (m === i) return
      ;[heap[i], heap[m]] = [heap[m]!, heap[i]!]
      i = m
    }
  }
  for (let i = 0; i < n; i++) {
    const o = items[i]!
    if (heap.length < k) {
      heap.push(o)
      up(heap.length - 1)
    } else if (cmp(o, heap[0]!) < 0) {
      heap[0] = o
      down(0)
    }
  }
  return heap.sort(cmp)
}

export interface EmbeddedSearchOptions {
  /** Clock for the daily shuffle (tests pin it). */
  now?: () => Date
  /** Optional salt for the daily shuffle; must be the same on every instance. */
  shuffleSalt?: string
}

export class EmbeddedSearchEngine implements SearchEngine {
  readonly name = 'embedded' as const
  private store: Store
  private readonly now: () => Date
  private readonly salt: string

  constructor(options: EmbeddedSearchOptions = {}) {
    this.now = options.now ?? (() => new Date())
    this.salt = options.shuffleSalt ?? ''
    this.store = new Store(this.salt)
  }

  async applySettings(): Promise<void> {
    // Settings are code here (./tokenize, ./synonyms); nothing to apply.
  }

  async upsert(docs: readonly SearchDocument[]): Promise<void> {
    docs.forEach(assertValidDocument)
    for (const d of docs) this.store.put(d)
  }

  async delete(ids: readonly string[]): Promise<void> {
    for (const id of ids) this.store.remove(id)
  }

  async rebuild(source: DocumentBatches): Promise<{ indexed: number }> {
    const next = new Store(this.salt)
    for await (const batch of source) {
      batch.forEach(assertValidDocument)
      for (const d of batch) next.put(d)
      // let other work (searches on the old index, HTTP) run between batches
      await new Promise((r) => setImmediate(r))
    }
    this.store = next
    return { indexed: next.size }
  }

  async refreshDailyShuffle(): Promise<void> {
    this.store.ensureShuffle(shanghaiDay(this.now()))
  }

  async count(): Promise<number> {
    return this.store.size
  }

  async drop(): Promise<void> {
    this.store = new Store(this.salt)
  }

  async search(query: SearchQuery): Promise<SearchResult> {
    return this.searchSync(query)
  }

  /** Synchronous core of `search` (the benchmark calls it directly). */
  searchSync(query: SearchQuery): SearchResult {
    const started = performance.now()
    const store = this.store
    const sort = query.sort ?? 'relevance'
    const { page, perPage } = pageWindow(query.page, query.perPage, {
      perPage: DEFAULT_PER_PAGE,
      maxPerPage: MAX_PER_PAGE,
    })
    const filters = query.filters ?? []
    validateFilters(filters)
    const statuses = effectiveStatuses(query.statuses)
    const facetFields = [...new Set(query.facets ?? [])]
    const parsed = parseQuery(query.q ?? '')
    store.ensureShuffle(shanghaiDay(this.now()))

    const result = (matched: Int32Array, hits: SearchHit[], facets: SearchResult['facets']): SearchResult => {
      const total = Math.min(matched.length, MAX_TOTAL_HITS)
      return {
        hits,
        total,
        page,
        perPage,
        totalPages: Math.ceil(total / perPage),
        facets,
        sort,
        q: parsed.text,
        tookMs: performance.now() - started,
      }
    }

    const predicates = compileFilters(store, filters)
    const emptyFacets = Object.fromEntries(facetFields.map((f) => [f, [] as FacetCount[]]))
    if (predicates === 'nothing' || statuses.length === 0) return result(new Int32Array(0), [], emptyFacets)

    const statusMask = new Uint8Array(256)
    for (const s of statuses) statusMask[SEARCH_STATUSES.indexOf(s)] = 1

    // 1. candidates from the text index (all slots when there is no text)
    const candidates = parsed.groups.length > 0 ? store.matchAll(store.all, parsed.groups) : null
    // 2. status and filters
    const n = candidates ? candidates.length : store.slots
    const buffer = new Int32Array(n)
    let count = 0
    const status = store.status
    for (let i = 0; i < n; i++) {
      const o = candidates ? candidates[i]! : i
      if (statusMask[status[o]!] !== 1) continue
      let ok = true
      for (let p = 0; p < predicates.length; p++) {
        if (!predicates[p]!(o)) {
          ok = false
          break
        }
      }
      if (ok) buffer[count++] = o
    }
    const matched = buffer.subarray(0, count)

    // 3. facet counts over all matches
    const facets: SearchResult['facets'] = {}
    for (const field of facetFields) facets[field] = countFacet(store, field, matched)

    // 4. relevance: how many query groups also match the title
    let score: Uint8Array | null = null
    if (parsed.groups.length > 0 && matched.length > 0) {
      score = new Uint8Array(store.slots)
      for (const g of parsed.groups) for (const o of store.matchGroup(store.titles, g)) score[o]! += 1
    }

    // 5. order and page
    const offset = (page - 1) * perPage
    const window = Math.min(offset + perPage, MAX_TOTAL_HITS)
    const ordered = offset >= window ? [] : topK(matched, window, comparator(store, sort, score)).slice(offset)
    const terms = highlightTerms(parsed)
    const hits: SearchHit[] = ordered.map((o) => {
      const stored = store.docs[o]!
      const document = { ...stored, qualifications: [...stored.qualifications] }
      return {
        document,
        highlight: {
          title: highlight(document.title, terms),
          description: highlight(document.description, terms, DESCRIPTION_CROP),
        },
      }
    })
    return result(matched, hits, facets)
  }
}

function countFacet(store: Store, field: FacetField, matched: Int32Array): FacetCount[] {
  const dict = store.dicts[field]
  const counts = new Uint32Array(dict.values.length)
  if (field === 'qualifications') {
    for (let i = 0; i < matched.length; i++) {
      const q = store.qualifications[matched[i]!]
      if (q) for (let j = 0; j < q.length; j++) counts[q[j]!]! += 1
    }
  } else {
    const col = store.keyword[field]
    for (let i = 0; i < matched.length; i++) {
      const c = col[matched[i]!]!
      if (c >= 0) counts[c]! += 1
    }
  }
  const out: FacetCount[] = []
  counts.forEach((count, c) => {
    if (count > 0) out.push({ value: dict.values[c]!, count })
  })
  out.sort((a, b) => b.count - a.count || (a.value < b.value ? -1 : a.value > b.value ? 1 : 0))
  return out.slice(0, MAX_FACET_VALUES)
}

