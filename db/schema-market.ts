// Table types of the market; db/schema.ts merges them into Database. db/migrations/20261122002000_market.ts makes them.
import type { ColumnType, Generated } from 'kysely'

type Json<T> = ColumnType<T, string, string>
type JsonDefault<T> = ColumnType<T, string | undefined, string>
type Default<T> = ColumnType<T, T | undefined, T>
type Ts = ColumnType<Date, Date | string | undefined, Date | string>
type TsNull = ColumnType<Date | null, Date | string | null | undefined, Date | string | null>

export type SelectionMethod = 'direct' | 'random' | 'bidding' | 'proposal' | 'credit'

export interface AffiliationsTable {
  id: Generated<number>
  purchaser_org_id: number
  supplier_org_id: number
  note: Default<string>
  created_at: Generated<Date>
}

export interface AgencyAffiliationsTable {
  id: Generated<number>
  first_org_id: number
  second_org_id: number
  reason: string
  recorded_by: number | null
  created_at: Generated<Date>
}

export interface CreditEventsTable {
  id: Generated<number>
  organization_id: number
  points: number
  kind: string
  reason: string
  project_id: number | null
  suspended_until: TsNull
  created_at: Generated<Date>
}

export interface MarketListingsTable {
  id: Generated<number>
  organization_id: number
  category_code: string
  scope: string
  qualifications: Default<string>
  fee_standard: string
  service_area: string
  staff_count: number
  typical_days: number
  updated_at: Generated<Date>
}

export interface MarketProjectsTable {
  id: Generated<number>
  code: string
  title: string
  purchaser_org_id: number
  created_by: number | null
  category_code: string
  scope: string
  budget_fen: number
  qualifications: Default<string>
  method: SelectionMethod
  status: string
  registration_deadline: Ts
  min_candidates: number
  confirmation_days: Default<number>
  publicity_days: Default<number>
  contract_publication_days: Default<number>
  settings: JsonDefault<Record<string, unknown>>
  review_required: Default<boolean>
  published_at: TsNull
  pool_frozen_at: TsNull
  pool: ColumnType<unknown, string | null | undefined, string | null>
  pool_hash: string | null
  result_order: ColumnType<number[] | null, string | null | undefined, string | null>
  offer_index: number | null
  offer_deadline: TsNull
  awarded_org_id: number | null
  awarded_amount_fen: number | null
  decision_note: string | null
  publicity_ends_at: TsNull
  failure_reason: string | null
  finished_at: TsNull
  created_at: Generated<Date>
  updated_at: Generated<Date>
}

export interface MarketRegistrationsTable {
  project_id: number
  supplier_org_id: number
  registered_by: number | null
  proposal: string | null
  registered_at: Generated<Date>
}

export interface MarketDrawsTable {
  id: string
  project_id: number | null
  purpose: string
  sequence: number
  reason: string | null
  pool: ColumnType<unknown, string | null | undefined, string | null>
  pool_hash: string | null
  secret_hash: string
  secret: string
  public_input_rule: string
  public_input: string | null
  seed: string | null
  draw_order: ColumnType<string[] | null, string | null | undefined, string | null>
  labels: JsonDefault<Record<string, string>>
  committed_at: Generated<Date>
  drawn_at: TsNull
  drawn_by: number | null
}

export interface MarketQuotesTable {
  project_id: number
  supplier_org_id: number
  submitted_by: number | null
  sealed: string
  commitment: string
  submitted_at: Ts
  amount_fen: number | null
  nonce: string | null
  abnormally_low: Default<boolean>
  opened_at: TsNull
}

export interface MarketOffersTable {
  project_id: number
  rank: number
  supplier_org_id: number
  offered_at: Generated<Date>
  deadline: Ts
  outcome: 'confirmed' | 'declined' | 'expired' | null
  reason_kind: string | null
  reason: string | null
  decided_at: TsNull
}

export interface MarketObjectionsTable {
  id: Generated<number>
  project_id: number
  supplier_org_id: number
  filed_by: number | null
  body: string
  filed_at: Generated<Date>
  answer: string | null
  answered_by: number | null
  answered_at: TsNull
}

export interface MarketContractsTable {
  project_id: number
  supplier_org_id: number
  amount_fen: number
  signed_on: ColumnType<string, string, string>
  summary: Default<string>
  recorded_by: number | null
  published_at: Generated<Date>
  published_late: Default<boolean>
}

export interface ExpertsTable {
  id: Generated<number>
  user_id: number | null
  name: string
  specialties: JsonDefault<string[]>
  employer_org_id: number | null
  employment_history: JsonDefault<{ organizationId: number; until: string }[]>
  declared_conflicts: JsonDefault<number[]>
  penalised_until: TsNull
  created_at: Generated<Date>
}

export interface MarketPanelMembersTable {
  project_id: number
  expert_id: number
  rank: number
  status: 'seated' | 'declined'
  decline_reason: string | null
}

export interface MarketScoresTable {
  project_id: number
  expert_id: number
  supplier_org_id: number
  scores: Json<Record<string, number>>
  total: number
  locked_at: TsNull
  updated_at: Generated<Date>
}

export interface MarketExpertRatingsTable {
  project_id: number
  expert_id: number
  rating: number
  comment: Default<string>
  rated_by: number | null
  rated_at: Generated<Date>
}

export interface NotificationsTable {
  id: Generated<number>
  organization_id: number | null
  user_id: number | null
  kind: string
  link: string
  params: JsonDefault<Record<string, string | number>>
  read_at: TsNull
  created_at: Generated<Date>
}

export interface MarketTables {
  affiliations: AffiliationsTable
  agency_affiliations: AgencyAffiliationsTable
  credit_events: CreditEventsTable
  market_listings: MarketListingsTable
  market_projects: MarketProjectsTable
  market_registrations: MarketRegistrationsTable
  market_draws: MarketDrawsTable
  market_quotes: MarketQuotesTable
  market_offers: MarketOffersTable
  market_objections: MarketObjectionsTable
  market_contracts: MarketContractsTable
  experts: ExpertsTable
  market_panel_members: MarketPanelMembersTable
  market_scores: MarketScoresTable
  market_expert_ratings: MarketExpertRatingsTable
  notifications: NotificationsTable
}
