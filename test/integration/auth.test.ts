import { sql } from 'kysely'
import { describe, expect, it } from 'vitest'
import { MAX_FAILURES_PER_ACCOUNT, MAX_FAILURES_PER_ADDRESS } from '~/domain/sign-in-limits'
import { actorForSession, signIn, signOut } from '~/services/auth.server'
import { setOrganizationStatus } from '~/services/organizations.server'
import { makeUser, testDb } from '../support/db'

const addr = '203.0.113.7'

describe('signing in', () => {
  it('opens a session for the right password and records it in the audit log', async () => {
    const db = await testDb()
    const user = await makeUser(db, 'supplier', { username: 'Li.Wei' })
    const result = await signIn(db, { username: 'li.wei', password: user.password, clientAddress: addr })
    expect(result.ok).toBe(true)
    if (!result.ok) return
    expect(await actorForSession(db, result.sessionId)).toMatchObject({ id: user.id, role: 'supplier' })
    const audit = await db.selectFrom('audit_log').selectAll().where('action', '=', 'auth.sign_in').execute()
    expect(audit).toHaveLength(1)
    expect(audit[0]).toMatchObject({ actor_user_id: user.id, client_address: addr })
  })

  it('refuses a wrong password and an unknown user with the same answer', async () => {
    const db = await testDb()
    const user = await makeUser(db, 'agency')
    expect(await signIn(db, { username: user.username, password: 'wrong password', clientAddress: addr })).toEqual({ ok: false, reason: 'invalid' })
    expect(await signIn(db, { username: 'nobody', password: 'whatever', clientAddress: addr })).toEqual({ ok: false, reason: 'invalid' })
    expect(await db.selectFrom('sessions').selectAll().execute()).toHaveLength(0)
  })

  it('refuses a disabled account even with the right password', async () => {
    const db = await testDb()
    const user = await makeUser(db, 'agency')
    await db.updateTable('users').set({ status: 'disabled' }).where('id', '=', user.id).execute()
    expect(await signIn(db, { username: user.username, password: user.password, clientAddress: addr })).toEqual({ ok: false, reason: 'disabled' })
  })

  it('locks an account after repeated failures, even for the right password, and says for how long', async () => {
    const db = await testDb()
    const user = await makeUser(db, 'supplier')
    for (let i = 0; i < MAX_FAILURES_PER_ACCOUNT; i++) {
      await signIn(db, { username: user.username, password: `guess-${i}`, clientAddress: `198.51.100.${i}` })
    }
    const result = await signIn(db, { username: user.username, password: user.password, clientAddress: addr })
    expect(result).toMatchObject({ ok: false, reason: 'throttled', scope: 'account' })
    if (!result.ok && result.reason === 'throttled') expect(result.retryAfterMinutes).toBeGreaterThanOrEqual(1)
  })

  it('the lock lifts when the failures leave the window', async () => {
    const db = await testDb()
    const user = await makeUser(db, 'supplier')
    for (let i = 0; i < MAX_FAILURES_PER_ACCOUNT; i++) {
      await signIn(db, { username: user.username, password: 'nope', clientAddress: addr })
    }
    await db.updateTable('login_attempts').set({ at: sql`now() - interval '16 minutes'` }).execute()
    expect((await signIn(db, { username: user.username, password: user.password, clientAddress: addr })).ok).toBe(true)
  })

  it('limits one client address guessing across many accounts', async () => {
    const db = await testDb()
    const user = await makeUser(db, 'agency')
    for (let i = 0; i < MAX_FAILURES_PER_ADDRESS; i++) {
      await signIn(db, { username: `someone-${i}`, password: 'x', clientAddress: addr })
    }
    expect(await signIn(db, { username: user.username, password: user.password, clientAddress: addr })).toMatchObject({ reason: 'throttled', scope: 'address' })
    // Another address is not affected.
    expect((await signIn(db, { username: user.username, password: user.password, clientAddress: '192.0.2.1' })).ok).toBe(true)
  })

  it('a new sign-in replaces the session the browser had', async () => {
    const db = await testDb()
    const user = await makeUser(db, 'expert')
    const first = await signIn(db, { username: user.username, password: user.password, clientAddress: addr })
    if (!first.ok) throw new Error('first sign-in failed')
    const second = await signIn(db, { username: user.username, password: user.password, clientAddress: addr, previousSessionId: first.sessionId })
    if (!second.ok) throw new Error('second sign-in failed')
    expect(second.sessionId).not.toBe(first.sessionId)
    expect(await actorForSession(db, first.sessionId)).toBeNull()
    expect(await actorForSession(db, second.sessionId)).not.toBeNull()
  })

  it('sessions end with sign-out, with expiry, and when the organisation is disabled', async () => {
    const db = await testDb()
    const admin = await makeUser(db, 'center_admin')
    const user = await makeUser(db, 'supplier')
    const open = async () => {
      const r = await signIn(db, { username: user.username, password: user.password, clientAddress: addr })
      if (!r.ok) throw new Error('sign-in failed')
      return r.sessionId
    }
    const s1 = await open()
    await signOut(db, s1, { actor: user, clientAddress: addr })
    expect(await actorForSession(db, s1)).toBeNull()
    expect(await db.selectFrom('audit_log').select('id').where('action', '=', 'auth.sign_out').execute()).toHaveLength(1)

    const s2 = await open()
    await db.updateTable('sessions').set({ expires_at: sql`now() - interval '1 second'` }).where('id', '=', s2).execute()
    expect(await actorForSession(db, s2)).toBeNull()

    const s3 = await open()
    await setOrganizationStatus(db, { actor: admin, clientAddress: addr }, user.organizationId!, 'disabled')
    expect(await actorForSession(db, s3)).toBeNull()
  })
})
