import { describe, expect, it } from 'vitest'
import {
  IllegalTransition,
  MACHINES,
  SELECTION_METHODS,
  allScoresLocked,
  blindLabel,
  creditBigList,
  creditScore,
  criteriaProblem,
  declinePenalty,
  contractPublicationDeadline,
  contractPublishedLate,
  dedupeAffiliates,
  expertRatingOpen,
  defaultMinCandidates,
  flagAbnormallyLow,
  hasEnoughCandidates,
  isSuspended,
  nextState,
  openSealedQuotes,
  passToNextCandidate,
  quoteProblem,
  rankProposals,
  reachableStates,
  scoreTotal,
  signedInFuture,
  submitTarget,
  tiedBidders,
  transition,
  DEFAULT_CRITERIA,
  type AgencyAffiliation,
  type ProjectEvent,
  type SelectionMethod,
} from '~/domain/selection'
import { applyAvoidance, avoidanceReason, isValidPanelSize, seatPanel } from '~/domain/experts'
import { fen } from '~/domain/money'

function walk(method: SelectionMethod, events: ProjectEvent[], from = 'draft') {
  const states = [from]
  for (const e of events) states.push(transition(method, states.at(-1)!, e))
  return states
}

describe('selection state machines', () => {
  it.each<[SelectionMethod, ProjectEvent[], string]>([
    ['direct', ['submit', 'close', 'choose', 'confirm', 'publicityEnd', 'contract'], 'contracted'],
    ['random', ['submit', 'close', 'draw', 'confirm', 'publicityEnd', 'contract'], 'contracted'],
    ['bidding', ['submit', 'open', 'confirm', 'publicityEnd', 'contract'], 'contracted'],
    ['proposal', ['submit', 'close', 'scoresLocked', 'confirm', 'publicityEnd', 'contract'], 'contracted'],
    ['proposal', ['submit', 'close', 'choose', 'choose', 'confirm', 'publicityEnd', 'contract'], 'contracted'],
    ['credit', ['submit', 'close', 'draw', 'choose', 'confirm', 'publicityEnd', 'contract'], 'contracted'],
    ['random', ['submit', 'close', 'draw', 'pass', 'pass', 'confirm'], 'publicity'],
    ['random', ['submit', 'close', 'draw', 'pass', 'exhausted'], 'failed'],
    ['bidding', ['submit', 'tooFew'], 'failed'],
    ['credit', ['submit', 'tooFew'], 'failed'],
  ])('%s: %j ends %s', (method, events, end) => {
    expect(walk(method, events).at(-1)).toBe(end)
  })

  it('goes through the centre review when the project asks for it', () => {
    expect(submitTarget(true)).toBe('review')
    expect(submitTarget(false)).toBe('registering')
    expect(walk('random', ['approve', 'close'], 'review').at(-1)).toBe('drawing')
    expect(transition('random', 'review', 'reject')).toBe('draft')
  })

  it.each<[SelectionMethod, string, ProjectEvent]>([
    ['random', 'offering', 'draw'], // a draw is never repeated once the offers started
    ['random', 'registering', 'choose'],
    ['bidding', 'offering', 'open'], // quotes opened once
    ['bidding', 'registering', 'close'], // bidding opens, it does not close into another state
    ['direct', 'choosing', 'draw'],
    ['credit', 'drawing', 'choose'], // the small list is drawn before the buyer chooses
    ['proposal', 'registering', 'scoresLocked'],
    ['random', 'contracted', 'confirm'],
    ['random', 'publicity', 'confirm'], // a second confirmation cannot award twice
    ['random', 'failed', 'submit'],
  ])('%s refuses %s → %s', (method, from, event) => {
    expect(nextState(method, from, event)).toBeUndefined()
    expect(() => transition(method, from, event)).toThrow(IllegalTransition)
  })

  it('every method reaches contracted and failed, and final states have no way out', () => {
    for (const method of SELECTION_METHODS) {
      const reachable = reachableStates(method)
      expect(reachable.has('contracted')).toBe(true)
      expect(reachable.has('failed')).toBe(true)
      for (const final of ['contracted', 'failed', 'cancelled'] as const) expect(MACHINES[method][final]).toBeUndefined()
    }
  })

  it('minimum candidates: 3 for random draws, 2 for the competitive methods, 1 for a direct pick', () => {
    expect(defaultMinCandidates('random')).toBe(3)
    expect(defaultMinCandidates('bidding')).toBe(2)
    expect(defaultMinCandidates('direct')).toBe(1)
    expect(hasEnoughCandidates(2, 3)).toBe(false)
    expect(hasEnoughCandidates(3, 3)).toBe(true)
  })

  it('passes to the next candidate in the published order, and reports when none is left', () => {
    expect(passToNextCandidate({ order: [7, 3, 9], index: 0 })).toEqual({ index: 1, supplierId: 3 })
    expect(passToNextCandidate({ order: [7, 3, 9], index: 2 })).toBeNull()
  })
})

describe('sealed quotes', () => {
  const q = (supplierId: number, yuan: number) => ({ supplierId, amountFen: fen(yuan * 100) })

  it('ranks lowest first and flags a quote far below the median of the others', () => {
    const { ranking, hasTies } = openSealedQuotes([q(1, 50_000), q(2, 48_000), q(3, 20_000), q(4, 52_000)], { abnormalPercent: 70 })
    expect(ranking.map((r) => r.supplierId)).toEqual([3, 2, 1, 4])
    expect(ranking[0]!.abnormallyLow).toBe(true)
    expect(ranking.filter((r) => r.abnormallyLow)).toHaveLength(1)
    expect(hasTies).toBe(false)
  })

  it('orders ties by the draw, and without a draw reports them', () => {
    const quotes = [q(5, 30_000), q(2, 30_000), q(9, 31_000)]
    expect(openSealedQuotes(quotes, { abnormalPercent: 70 }).hasTies).toBe(true)
    expect(tiedBidders(quotes)).toEqual([2, 5])
    const { ranking } = openSealedQuotes(quotes, { abnormalPercent: 70, tieOrder: [5, 2] })
    expect(ranking.map((r) => r.supplierId)).toEqual([5, 2, 9])
    expect(ranking.map((r) => r.tied)).toEqual([true, true, false])
  })

  it('does not flag with fewer than three quotes, and checks amounts against the budget', () => {
    expect(flagAbnormallyLow([q(1, 1), q(2, 100_000)], 70).size).toBe(0)
    expect(quoteProblem(fen(0), fen(100))).toBe('mkt.quote.notPositive')
    expect(quoteProblem(fen(101), fen(100))).toBe('mkt.quote.overBudget')
    expect(quoteProblem(fen(100), fen(100))).toBeNull()
  })
})

describe('credit', () => {
  it('starts at 100, deducts for an unjustified decline only, and suspends until a date', () => {
    expect(creditScore([])).toBe(100)
    expect(creditScore([{ points: -5 }, { points: 2 }])).toBe(97)
    expect(declinePenalty('conflict')).toBe(0)
    expect(declinePenalty('force_majeure')).toBe(0)
    expect(declinePenalty('capacity')).toBe(5)
    expect(declinePenalty('expired')).toBe(5)
    const now = new Date('2026-11-22T00:00:00Z')
    expect(isSuspended([{ suspendedUntil: new Date('2026-12-01T00:00:00Z') }], now)).toBe(true)
    expect(isSuspended([{ suspendedUntil: new Date('2026-11-01T00:00:00Z') }], now)).toBe(false)
  })

  it('cuts the big list by credit and keeps everyone tied with the last place', () => {
    const list = creditBigList(
      [
        { supplierId: 1, score: 90 },
        { supplierId: 2, score: 100 },
        { supplierId: 3, score: 95 },
        { supplierId: 4, score: 95 },
        { supplierId: 5, score: 80 },
      ],
      2,
    )
    expect(list.map((c) => c.supplierId)).toEqual([2, 3, 4])
  })
})

describe('merit by proposal', () => {
  it('labels bidders A, B … Z, AA', () => {
    expect([0, 1, 25, 26, 27].map(blindLabel)).toEqual(['A', 'B', 'Z', 'AA', 'AB'])
  })

  it('checks the weights and each score against its criterion', () => {
    expect(criteriaProblem(DEFAULT_CRITERIA)).toBeNull()
    expect(criteriaProblem([{ key: 'a', name: 'a', weight: 90 }])).toBe('mkt.criteria.sum')
    expect(scoreTotal(DEFAULT_CRITERIA, { approach: 40, team: 20, schedule: 10, price: 15 })).toBe(85)
    expect(scoreTotal(DEFAULT_CRITERIA, { approach: 41, team: 20, schedule: 10, price: 15 })).toBeNull()
    expect(scoreTotal(DEFAULT_CRITERIA, { approach: 40, team: 20, schedule: 10 })).toBeNull()
  })

  it('ranks by the panel total, reveals only when everything is locked', () => {
    const sheets = [
      { supplierId: 1, expertId: 10, total: 80 },
      { supplierId: 2, expertId: 10, total: 90 },
      { supplierId: 1, expertId: 11, total: 85 },
      { supplierId: 2, expertId: 11, total: 75 },
    ]
    expect(rankProposals(sheets)).toEqual([
      { supplierId: 1, sum: 165, tied: true },
      { supplierId: 2, sum: 165, tied: true },
    ])
    expect(rankProposals(sheets, [2, 1]).map((r) => r.supplierId)).toEqual([2, 1])
    const locked = [
      { expertId: 10, supplierId: 1 },
      { expertId: 10, supplierId: 2 },
      { expertId: 11, supplierId: 1 },
    ]
    expect(allScoresLocked([10, 11], [1, 2], locked)).toBe(false)
    expect(allScoresLocked([10, 11], [1, 2], [...locked, { expertId: 11, supplierId: 2 }])).toBe(true)
  })
})

describe('expert avoidance', () => {
  const now = new Date('2026-11-22T00:00:00Z')
  const base = { userId: 1, employerOrgId: 50, employmentHistory: [], declaredConflicts: [], penalisedUntil: null }

  it.each([
    [{ ...base, employerOrgId: 7 }, 'employer'],
    [{ ...base, employmentHistory: [{ organizationId: 7, until: '2024-06-30' }] }, 'former-employer'],
    [{ ...base, employmentHistory: [{ organizationId: 7, until: '2022-06-30' }] }, null],
    [{ ...base, declaredConflicts: [7] }, 'declared-conflict'],
    [{ ...base, penalisedUntil: new Date('2027-01-01T00:00:00Z') }, 'penalised'],
    [{ ...base, penalisedUntil: new Date('2026-01-01T00:00:00Z') }, null],
    [base, null],
  ])('%j → %s', (expert, reason) => {
    expect(avoidanceReason(expert, [7, 8], now)).toBe(reason)
  })

  it('excludes the conflicted expert and keeps the rest; panels are odd and at least 5; declines are replaced in order', () => {
    const { eligible, excluded } = applyAvoidance([{ ...base, userId: 1, employerOrgId: 7 }, { ...base, userId: 2 }], [7], now)
    expect(eligible).toEqual([2])
    expect(excluded).toEqual([{ userId: 1, reason: 'employer' }])
    expect([3, 4, 5, 6, 7].map(isValidPanelSize)).toEqual([false, false, true, false, true])
    expect(seatPanel([4, 1, 9, 3, 7, 2, 8], new Set([9]), 5)).toEqual([4, 1, 3, 7, 2])
  })
})

describe('关联企业去重 dedupeAffiliates', () => {
  const link = (firstId: number, secondId: number, reason = `${firstId}-${secondId}`): AgencyAffiliation => ({ firstId, secondId, reason })
  it.each<[string, number[], AgencyAffiliation[], number[], { id: number; keptInstead: number; via: string[] }[]]>([
    ['no links: everyone stays', [3, 1, 2], [], [3, 1, 2], []],
    ['a pair: the earlier registrant stays, whichever way the pair was recorded', [5, 2], [link(2, 5)], [5], [{ id: 2, keptInstead: 5, via: ['2-5'] }]],
    ['a chain A–B–C: one group, only A stays', [1, 2, 3], [link(1, 2), link(2, 3)], [1], [
      { id: 2, keptInstead: 1, via: ['1-2'] },
      { id: 3, keptInstead: 1, via: ['1-2', '2-3'] },
    ]],
    ['a chain registered from its middle', [2, 3, 1], [link(1, 2), link(2, 3)], [2], [
      { id: 3, keptInstead: 2, via: ['2-3'] },
      { id: 1, keptInstead: 2, via: ['1-2'] },
    ]],
    ['a chain through an agency that did not register', [1, 3], [link(1, 2), link(2, 3)], [1], [{ id: 3, keptInstead: 1, via: ['1-2', '2-3'] }]],
    ['two separate groups and a stranger', [4, 1, 9, 2, 5], [link(1, 2), link(4, 5)], [4, 1, 9], [
      { id: 2, keptInstead: 1, via: ['1-2'] },
      { id: 5, keptInstead: 4, via: ['4-5'] },
    ]],
    ['links between non-candidates change nothing', [1, 2], [link(7, 8)], [1, 2], []],
    ['a duplicate link and a self-link are harmless', [1, 2], [link(1, 2), link(2, 1, 'again'), link(1, 1)], [1], [{ id: 2, keptInstead: 1, via: ['1-2'] }]],
  ])('%s', (_name, candidates, links, kept, excluded) => {
    expect(dedupeAffiliates(candidates, links)).toEqual({ kept, excluded })
  })
})

describe('一标一评 expertRatingOpen', () => {
  it.each<[string, string, boolean, boolean]>([
    ['proposal', 'contracted', true, true],
    ['proposal', 'failed', true, true],
    ['proposal', 'failed', false, false],
    ['proposal', 'offering', true, false],
    ['proposal', 'scoring', false, false],
    ['random', 'contracted', false, false],
  ])('%s / %s / scored %s → %s', (method, status, scored, open) => {
    expect(expertRatingOpen({ method, status, scored })).toBe(open)
  })
})

describe('合同公开 contractPublishedLate', () => {
  // 2026-11-20 is a Friday: two working days later is the end of Tuesday 2026-11-24 (Shanghai).
  it.each<[string, string, number, boolean]>([
    ['2026-11-20', '2026-11-20T10:00:00+08:00', 2, false],
    ['2026-11-20', '2026-11-24T23:59:00+08:00', 2, false],
    ['2026-11-20', '2026-11-25T00:00:00+08:00', 2, true],
    ['2026-11-20', '2026-11-25T09:00:00+08:00', 3, false],
    ['2026-10-01', '2026-10-08T10:00:00+08:00', 2, false],
  ])('signed %s, published %s, %i days → late %s', (signedOn, publishedAt, days, late) => {
    expect(contractPublishedLate(signedOn, new Date(publishedAt), days)).toBe(late)
  })

  it('a signing date after the recording day is refused', () => {
    expect(signedInFuture('2026-11-23', new Date('2026-11-22T23:00:00+08:00'))).toBe(true)
    expect(signedInFuture('2026-11-22', new Date('2026-11-22T23:00:00+08:00'))).toBe(false)
    expect(contractPublicationDeadline('2026-11-20', 2).toISOString()).toBe('2026-11-24T16:00:00.000Z')
  })
})
