import { randomBytes } from 'node:crypto'
import { sql } from 'kysely'
import type { DB } from '../../db/client'
import type { User } from '../../db/schema'
import { SIGN_IN_WINDOW_MINUTES, signInBlock } from '~/domain/sign-in-limits'
import type { Actor } from '~/domain/permissions'
import { dummyPasswordHash, verifyPassword } from '~/lib/password.server'
import { recordAudit } from './audit.server'

export const SESSION_HOURS = 12

export type SignInResult =
  | { ok: true; user: User; sessionId: string }
  | { ok: false; reason: 'invalid' | 'disabled' }
  | { ok: false; reason: 'throttled'; scope: 'account' | 'address'; retryAfterMinutes: number }

export function toActor(u: Pick<User, 'id' | 'username' | 'display_name' | 'role' | 'organization_id'>): Actor {
  return { id: u.id, username: u.username, displayName: u.display_name, role: u.role, organizationId: u.organization_id }
}

async function recentFailures(db: DB, username: string, clientAddress: string) {
  const window = sql`now() - make_interval(mins => ${SIGN_IN_WINDOW_MINUTES})`
  // A successful sign-in wipes the slate for that account, but not for the address.
  const lastSuccess = db
    .selectFrom('login_attempts')
    .select(sql<Date>`max(at)`.as('at'))
    .where('username', '=', username)
    .where('succeeded', '=', true)
  const row = await db
    .selectFrom('login_attempts')
    .select([
      sql<number>`count(*) filter (where username = ${username} and at > coalesce((${lastSuccess}), '-infinity'))::int`.as('account'),
      sql<number>`count(*) filter (where client_address = ${clientAddress})::int`.as('address'),
      sql<number>`ceil(extract(epoch from (min(at) + make_interval(mins => ${SIGN_IN_WINDOW_MINUTES}) - now())) / 60)::int`.as('retry'),
    ])
    .where('succeeded', '=', false)
    .where(sql<boolean>`at > ${window}`)
    .where((eb) => eb.or([eb('username', '=', username), eb('client_address', '=', clientAddress)]))
    .executeTakeFirstOrThrow()
  return { account: row.account, address: row.address, retryAfterMinutes: Math.max(1, row.retry ?? 1) }
}

/** Checks the throttle, the password and the account; on success opens a new session (any old one is dropped). */
export async function signIn(
  db: DB,
  input: { username: string; password: string; clientAddress: string | null; previousSessionId?: string | null },
): Promise<SignInResult> {
  const username = input.username.trim().toLowerCase()
  const address = input.clientAddress ?? 'unknown'
  const failures = await recentFailures(db, username, address)
  const block = signInBlock(failures)
  if (block) return { ok: false, reason: 'throttled', scope: block.scope, retryAfterMinutes: failures.retryAfterMinutes }

  const user = await db
    .selectFrom('users')
    .selectAll()
    .where(sql`lower(username)`, '=', username)
    .executeTakeFirst()
  const passwordOk = await verifyPassword(input.password, user?.password_hash ?? (await dummyPasswordHash()))
  if (!user || !passwordOk) {
    await db.insertInto('login_attempts').values({ username, client_address: address, succeeded: false }).execute()
    return { ok: false, reason: 'invalid' }
  }
  if (user.status !== 'active') return { ok: false, reason: 'disabled' }

  const sessionId = randomBytes(32).toString('base64url')
  await db.transaction().execute(async (trx) => {
    if (input.previousSessionId) await trx.deleteFrom('sessions').where('id', '=', input.previousSessionId).execute()
    await trx
      .insertInto('sessions')
      .values({
        id: sessionId,
        user_id: user.id,
        expires_at: sql<Date>`now() + make_interval(hours => ${SESSION_HOURS})`,
        client_address: input.clientAddress,
      })
      .execute()
    await trx.insertInto('login_attempts').values({ username, client_address: address, succeeded: true }).execute()
    await trx.updateTable('users').set({ last_login_at: sql`now()` }).where('id', '=', user.id).execute()
    await recordAudit(trx, { actor: toActor(user), clientAddress: input.clientAddress }, {
      action: 'auth.sign_in',
      entityType: 'user',
      entityId: user.id,
    })
  })
  return { ok: true, user, sessionId }
}

/** The signed-in user behind a session id, if the session is live and the account and its organisation are active. */
export async function actorForSession(db: DB, sessionId: string): Promise<Actor | null> {
  const row = await db
    .selectFrom('sessions')
    .innerJoin('users', 'users.id', 'sessions.user_id')
    .leftJoin('organizations', 'organizations.id', 'users.organization_id')
    .select(['users.id', 'users.username', 'users.display_name', 'users.role', 'users.organization_id'])
    .where('sessions.id', '=', sessionId)
    .where('sessions.expires_at', '>', sql<Date>`now()`)
    .where('users.status', '=', 'active')
    .where((eb) => eb.or([eb('organizations.id', 'is', null), eb('organizations.status', '=', 'active')]))
    .executeTakeFirst()
  return row ? toActor(row) : null
}

export async function signOut(db: DB, sessionId: string, ctx: { actor: Actor | null; clientAddress: string | null }) {
  await db.transaction().execute(async (trx) => {
    const deleted = await trx.deleteFrom('sessions').where('id', '=', sessionId).executeTakeFirst()
    if (ctx.actor && deleted.numDeletedRows > 0n) {
      await recordAudit(trx, ctx, { action: 'auth.sign_out', entityType: 'user', entityId: ctx.actor.id })
    }
  })
}
