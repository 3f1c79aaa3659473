// The /search URL (a stable, bookmarkable part of the product) ⇄ a typed search state ⇄ a SearchQuery.
// Invalid or unknown values are dropped rather than rejected: search links get hand-edited and shared.
//
//   /search?q=物业&market=supermarket&category=WY&region=福田区&level=一级&qual=ISO9001
//          &price=1k-10k&priceMin=100&priceMax=5000.50&rating=4&sort=price_asc&page=2
//
// priceMin/priceMax are in yuan (as typed by people) and become integer fen here; repeated keys mean "any of".

import { PRICE_BANDS } from './bands'
import {
  FACET_FIELDS,
  SEARCH_KINDS,
  SEARCH_MARKETS,
  SORTS,
  type FacetField,
  type SearchFilter,
  type SearchKind,
  type SearchMarket,
  type SearchQuery,
  type SearchSort,
} from './engine'
import { MAX_FILTER_VALUE_LENGTH } from './filters'
import { MAX_QUERY_LENGTH } from './tokenize'

export interface SearchUrlState {
  q: string
  market?: SearchMarket
  kinds: SearchKind[]
  categories: string[]
  regions: string[]
  levels: string[]
  qualifications: string[]
  priceBands: string[]
  priceMinFen?: number
  priceMaxFen?: number
  ratingMin?: number
  sort: SearchSort
  page: number
}

const MAX_VALUES_PER_KEY = 20
export const MAX_PAGE = 500

function list(params: URLSearchParams, key: string, allowed?: readonly string[]): string[] {
  const out = new Set<string>()
  for (const raw of params.getAll(key)) {
    const v = raw.trim()
    if (!v || v.length > MAX_FILTER_VALUE_LENGTH) continue
    if (allowed && !allowed.includes(v)) continue
    out.add(v)
    if (out.size >= MAX_VALUES_PER_KEY) break
  }
  return [...out]
}

/** "1234.5" yuan → 123450 fen; undefined for anything that is not a plain non-negative amount. */
export function yuanToFen(text: string | null): number | undefined {
  const m = /^\s*(\d{1,12})(?:\.(\d{1,2}))?\s*$/.exec(text ?? '')
  if (!m) return undefined
  return Number(m[1]) * 100 + Number((m[2] ?? '').padEnd(2, '0'))
}

export function parseSearchParams(params: URLSearchParams): SearchUrlState {
  const market = params.get('market')
  const sort = params.get('sort')
  const page = Number(params.get('page'))
  const rating = Number(params.get('rating'))
  const hasRating = params.get('rating') !== null && params.get('rating') !== ''
  return {
    q: (params.get('q') ?? '').slice(0, MAX_QUERY_LENGTH),
    ...((SEARCH_MARKETS as readonly string[]).includes(market ?? '') && { market: market as SearchMarket }),
    kinds: list(params, 'kind', SEARCH_KINDS) as SearchKind[],
    categories: list(params, 'category'),
    regions: list(params, 'region'),
    levels: list(params, 'level'),
    qualifications: list(params, 'qual'),
    priceBands: list(
      params,
      'price',
      PRICE_BANDS.map((b) => b.key),
    ),
    ...(yuanToFen(params.get('priceMin')) !== undefined && { priceMinFen: yuanToFen(params.get('priceMin')) }),
    ...(yuanToFen(params.get('priceMax')) !== undefined && { priceMaxFen: yuanToFen(params.get('priceMax')) }),
    ...(hasRating && Number.isFinite(rating) && rating >= 0 && rating <= 5 && { ratingMin: rating }),
    sort: (SORTS as readonly string[]).includes(sort ?? '') ? (sort as SearchSort) : 'relevance',
    page: Number.isInteger(page) && page >= 1 ? Math.min(page, MAX_PAGE) : 1,
  }
}

export const DEFAULT_FACETS: readonly FacetField[] = FACET_FIELDS.filter((f) => f !== 'kind')

export function toSearchQuery(state: SearchUrlState, facets: readonly FacetField[] = DEFAULT_FACETS): SearchQuery {
  const filters: SearchFilter[] = []
  const inFilter = (field: 'kind' | 'categoryCode' | 'region' | 'qualificationLevel' | 'qualifications' | 'priceBand', values: string[]) => {
    if (values.length === 1) filters.push({ op: 'eq', field, value: values[0]! })
    else if (values.length > 1) filters.push({ op: 'in', field, values })
  }
  if (state.market) filters.push({ op: 'eq', field: 'market', value: state.market })
  inFilter('kind', state.kinds)
  inFilter('categoryCode', state.categories)
  inFilter('region', state.regions)
  inFilter('qualificationLevel', state.levels)
  inFilter('qualifications', state.qualifications)
  inFilter('priceBand', state.priceBands)
  if (state.priceMinFen !== undefined || state.priceMaxFen !== undefined) {
    filters.push({
      op: 'range',
      field: 'priceFen',
      ...(state.priceMinFen !== undefined && { gte: state.priceMinFen }),
      ...(state.priceMaxFen !== undefined && { lte: state.priceMaxFen }),
    })
  }
  if (state.ratingMin !== undefined) filters.push({ op: 'range', field: 'rating', gte: state.ratingMin })
  return { q: state.q, filters, facets, sort: state.sort, page: state.page }
}

const fenToYuan = (fen: number) => (fen % 100 === 0 ? String(fen / 100) : (fen / 100).toFixed(2))

/** Back to a URL query (for links: toggling a facet, changing the sort, paging). Defaults are left out. */
export function toSearchParams(state: SearchUrlState): URLSearchParams {
  const p = new URLSearchParams()
  if (state.q) p.set('q', state.q)
  if (state.market) p.set('market', state.market)
  for (const v of state.kinds) p.append('kind', v)
  for (const v of state.categories) p.append('category', v)
  for (const v of state.regions) p.append('region', v)
  for (const v of state.levels) p.append('level', v)
  for (const v of state.qualifications) p.append('qual', v)
  for (const v of state.priceBands) p.append('price', v)
  if (state.priceMinFen !== undefined) p.set('priceMin', fenToYuan(state.priceMinFen))
  if (state.priceMaxFen !== undefined) p.set('priceMax', fenToYuan(state.priceMaxFen))
  if (state.ratingMin !== undefined) p.set('rating', String(state.ratingMin))
  if (state.sort !== 'relevance') p.set('sort', state.sort)
  if (state.page > 1) p.set('page', String(state.page))
  return p
}
