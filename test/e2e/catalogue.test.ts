import type { Page } from 'playwright-core'
import { describe, expect, it } from 'vitest'
import { baseURL, newPage, signIn } from './browser'

// Pages render after client navigation; a loaded machine may need more than expect.poll's default second.
const poll = <T,>(fn: () => Promise<T> | T) => expect.poll(fn, { timeout: 10_000, interval: 100 })

const PDF = Buffer.from('%PDF-1.4\n1 0 obj<</Type/Catalog>>endobj\n%%EOF\n')
const PNG = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13])

async function signedIn(username: string, allowStatus: number[] = []): Promise<Page> {
  const page = await newPage({ allowStatus })
  await signIn(page, username)
  await page.waitForURL((url) => url.pathname === '/')
  return page
}

async function demoSupplierName(): Promise<string> {
  const page = await signedIn('demo-supplier')
  // A full page load: after a client-side click the URL can change before the new heading has rendered, and the
  // dashboard's heading would be read instead.
  const href = await page.getByRole('navigation', { name: 'main' }).getByRole('link', { name: '本单位' }).getAttribute('href')
  await page.goto(href!)
  const name = (await page.getByRole('heading', { level: 1 }).textContent())!.trim()
  expect(name).toMatch(/公司|事务所/)
  await page.context().close()
  return name
}

describe('a supplier from application to admission', () => {
  it('applies with documents, a wrong file is explained beside its field, the centre approves, the 公示 lists it', async () => {
    const supplier = await signedIn('demo-supplier', [400])
    await supplier.goto('/supplier/applications/new?category=C02')
    await supplier.getByLabel('联系人').fill('王建国')
    await supplier.getByLabel('联系电话').fill('0755-82345678')
    await supplier.getByLabel('经营地址').fill('广东省深圳市福田区深南大道1号')
    // A PNG named .pdf: refused, with the reason next to that document's field.
    await supplier.getByLabel('营业执照').setInputFiles({ name: 'licence.pdf', mimeType: 'application/pdf', buffer: PNG })
    await supplier.getByLabel('出版物经营许可证').setInputFiles({ name: 'permit.pdf', mimeType: 'application/pdf', buffer: PDF })
    await supplier.getByLabel('签署人（法定代表人或授权代表）').fill('王建国')
    await supplier.getByRole('button', { name: '提交申请' }).click()
    const licence = supplier.getByLabel('营业执照')
    await poll(() => licence.getAttribute('aria-invalid')).toBe('true')
    expect(await supplier.textContent('main')).toContain('文件内容与扩展名不符')
    expect(await supplier.textContent('main')).toContain('请阅读并签署承诺书')

    await licence.setInputFiles({ name: 'licence.pdf', mimeType: 'application/pdf', buffer: PDF })
    await supplier.getByLabel('出版物经营许可证').setInputFiles({ name: 'permit.pdf', mimeType: 'application/pdf', buffer: PDF })
    await supplier.getByLabel('我已阅读并同意承诺书').check()
    await supplier.getByRole('button', { name: '提交申请' }).click()
    await supplier.waitForURL(/\/supplier\/applications\/\d+\?submitted=1/)
    const applicationUrl = new URL(supplier.url()).pathname
    const id = applicationUrl.split('/').pop()!
    await poll(() => supplier.getByRole('status').textContent()).toContain('申请已提交')

    // Another supplier's eyes are not welcome.
    const admin = await signedIn('demo-admin')
    await admin.goto('/admin/applications?status=submitted&sort=newest')
    await admin.getByRole('link', { name: `#${id}` }).click()
    await admin.waitForURL(new RegExp(`/admin/applications/${id}$`))
    await poll(() => admin.textContent('main')).toContain('permit.pdf')
    await admin.getByLabel('审核决定').selectOption('return')
    await admin.getByLabel('意见').fill('请补充出版物经营许可证副本')
    await admin.getByRole('button', { name: '保存' }).click()
    await admin.waitForURL(/reviewed=1/)

    await supplier.goto(applicationUrl)
    await poll(() => supplier.textContent('main')).toContain('请补充出版物经营许可证副本')
    await supplier.getByLabel('答复说明').fill('已补充副本')
    await supplier.getByLabel('出版物经营许可证').setInputFiles({ name: 'permit-copy.pdf', mimeType: 'application/pdf', buffer: PDF })
    await supplier.getByRole('button', { name: '提交答复' }).click()
    await supplier.waitForURL(/answered=1/)

    await admin.goto(`/admin/applications/${id}`)
    await admin.getByLabel('审核决定').selectOption('approve')
    await admin.getByRole('button', { name: '保存' }).click()
    await admin.waitForURL(/reviewed=1/)
    await poll(() => admin.textContent('main')).toContain('已通过')

    await supplier.goto('/supplier/catalogue')
    await poll(() => supplier.getByRole('row', { name: /C02 图书/ }).first().textContent()).toContain('在库')

    const name = await demoSupplierName()
    const visitor = await newPage()
    await visitor.goto('/catalogue/C02/members')
    expect(await visitor.getByRole('link', { name }).count()).toBe(1)
    for (const p of [supplier, admin, visitor]) await p.context().close()
  })
})

describe('a buyer from browsing to a rated contract', () => {
  it('filters, compares, orders once however often the form is sent, the supplier confirms, the buyer accepts and rates', async () => {
    const name = await demoSupplierName()
    const buyer = await signedIn('demo-agency')
    await buyer.goto('/catalogue')
    await buyer.getByRole('link', { name: '印刷' }).click()
    await buyer.waitForURL(/\/catalogue\/C01$/)
    await buyer.getByLabel('关键词').fill(name)
    await buyer.getByRole('button', { name: '查询' }).click()
    await buyer.waitForURL(/q=/)
    const offerRow = buyer.getByRole('row', { name: /名片/ })
    await offerRow.getByRole('link', { name: '下单' }).click()
    await buyer.waitForURL(/\/catalogue\/items\/\d+$/)
    await poll(() => buyer.getByRole('heading', { name: '同类报价比较' }).count()).toBe(1)

    // The same form sent twice (a double click, a second tab) places one order.
    await buyer.getByLabel(/数量/).fill('2')
    await buyer.getByLabel('交付地点').fill('深圳市福田区教育局')
    const form = buyer.locator('form.form').filter({ has: buyer.getByRole('button', { name: '提交订单' }) })
    const fields = await form.evaluate((f) => Object.fromEntries(new FormData(f as HTMLFormElement)) as Record<string, string>)
    const post = () =>
      buyer.request.post(buyer.url(), { form: fields, headers: { Origin: baseURL() }, maxRedirects: 0 }).then((r) => r.headers()['location'] ?? '')
    const [first, second] = [await post(), await post()]
    expect(first).toMatch(/\/catalogue\/orders\/\d+\?placed=1/)
    expect(second).toBe(first.replace('placed=1', 'duplicate=1'))
    const orderPath = first.split('?')[0]!
    await buyer.goto(second)
    expect(await buyer.getByRole('status').textContent()).toContain('未重复下单')
    expect(await buyer.textContent('main')).toContain('待确认')

    const supplier = await signedIn('demo-supplier')
    await supplier.goto(orderPath)
    await supplier.getByRole('button', { name: '确认接单' }).click()
    await poll(() => supplier.textContent('main')).toContain('已确认')

    await buyer.goto(orderPath)
    await buyer.getByRole('button', { name: '验收合格' }).click()
    await poll(() => buyer.textContent('main')).toMatch(/HT\d{14}/)
    for (const criterion of ['质量', '及时性', '服务态度']) {
      await buyer.getByRole('group', { name: new RegExp(criterion) }).getByLabel('5').check()
    }
    await buyer.getByLabel('评价意见').fill('印刷清晰，交付准时')
    await buyer.getByRole('button', { name: '提交评价' }).click()
    await poll(() => buyer.getByRole('status').textContent()).toContain('评价已提交')

    await buyer.getByRole('link', { name }).click()
    await buyer.waitForURL(/\/catalogue\/suppliers\/\d+/)
    await poll(() => buyer.textContent('main')).toContain('印刷清晰，交付准时')

    // The buyer's list exports what it shows.
    const csv = await buyer.request.get('/catalogue/export/contracts.csv')
    expect(csv.headers()['content-type']).toContain('text/csv')
    expect(await csv.text()).toContain('名片')
    const xlsx = await buyer.request.get('/catalogue/export/orders.xlsx')
    expect((await xlsx.body()).subarray(0, 2).toString()).toBe('PK')
    for (const p of [buyer, supplier]) await p.context().close()
  })

  it('a supplier cannot open the centre’s review pages, and a suspended member disappears from browsing', async () => {
    const supplier = await signedIn('demo-supplier', [403])
    const r = await supplier.goto('/admin/applications')
    expect(r?.status()).toBe(403)
    await supplier.context().close()

    const admin = await signedIn('demo-admin')
    await admin.goto('/admin/catalogue/members?category=C03&state=active')
    const firstRow = admin.locator('tbody tr').first()
    const victim = (await firstRow.locator('td').first().textContent())!.trim()
    await firstRow.getByRole('link', { name: /暂停/ }).click()
    await admin.getByLabel('暂停至').fill('2099-12-31')
    await admin.getByLabel('原因').fill('服务投诉核查中')
    await admin.getByRole('button', { name: '暂停', exact: true }).click()
    await admin.waitForURL((url) => !url.searchParams.has('act'))
    await poll(() => admin.getByRole('link', { name: victim }).count()).toBe(0)
    await admin.goto('/admin/catalogue/members?category=C03&state=suspended')
    expect(await admin.getByRole('row', { name: new RegExp(victim) }).textContent()).toContain('服务投诉核查中')
    await admin.context().close()

    const visitor = await newPage()
    await visitor.goto(`/catalogue/C03?q=${encodeURIComponent(victim)}`)
    expect(await visitor.getByRole('link', { name: victim }).count()).toBe(0)
    await visitor.goto('/catalogue/C03/members')
    expect(await visitor.getByRole('link', { name: victim }).count()).toBe(0)
    await visitor.context().close()
  })
})
