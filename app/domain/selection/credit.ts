// Credit (信用): every supplier starts at 100 points; events add or deduct; a running suspension removes it from pools.

export const STARTING_CREDIT = 100
export const DEFAULT_SUSPENSION_MONTHS = 3

/** Why a candidate declined an offer. Conflicts of interest and force majeure are justified and cost nothing. */
export const DECLINE_REASONS = ['conflict', 'force_majeure', 'capacity', 'other'] as const
export type DeclineReason = (typeof DECLINE_REASONS)[number]

/** Points deducted for a decline (放弃中选): 0 when justified, 5 otherwise; letting the period run out costs 5 too. */
export function declinePenalty(reason: DeclineReason | 'expired'): number {
  return reason === 'conflict' || reason === 'force_majeure' ? 0 : 5
}

export interface CreditEvent {
  points: number
  suspendedUntil: Date | null
}

export function creditScore(events: readonly Pick<CreditEvent, 'points'>[]): number {
  return events.reduce((sum, e) => sum + e.points, STARTING_CREDIT)
}

export function isSuspended(events: readonly Pick<CreditEvent, 'suspendedUntil'>[], now: Date): boolean {
  return events.some((e) => e.suspendedUntil !== null && e.suspendedUntil.getTime() > now.getTime())
}

export interface CreditCandidate {
  supplierId: number
  score: number
}

/**
 * 信用择优 big list (大名单): registrants ranked by credit, highest first (equal scores keep the lower id first; the
 * draw that follows is what decides among them), cut to `size`; everyone tied with the last place stays in.
 */
export function creditBigList(candidates: readonly CreditCandidate[], size: number): CreditCandidate[] {
  const ranked = [...candidates].sort((a, b) => b.score - a.score || a.supplierId - b.supplierId)
  if (ranked.length <= size) return ranked
  const cutScore = ranked[size - 1]!.score
  return ranked.filter((c, i) => i < size || c.score === cutScore)
}
