import type { DB } from '../../db/client'
import { PRICE_BANDS, RATING_BANDS } from '../../search/bands'
import { shanghaiDay } from '../../search/daily-shuffle'
import { SORTS, type FacetCount, type FacetField, type SearchEngine, type SearchHit, type SearchSort } from '../../search/engine'
import { regionLabel } from '../../search/regions'
import { parseSearchParams, toSearchParams, toSearchQuery, type SearchUrlState } from '../../search/query-params'
import { translate, type Locale, type MessageKey } from '../lib/i18n'

// The /search page as data: the URL is parsed into a typed state (search/query-params.ts), the engine answers, and
// every link the page shows (a facet value to toggle, a filter to remove, a sort, a page) is computed here, so the
// page works as plain links and GET forms without JavaScript, and every state has a URL that can be shared.

const FACETS: readonly FacetField[] = ['market', 'kind', 'categoryCode', 'region', 'qualificationLevel', 'qualifications', 'priceBand', 'ratingBand']

type ListKey = 'kinds' | 'categories' | 'regions' | 'levels' | 'qualifications' | 'priceBands'
const LIST_KEY: Partial<Record<FacetField, ListKey>> = {
  kind: 'kinds',
  categoryCode: 'categories',
  region: 'regions',
  qualificationLevel: 'levels',
  qualifications: 'qualifications',
  priceBand: 'priceBands',
}

export interface FacetValueView {
  value: string
  label: string
  count: number
  selected: boolean
  href: string
}
export interface FacetGroupView {
  field: FacetField
  title: string
  values: FacetValueView[]
}
export interface SearchPageData {
  q: string
  state: SearchUrlState
  /** Hidden fields that keep the filters and sort when the query is changed. */
  keep: [string, string][]
  /** The same for the price range form (everything but the range itself), and the range in yuan. */
  priceForm: { keep: [string, string][]; min: string; max: string }
  hits: SearchHit[]
  total: number
  page: number
  totalPages: number
  facets: FacetGroupView[]
  chips: { label: string; href: string }[]
  sorts: { value: SearchSort; label: string; selected: boolean; href: string }[]
  prevHref: string | null
  nextHref: string | null
  clearHref: string | null
  categoryNames: Record<string, string>
  day: string
}

const href = (state: SearchUrlState) => {
  const qs = toSearchParams(state).toString()
  return qs ? `/search?${qs}` : '/search'
}

async function categoryNames(db: DB, locale: Locale): Promise<Record<string, string>> {
  const rows = await db.selectFrom('categories').select(['code', 'name_zh', 'name_en']).execute()
  return Object.fromEntries(rows.map((r) => [r.code, locale === 'en' ? r.name_en : r.name_zh]))
}

export async function searchPage(db: DB, engine: SearchEngine, url: URL, locale: Locale, now = new Date()): Promise<SearchPageData> {
  const state = parseSearchParams(url.searchParams)
  const [result, names] = await Promise.all([engine.search(toSearchQuery(state, FACETS)), categoryNames(db, locale)])
  const t = (key: MessageKey, params?: Record<string, string | number>) => translate(locale, key, params)
  const at = (patch: Partial<SearchUrlState>) => href({ ...state, page: 1, ...patch })

  const labelOf = (field: FacetField, value: string): string => {
    switch (field) {
      case 'market':
        return t(`search.market.${value}` as MessageKey)
      case 'kind':
        return t(`search.kind.${value}` as MessageKey)
      case 'categoryCode':
        return names[value] ?? value
      case 'region':
        return regionLabel(value)
      case 'priceBand':
        return PRICE_BANDS.find((b) => b.key === value)?.label[locale] ?? value
      default:
        return value
    }
  }

  const facets: FacetGroupView[] = []
  for (const field of FACETS) {
    const counts: FacetCount[] = result.facets[field] ?? []
    let values: FacetValueView[]
    if (field === 'market') {
      values = counts.map((c) => ({
        value: c.value,
        label: labelOf(field, c.value),
        count: c.count,
        selected: state.market === c.value,
        href: at({ market: state.market === c.value ? undefined : (c.value as SearchUrlState['market']) }),
      }))
    } else if (field === 'ratingBand') {
      // "At least" thresholds, each counting every band at or above it.
      values = RATING_BANDS.filter((b) => b.gte !== undefined).map((b) => {
        const count = RATING_BANDS.filter((x) => x.gte !== undefined && x.gte >= b.gte!).reduce(
          (n, x) => n + (counts.find((c) => c.value === x.key)?.count ?? 0),
          0,
        )
        const selected = state.ratingMin === b.gte
        return {
          value: String(b.gte),
          label: locale === 'en' ? `${b.gte} and above` : `${b.gte}分及以上`,
          count,
          selected,
          href: at({ ratingMin: selected ? undefined : b.gte }),
        }
      })
      values = values.filter((v) => v.count > 0 || v.selected)
    } else {
      const key = LIST_KEY[field]!
      const chosen = state[key] as string[]
      values = counts.map((c) => {
        const selected = chosen.includes(c.value)
        return {
          value: c.value,
          label: labelOf(field, c.value),
          count: c.count,
          selected,
          href: at({ [key]: selected ? chosen.filter((v) => v !== c.value) : [...chosen, c.value] }),
        }
      })
      if (field === 'priceBand') values.sort((a, b) => PRICE_BANDS.findIndex((x) => x.key === a.value) - PRICE_BANDS.findIndex((x) => x.key === b.value))
      // A chosen value the results no longer contain stays visible, so it can be removed.
      for (const v of chosen) {
        if (!values.some((x) => x.value === v)) values.push({ value: v, label: labelOf(field, v), count: 0, selected: true, href: at({ [key]: chosen.filter((x) => x !== v) }) })
      }
    }
    const title = t(`search.facet.${field === 'categoryCode' ? 'category' : field}` as MessageKey)
    if (values.length > 0) facets.push({ field, title, values })
  }

  const chips: SearchPageData['chips'] = []
  if (state.market) chips.push({ label: labelOf('market', state.market), href: at({ market: undefined }) })
  for (const [field, key] of Object.entries(LIST_KEY) as [FacetField, ListKey][]) {
    const chosen = state[key] as string[]
    for (const v of chosen) chips.push({ label: labelOf(field, v), href: at({ [key]: chosen.filter((x) => x !== v) }) })
  }
  if (state.ratingMin !== undefined) chips.push({ label: locale === 'en' ? `Rating ≥ ${state.ratingMin}` : `评分 ≥ ${state.ratingMin}`, href: at({ ratingMin: undefined }) })
  if (state.priceMinFen !== undefined || state.priceMaxFen !== undefined) {
    const yuan = (f?: number) => (f === undefined ? '' : `¥${(f / 100).toLocaleString('en-US')}`)
    chips.push({ label: `${t('search.price')} ${yuan(state.priceMinFen)}–${yuan(state.priceMaxFen)}`, href: at({ priceMinFen: undefined, priceMaxFen: undefined }) })
  }

  const keepState = toSearchParams({ ...state, q: '', page: 1 })
  const current = toSearchParams(state)
  return {
    q: state.q,
    state,
    keep: [...keepState.entries()],
    priceForm: {
      keep: [...toSearchParams({ ...state, priceMinFen: undefined, priceMaxFen: undefined, page: 1 }).entries()],
      min: current.get('priceMin') ?? '',
      max: current.get('priceMax') ?? '',
    },
    hits: result.hits,
    total: result.total,
    page: result.page,
    totalPages: result.totalPages,
    facets,
    chips,
    sorts: SORTS.map((s) => ({ value: s, label: t(`search.sort.${s}`), selected: s === result.sort, href: at({ sort: s }) })),
    prevHref: result.page > 1 ? href({ ...state, page: result.page - 1 }) : null,
    nextHref: result.page < result.totalPages ? href({ ...state, page: result.page + 1 }) : null,
    clearHref: chips.length > 0 ? href({ ...parseSearchParams(new URLSearchParams()), q: state.q }) : null,
    categoryNames: names,
    day: shanghaiDay(now),
  }
}

/** Titles to suggest while a query is typed: the best matches' titles, without repeats. */
export async function searchSuggestions(engine: SearchEngine, q: string, limit = 8): Promise<{ text: string; kind: string }[]> {
  const text = q.trim().slice(0, 100)
  if (!text) return []
  const result = await engine.search({ q: text, perPage: 30 })
  const seen = new Set<string>()
  const out: { text: string; kind: string }[] = []
  for (const hit of result.hits) {
    const title = hit.document.title
    if (seen.has(title)) continue
    seen.add(title)
    out.push({ text: title, kind: hit.document.kind })
    if (out.length >= limit) break
  }
  return out
}
