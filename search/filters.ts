// Checks on the typed filter model, shared by both engines. Filters normally come from `parseSearchParams`, which
// only produces valid ones; these checks keep a programming error from turning into a wrong or unsafe query.

import {
  KEYWORD_FIELDS,
  NUMERIC_FIELDS,
  SEARCH_STATUSES,
  SearchEngineError,
  type SearchFilter,
  type SearchStatus,
} from './engine'

export const MAX_FILTER_VALUES = 100
export const MAX_FILTER_VALUE_LENGTH = 200

const isKeyword = (f: string) => (KEYWORD_FIELDS as readonly string[]).includes(f)
const isNumeric = (f: string) => (NUMERIC_FIELDS as readonly string[]).includes(f)

function checkValue(v: unknown): void {
  if (typeof v !== 'string') throw new SearchEngineError('filter values must be strings')
  if (v.length > MAX_FILTER_VALUE_LENGTH) throw new SearchEngineError('filter value too long')
}

export function validateFilters(filters: readonly SearchFilter[]): void {
  for (const f of filters) {
    switch (f.op) {
      case 'eq':
        if (!isKeyword(f.field)) throw new SearchEngineError(`not a keyword field: ${String(f.field)}`)
        checkValue(f.value)
        break
      case 'in':
        if (!isKeyword(f.field)) throw new SearchEngineError(`not a keyword field: ${String(f.field)}`)
        if (!Array.isArray(f.values) || f.values.length > MAX_FILTER_VALUES) {
          throw new SearchEngineError(`"in" takes at most ${MAX_FILTER_VALUES} values`)
        }
        f.values.forEach(checkValue)
        break
      case 'range':
        if (!isNumeric(f.field)) throw new SearchEngineError(`not a numeric field: ${String(f.field)}`)
        for (const bound of [f.gte, f.gt, f.lte, f.lt]) {
          if (bound !== undefined && (typeof bound !== 'number' || !Number.isFinite(bound))) {
            throw new SearchEngineError('range bounds must be finite numbers')
          }
        }
        break
      default:
        throw new SearchEngineError(`unknown filter op: ${String((f as { op: unknown }).op)}`)
    }
  }
}

export function effectiveStatuses(statuses: readonly SearchStatus[] | undefined): SearchStatus[] {
  const list = statuses === undefined ? ['active' as const] : [...new Set(statuses)]
  for (const s of list) {
    if (!(SEARCH_STATUSES as readonly string[]).includes(s)) throw new SearchEngineError(`unknown status: ${s}`)
  }
  return list
}

/** Page and page size, clamped; `offset + perPage` never exceeds MAX_TOTAL_HITS. */
export function pageWindow(
  page: number | undefined,
  perPage: number | undefined,
  defaults: { perPage: number; maxPerPage: number },
): { page: number; perPage: number } {
  const pp = Math.min(defaults.maxPerPage, Math.max(1, Math.floor(perPage ?? defaults.perPage) || defaults.perPage))
  const p = Math.max(1, Math.floor(page ?? 1) || 1)
  return { page: p, perPage: pp }
}
