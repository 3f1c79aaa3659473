import { sql } from 'kysely'
import { describe, expect, it } from 'vitest'
import { suspendMembership } from '~/services/memberships.server'
import { searchPage, searchSuggestions } from '~/services/search.server'
import { OutboxFollower } from '~/services/search-sync.server'
import type { DB } from '../../db/client'
import { EmbeddedSearchEngine } from '../../search/embedded'
import { makeOrganization, makeUser, testDb } from '../support/db'

// What /search shows (the loader's data), kept current by the outbox, with URLs that can be shared.

async function fixture(db: DB) {
  await db
    .insertInto('categories')
    .values([
      { code: 'C01', name_zh: '印刷', name_en: 'Printing', kind: 'services', market: 'catalogue' },
      { code: 'S01', name_zh: '工程造价咨询', name_en: 'Construction cost consulting', kind: 'services', market: 'supermarket' },
    ])
    .execute()
  const admit = async (name: string, code: string, region: string) => {
    const org = await makeOrganization(db, 'supplier', name)
    await db.updateTable('organizations').set({ region }).where('id', '=', org.id).execute()
    const m = await db
      .insertInto('memberships')
      .values({ organization_id: org.id, category_code: code, valid_from: sql<Date>`now() - interval '1 day'`, valid_until: sql<Date>`now() + interval '1 year'` })
      .returning('id')
      .executeTakeFirstOrThrow()
    return { org, membershipId: m.id }
  }
  const a = await admit('深圳市华鹏印务有限公司', 'C01', '广东省深圳市福田区')
  const b = await admit('深圳市盛达彩印有限公司', 'C01', '广东省深圳市南山区')
  const c = await admit('深圳市信诚工程造价咨询有限公司', 'S01', '广东省深圳市福田区')
  const item = await db
    .insertInto('menu_items')
    .values({ membership_id: a.membershipId, organization_id: a.org.id, category_code: 'C01', name: '宣传册印刷', specification: 'A4 双面彩印', unit: '本' })
    .returning('id')
    .executeTakeFirstOrThrow()
  await db.insertInto('menu_prices').values({ menu_item_id: item.id, price_fen: 12_50 }).execute()
  return { a, b, c }
}

const url = (qs: string) => new URL(`http://localhost/search${qs}`)

describe('/search', () => {
  it('finds admitted suppliers, items and services with highlights, facet counts and shareable links', async () => {
    const db = await testDb()
    await fixture(db)
    const engine = new EmbeddedSearchEngine()
    // A follower from the beginning of the outbox sees every change the fixture made.
    await new OutboxFollower(db, engine, 0).step()

    const all = await searchPage(db, engine, url(''), 'zh')
    expect(all.total).toBe(4)
    const market = all.facets.find((f) => f.field === 'market')!
    expect(market.values.map((v) => [v.label, v.count])).toEqual([
      ['预选供应商库', 3],
      ['中介服务超市', 1],
    ])
    const category = all.facets.find((f) => f.field === 'categoryCode')!
    expect(category.values.map((v) => [v.label, v.count, v.href])).toEqual([
      ['印刷', 3, '/search?category=C01'],
      ['工程造价咨询', 1, '/search?category=S01'],
    ])
    expect(all.facets.find((f) => f.field === 'region')!.values.map((v) => v.label)).toEqual(['深圳市福田区', '深圳市南山区'])

    const printing = await searchPage(db, engine, url('?q=华鹏&category=C01&sort=price_asc'), 'zh')
    expect(printing.hits.map((h) => h.document.title)).toEqual(['宣传册印刷', '深圳市华鹏印务有限公司'])
    expect(printing.hits[1]!.highlight.title.filter((s) => s.match).map((s) => s.text)).toEqual(['华鹏'])
    // Links keep the query, the filters and the sort; the hidden fields keep filters when the text changes.
    expect(printing.sorts.find((s) => s.value === 'rating_desc')!.href).toBe('/search?q=%E5%8D%8E%E9%B9%8F&category=C01&sort=rating_desc')
    expect(printing.chips).toEqual([{ label: '印刷', href: '/search?q=%E5%8D%8E%E9%B9%8F&sort=price_asc' }])
    expect(printing.keep).toEqual([
      ['category', 'C01'],
      ['sort', 'price_asc'],
    ])

    // A price range typed in yuan keeps the other filters, and only priced entries within it remain.
    const priced = await searchPage(db, engine, url('?category=C01&priceMin=5&priceMax=20'), 'zh')
    expect(priced.hits.map((h) => h.document.title)).toEqual(['宣传册印刷'])
    expect(priced.priceForm).toEqual({ keep: [['category', 'C01']], min: '5', max: '20' })
    expect(priced.chips.map((c) => c.label)).toEqual(['印刷', '价格 ¥5–¥20'])

    const english = await searchPage(db, engine, url('?market=supermarket'), 'en')
    expect(english.hits.map((h) => h.document.title)).toEqual(['深圳市信诚工程造价咨询有限公司'])
    expect(english.facets.find((f) => f.field === 'categoryCode')!.values[0]!.label).toBe('Construction cost consulting')

    expect(await searchSuggestions(engine, '印')).toEqual(
      expect.arrayContaining([
        { text: '深圳市华鹏印务有限公司', kind: 'catalogue_supplier' },
        { text: '宣传册印刷', kind: 'catalogue_item' },
      ]),
    )
  })

  it('a supplier suspended by the centre disappears from the results, with its menu items', async () => {
    const db = await testDb()
    const engine = new EmbeddedSearchEngine()
    const follower = await OutboxFollower.start(db, engine)
    const { a } = await fixture(db)
    await follower.step()
    expect((await searchPage(db, engine, url('?q=华鹏'), 'zh')).total).toBe(2)
    expect((await searchPage(db, engine, url('?q=宣传册'), 'zh')).total).toBe(1)

    const admin = await makeUser(db, 'center_admin')
    await suspendMembership(db, { actor: admin, clientAddress: null }, a.membershipId, { until: new Date(Date.now() + 90 * 86_400_000), reason: '质量投诉' })
    await follower.step()
    expect((await searchPage(db, engine, url('?q=华鹏'), 'zh')).total).toBe(0)
    expect((await searchPage(db, engine, url('?q=宣传册'), 'zh')).total).toBe(0)
    expect((await searchPage(db, engine, url('?q=彩印'), 'zh')).hits.map((h) => h.document.title)).toEqual(['深圳市盛达彩印有限公司'])
  })
})
