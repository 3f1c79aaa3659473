// The selection methods of the supermarket as explicit state machines (选取方式状态机). One table of allowed
// transitions per method; services ask `transition(method, from, event)` before they change a project's status, so an
// illegal step (awarding twice, quoting after the opening, choosing before the pool is frozen) is refused in one place.

export const SELECTION_METHODS = ['direct', 'random', 'bidding', 'proposal', 'credit'] as const
export type SelectionMethod = (typeof SELECTION_METHODS)[number]

export const PROJECT_STATES = [
  'draft', // 草稿
  'review', // 待中心审核
  'registering', // 报名中 (quotes and proposals are submitted in this period too)
  'drawing', // 待抽取: pool frozen and the draw committed, waiting for the public input
  'scoring', // 评审中: the expert panel scores blind
  'choosing', // 待确定: the buyer chooses (direct pick, credit small list, 评定分离)
  'offering', // 待确认: the candidate at the head of the order is asked to confirm
  'publicity', // 公示中
  'contracting', // 待签约
  'contracted', // 已签约
  'failed', // 流标 / 失败
  'cancelled', // 已撤销
] as const
export type ProjectState = (typeof PROJECT_STATES)[number]

export const PROJECT_EVENTS = [
  'submit', // draft → review (the centre reviews) or registering
  'approve',
  'reject',
  'close', // the registration deadline passed and the pool is frozen
  'tooFew', // fewer eligible candidates than the minimum
  'draw', // the verifiable draw was revealed
  'open', // sealed quotes opened and ranked
  'scoresLocked', // every panel member locked every score
  'choose', // the buyer chose (direct pick, small list, 评定分离)
  'confirm', // the candidate on offer confirmed
  'pass', // the candidate on offer declined or let the period run out, and another is next
  'exhausted', // every candidate in the order declined
  'publicityEnd',
  'contract',
  'cancel',
] as const
export type ProjectEvent = (typeof PROJECT_EVENTS)[number]

type Table = Partial<Record<ProjectState, Partial<Record<ProjectEvent, ProjectState>>>>

const SHARED_START: Table = {
  draft: { submit: 'registering', cancel: 'cancelled' },
  review: { approve: 'registering', reject: 'draft', cancel: 'cancelled' },
  registering: { tooFew: 'failed', cancel: 'cancelled' },
}

const SHARED_END: Table = {
  offering: { confirm: 'publicity', pass: 'offering', exhausted: 'failed' },
  publicity: { publicityEnd: 'contracting' },
  contracting: { contract: 'contracted' },
}

function merge(...tables: Table[]): Table {
  const out: Table = {}
  for (const table of tables) {
    for (const [state, events] of Object.entries(table) as [ProjectState, Partial<Record<ProjectEvent, ProjectState>>][]) {
      out[state] = { ...out[state], ...events }
    }
  }
  return out
}

/** The allowed transitions of each method, start to end. */
export const MACHINES: Record<SelectionMethod, Table> = {
  // 直接选取: registrants form the frozen list, the buyer picks one with a recorded justification.
  direct: merge(SHARED_START, { registering: { close: 'choosing' }, choosing: { choose: 'offering', cancel: 'cancelled' } }, SHARED_END),
  // 随机抽取: the pool is frozen and committed, the witnesses' public input triggers the draw.
  random: merge(SHARED_START, { registering: { close: 'drawing' }, drawing: { draw: 'offering', cancel: 'cancelled' } }, SHARED_END),
  // 竞价选取: sealed quotes until the deadline; the opening ranks them (ties drawn) straight into the offers.
  bidding: merge(SHARED_START, { registering: { open: 'offering' } }, SHARED_END),
  // 方案择优: the panel scores blind; with 评定分离 the buyer chooses among the top N, otherwise the ranking decides.
  proposal: merge(
    SHARED_START,
    { registering: { close: 'scoring' }, scoring: { scoresLocked: 'offering', cancel: 'cancelled' } },
    { scoring: { choose: 'choosing' }, choosing: { choose: 'offering' } },
    SHARED_END,
  ),
  // 信用择优: ranked by credit, cut to the big list, a draw picks the small list, the buyer chooses from it.
  credit: merge(
    SHARED_START,
    { registering: { close: 'drawing' }, drawing: { draw: 'choosing', cancel: 'cancelled' }, choosing: { choose: 'offering' } },
    SHARED_END,
  ),
}

export class IllegalTransition extends Error {
  constructor(
    readonly method: SelectionMethod,
    readonly from: string,
    readonly event: ProjectEvent,
  ) {
    super(`${method}: '${event}' is not allowed in state '${from}'`)
  }
}

/** The next state, or undefined when the event is not allowed in this state for this method. */
export function nextState(method: SelectionMethod, from: string, event: ProjectEvent): ProjectState | undefined {
  return MACHINES[method][from as ProjectState]?.[event]
}

/** The next state; throws IllegalTransition when the step is not allowed. */
export function transition(method: SelectionMethod, from: string, event: ProjectEvent): ProjectState {
  const to = nextState(method, from, event)
  if (!to) throw new IllegalTransition(method, from, event)
  return to
}

/** The publish step goes through the centre's review when the project asks for it. */
export function submitTarget(reviewRequired: boolean): ProjectState {
  return reviewRequired ? 'review' : 'registering'
}

export function isFinal(state: string): boolean {
  return state === 'contracted' || state === 'failed' || state === 'cancelled'
}

/** Every state reachable from draft for a method (for the tests and the docs). */
export function reachableStates(method: SelectionMethod): Set<ProjectState> {
  const seen = new Set<ProjectState>(['draft', 'review'])
  const queue: ProjectState[] = ['draft', 'review']
  while (queue.length) {
    const s = queue.shift()!
    for (const to of Object.values(MACHINES[method][s] ?? {})) {
      if (!seen.has(to)) {
        seen.add(to)
        queue.push(to)
      }
    }
  }
  return seen
}

/** The minimum pool: 3 for random draws (DESIGN.md), 2 otherwise, unless the project sets more. */
export function defaultMinCandidates(method: SelectionMethod): number {
  return method === 'random' ? 3 : method === 'direct' ? 1 : 2
}

export interface OfferState {
  order: readonly number[]
  index: number
}

/** 顺延: the next candidate in the published order after a decline or an expired period, or null when none is left. */
export function passToNextCandidate(offer: OfferState): { index: number; supplierId: number } | null {
  const index = offer.index + 1
  const supplierId = offer.order[index]
  return supplierId === undefined ? null : { index, supplierId }
}

/** Fails the project when fewer eligible candidates than the minimum registered (流标). */
export function hasEnoughCandidates(poolSize: number, minimum: number): boolean {
  return poolSize >= minimum
}
