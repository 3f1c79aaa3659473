// The search engine contract shared by the Meilisearch and the embedded implementation.
//
// Everything here is plain data: routes build a `SearchQuery` from the URL (see `./query-params.ts`), services feed
// `SearchDocument`s (mapped from the database) to `upsert`/`delete`/`rebuild`, and both engines answer with the same
// `SearchResult`. User text only ever reaches an engine as the free-text `q` or as values inside the typed filter
// model below; no raw filter expression is accepted from outside.

export const SEARCH_KINDS = ['catalogue_supplier', 'catalogue_item', 'service_listing'] as const
export type SearchKind = (typeof SEARCH_KINDS)[number]

/** `catalogue` = 预选供应商库 (suppliers and their menu items), `supermarket` = 网上中介服务超市. */
export const SEARCH_MARKETS = ['catalogue', 'supermarket'] as const
export type SearchMarket = (typeof SEARCH_MARKETS)[number]

/** Only `active` documents are returned unless a query asks for other statuses (e.g. an admin view). */
export const SEARCH_STATUSES = ['active', 'suspended', 'expired', 'removed'] as const
export type SearchStatus = (typeof SEARCH_STATUSES)[number]

/**
 * One searchable entry. Money is integer fen; `bigint` columns are converted with `Number()` by the mapper (search
 * prices stay far below 2^53 fen), and `upsert` rejects anything that is not a safe integer.
 */
export interface SearchDocument {
  id: string
  kind: SearchKind
  title: string
  description: string
  categoryCode: string
  categoryName: string
  market: SearchMarket
  qualifications: string[]
  /** e.g. 甲级 / 乙级 / 丙级, or null when the category has no levels. */
  qualificationLevel: string | null
  /** Region name or code as the database holds it (e.g. 深圳市福田区); used for filters and facets as is. */
  region: string
  /** Menu or listed price in fen; null when not applicable (a supplier entry). */
  priceFen: number | null
  /** Average rating 0–5 from 一标一评, null when not yet rated. */
  rating: number | null
  /** Credit points (starts at 100). */
  credit: number
  status: SearchStatus
  supplierId: string
  supplierName: string
  /** ISO 8601 timestamp (UTC). */
  updatedAt: string
}

/** Keyword attributes usable in `eq` / `in` filters (and, except `supplierId`, as facets). */
export const KEYWORD_FIELDS = [
  'kind',
  'market',
  'categoryCode',
  'region',
  'qualificationLevel',
  'qualifications',
  'supplierId',
  'priceBand',
  'ratingBand',
] as const
export type KeywordField = (typeof KEYWORD_FIELDS)[number]

/** Numeric attributes usable in `range` filters. */
export const NUMERIC_FIELDS = ['priceFen', 'rating', 'credit'] as const
export type NumericField = (typeof NUMERIC_FIELDS)[number]

export const FACET_FIELDS = [
  'kind',
  'market',
  'categoryCode',
  'region',
  'qualificationLevel',
  'qualifications',
  'priceBand',
  'ratingBand',
] as const
export type FacetField = (typeof FACET_FIELDS)[number]

/** Typed filter model. Filters in a query are combined with AND. */
export type SearchFilter =
  | { op: 'eq'; field: KeywordField; value: string }
  /** Matches when the attribute equals any of the values; an empty list matches nothing. */
  | { op: 'in'; field: KeywordField; values: readonly string[] }
  /** Inclusive/exclusive bounds; documents without a value (null) never match a range. No bound = no constraint. */
  | { op: 'range'; field: NumericField; gte?: number; gt?: number; lte?: number; lt?: number }

export const SORTS = ['relevance', 'price_asc', 'price_desc', 'rating_desc', 'credit_desc', 'newest'] as const
export type SearchSort = (typeof SORTS)[number]

export const DEFAULT_PER_PAGE = 20
export const MAX_PER_PAGE = 100
/** Deepest reachable result (page × perPage); also Meilisearch's `pagination.maxTotalHits`. */
export const MAX_TOTAL_HITS = 10_000
/** Most values returned per facet; also Meilisearch's `faceting.maxValuesPerFacet`. */
export const MAX_FACET_VALUES = 100

export interface SearchQuery {
  /** Free text; empty or missing = browse (filters, facets and sort only). */
  q?: string
  filters?: readonly SearchFilter[]
  facets?: readonly FacetField[]
  /** Default `relevance`; ties (equal relevance, or equal sort value) are ordered by the daily shuffle. */
  sort?: SearchSort
  /** 1-based; default 1. */
  page?: number
  /** Default 20, at most 100. */
  perPage?: number
  /** Default `['active']`: suspended, expired and removed entries never appear in normal searches. */
  statuses?: readonly SearchStatus[]
}

/** A piece of a highlighted field; render `match` pieces in <mark>, never via dangerouslySetInnerHTML. */
export interface Segment {
  text: string
  match: boolean
}

export interface SearchHit {
  document: SearchDocument
  highlight: {
    title: Segment[]
    /** Cropped around the first match when long; cropped ends are marked with '…' segments. */
    description: Segment[]
  }
}

export interface FacetCount {
  value: string
  count: number
}

export interface SearchResult {
  hits: SearchHit[]
  /** Exact number of matching documents, capped at MAX_TOTAL_HITS. */
  total: number
  page: number
  perPage: number
  totalPages: number
  /** Only the facets asked for; values sorted by count desc, then value asc; counts use all filters (conjunctive). */
  facets: Partial<Record<FacetField, FacetCount[]>>
  sort: SearchSort
  /** The query text as understood (trimmed). */
  q: string
  tookMs: number
}

/** A source of documents for `rebuild`: batches, sync or async (e.g. a keyset-paginated database read). */
export type DocumentBatches = Iterable<readonly SearchDocument[]> | AsyncIterable<readonly SearchDocument[]>

export interface SearchEngine {
  readonly name: 'embedded' | 'meilisearch'
  /** Create the index if needed and apply searchable/filterable/sortable attributes, synonyms, locales, faceting. */
  applySettings(): Promise<void>
  /** Insert or replace documents (by id). Throws if the engine reports a failure. */
  upsert(docs: readonly SearchDocument[]): Promise<void>
  /** Remove documents by id; unknown ids are ignored. */
  delete(ids: readonly string[]): Promise<void>
  search(query: SearchQuery): Promise<SearchResult>
  /**
   * Build a fresh index from `source` next to the live one and switch over atomically (Meilisearch: swap-indexes;
   * embedded: replace the in-memory index in one step). Searches keep answering from the old index meanwhile.
   */
  rebuild(source: DocumentBatches): Promise<{ indexed: number }>
  /**
   * Make equal-relevance ordering follow today's (Asia/Shanghai) shuffle. The embedded engine computes it at query
   * time (no-op); Meilisearch stores it per document (`dailyShuffle`), so a daily job must call this after 00:00 CST.
   */
  refreshDailyShuffle(): Promise<void>
  /** Number of documents in the index (any status). */
  count(): Promise<number>
  /** Delete the index and everything in it (tests, decommissioning). */
  drop(): Promise<void>
}

/** Raised when an engine reports that a write failed (e.g. a failed Meilisearch task); never swallowed. */
export class SearchEngineError extends Error {
  override readonly name = 'SearchEngineError'
  constructor(
    message: string,
    readonly details: Record<string, unknown> = {},
  ) {
    super(message)
  }
}

/** Rejects documents that would corrupt the index or the filters (bad enums, non-integer money, …). */
export function assertValidDocument(doc: SearchDocument): void {
  const fail = (why: string) => {
    throw new SearchEngineError(`invalid search document ${JSON.stringify(doc?.id)}: ${why}`, { id: doc?.id })
  }
  if (typeof doc.id !== 'string' || doc.id.length === 0 || doc.id.length > 511) fail('id must be a non-empty string')
  // Meilisearch document ids: alphanumerics, '-' and '_' only.
  if (!/^[A-Za-z0-9_-]+$/.test(doc.id)) fail('id may only contain A-Z a-z 0-9 - _')
  if (!(SEARCH_KINDS as readonly string[]).includes(doc.kind)) fail('unknown kind')
  if (!(SEARCH_MARKETS as readonly string[]).includes(doc.market)) fail('unknown market')
  if (!(SEARCH_STATUSES as readonly string[]).includes(doc.status)) fail('unknown status')
  if (doc.priceFen !== null && !(Number.isSafeInteger(doc.priceFen) && doc.priceFen >= 0)) {
    fail('priceFen must be a non-negative safe integer (fen) or null')
  }
  if (doc.rating !== null && !(Number.isFinite(doc.rating) && doc.rating >= 0 && doc.rating <= 5)) {
    fail('rating must be within 0..5 or null')
  }
  if (!Number.isFinite(doc.credit)) fail('credit must be a finite number')
  if (!Array.isArray(doc.qualifications) || doc.qualifications.some((q) => typeof q !== 'string')) {
    fail('qualifications must be a string array')
  }
  if (Number.isNaN(Date.parse(doc.updatedAt))) fail('updatedAt must be an ISO timestamp')
}
