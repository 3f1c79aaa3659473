import { describe, expect, it } from 'vitest'
import { newPage, signIn } from './browser'

// /search in Chromium against the built site on the demo data: what a buyer sees and does.

const resultsHeading = (page: Awaited<ReturnType<typeof newPage>>) => page.locator('#results-heading')
const totalOf = async (page: Awaited<ReturnType<typeof newPage>>) => Number(/共找到 (\d+) 条结果/.exec((await resultsHeading(page).textContent()) ?? '')?.[1])

describe('search', () => {
  it('searches from the header, highlights matches, filters by facet without a full reload, and the URL can be shared', async () => {
    const page = await newPage()
    await page.goto('/')
    await page.getByRole('combobox', { name: '全站搜索' }).fill('保安')
    await page.getByRole('button', { name: '搜索', exact: true }).click()
    await page.waitForURL((url) => url.pathname === '/search' && url.searchParams.get('q') === '保安')
    await expect.poll(() => resultsHeading(page).textContent()).toContain('“保安”共找到')
    const total = await totalOf(page)
    expect(total).toBeGreaterThan(0)
    // 安保 is a synonym of 保安 (search/synonyms.ts).
    expect(['保安', '安保']).toContain(await page.locator('.hit mark').first().textContent())
    expect(await page.textContent('.shuffle-note')).toContain('每日随机顺序')

    // A facet link narrows the results in place (no document load) and says how many it will show.
    await page.evaluate(() => ((window as unknown as { marker: number }).marker = 1))
    const facets = page.getByRole('navigation', { name: '筛选' })
    const region = facets.locator('section', { has: page.getByRole('heading', { name: '地区' }) }).getByRole('link').first()
    const expected = Number(await region.locator('.facet__count').textContent())
    const regionName = (await region.locator('.facet__label').textContent())!
    await region.click()
    await page.waitForURL((url) => url.searchParams.has('region'))
    await expect.poll(() => totalOf(page)).toBe(expected)
    expect(await page.evaluate(() => (window as unknown as { marker?: number }).marker)).toBe(1)
    for (const meta of await page.locator('.hit__meta').allTextContents()) expect(meta).toContain(regionName)

    // The same URL opened elsewhere shows the same results.
    const shared = page.url()
    const other = await newPage()
    await other.goto(shared)
    expect(await totalOf(other)).toBe(expected)
    await other.context().close()

    // Sorting by price puts the cheapest first.
    await page.getByRole('navigation', { name: '排序' }).getByRole('link', { name: '价格从低到高' }).click()
    await page.waitForURL((url) => url.searchParams.get('sort') === 'price_asc')
    const prices = async () => (await page.locator('.hit__price').allTextContents()).map((p) => Number(p.replace(/[¥,]/g, '')))
    await expect.poll(async () => (await prices()).length).toBeGreaterThan(0)
    await expect.poll(async () => (await prices()).every((p, i, all) => i === 0 || all[i - 1]! <= p)).toBe(true)
    await page.context().close()
  })

  it('suggests names while typing, and a suggestion can be chosen with the keyboard', async () => {
    const page = await newPage()
    await page.goto('/search')
    const box = page.getByRole('combobox', { name: '搜索关键词' })
    await box.pressSequentially('造价')
    const options = page.getByRole('listbox', { name: '搜索建议' }).getByRole('option')
    await expect.poll(() => options.count()).toBeGreaterThan(0)
    const first = (await options.first().locator('span').textContent())!
    expect(first).toContain('造价')
    await box.press('ArrowDown')
    await box.press('Enter')
    await page.waitForURL((url) => url.searchParams.get('q') === first)
    await expect.poll(() => page.locator('.hit__title').first().textContent()).toBe(first)
    await page.context().close()
  })

  it('works without JavaScript: the form, the facets and the sort are plain GET links', async () => {
    const page = await newPage({ javaScriptEnabled: false })
    await page.goto('/search')
    await page.getByRole('combobox', { name: '搜索关键词' }).fill('测绘')
    await page.getByRole('button', { name: '搜索', exact: true }).click()
    await page.waitForURL((url) => url.searchParams.get('q') === '测绘')
    expect(await totalOf(page)).toBeGreaterThan(0)
    await page.getByRole('navigation', { name: '筛选' }).getByRole('link', { name: /中介服务超市/ }).click()
    await page.waitForURL((url) => url.searchParams.get('market') === 'supermarket')
    expect(await page.getByRole('link', { name: '移除筛选：中介服务超市' }).count()).toBe(1)
    await page.context().close()
  })

  it('a supplier disabled by the centre disappears from the results, and comes back when enabled', async () => {
    const visitor = await newPage()
    await visitor.goto('/search?q=测绘')
    const name = (await visitor.locator('.hit__title').first().textContent())!
    await visitor.goto(`/search?q=${encodeURIComponent(name)}`)
    expect(await visitor.locator('.hit__title').allTextContents()).toContain(name)

    const admin = await newPage()
    await signIn(admin, 'demo-admin')
    await admin.waitForURL((url) => url.pathname === '/')
    await admin.goto(`/admin/organizations?q=${encodeURIComponent(name)}`)
    await admin.getByRole('link', { name, exact: true }).click()
    await admin.waitForURL((url) => /^\/admin\/organizations\/\d+$/.test(url.pathname))
    await admin.getByRole('button', { name: '停用单位' }).click()
    await expect.poll(() => admin.getByRole('button', { name: '启用单位' }).count()).toBe(1)

    await expect
      .poll(async () => {
        await visitor.reload()
        return visitor.locator('.hit__title').allTextContents()
      })
      .not.toContain(name)

    await admin.getByRole('button', { name: '启用单位' }).click()
    await expect.poll(() => admin.getByRole('button', { name: '停用单位' }).count()).toBe(1)
    await expect
      .poll(async () => {
        await visitor.reload()
        return visitor.locator('.hit__title').allTextContents()
      })
      .toContain(name)
    await admin.context().close()
    await visitor.context().close()
  })
})
