// One database per test worker, reset between tests: PGlite in memory by default, and a database of its own on the
// PostgreSQL server of TEST_DATABASE_URL for the db-postgres project.
import { sql } from 'kysely'
import pg from 'pg'
import { migrateToLatest, openDatabase, type DatabaseHandle, type DB } from '../../db/client'
import type { Actor } from '../../app/domain/permissions'
import { hashPassword } from '../../app/lib/password.server'
import type { Role } from '../../db/schema'
import { makeCreditCode, prng } from '../../db/seed-data'

const KEY = Symbol.for('caigou.test.database')
type Holder = { [KEY]?: Promise<DatabaseHandle & { url?: string }> }

export const usingPostgres = () => process.env.TEST_DB === 'postgres'

async function createWorkerDatabase(): Promise<string> {
  const base = process.env.TEST_DATABASE_URL
  if (!base) throw new Error('TEST_DATABASE_URL is required for the db-postgres project')
  // One database per run and worker, so two test runs on one server never share tables; the run's global teardown
  // drops them.
  const name = `caigou_test_${process.env.TEST_RUN_ID ?? '0'}_${process.env.VITEST_POOL_ID ?? '0'}`
  const admin = new pg.Client({ connectionString: base })
  await admin.connect()
  try {
    const exists = await admin.query('select 1 from pg_database where datname = $1', [name])
    if (exists.rowCount === 0) await admin.query(`create database ${name}`)
  } finally {
    await admin.end()
  }
  const url = new URL(base)
  url.pathname = `/${name}`
  return url.toString()
}

async function open(): Promise<DatabaseHandle & { url?: string }> {
  if (usingPostgres()) {
    const url = await createWorkerDatabase()
    const handle = openDatabase({ databaseUrl: url, poolSize: 10 })
    await migrateToLatest(handle.db)
    return { ...handle, url }
  }
  const handle = openDatabase({ dataDir: null })
  await migrateToLatest(handle.db)
  return handle
}

export function testDatabase(): Promise<DatabaseHandle & { url?: string }> {
  const holder = globalThis as Holder
  holder[KEY] ??= open()
  return holder[KEY]
}

export async function testDb(): Promise<DB> {
  return (await testDatabase()).db
}

const TABLES = ['search_outbox', 'notifications', 'market_expert_ratings', 'market_scores', 'market_panel_members', 'experts', 'market_contracts', 'market_objections', 'market_offers', 'market_quotes', 'market_draws', 'market_registrations', 'market_projects', 'market_listings', 'credit_events', 'agency_affiliations', 'affiliations', 'supplier_ratings', 'catalogue_orders', 'menu_prices', 'menu_items', 'application_documents', 'application_notes', 'applications', 'memberships', 'category_rules', 'jobs', 'audit_log', 'login_attempts', 'sessions', 'users', 'organizations', 'categories']

/** Empties every table. The audit log's append-only trigger is bypassed the way only a superuser can. */
export async function resetDb(db: DB): Promise<void> {
  await db.connection().execute(async (conn) => {
    await sql`set session_replication_role = replica`.execute(conn)
    await sql.raw(`truncate ${TABLES.join(', ')} restart identity cascade`).execute(conn)
    await sql`set session_replication_role = origin`.execute(conn)
  })
}

let counter = 0
/** A valid credit code that differs per call (the seed's generator, with a per-call seed). */
export function creditCode(): string {
  counter++
  return makeCreditCode(prng(1000 + counter), '91', '440304')
}

export async function makeOrganization(
  db: DB,
  kind: 'center' | 'purchaser' | 'supplier' | 'regulator',
  name = `${kind}-${counter + 1}`,
) {
  return db
    .insertInto('organizations')
    .values({ kind, name, credit_code: creditCode(), region: '广东省深圳市福田区' })
    .returning(['id', 'name', 'kind'])
    .executeTakeFirstOrThrow()
}

const ORG_KIND_FOR_ROLE: Record<Role, 'center' | 'purchaser' | 'supplier' | 'regulator' | null> = {
  center_admin: 'center',
  agency: 'purchaser',
  supplier: 'supplier',
  supervisor: 'regulator',
  expert: null,
}

/** A user with a role (and an organisation of the right kind unless one is given), returned as an Actor. */
export async function makeUser(
  db: DB,
  role: Role,
  opts: { username?: string; password?: string; organizationId?: number | null } = {},
): Promise<Actor & { password: string }> {
  const password = opts.password ?? 'correct horse battery'
  const kind = ORG_KIND_FOR_ROLE[role]
  const organizationId = opts.organizationId !== undefined ? opts.organizationId : kind ? (await makeOrganization(db, kind)).id : null
  const username = opts.username ?? `${role.replace('_', '-')}-${++counter}`
  const row = await db
    .insertInto('users')
    .values({ username, display_name: `测试${role}`, role, organization_id: organizationId, password_hash: await hashPassword(password) })
    .returning(['id', 'username', 'display_name', 'role', 'organization_id'])
    .executeTakeFirstOrThrow()
  return { id: row.id, username: row.username, displayName: row.display_name, role: row.role, organizationId: row.organization_id, password }
}
