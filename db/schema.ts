// The typed shape of the database, as kysely sees it. Migrations in db/migrations are the source of these shapes.
import type { ColumnType, Generated, Insertable, Selectable, Updateable } from 'kysely'
import type { CatalogueTables } from './schema-catalogue'
import type { MarketTables } from './schema-market'
import type { SearchTables } from './schema-search'

export type Timestamp = ColumnType<Date, Date | string | undefined, Date | string>
export type Json = ColumnType<unknown, string, string>
/** A column the database fills in when an insert leaves it out. */
export type WithDefault<T> = ColumnType<T, T | undefined, T>

export const ROLES = ['center_admin', 'agency', 'supplier', 'expert', 'supervisor'] as const
export type Role = (typeof ROLES)[number]

export const ORGANIZATION_KINDS = ['center', 'purchaser', 'supplier', 'regulator'] as const
export type OrganizationKind = (typeof ORGANIZATION_KINDS)[number]

export type Status = 'active' | 'disabled'

export interface OrganizationsTable {
  id: Generated<number>
  kind: OrganizationKind
  name: string
  credit_code: string
  region: string
  address: WithDefault<string>
  contact_name: WithDefault<string>
  contact_phone: WithDefault<string>
  main_category_code: string | null
  status: ColumnType<Status, Status | undefined, Status>
  created_at: Generated<Date>
  updated_at: Generated<Date>
}

export interface CategoriesTable {
  id: Generated<number>
  code: string
  name_zh: string
  name_en: string
  kind: 'goods' | 'services' | 'works'
  market: 'catalogue' | 'supermarket'
  created_at: Generated<Date>
}

export interface UsersTable {
  id: Generated<number>
  username: string
  display_name: string
  role: Role
  organization_id: number | null
  password_hash: string
  status: ColumnType<Status, Status | undefined, Status>
  last_login_at: Date | null
  created_at: Generated<Date>
  updated_at: Generated<Date>
}

export interface SessionsTable {
  id: string
  user_id: number
  created_at: Generated<Date>
  expires_at: Date
  client_address: string | null
}

export interface LoginAttemptsTable {
  id: Generated<number>
  username: string
  client_address: string
  succeeded: boolean
  at: Generated<Date>
}

export interface AuditLogTable {
  id: Generated<number>
  at: Date
  actor_user_id: number | null
  actor_label: string
  action: string
  entity_type: string
  entity_id: string | null
  payload: Json
  client_address: string | null
  prev_hash: string
  hash: string
}

export interface JobsTable {
  id: Generated<number>
  kind: string
  run_at: WithDefault<Date>
  payload: Json
  dedupe_key: string | null
  status: WithDefault<'pending' | 'done' | 'failed' | 'cancelled'>
  attempts: Generated<number>
  last_error: string | null
  created_at: Generated<Date>
  finished_at: Date | null
}

export interface Database extends CatalogueTables, MarketTables, SearchTables {
  organizations: OrganizationsTable
  categories: CategoriesTable
  users: UsersTable
  sessions: SessionsTable
  login_attempts: LoginAttemptsTable
  audit_log: AuditLogTable
  jobs: JobsTable
}

export type Organization = Selectable<OrganizationsTable>
export type NewOrganization = Insertable<OrganizationsTable>
export type OrganizationUpdate = Updateable<OrganizationsTable>
export type User = Selectable<UsersTable>
export type Category = Selectable<CategoriesTable>
export type AuditRow = Selectable<AuditLogTable>
