// Table types of the catalogue; db/schema.ts merges them into Database. See db/migrations/20261122001000_catalogue.ts.
import type { ColumnType, Generated, Selectable } from 'kysely'

type Timestamp = ColumnType<Date, Date | string | undefined, Date | string>
type Json = ColumnType<unknown, string, string>
/** A jsonb column with a default. */
type JsonD = ColumnType<unknown, string | undefined, string>
type WithDefault<T> = ColumnType<T, T | undefined, T>
/** bigint columns come back as numbers (see db/client.ts); money in integer fen. */
type Fen = ColumnType<number, number | bigint | string, number | bigint | string>

export type Allocation = 'free' | 'rotation' | 'draw'
/** Stored membership status; 'expired' is derived from valid_until (see memberships.server.ts). */
export type MembershipStatus = 'active' | 'suspended' | 'removed'
export type ApplicationStatus = 'submitted' | 'returned' | 'approved' | 'rejected' | 'withdrawn'
export type OrderStatus = 'placed' | 'confirmed' | 'declined' | 'accepted' | 'cancelled'

export interface CategoryRulesTable {
  category_code: string
  qualifications: JsonD
  item_fields: JsonD
  rating_criteria: JsonD
  order_ceiling_fen: ColumnType<number | null, number | null | undefined, number | null>
  annual_ceiling_fen: ColumnType<number | null, number | null | undefined, number | null>
  allocation: WithDefault<Allocation>
  confirm_days: WithDefault<number>
  pass_on_decline: WithDefault<boolean>
  price_rise_approval: WithDefault<boolean>
  validity_months: WithDefault<number>
  description: WithDefault<string>
  updated_at: Generated<Date>
}

export interface MembershipsTable {
  id: Generated<number>
  organization_id: number
  category_code: string
  status: WithDefault<MembershipStatus>
  valid_from: Timestamp
  valid_until: Timestamp
  suspended_until: ColumnType<Date | null, Date | string | null | undefined, Date | string | null>
  suspension_reason: string | null
  removal_reason: string | null
  created_at: Generated<Date>
  updated_at: Generated<Date>
}

export interface ApplicationsTable {
  id: Generated<number>
  organization_id: number
  category_code: string
  kind: WithDefault<'new' | 'renewal'>
  status: WithDefault<ApplicationStatus>
  company: JsonD
  commitment_signed_by: string
  commitment_signed_at: Generated<Date>
  submitted_by: number | null
  reviewed_by: number | null
  reviewed_at: ColumnType<Date | null, Date | string | null | undefined, Date | string | null>
  decision_reason: string | null
  granted_until: ColumnType<Date | null, Date | string | null | undefined, Date | string | null>
  membership_id: number | null
  created_at: Generated<Date>
  updated_at: Generated<Date>
}

export interface ApplicationNotesTable {
  id: Generated<number>
  application_id: number
  kind: 'submitted' | 'returned' | 'reply' | 'approved' | 'rejected'
  body: WithDefault<string>
  author_user_id: number | null
  at: Generated<Date>
}

export interface ApplicationDocumentsTable {
  id: Generated<number>
  application_id: number
  qualification_key: string
  file_name: string
  content_type: string
  size_bytes: number
  sha256: string
  storage_key: string
  created_at: Generated<Date>
}

export interface MenuItemsTable {
  id: Generated<number>
  membership_id: number
  organization_id: number
  category_code: string
  name: string
  specification: WithDefault<string>
  unit: string
  fields: JsonD
  status: WithDefault<'active' | 'withdrawn'>
  created_at: Generated<Date>
  updated_at: Generated<Date>
}

export interface MenuPricesTable {
  id: Generated<number>
  menu_item_id: number
  price_fen: Fen
  status: WithDefault<'active' | 'pending' | 'rejected' | 'superseded'>
  created_by: number | null
  decided_by: number | null
  decided_at: ColumnType<Date | null, Date | string | null | undefined, Date | string | null>
  created_at: Generated<Date>
}

export interface CatalogueOrdersTable {
  id: Generated<number>
  order_no: string
  idempotency_key: string
  category_code: string
  purchaser_org_id: number
  placed_by: number | null
  supplier_org_id: number
  menu_item_id: number
  price_id: number
  item_name: string
  specification: WithDefault<string>
  unit: string
  unit_price_fen: Fen
  quantity: number
  total_fen: Fen
  delivery_address: WithDefault<string>
  note: WithDefault<string>
  allocation: Allocation
  candidates: JsonD
  candidate_index: WithDefault<number>
  draw: ColumnType<unknown, string | null | undefined, string | null>
  status: WithDefault<OrderStatus>
  placed_at: Timestamp
  offered_at: Timestamp
  confirm_deadline: Timestamp
  confirmed_at: ColumnType<Date | null, Date | string | null | undefined, Date | string | null>
  decline_reasons: JsonD
  accepted_at: ColumnType<Date | null, Date | string | null | undefined, Date | string | null>
  contract_no: string | null
  contract_published_at: ColumnType<Date | null, Date | string | null | undefined, Date | string | null>
  updated_at: Generated<Date>
}

export interface SupplierRatingsTable {
  id: Generated<number>
  order_id: number
  supplier_org_id: number
  category_code: string
  scores: Json
  overall: ColumnType<string, number | string, number | string>
  comment: WithDefault<string>
  rated_by: number | null
  created_at: Generated<Date>
}

export interface CatalogueTables {
  category_rules: CategoryRulesTable
  memberships: MembershipsTable
  applications: ApplicationsTable
  application_notes: ApplicationNotesTable
  application_documents: ApplicationDocumentsTable
  menu_items: MenuItemsTable
  menu_prices: MenuPricesTable
  catalogue_orders: CatalogueOrdersTable
  supplier_ratings: SupplierRatingsTable
}

export type Membership = Selectable<MembershipsTable>
export type CatalogueOrder = Selectable<CatalogueOrdersTable>
