// Rules of menu-style ordering (菜单式采购): ceilings, who gets an order among equal offers, and passing on a decline.
import type { ItemFieldDef, QualificationDef, RatingCriterion } from './fields'

export type Allocation = 'free' | 'rotation' | 'draw'

export interface CategoryRules {
  qualifications: QualificationDef[]
  itemFields: ItemFieldDef[]
  ratingCriteria: RatingCriterion[]
  orderCeilingFen: number | null
  annualCeilingFen: number | null
  allocation: Allocation
  confirmDays: number
  passOnDecline: boolean
  priceRiseApproval: boolean
  validityMonths: number
  description: string
}

export const DEFAULT_RATING_CRITERIA: RatingCriterion[] = [
  { key: 'quality', name_zh: '质量', name_en: 'Quality', weight: 40 },
  { key: 'timeliness', name_zh: '及时性', name_en: 'Timeliness', weight: 30 },
  { key: 'service', name_zh: '服务态度', name_en: 'Service', weight: 30 },
]

export const DEFAULT_QUALIFICATIONS: QualificationDef[] = [
  { key: 'business_licence', name_zh: '营业执照', name_en: 'Business licence', required: true },
]

export const DEFAULT_RULES: CategoryRules = {
  qualifications: DEFAULT_QUALIFICATIONS,
  itemFields: [],
  ratingCriteria: DEFAULT_RATING_CRITERIA,
  orderCeilingFen: null,
  annualCeilingFen: null,
  allocation: 'free',
  confirmDays: 2,
  passOnDecline: true,
  priceRiseApproval: false,
  validityMonths: 24,
  description: '',
}

export type CeilingProblem = 'orderCeiling' | 'annualCeiling' | null

/** An order over the per-order ceiling, or one that would take the unit's spend this year in the category over the annual one. */
export function ceilingProblem(rules: Pick<CategoryRules, 'orderCeilingFen' | 'annualCeilingFen'>, totalFen: number, spentThisYearFen: number): CeilingProblem {
  if (rules.orderCeilingFen !== null && totalFen > rules.orderCeilingFen) return 'orderCeiling'
  if (rules.annualCeilingFen !== null && spentThisYearFen + totalFen > rules.annualCeilingFen) return 'annualCeiling'
  return null
}

/** Two offers are "the same item" when name, specification and unit agree, ignoring spaces and letter case. */
export function offerKey(o: { name: string; specification: string; unit: string }): string {
  const norm = (s: string) => s.normalize('NFKC').replace(/\s+/g, '').toLowerCase()
  return `${norm(o.name)}|${norm(o.specification)}|${norm(o.unit)}`
}

export interface RotationCandidate {
  organizationId: number
  /** Orders this supplier was offered in the category so far. */
  offered: number
  /** When it was last offered one (ISO string), null if never. */
  lastOfferedAt: string | null
}

/** Rotation (轮候): the supplier offered the fewest orders first, then the one that waited longest, then by id. */
export function rotationOrder(candidates: readonly RotationCandidate[]): number[] {
  return [...candidates]
    .sort(
      (a, b) =>
        a.offered - b.offered ||
        (a.lastOfferedAt ?? '').localeCompare(b.lastOfferedAt ?? '') ||
        a.organizationId - b.organizationId,
    )
    .map((c) => c.organizationId)
}

/** After a decline: the next candidate's index, or null when the order ends declined. */
export function passToNextCandidate(current: number, candidateCount: number, passOn: boolean): number | null {
  if (!passOn) return null
  return current + 1 < candidateCount ? current + 1 : null
}

export function isPriceRise(oldFen: number, newFen: number): boolean {
  return newFen > oldFen
}

/** 'CG20261122000042': the Shanghai date the order was placed and its id. */
export function orderNumber(shanghaiIsoDate: string, id: number): string {
  return `CG${shanghaiIsoDate.replaceAll('-', '')}${String(id).padStart(6, '0')}`
}

export function contractNumber(shanghaiIsoDate: string, id: number): string {
  return `HT${shanghaiIsoDate.replaceAll('-', '')}${String(id).padStart(6, '0')}`
}

export type OrderStatus = 'placed' | 'confirmed' | 'declined' | 'accepted' | 'cancelled'

/** Which transitions each party may make from each state. */
export const ORDER_TRANSITIONS: Record<OrderStatus, Partial<Record<'confirm' | 'decline' | 'accept' | 'cancel', OrderStatus>>> = {
  placed: { confirm: 'confirmed', decline: 'declined', cancel: 'cancelled' },
  confirmed: { accept: 'accepted' },
  declined: {},
  accepted: {},
  cancelled: {},
}

export function nextOrderStatus(status: OrderStatus, action: 'confirm' | 'decline' | 'accept' | 'cancel'): OrderStatus | null {
  return ORDER_TRANSITIONS[status][action] ?? null
}
