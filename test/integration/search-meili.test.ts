import { sql } from 'kysely'
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest'
import { rebuildWithLock, REBUILD_LOCK } from '~/lib/search.server'
import { drainClaims } from '~/services/search-sync.server'
import { MeilisearchEngine } from '../../search/meilisearch'
import { FAKE_HOST, FakeMeili } from '../unit/search/fake-meili'
import { makeOrganization, testDatabase, testDb, usingPostgres } from '../support/db'
import { openDatabase } from '../../db/client'

// The outbox applied to Meilisearch (faked at the HTTP layer): a task that Meilisearch reports as failed leaves the
// change queued, and it reaches the index on a later attempt.

const fake = new FakeMeili()
beforeAll(() => fake.listen())
afterAll(() => fake.close())
beforeEach(() => fake.reset())

describe('outbox → Meilisearch', () => {
  it('a failed Meilisearch task keeps the change queued; the retry indexes it', async () => {
    const db = await testDb()
    await db.insertInto('categories').values({ code: 'C01', name_zh: '印刷', name_en: 'Printing', kind: 'services', market: 'catalogue' }).execute()
    const org = await makeOrganization(db, 'supplier', '深圳市中天印务有限公司')
    await db
      .insertInto('memberships')
      .values({ organization_id: org.id, category_code: 'C01', valid_from: sql<Date>`now() - interval '1 day'`, valid_until: sql<Date>`now() + interval '1 year'` })
      .execute()
    await db.deleteFrom('search_outbox').where('entity_type', '=', 'category').execute()
    const engine = new MeilisearchEngine({ host: FAKE_HOST })
    await engine.applySettings()

    fake.failNextTask = { code: 'internal', message: 'disk full' }
    expect(await drainClaims(db, engine)).toEqual({ applied: 0, failed: 1 })
    const row = await db.selectFrom('search_outbox').select(['status', 'attempts', 'last_error']).executeTakeFirstOrThrow()
    expect(row.status).toBe('pending')
    expect(row.last_error).toContain('disk full')
    expect(fake.indexes.get('caigou_documents')?.docs.size ?? 0).toBe(0)

    await db.updateTable('search_outbox').set({ run_at: sql<Date>`now()` }).execute()
    expect(await drainClaims(db, engine)).toEqual({ applied: 1, failed: 0 })
    const doc = [...fake.indexes.get('caigou_documents')!.docs.values()][0]!
    expect(doc).toMatchObject({ title: '深圳市中天印务有限公司', kind: 'catalogue_supplier', status: 'active' })
    expect(fake.violations).toEqual([])
  })

  it('npm run reindex builds a new index and swaps it in, and refuses to run twice at once', async () => {
    const db = await testDb()
    await db.insertInto('categories').values({ code: 'C01', name_zh: '印刷', name_en: 'Printing', kind: 'services', market: 'catalogue' }).execute()
    for (const name of ['深圳市中天印务有限公司', '深圳市金志印务有限公司']) {
      const org = await makeOrganization(db, 'supplier', name)
      await db
        .insertInto('memberships')
        .values({ organization_id: org.id, category_code: 'C01', valid_from: sql<Date>`now() - interval '1 day'`, valid_until: sql<Date>`now() + interval '1 year'` })
        .execute()
    }
    const engine = new MeilisearchEngine({ host: FAKE_HOST })
    await engine.applySettings()
    expect(await rebuildWithLock(db, engine)).toEqual({ indexed: 2, requeued: 0 })
    expect([...fake.indexes.keys()]).toEqual(['caigou_documents'])
    expect(fake.indexes.get('caigou_documents')!.docs.size).toBe(2)
    expect(fake.requests.some((r) => r.path === '/swap-indexes')).toBe(true)
    expect(fake.violations).toEqual([])

    if (!usingPostgres()) return // PGlite has one session, which re-enters its own advisory lock.
    const other = openDatabase({ databaseUrl: (await testDatabase()).url!, poolSize: 1 })
    try {
      await other.db.connection().execute(async (conn) => {
        await sql`select pg_advisory_lock(${REBUILD_LOCK})`.execute(conn)
        expect(await rebuildWithLock(db, engine)).toBeNull()
        await sql`select pg_advisory_unlock(${REBUILD_LOCK})`.execute(conn)
      })
    } finally {
      await other.close()
    }
  })
})
