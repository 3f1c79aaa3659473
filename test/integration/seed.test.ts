import { sql } from 'kysely'
import { describe, expect, it } from 'vitest'
import { isValidCreditCode } from '~/domain/credit-code'
import { verifyPassword } from '~/lib/password.server'
import { verifyAuditChain } from '~/services/audit.server'
import { migrateToLatest, migrator } from '../../db/client'
import { seed } from '../../db/seed'
import { DEMO_PASSWORD } from '../../db/seed-data'
import { testDb } from '../support/db'

const count = async (table: 'organizations' | 'users' | 'categories') =>
  (await (await testDb()).selectFrom(table).select(sql<number>`count(*)::int`.as('n')).executeTakeFirstOrThrow()).n

describe('demo data', () => {
  it('fills an empty database with the centre, purchasing units, suppliers in every category and one account per role', async () => {
    const db = await testDb()
    await seed(db, { demoAccounts: true })
    const kinds = await db.selectFrom('organizations').select(['kind', sql<number>`count(*)::int`.as('n')]).groupBy('kind').execute()
    const byKind = Object.fromEntries(kinds.map((k) => [k.kind, k.n]))
    expect(byKind).toMatchObject({ center: 1, regulator: 1, purchaser: 12 })
    expect(byKind.supplier).toBeGreaterThanOrEqual(200)
    const perCategory = await db
      .selectFrom('categories')
      .leftJoin('organizations', 'organizations.main_category_code', 'categories.code')
      .select(['categories.code', 'categories.market', sql<number>`count(organizations.id)::int`.as('n')])
      .groupBy(['categories.code', 'categories.market'])
      .execute()
    expect(perCategory.filter((c) => c.market === 'catalogue')).toHaveLength(10)
    for (const c of perCategory) expect(c.n).toBeGreaterThan(0)
    const orgs = await db.selectFrom('organizations').select(['credit_code', 'name', 'region']).execute()
    expect(orgs.every((o) => isValidCreditCode(o.credit_code))).toBe(true)
    expect(new Set(orgs.map((o) => o.name)).size).toBe(orgs.length)
    const users = await db.selectFrom('users').select(['username', 'role', 'password_hash']).orderBy('username').execute()
    expect(users.map((u) => [u.username, u.role])).toEqual([
      ['demo-admin', 'center_admin'],
      ['demo-agency', 'agency'],
      ['demo-expert', 'expert'],
      ['demo-supervisor', 'supervisor'],
      ['demo-supplier', 'supplier'],
    ])
    expect(await verifyPassword(DEMO_PASSWORD, users[0]!.password_hash)).toBe(true)
    expect((await verifyAuditChain(db)).ok).toBe(true)
  })

  it('running it twice duplicates nothing', async () => {
    const db = await testDb()
    await seed(db, { demoAccounts: true })
    const before = [await count('organizations'), await count('users'), await count('categories')]
    const second = await seed(db, { demoAccounts: true })
    expect(second).toEqual({ categories: 0, organizations: 0, users: 0 })
    expect([await count('organizations'), await count('users'), await count('categories')]).toEqual(before)
  })

  it('creates no accounts unless asked', async () => {
    const db = await testDb()
    await seed(db, { demoAccounts: false })
    expect(await count('users')).toBe(0)
    expect(await count('organizations')).toBeGreaterThan(200)
  })

  it('migrations go down and up again cleanly', async () => {
    const db = await testDb()
    const m = migrator(db)
    for (;;) {
      const { error, results } = await m.migrateDown()
      expect(error).toBeUndefined()
      if (!results?.length) break
    }
    const tables = await sql<{ n: number }>`select count(*)::int as n from information_schema.tables where table_schema = 'public' and table_name = 'users'`.execute(db)
    expect(tables.rows[0]!.n).toBe(0)
    await migrateToLatest(db)
    expect(await count('users')).toBe(0)
  })
})
