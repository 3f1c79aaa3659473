// 竞价选取: opening the sealed quotes, ranking them and flagging abnormally low ones. Amounts are integer fen.
import type { Fen } from '../money'

export interface OpenedQuote {
  supplierId: number
  amountFen: Fen
}

export interface RankedQuote extends OpenedQuote {
  abnormallyLow: boolean
  /** Quotes with the same amount share a tie group (its amount); a draw orders each group. */
  tied: boolean
}

/**
 * 异常低价: a quote below `percent`% of the median of the *other* quotes is flagged; the winner of a flagged quote must
 * explain it when confirming. With fewer than three quotes nothing is flagged (one other quote is no market).
 */
export function flagAbnormallyLow(quotes: readonly OpenedQuote[], percent: number): Set<number> {
  const flagged = new Set<number>()
  if (quotes.length < 3 || percent <= 0) return flagged
  for (const q of quotes) {
    const others = quotes.filter((o) => o.supplierId !== q.supplierId).map((o) => o.amountFen).sort((a, b) => a - b)
    const mid = Math.floor(others.length / 2)
    const median = others.length % 2 ? others[mid]! : (others[mid - 1]! + others[mid]!) / 2
    // q < median × percent / 100, in integers.
    if (q.amountFen * 100 < median * percent) flagged.add(q.supplierId)
  }
  return flagged
}

/**
 * 开标排序: lowest amount first. Equal amounts are ordered by `tieOrder` (the order of a verifiable draw over the
 * bidders); without a draw ties are left in supplier id order and reported, so the caller knows a draw is needed.
 */
export function openSealedQuotes(
  quotes: readonly OpenedQuote[],
  opts: { abnormalPercent: number; tieOrder?: readonly number[] },
): { ranking: RankedQuote[]; hasTies: boolean } {
  const flagged = flagAbnormallyLow(quotes, opts.abnormalPercent)
  const counts = new Map<number, number>()
  for (const q of quotes) counts.set(q.amountFen, (counts.get(q.amountFen) ?? 0) + 1)
  const drawPos = new Map((opts.tieOrder ?? []).map((id, i) => [id, i]))
  const ranking = [...quotes]
    .sort(
      (a, b) =>
        a.amountFen - b.amountFen ||
        (drawPos.get(a.supplierId) ?? Number.MAX_SAFE_INTEGER) - (drawPos.get(b.supplierId) ?? Number.MAX_SAFE_INTEGER) ||
        a.supplierId - b.supplierId,
    )
    .map((q) => ({ ...q, abnormallyLow: flagged.has(q.supplierId), tied: (counts.get(q.amountFen) ?? 0) > 1 }))
  return { ranking, hasTies: ranking.some((r) => r.tied) }
}

/** The bidders that share an amount with another bidder: the pool of the tie-break draw. */
export function tiedBidders(quotes: readonly OpenedQuote[]): number[] {
  const counts = new Map<number, number>()
  for (const q of quotes) counts.set(q.amountFen, (counts.get(q.amountFen) ?? 0) + 1)
  return quotes.filter((q) => (counts.get(q.amountFen) ?? 0) > 1).map((q) => q.supplierId).sort((a, b) => a - b)
}

/** A quote must be a positive amount not above the budget. */
export function quoteProblem(amountFen: Fen, budgetFen: Fen): 'mkt.quote.notPositive' | 'mkt.quote.overBudget' | null {
  if (amountFen <= 0) return 'mkt.quote.notPositive'
  if (amountFen > budgetFen) return 'mkt.quote.overBudget'
  return null
}
