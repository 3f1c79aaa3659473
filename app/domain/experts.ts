// Expert avoidance (回避) and panel sizes. Pure rules: the service gathers the facts, these decide.

export interface ExpertFacts {
  userId: number
  employerOrgId: number | null
  employmentHistory: readonly { organizationId: number; until: string }[]
  declaredConflicts: readonly number[]
  penalisedUntil: Date | null
}

export type AvoidanceReason = 'employer' | 'former-employer' | 'declared-conflict' | 'penalised'

const THREE_YEARS_MS = 3 * 365.25 * 86_400_000

/**
 * Why an expert must stand aside for a project with these parties (the buyer and every bidder), or null: works for one,
 * worked for one within 3 years, declared a relation with one, or is currently penalised.
 */
export function avoidanceReason(expert: ExpertFacts, partyOrgIds: readonly number[], now: Date): AvoidanceReason | null {
  const parties = new Set(partyOrgIds)
  if (expert.penalisedUntil && expert.penalisedUntil.getTime() > now.getTime()) return 'penalised'
  if (expert.employerOrgId !== null && parties.has(expert.employerOrgId)) return 'employer'
  for (const past of expert.employmentHistory) {
    if (parties.has(past.organizationId) && now.getTime() - new Date(`${past.until}T00:00:00Z`).getTime() < THREE_YEARS_MS) {
      return 'former-employer'
    }
  }
  if (expert.declaredConflicts.some((id) => parties.has(id))) return 'declared-conflict'
  return null
}

/** The experts left after avoidance, with the reasons of those excluded (published with the draw). */
export function applyAvoidance(experts: readonly ExpertFacts[], partyOrgIds: readonly number[], now: Date) {
  const eligible: number[] = []
  const excluded: { userId: number; reason: AvoidanceReason }[] = []
  for (const e of experts) {
    const reason = avoidanceReason(e, partyOrgIds, now)
    if (reason) excluded.push({ userId: e.userId, reason })
    else eligible.push(e.userId)
  }
  return { eligible, excluded }
}

/** Panels are an odd number of at least 5. */
export function isValidPanelSize(n: number): boolean {
  return Number.isInteger(n) && n >= 5 && n % 2 === 1
}

/** 专家替补: after declines, the seated panel is the first `size` of the drawn order who did not decline. */
export function seatPanel(drawnOrder: readonly number[], declined: ReadonlySet<number>, size: number): number[] {
  return drawnOrder.filter((id) => !declined.has(id)).slice(0, size)
}
