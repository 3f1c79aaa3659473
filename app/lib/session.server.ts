import { createCookie, redirect } from '@remix-run/node'
import type { Actor, Permission } from '~/domain/permissions'
import { hasPermission } from '~/domain/permissions'
import type { Role } from '../../db/schema'
import { actorForSession, SESSION_HOURS } from '~/services/auth.server'
import { getDb } from './db.server'
import { getEnv } from './env.server'
import { cookieSecrets } from './secrets.server'
import { forbidden } from './http.server'

// The cookie holds only a random session id; the session row in PostgreSQL says who it is, so signing out, disabling
// an account or an organisation takes effect at once on every app instance.
function sessionCookie() {
  return createCookie('__session', {
    httpOnly: true,
    sameSite: 'lax',
    path: '/',
    secure: getEnv().cookieSecure,
    secrets: cookieSecrets(),
    maxAge: SESSION_HOURS * 3600,
  })
}

export async function getSessionId(request: Request): Promise<string | null> {
  const value = await sessionCookie().parse(request.headers.get('Cookie'))
  return typeof value === 'string' ? value : null
}

export function commitSessionId(sessionId: string): Promise<string> {
  return sessionCookie().serialize(sessionId)
}

export function clearSessionCookie(): Promise<string> {
  return sessionCookie().serialize('', { maxAge: 0 })
}

export async function getActor(request: Request): Promise<Actor | null> {
  const id = await getSessionId(request)
  if (!id) return null
  return actorForSession(await getDb(), id)
}

/** Anonymous users are sent to sign in, then back to the page they asked for. */
export async function requireActor(request: Request): Promise<Actor> {
  const actor = await getActor(request)
  if (actor) return actor
  const url = new URL(request.url)
  const back = `${url.pathname}${url.search}`
  throw redirect(`/login?redirectTo=${encodeURIComponent(back)}`)
}

export async function requirePermission(request: Request, permission: Permission): Promise<Actor> {
  const actor = await requireActor(request)
  if (!hasPermission(actor, permission)) throw forbidden()
  return actor
}

export async function requireRole(request: Request, roles: readonly Role[]): Promise<Actor> {
  const actor = await requireActor(request)
  if (!roles.includes(actor.role)) throw forbidden()
  return actor
}

/** Only same-site paths: a redirectTo of "//evil.example" or "https://…" falls back to home. */
export function safeRedirect(to: FormDataEntryValue | string | null | undefined, fallback = '/'): string {
  if (typeof to !== 'string' || !to.startsWith('/') || to.startsWith('//') || to.startsWith('/\\')) return fallback
  return to
}
