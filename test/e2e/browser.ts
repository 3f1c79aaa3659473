import { chromium, type Browser, type BrowserContextOptions, type Page } from 'playwright-core'
import { afterAll, afterEach, beforeAll, expect, inject } from 'vitest'

// One headless Chromium per test file; every page fails its test on a console error (a broken script, a CSP
// violation, a failed hydration).
let browser: Browser
const consoleErrors: string[] = []

beforeAll(async () => {
  browser = await chromium.launch({
    executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
    args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
  })
})

afterAll(async () => {
  await browser?.close()
})

afterEach(() => {
  const errors = consoleErrors.splice(0)
  expect(errors, 'console errors in the browser').toEqual([])
})

export const baseURL = () => inject('baseURL')

/** A fresh browser profile (no cookies) with its own page. Expected error responses (403, 404…) may be allowed. */
export async function newPage(opts: BrowserContextOptions & { allowStatus?: number[] } = {}): Promise<Page> {
  const { allowStatus = [], ...contextOptions } = opts
  const context = await browser.newContext({ baseURL: baseURL(), locale: 'zh-CN', timezoneId: 'Asia/Shanghai', ...contextOptions })
  const page = await context.newPage()
  page.on('console', (msg) => {
    if (msg.type() !== 'error') return
    const text = msg.text()
    const status = /status of (\d{3})/.exec(text)
    if (status && allowStatus.includes(Number(status[1]))) return
    consoleErrors.push(text)
  })
  page.on('pageerror', (err) => consoleErrors.push(err.message))
  return page
}

export const DEMO_PASSWORD = 'caigou-demo'

export async function signIn(page: Page, username: string, password = DEMO_PASSWORD, path = '/login') {
  await page.goto(path)
  await page.getByLabel('用户名').fill(username)
  await page.getByLabel('密码').fill(password)
  await page.getByRole('button', { name: '登录', exact: true }).click()
}
