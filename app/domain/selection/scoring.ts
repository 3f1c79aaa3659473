// 方案择优: weighted criteria, blind labels, locked scores and the committee's ranking.

export interface Criterion {
  key: string
  name: string
  /** Maximum points of this criterion; the weights of a project add up to 100. */
  weight: number
}

export const DEFAULT_CRITERIA: readonly Criterion[] = [
  { key: 'approach', name: '技术方案', weight: 40 },
  { key: 'team', name: '项目团队', weight: 30 },
  { key: 'schedule', name: '进度安排', weight: 15 },
  { key: 'price', name: '报价合理性', weight: 15 },
]

export function criteriaProblem(criteria: readonly Criterion[]): 'mkt.criteria.sum' | 'mkt.criteria.empty' | null {
  if (criteria.length === 0) return 'mkt.criteria.empty'
  return criteria.reduce((s, c) => s + c.weight, 0) === 100 ? null : 'mkt.criteria.sum'
}

/** 暗标 labels: 投标人A, B, … Z, AA, AB … in a fixed order that does not reveal who registered first. */
export function blindLabel(index: number): string {
  let n = index
  let out = ''
  do {
    out = String.fromCharCode(65 + (n % 26)) + out
    n = Math.floor(n / 26) - 1
  } while (n >= 0)
  return out
}

/** A score sheet is valid when every criterion has an integer from 0 to its weight. Returns the total or null. */
export function scoreTotal(criteria: readonly Criterion[], scores: Record<string, number>): number | null {
  let total = 0
  for (const c of criteria) {
    const v = scores[c.key]
    if (v === undefined || !Number.isInteger(v) || v < 0 || v > c.weight) return null
    total += v
  }
  return total
}

export interface SheetTotal {
  supplierId: number
  expertId: number
  total: number
}

/**
 * The committee's ranking: each bidder's average total over the panel (kept as the exact sum to avoid rounding),
 * highest first; equal sums are reported as ties for a draw.
 */
export function rankProposals(sheets: readonly SheetTotal[], tieOrder: readonly number[] = []): { supplierId: number; sum: number; tied: boolean }[] {
  const sums = new Map<number, number>()
  for (const s of sheets) sums.set(s.supplierId, (sums.get(s.supplierId) ?? 0) + s.total)
  const counts = new Map<number, number>()
  for (const v of sums.values()) counts.set(v, (counts.get(v) ?? 0) + 1)
  const pos = new Map(tieOrder.map((id, i) => [id, i]))
  return [...sums.entries()]
    .map(([supplierId, sum]) => ({ supplierId, sum, tied: (counts.get(sum) ?? 0) > 1 }))
    .sort((a, b) => b.sum - a.sum || (pos.get(a.supplierId) ?? 1e9) - (pos.get(b.supplierId) ?? 1e9) || a.supplierId - b.supplierId)
}

/** Names are revealed only when every seated expert locked a sheet for every bidder. */
export function allScoresLocked(panel: readonly number[], bidders: readonly number[], locked: readonly { expertId: number; supplierId: number }[]): boolean {
  const set = new Set(locked.map((l) => `${l.expertId}:${l.supplierId}`))
  return panel.length > 0 && bidders.length > 0 && panel.every((e) => bidders.every((b) => set.has(`${e}:${b}`)))
}

/** 一标一评 for experts: ratings run from 1 (poor) to 5 (excellent). */
export const EXPERT_RATING_MIN = 1
export const EXPERT_RATING_MAX = 5

/**
 * The buyer rates the panel once the panel's work is over: a merit-by-proposal project that reached its contract, or
 * that failed after the scores were revealed (the ordered result exists). Not before, not for other methods.
 */
export function expertRatingOpen(p: { method: string; status: string; scored: boolean }): boolean {
  if (p.method !== 'proposal') return false
  return p.status === 'contracted' || (p.status === 'failed' && p.scored)
}
