import { sql } from 'kysely'
import { describe, expect, it } from 'vitest'
import { allDocuments } from '~/services/search-documents.server'
import { BULK_THRESHOLD, claimAndApplyOne, drainClaims, OutboxFollower, runClock } from '~/services/search-sync.server'
import type { DB } from '../../db/client'
import { EmbeddedSearchEngine } from '../../search/embedded'
import type { SearchDocument, SearchEngine, SearchQuery } from '../../search/engine'
import { makeOrganization, testDb, usingPostgres } from '../support/db'

// The index follows the database: what a buyer would notice on /search after a change, on both sync modes.

async function categories(db: DB) {
  await db
    .insertInto('categories')
    .values([
      { code: 'C01', name_zh: '印刷', name_en: 'Printing', kind: 'services', market: 'catalogue' },
      { code: 'S03', name_zh: '审计服务', name_en: 'Audit services', kind: 'services', market: 'supermarket' },
    ])
    .execute()
  await db
    .insertInto('category_rules')
    .values({ category_code: 'C01', qualifications: JSON.stringify([{ key: 'lic', name_zh: '印刷经营许可证', name_en: 'Printing licence', required: true }]) })
    .execute()
}

async function supplier(db: DB, name: string) {
  return makeOrganization(db, 'supplier', name)
}

async function admit(db: DB, orgId: number, code: string, opts: { until?: string } = {}) {
  return db
    .insertInto('memberships')
    .values({
      organization_id: orgId,
      category_code: code,
      valid_from: sql<Date>`now() - interval '30 days'`,
      valid_until: opts.until ? sql<Date>`now() + ${opts.until}::interval` : sql<Date>`now() + interval '1 year'`,
    })
    .returning('id')
    .executeTakeFirstOrThrow()
}

async function menuItem(db: DB, orgId: number, membershipId: number, name: string, priceFen: number) {
  const item = await db
    .insertInto('menu_items')
    .values({ membership_id: membershipId, organization_id: orgId, category_code: 'C01', name, specification: 'A4 双面彩印', unit: '张', fields: JSON.stringify({ paper: '铜版纸', print_grade: '精品级' }) })
    .returning('id')
    .executeTakeFirstOrThrow()
  await db.insertInto('menu_prices').values({ menu_item_id: item.id, price_fen: priceFen }).execute()
  return item
}

const titles = async (engine: SearchEngine, query: SearchQuery) => (await engine.search(query)).hits.map((h) => h.document.title)

/** An engine that counts writes and can be told to fail. */
class RecordingEngine extends EmbeddedSearchEngine {
  writes = 0
  failNext = 0
  override async upsert(docs: readonly SearchDocument[]) {
    if (this.failNext > 0) {
      this.failNext--
      throw new Error('index unavailable')
    }
    this.writes++
    return super.upsert(docs)
  }
}

describe('the outbox', () => {
  it('queues an update in the same transaction as the change, and nothing when it rolls back', async () => {
    const db = await testDb()
    await categories(db)
    await db.deleteFrom('search_outbox').execute()
    const org = await supplier(db, '深圳市华鹏印务有限公司')
    await db
      .transaction()
      .execute(async (trx) => {
        await trx.updateTable('organizations').set({ name: '改名失败' }).where('id', '=', org.id).execute()
        throw new Error('rolled back')
      })
      .catch(() => undefined)
    const rows = await db.selectFrom('search_outbox').select(['entity_type', 'entity_id']).execute()
    expect(rows).toEqual([{ entity_type: 'organization', entity_id: String(org.id) }])
  })
})

describe('embedded index following the outbox', () => {
  it('shows admitted suppliers and their menu items, and hides them when suspended, removed or disabled', async () => {
    const db = await testDb()
    await categories(db)
    const engine = new EmbeddedSearchEngine()
    const follower = await OutboxFollower.start(db, engine)
    await engine.rebuild(allDocuments(db))

    const org = await supplier(db, '深圳市华鹏印务有限公司')
    expect(await titles(engine, { q: '华鹏' })).toEqual([])
    const m = await admit(db, org.id, 'C01')
    await follower.step()
    const hit = (await engine.search({ q: '华鹏' })).hits[0]!.document
    expect(hit).toMatchObject({ kind: 'catalogue_supplier', categoryName: '印刷', credit: 100, qualifications: ['印刷经营许可证'], status: 'active' })

    const item = await menuItem(db, org.id, m.id, '宣传册印刷', 12_50)
    await follower.step()
    const itemHit = (await engine.search({ q: '宣传册' })).hits[0]!.document
    expect(itemHit).toMatchObject({ kind: 'catalogue_item', priceFen: 1250, supplierName: '深圳市华鹏印务有限公司', qualificationLevel: '精品级' })
    expect(itemHit.description).toContain('铜版纸')

    // A new price replaces the old one.
    await db.updateTable('menu_prices').set({ status: 'superseded' }).where('menu_item_id', '=', item.id).execute()
    await db.insertInto('menu_prices').values({ menu_item_id: item.id, price_fen: 9_90 }).execute()
    await follower.step()
    expect((await engine.search({ q: '宣传册' })).hits[0]!.document.priceFen).toBe(990)

    await db.updateTable('memberships').set({ status: 'suspended', suspended_until: sql<Date>`now() + interval '3 months'` }).where('id', '=', m.id).execute()
    await follower.step()
    expect(await titles(engine, { q: '华鹏' })).toEqual([])
    expect(await titles(engine, { q: '宣传册' })).toEqual([])
    expect(await titles(engine, { q: '华鹏', statuses: ['suspended'] })).toEqual(['深圳市华鹏印务有限公司', '宣传册印刷'])

    await db.updateTable('memberships').set({ status: 'active', suspended_until: null }).where('id', '=', m.id).execute()
    await follower.step()
    expect(await titles(engine, { q: '宣传册' })).toEqual(['宣传册印刷'])

    await db.updateTable('menu_items').set({ status: 'withdrawn' }).where('id', '=', item.id).execute()
    await follower.step()
    expect(await titles(engine, { q: '宣传册' })).toEqual([])

    await db.updateTable('organizations').set({ status: 'disabled' }).where('id', '=', org.id).execute()
    await follower.step()
    expect(await titles(engine, { q: '华鹏' })).toEqual([])
  })

  it('lists intermediary agencies of the supermarket, hides them under a credit suspension, and counts credit', async () => {
    const db = await testDb()
    await categories(db)
    const engine = new EmbeddedSearchEngine()
    const follower = await OutboxFollower.start(db, engine)
    const org = await supplier(db, '深圳信诚会计师事务所（普通合伙）')
    await admit(db, org.id, 'S03')
    await follower.step()
    expect((await engine.search({ q: '信诚' })).hits[0]!.document).toMatchObject({ kind: 'service_listing', market: 'supermarket', categoryName: '审计服务' })

    await db.insertInto('credit_events').values({ organization_id: org.id, points: -5, kind: 'decline', reason: '无正当理由放弃' }).execute()
    await follower.step()
    expect((await engine.search({ q: '信诚' })).hits[0]!.document.credit).toBe(95)

    await db
      .insertInto('credit_events')
      .values({ organization_id: org.id, points: -10, kind: 'suspension', reason: '限制进场', suspended_until: sql<Date>`now() + interval '3 months'` })
      .execute()
    await follower.step()
    expect(await titles(engine, { q: '信诚' })).toEqual([])
  })

  it('a supplier registered with a main category is listed until its memberships take over, without duplicates', async () => {
    const db = await testDb()
    await categories(db)
    const engine = new EmbeddedSearchEngine()
    const follower = await OutboxFollower.start(db, engine)
    const org = await supplier(db, '深圳市正宇印务有限公司')
    await db.updateTable('organizations').set({ main_category_code: 'C01' }).where('id', '=', org.id).execute()
    await follower.step()
    expect((await engine.search({ q: '正宇' })).hits.map((h) => h.document.id)).toEqual([`supplier-${org.id}-C01`])
    const m = await admit(db, org.id, 'C01')
    await follower.step()
    expect((await engine.search({ q: '正宇', statuses: ['active', 'suspended', 'expired', 'removed'] })).hits.map((h) => h.document.id)).toEqual([`member-${m.id}`])
    // No longer a supplier: everything of it leaves the index.
    await db.updateTable('organizations').set({ kind: 'purchaser' }).where('id', '=', org.id).execute()
    await follower.step()
    expect(await engine.count()).toBe(0)
  })

  it('after a bulk change an instance rebuilds its index instead of applying each row', async () => {
    const db = await testDb()
    await categories(db)
    const engine = new EmbeddedSearchEngine()
    const follower = await OutboxFollower.start(db, engine)
    const org = await supplier(db, '深圳市丰源印务有限公司')
    await admit(db, org.id, 'C01')
    await sql`insert into search_outbox (entity_type, entity_id) select 'organization', ${String(org.id)} from generate_series(1, ${BULK_THRESHOLD})`.execute(db)
    await follower.step()
    expect(await titles(engine, { q: '丰源' })).toEqual(['深圳市丰源印务有限公司'])
  })

  it('every instance keeps its own index current', async () => {
    const db = await testDb()
    await categories(db)
    const instances = [new EmbeddedSearchEngine(), new EmbeddedSearchEngine()]
    const followers = await Promise.all(instances.map((e) => OutboxFollower.start(db, e)))
    const org = await supplier(db, '深圳市汇利印务有限公司')
    await admit(db, org.id, 'C01')
    for (const f of followers) await f.step()
    for (const engine of instances) expect(await titles(engine, { q: '汇利' })).toEqual(['深圳市汇利印务有限公司'])
  })

  it('a category renamed by the centre is renamed in every document', async () => {
    const db = await testDb()
    await categories(db)
    const engine = new EmbeddedSearchEngine()
    const follower = await OutboxFollower.start(db, engine)
    const org = await supplier(db, '深圳市宏远彩印有限公司')
    await admit(db, org.id, 'C01')
    await follower.step()
    await db.updateTable('categories').set({ name_zh: '印刷服务' }).where('code', '=', 'C01').execute()
    await follower.step()
    expect((await engine.search({ q: '宏远' })).hits[0]!.document.categoryName).toBe('印刷服务')
  })

  it('a membership that expires by time passing leaves the index at the next clock tick', async () => {
    const db = await testDb()
    await categories(db)
    const engine = new EmbeddedSearchEngine()
    const follower = await OutboxFollower.start(db, engine)
    const org = await supplier(db, '深圳市新创数码印务有限公司')
    await admit(db, org.id, 'C01', { until: '1 second' })
    await follower.step()
    expect(await titles(engine, { q: '新创' })).toEqual(['深圳市新创数码印务有限公司'])
    await new Promise((r) => setTimeout(r, 1200))
    await db.transaction().execute((trx) => runClock(trx, new Date(Date.now() - 60_000).toISOString(), 'embedded'))
    await follower.step()
    expect(await titles(engine, { q: '新创' })).toEqual([])
    expect(await titles(engine, { q: '新创', statuses: ['expired'] })).toEqual(['深圳市新创数码印务有限公司'])
  })

  it('does not skip a change whose transaction commits after a later one', async () => {
    const db = await testDb()
    await categories(db)
    const engine = new EmbeddedSearchEngine()
    const follower = await OutboxFollower.start(db, engine)
    if (!usingPostgres()) return // PGlite has one connection: transactions cannot overlap there.
    const slow = await supplier(db, '深圳市慢速印务有限公司')
    const fast = await supplier(db, '深圳市快速印务有限公司')
    let release!: () => void
    const gate = new Promise<void>((r) => (release = r))
    let started!: () => void
    const begun = new Promise<void>((r) => (started = r))
    const slowTx = db.transaction().execute(async (trx) => {
      await trx.insertInto('memberships').values({ organization_id: slow.id, category_code: 'C01', valid_from: sql<Date>`now() - interval '1 day'`, valid_until: sql<Date>`now() + interval '1 year'` }).execute()
      started()
      await gate
    })
    await begun
    await admit(db, fast.id, 'C01')
    await follower.step()
    expect(await titles(engine, { q: '快速' })).toEqual(['深圳市快速印务有限公司'])
    release()
    await slowTx
    await follower.step()
    expect(await titles(engine, { q: '慢速' })).toEqual(['深圳市慢速印务有限公司'])
  })
})

describe('npm run reindex with the embedded engine', () => {
  it('queues a rebuild that every running instance applies to its own index', async () => {
    const db = await testDb()
    await categories(db)
    const org = await supplier(db, '深圳市博通印务有限公司')
    await admit(db, org.id, 'C01')
    const instances = [new EmbeddedSearchEngine(), new EmbeddedSearchEngine()]
    const followers = await Promise.all(instances.map((e) => OutboxFollower.start(db, e)))
    await db.insertInto('search_outbox').values({ entity_type: 'all', entity_id: '*' }).execute()
    for (const f of followers) await f.step()
    for (const engine of instances) expect(await titles(engine, { q: '博通' })).toEqual(['深圳市博通印务有限公司'])
  })
})

describe('shared index (Meilisearch mode): claimed outbox rows', () => {
  it('two runners apply every queued entity exactly once', async () => {
    const db = await testDb()
    await categories(db)
    const orgs = []
    for (let i = 0; i < 12; i++) {
      const org = await supplier(db, `深圳市测试${i}号印务有限公司`)
      await admit(db, org.id, 'C01')
      orgs.push(org)
    }
    await db.deleteFrom('search_outbox').where('entity_type', '=', 'category').execute()
    const engine = new RecordingEngine()
    const [a, b] = await Promise.all([drainClaims(db, engine), drainClaims(db, engine)])
    expect(a.failed + b.failed).toBe(0)
    // Each row is claimed by one runner only (attempts stay at 1); an organisation's rows are usually claimed together.
    const rows = await db.selectFrom('search_outbox').select('id').execute()
    expect(a.applied + b.applied).toBe(engine.writes)
    expect(engine.writes).toBeGreaterThanOrEqual(orgs.length)
    expect(engine.writes).toBeLessThanOrEqual(rows.length)
    const pending = await db.selectFrom('search_outbox').select('id').where('status', '=', 'pending').execute()
    expect(pending).toEqual([])
    const attempts = await db.selectFrom('search_outbox').select('attempts').distinct().execute()
    expect(attempts).toEqual([{ attempts: 1 }])
    expect((await engine.search({ q: '印务', perPage: 100 })).total).toBe(orgs.length)
  })

  it('a failed apply is kept and retried later, not lost', async () => {
    const db = await testDb()
    await categories(db)
    const org = await supplier(db, '深圳市恒瑞印务有限公司')
    await db.deleteFrom('search_outbox').execute()
    await admit(db, org.id, 'C01')
    const engine = new RecordingEngine()
    engine.failNext = 1
    expect(await claimAndApplyOne(db, engine)).toBe('failed')
    const row = await db.selectFrom('search_outbox').select(['status', 'attempts', 'last_error']).where('entity_id', '=', String(org.id)).executeTakeFirstOrThrow()
    expect(row).toMatchObject({ status: 'pending', attempts: 1, last_error: 'index unavailable' })
    // Not due again until the backoff has passed.
    expect(await claimAndApplyOne(db, engine)).toBe('idle')
    await db.updateTable('search_outbox').set({ run_at: sql<Date>`now()` }).execute()
    expect(await claimAndApplyOne(db, engine)).toBe('applied')
    expect(await titles(engine, { q: '恒瑞' })).toEqual(['深圳市恒瑞印务有限公司'])
  })
})
