import type { Page } from 'playwright-core'
import { describe, expect, it } from 'vitest'
import { newPage, signIn as signInPage } from './browser'

async function signIn(page: Page, username: string, password?: string) {
  await signInPage(page, username, password)
  await page.waitForURL((u) => u.pathname !== '/login')
}

// The supermarket in a real browser: a random-draw project and a bidding project from publication to the award,
// across the agency, three intermediary agencies and the centre, and a draw verified on its public page.

const PASSWORD = 'e2e-market-password'

/** Beijing wall-clock time `seconds` from now, as a datetime-local value with seconds. */
function beijingInput(seconds: number): string {
  return new Date(Date.now() + seconds * 1000 + 8 * 3_600_000).toISOString().slice(0, 19)
}

async function createSupplierAccount(admin: Page, username: string, orgName: string) {
  await admin.goto('/admin/users/new')
  await admin.getByLabel('用户名').fill(username)
  await admin.getByLabel('姓名').fill(`经办人${username.slice(-1)}`)
  await admin.getByLabel('角色').selectOption('supplier')
  await admin.getByLabel('所属单位').selectOption({ label: `${orgName}（供应商 / 中介机构）` })
  await admin.getByLabel('初始密码').fill(PASSWORD)
  await admin.getByRole('button', { name: '新建' }).click()
  await admin.waitForURL((url) => /\/admin\/users\/\d+/.test(url.pathname))
}

async function publish(agency: Page, title: string, method: string, deadline: string): Promise<string> {
  await agency.goto('/projects/new')
  await agency.getByLabel('项目名称').fill(title)
  await agency.getByLabel('服务类别').selectOption('S02')
  await agency.getByLabel('预算金额（元）').fill('50000')
  await agency.getByLabel('服务内容与范围').fill('办公设备资产评估，出具评估报告')
  await agency.getByLabel('选取方式').selectOption(method)
  await agency.getByLabel('报名截止时间（北京时间）').fill(deadline)
  await agency.getByRole('button', { name: '保存' }).click()
  await agency.waitForURL(/\/projects\/\d+\?created=1/)
  const url = new URL(agency.url()).pathname
  await agency.getByRole('button', { name: '发布' }).click()
  await agency.waitForURL((u) => u.pathname === url)
  return url
}

async function waitForState(page: Page, url: string, state: string) {
  const deadline = Date.now() + 120_000
  for (;;) {
    await page.goto(url)
    if ((await page.locator('.page-header__lead').getByText(state, { exact: true }).count()) > 0) return
    if (Date.now() > deadline) throw new Error(`${url} never reached ${state}`)
    await page.waitForTimeout(2000)
  }
}

describe('中介服务超市 in the browser', () => {
  it('random draw and competitive bidding, end to end across the roles', async () => {
    // Three agencies admitted to 资产评估 (S02), named on a finished demo project, get accounts from the centre.
    const anyone = await newPage()
    await anyone.goto('/projects?method=random&status=contracted')
    await anyone.goto((await anyone.getByRole('link', { name: '福田区中小学校舍资产清查评估' }).getAttribute('href'))!)
    const names = (await anyone.locator('table').last().locator('tbody tr td:first-child').allTextContents()).slice(0, 3)
    expect(names).toHaveLength(3)

    const admin = await newPage()
    await signIn(admin, 'demo-admin')
    for (const [i, name] of names.entries()) await createSupplierAccount(admin, `e2e-agency-${i + 1}`, name)

    // The buyer's form answers 400 to the bad budget on purpose.
    const agency = await newPage({ allowStatus: [400] })
    await signIn(agency, 'demo-agency')
    // A bad budget is refused next to its field, nothing is created.
    await agency.goto('/projects/new')
    await agency.getByLabel('项目名称').fill('预算有误的项目')
    await agency.getByLabel('服务类别').selectOption('S02')
    await agency.getByLabel('服务内容与范围').fill('评估')
    await agency.getByLabel('报名截止时间（北京时间）').fill(beijingInput(3600))
    await agency.getByLabel('预算金额（元）').fill('12.345')
    await agency.getByRole('button', { name: '保存' }).click()
    await agency.getByText('请输入大于 0 的金额，最多两位小数').waitFor()
    expect(new URL(agency.url()).pathname).toBe('/projects/new')

    const deadline = beijingInput(75)
    const randomUrl = await publish(agency, 'E2E 随机抽取资产评估', 'random', deadline)
    const biddingUrl = await publish(agency, 'E2E 竞价资产评估', 'bidding', deadline)

    const suppliers: Page[] = []
    for (let i = 0; i < 3; i++) {
      const page = await newPage()
      await signIn(page, `e2e-agency-${i + 1}`, PASSWORD)
      await page.goto(randomUrl)
      await page.getByRole('button', { name: '报名参加' }).click()
      await page.waitForURL(/done=register/)
      suppliers.push(page)
    }
    // Bidding: two register and seal their quotes; each gets a receipt hash.
    const quotes = ['41000', '39500']
    for (const [i, amount] of quotes.entries()) {
      const page = suppliers[i]!
      await page.goto(biddingUrl)
      await page.getByRole('button', { name: '报名参加' }).click()
      await page.waitForURL(/done=register/)
      await page.getByLabel('报价金额（元）').fill(amount)
      await page.getByRole('button', { name: '提交密封报价' }).click()
      await page.getByText('报价已密封').waitFor()
      expect(await page.locator('.alert--success .mkt-hash').textContent()).toMatch(/^[0-9a-f]{64}$/)
    }
    // Before the deadline the centre sees that two quotes are sealed, and no amount.
    await admin.goto(biddingUrl)
    const sealedPage = await admin.content()
    expect(sealedPage).toContain('已密封')
    expect(sealedPage).not.toContain('41,000')
    expect(sealedPage).not.toContain('39,500')

    // The deadline passes; the timer freezes the random pool and opens the quotes.
    await waitForState(admin, randomUrl, '待抽取')
    await admin.getByLabel('见证人输入的公开数').fill('6174')
    await admin.getByRole('button', { name: '输入公开数并抽取' }).click()
    await admin.waitForURL(/\/draws\//)
    await admin.getByRole('button', { name: '在浏览器中复算' }).click()
    await admin.getByText('复算一致').waitFor()
    const drawJson = await (await admin.request.get(`${new URL(admin.url()).pathname}.json`)).json()
    expect(drawJson.order).toHaveLength(3)

    // The drawn winner confirms; the others see the offer is not theirs.
    const confirmed: number[] = []
    for (const [i, page] of suppliers.entries()) {
      await page.goto(randomUrl)
      const button = page.getByRole('button', { name: '确认中选' })
      if ((await button.count()) === 0) continue
      await button.click()
      await page.waitForURL(/done=confirm/)
      confirmed.push(i)
    }
    expect(confirmed).toHaveLength(1)
    await waitForState(agency, randomUrl, '公示中')

    // A losing agency objects during publicity; the buyer answers.
    const loser = suppliers.find((_, i) => i !== confirmed[0])!
    await loser.goto(randomUrl)
    await loser.getByLabel('质疑内容').fill('请说明见证人身份')
    await loser.getByRole('button', { name: '提出质疑' }).click()
    await loser.waitForURL(/done=objection/)
    await agency.goto(randomUrl)
    await agency.getByLabel(/^答复/).fill('见证人为中心纪检人员两名，公开数已在抽取页公布')
    await agency.getByRole('button', { name: '答复' }).click()
    await agency.waitForURL(/done=answer/)
    await agency.getByText('见证人为中心纪检人员两名').first().waitFor()

    // Bidding opened automatically: the lower quote is on offer, every quote is public now.
    await waitForState(agency, biddingUrl, '待确认')
    expect(await agency.content()).toContain('¥39,500.00')
    expect(await agency.content()).toContain('¥41,000.00')
    await suppliers[1]!.goto(biddingUrl)
    await suppliers[1]!.getByRole('button', { name: '确认中选' }).click()
    await suppliers[1]!.waitForURL(/done=confirm/)
    // A quote after the deadline is refused.
    await suppliers[2]!.goto(biddingUrl)
    expect(await suppliers[2]!.getByRole('button', { name: '提交密封报价' }).count()).toBe(0)

    await anyone.goto('/results')
    expect(await anyone.getByRole('link', { name: 'E2E 竞价资产评估' }).count()).toBe(1)
  }, 300_000)
})
