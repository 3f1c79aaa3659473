// 关联企业去重: agencies affiliated with each other (same parent company, same legal representative…) enter a frozen
// pool only once. Affiliation is followed through chains (A–B and B–C make A, B and C one group), including through
// agencies that did not register; of each group the earliest registrant is kept.

export interface AgencyAffiliation {
  firstId: number
  secondId: number
  reason: string
}

export interface AffiliateExclusion {
  id: number
  keptInstead: number
  /** The recorded reasons along the chain from the kept agency to this one, in order. */
  via: string[]
}

/**
 * Keeps the first candidate of each affiliated group, in the order given (registration order), and says for every
 * other one which candidate was kept instead and through which recorded affiliations.
 */
export function dedupeAffiliates(candidatesInRegistrationOrder: readonly number[], links: readonly AgencyAffiliation[]): { kept: number[]; excluded: AffiliateExclusion[] } {
  const neighbours = new Map<number, { other: number; reason: string }[]>()
  const connect = (from: number, other: number, reason: string) => {
    const list = neighbours.get(from) ?? []
    list.push({ other, reason })
    neighbours.set(from, list)
  }
  for (const l of links) {
    if (l.firstId === l.secondId) continue
    connect(l.firstId, l.secondId, l.reason)
    connect(l.secondId, l.firstId, l.reason)
  }
  // For every agency reached from a kept candidate: that candidate and the reasons on the shortest chain to it.
  const reachedFrom = new Map<number, { root: number; via: string[] }>()
  const kept: number[] = []
  const excluded: AffiliateExclusion[] = []
  for (const id of candidatesInRegistrationOrder) {
    const reached = reachedFrom.get(id)
    if (reached) {
      if (reached.root !== id) excluded.push({ id, keptInstead: reached.root, via: reached.via })
      continue
    }
    kept.push(id)
    reachedFrom.set(id, { root: id, via: [] })
    const queue = [id]
    while (queue.length > 0) {
      const at = queue.shift()!
      const path = reachedFrom.get(at)!.via
      for (const n of neighbours.get(at) ?? []) {
        if (reachedFrom.has(n.other)) continue
        reachedFrom.set(n.other, { root: id, via: [...path, n.reason] })
        queue.push(n.other)
      }
    }
  }
  return { kept, excluded }
}

/** The pair as stored: lower id first, so one pair is recorded once whichever way round it is entered. */
export function affiliationPair(a: number, b: number): [number, number] {
  return a < b ? [a, b] : [b, a]
}
