import { describe, expect, it } from 'vitest'
import { newPage, signIn } from './browser'

const ROLES = [
  { username: 'demo-admin', badge: '采购中心', nav: ['单位管理', '用户管理', '审计追踪'], hidden: [] },
  { username: 'demo-agency', badge: '采购单位', nav: ['本单位'], hidden: ['单位管理', '审计追踪'] },
  { username: 'demo-supplier', badge: '供应商', nav: ['本单位'], hidden: ['单位管理', '用户管理', '审计追踪'] },
  { username: 'demo-expert', badge: '评审专家', nav: [], hidden: ['单位管理', '审计追踪', '本单位'] },
  { username: 'demo-supervisor', badge: '监管部门', nav: ['单位管理', '审计追踪'], hidden: ['用户管理'] },
] as const

describe('signing in and out', () => {
  it.each(ROLES)('$username signs in, sees the navigation of the role, and signs out', async (role) => {
    const page = await newPage()
    await signIn(page, role.username)
    await page.waitForURL((url) => url.pathname === '/')
    const nav = page.getByRole('navigation', { name: 'main' })
    await expect.poll(() => page.getByRole('heading', { name: '工作台' }).isVisible()).toBe(true)
    expect(await page.locator('.userchip').textContent()).toContain(role.badge)
    for (const item of role.nav) expect(await nav.getByRole('link', { name: item }).count()).toBe(1)
    for (const item of role.hidden) expect(await nav.getByRole('link', { name: item }).count()).toBe(0)

    await page.getByRole('button', { name: '退出' }).click()
    await expect.poll(() => page.getByRole('link', { name: '登录' }).isVisible()).toBe(true)
    await page.goto('/account')
    expect(new URL(page.url()).pathname).toBe('/login')
    await page.context().close()
  })

  it('the sign-in page lists the demo accounts', async () => {
    const page = await newPage()
    await page.goto('/login')
    const demo = page.getByRole('region', { name: '演示账户' })
    for (const r of ROLES) expect(await demo.getByRole('cell', { name: r.username }).count()).toBe(1)
    expect(await demo.textContent()).toContain('caigou-demo')
    await page.context().close()
  })

  it('a wrong password is refused with a clear message and no session', async () => {
    const page = await newPage({ allowStatus: [401] })
    await signIn(page, 'demo-admin', 'not-the-password')
    const alert = page.getByRole('alert')
    await expect.poll(() => alert.textContent()).toContain('用户名或密码不正确')
    expect(new URL(page.url()).pathname).toBe('/login')
    expect(await page.getByLabel('用户名').inputValue()).toBe('demo-admin')
    expect(await page.getByLabel('密码').inputValue()).toBe('')
    await page.context().close()
  })

  it('an anonymous visitor is sent to sign in and then back to the page asked for', async () => {
    const page = await newPage()
    await page.goto('/admin/users?role=expert')
    expect(new URL(page.url()).pathname).toBe('/login')
    await page.getByLabel('用户名').fill('demo-admin')
    await page.getByLabel('密码').fill('caigou-demo')
    await page.getByRole('button', { name: '登录', exact: true }).click()
    await page.waitForURL((url) => url.pathname === '/admin/users')
    expect(new URL(page.url()).search).toBe('?role=expert')
    // The URL changes a moment before the new page renders: wait for the content, not only the address.
    await expect.poll(() => page.getByRole('cell', { name: 'demo-expert' }).count()).toBe(1)
    await page.context().close()
  })
})

describe('refusals', () => {
  it('a supplier opening an admin page gets a 403 page that says why', async () => {
    const page = await newPage({ allowStatus: [403] })
    await signIn(page, 'demo-supplier')
    await page.waitForURL((url) => url.pathname === '/')
    const response = await page.goto('/admin/organizations')
    expect(response?.status()).toBe(403)
    expect(await page.getByRole('heading', { name: '无权访问' }).count()).toBe(1)
    expect(await page.textContent('main')).toContain('没有权限')
    const other = await page.goto('/supervise/audit')
    expect(other?.status()).toBe(403)
    await page.context().close()
  })

  it('a form posted without its CSRF token is refused and changes nothing', async () => {
    const page = await newPage({ allowStatus: [403] })
    await signIn(page, 'demo-admin')
    await page.waitForURL((url) => url.pathname === '/')
    await page.goto('/admin/organizations/new')
    await page.getByLabel('单位名称').fill('深圳市无令牌测试有限公司')
    await page.getByLabel('统一社会信用代码').fill('91350100M000100Y43')
    await page.getByLabel('所在地区').fill('广东省深圳市福田区')
    await page.locator('form.form input[name="csrf"]').evaluate((el) => el.remove())
    await page.getByRole('button', { name: '新建', exact: true }).click()
    await expect.poll(() => page.textContent('main')).toContain('表单安全校验未通过')
    await page.goto('/admin/organizations?q=无令牌')
    expect(await page.getByRole('link', { name: '深圳市无令牌测试有限公司' }).count()).toBe(0)
    await page.context().close()
  })

  it('an unknown address shows the 404 page inside the layout', async () => {
    const page = await newPage({ allowStatus: [404] })
    const response = await page.goto('/no/such/page')
    expect(response?.status()).toBe(404)
    expect(await page.getByRole('heading', { name: '页面不存在' }).count()).toBe(1)
    expect(await page.getByRole('navigation', { name: 'main' }).count()).toBe(1)
    await page.context().close()
  })
})

describe('the centre at work', () => {
  it('a bad credit code is explained next to its field; the corrected form creates the organisation', async () => {
    const page = await newPage({ allowStatus: [400] })
    await signIn(page, 'demo-admin')
    await page.waitForURL((url) => url.pathname === '/')
    await page.goto('/admin/organizations/new')
    await page.getByLabel('单位名称').fill('深圳市明德测绘有限公司')
    const code = page.getByLabel('统一社会信用代码')
    await code.fill('91350100M000100Y42')
    await page.getByLabel('所在地区').fill('广东省深圳市南山区')
    await page.getByRole('button', { name: '新建', exact: true }).click()
    await expect.poll(() => code.getAttribute('aria-invalid')).toBe('true')
    const describedBy = (await code.getAttribute('aria-describedby'))!.split(' ')[0]!
    expect(await page.locator(`[id="${describedBy}"]`).textContent()).toContain('校验位不正确')
    expect(await page.getByLabel('单位名称').inputValue()).toBe('深圳市明德测绘有限公司')

    await code.fill('91350100M000100Y43')
    await page.getByRole('button', { name: '新建', exact: true }).click()
    await page.waitForURL(/\/admin\/organizations\/\d+\?created=1/)
    expect(await page.getByRole('status').textContent()).toContain('单位已创建')

    await page.goto('/supervise/audit?action=organization.created')
    expect(await page.textContent('main')).toContain('organization.created')
    await page.context().close()
  })

  it('the supervisor filters the audit trail and verifies the chain', async () => {
    const page = await newPage()
    await signIn(page, 'demo-supervisor')
    await page.waitForURL((url) => url.pathname === '/')
    await page.getByRole('navigation', { name: 'main' }).getByRole('link', { name: '审计追踪' }).click()
    await page.waitForURL((url) => url.pathname === '/supervise/audit')
    await page.getByLabel('操作', { exact: true }).selectOption('auth.sign_in')
    await page.getByRole('button', { name: '查询' }).click()
    await page.waitForURL(/action=auth.sign_in/)
    await expect.poll(async () => new Set(await page.locator('tbody td.mono:nth-child(4)').allTextContents())).toEqual(new Set(['auth.sign_in']))
    await page.getByRole('link', { name: '校验审计链' }).click()
    await expect.poll(() => page.getByRole('status').textContent()).toMatch(/审计链完整：已校验 \d+ 条记录/)
    await page.context().close()
  })
})

describe('language and progressive enhancement', () => {
  it('the English switch is remembered across pages and visits', async () => {
    const page = await newPage()
    await page.goto('/')
    await page.getByRole('button', { name: '切换语言' }).click()
    await expect.poll(() => page.getByRole('heading', { level: 1 }).textContent()).toBe('Open procurement, every step on record')
    await page.goto('/login')
    expect(await page.getByRole('heading', { name: 'Sign in' }).count()).toBe(1)
    expect(await page.locator('html').getAttribute('lang')).toBe('en')
    await page.context().close()
  })

  it('signing in, a refusal and signing out work without JavaScript', async () => {
    const page = await newPage({ javaScriptEnabled: false, allowStatus: [401] })
    await signIn(page, 'demo-agency', 'wrong-password')
    expect(await page.getByRole('alert').textContent()).toContain('用户名或密码不正确')
    await signIn(page, 'demo-agency')
    expect(new URL(page.url()).pathname).toBe('/')
    expect(await page.locator('.userchip').textContent()).toContain('采购单位')
    await page.getByRole('button', { name: '退出' }).click()
    expect(await page.getByRole('link', { name: '登录' }).count()).toBe(1)
    await page.context().close()
  })
})
