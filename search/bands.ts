// Price and rating bands: derived keyword attributes so that both engines can count "price range" and "rating"
// facets the same way (Meilisearch only counts distinct values, it has no range facets). Each band also has the
// equivalent numeric range, so a UI may filter either by `priceBand` (eq/in) or by a `priceFen` range.

import type { SearchFilter } from './engine'

export interface Band {
  key: string
  /** Inclusive lower bound, or undefined for open. */
  gte?: number
  /** Exclusive upper bound, or undefined for open. */
  lt?: number
  label: { zh: string; en: string }
}

/** Bounds in fen (1 yuan = 100 fen). */
export const PRICE_BANDS: readonly Band[] = [
  { key: 'lt100', lt: 100_00, label: { zh: '100元以下', en: 'Under ¥100' } },
  { key: '100-1k', gte: 100_00, lt: 1_000_00, label: { zh: '100–1,000元', en: '¥100–1,000' } },
  { key: '1k-10k', gte: 1_000_00, lt: 10_000_00, label: { zh: '1,000–1万元', en: '¥1,000–10,000' } },
  { key: '10k-100k', gte: 10_000_00, lt: 100_000_00, label: { zh: '1万–10万元', en: '¥10,000–100,000' } },
  { key: 'gte100k', gte: 100_000_00, label: { zh: '10万元以上', en: '¥100,000 and more' } },
]

export const RATING_BANDS: readonly Band[] = [
  { key: '4.5+', gte: 4.5, label: { zh: '4.5分及以上', en: '4.5 and above' } },
  { key: '4-4.5', gte: 4, lt: 4.5, label: { zh: '4–4.5分', en: '4 to 4.5' } },
  { key: '3-4', gte: 3, lt: 4, label: { zh: '3–4分', en: '3 to 4' } },
  { key: 'lt3', lt: 3, label: { zh: '3分以下', en: 'Below 3' } },
]

function bandOf(bands: readonly Band[], value: number | null): string | null {
  if (value === null || !Number.isFinite(value)) return null
  for (const b of bands) {
    if ((b.gte === undefined || value >= b.gte) && (b.lt === undefined || value < b.lt)) return b.key
  }
  return null
}

export const priceBandOf = (priceFen: number | null): string | null => bandOf(PRICE_BANDS, priceFen)
export const ratingBandOf = (rating: number | null): string | null => bandOf(RATING_BANDS, rating)

/** The numeric range filter equivalent to a band key, e.g. for a "price range" link. */
export function bandRangeFilter(field: 'priceFen' | 'rating', key: string): SearchFilter | null {
  const band = (field === 'priceFen' ? PRICE_BANDS : RATING_BANDS).find((b) => b.key === key)
  if (!band) return null
  return { op: 'range', field, ...(band.gte !== undefined && { gte: band.gte }), ...(band.lt !== undefined && { lt: band.lt }) }
}
