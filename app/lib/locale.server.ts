import { createCookie } from '@remix-run/node'
import { parseLocale, type Locale } from './i18n'

// The language switch is remembered for a year in a plain cookie; with none, the site speaks Chinese.
export const localeCookie = createCookie('lang', { path: '/', sameSite: 'lax', maxAge: 365 * 24 * 3600 })

export async function getLocale(request: Request): Promise<Locale> {
  return parseLocale(await localeCookie.parse(request.headers.get('Cookie')))
}
