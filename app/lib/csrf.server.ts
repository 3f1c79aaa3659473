import { createCookie } from '@remix-run/node'
import { randomBytes, timingSafeEqual } from 'node:crypto'
import { cookieSecrets } from './secrets.server'
import { getEnv } from './env.server'
import { forbidden } from './http.server'

// Double-submit token: a signed httpOnly cookie holds the token, every form that changes anything posts it back in a
// hidden field. A form posted from elsewhere, or without the field, is refused before the action does anything.
export const CSRF_FIELD = 'csrf'

function csrfCookie() {
  return createCookie('__csrf', {
    httpOnly: true,
    sameSite: 'lax',
    path: '/',
    secure: getEnv().cookieSecure,
    secrets: cookieSecrets(),
  })
}

/** The browser's token, and a Set-Cookie header when a new one had to be made. */
export async function csrfToken(request: Request): Promise<{ token: string; setCookie: string | null }> {
  const existing = await csrfCookie().parse(request.headers.get('Cookie'))
  if (typeof existing === 'string' && existing.length >= 32) return { token: existing, setCookie: null }
  const token = randomBytes(32).toString('base64url')
  return { token, setCookie: await csrfCookie().serialize(token) }
}

/** Throws a 403 unless the posted form carries the token that matches this browser's cookie. */
export async function requireCsrf(request: Request, formData: FormData): Promise<void> {
  const expected = await csrfCookie().parse(request.headers.get('Cookie'))
  const sent = formData.get(CSRF_FIELD)
  if (typeof expected !== 'string' || typeof sent !== 'string') throw forbidden('error.csrf.body')
  const a = Buffer.from(expected)
  const b = Buffer.from(sent)
  if (a.length !== b.length || !timingSafeEqual(a, b)) throw forbidden('error.csrf.body')
}
