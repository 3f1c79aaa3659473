import { sql } from 'kysely'
import { describe, expect, it } from 'vitest'
import { seed } from '../../db/seed'
import { eligibleMemberIds, isEligibleMember, liftSuspension, removeMembership, suspendMembership, endSuspensions } from '~/services/memberships.server'
import { ForbiddenError } from '~/services/errors'
import { runDueJobs } from '~/services/jobs.server'
import { catalogueJobHandlers } from '~/services/catalogue-jobs.server'
import { makeOrganization, makeUser, testDb } from '../support/db'

async function category(code = 'C05', market: 'catalogue' | 'supermarket' = 'catalogue') {
  const db = await testDb()
  await db.insertInto('categories').values({ code, name_zh: '保安服务', name_en: 'Security', kind: 'services', market }).onConflict((oc) => oc.column('code').doNothing()).execute()
  return code
}

async function admit(orgId: number, code: string, from: string, until: string, extra: Record<string, unknown> = {}) {
  const db = await testDb()
  return db
    .insertInto('memberships')
    .values({ organization_id: orgId, category_code: code, valid_from: sql<Date>`now() + ${from}::interval`, valid_until: sql<Date>`now() + ${until}::interval`, ...extra })
    .returning('id')
    .executeTakeFirstOrThrow()
}

describe('membership eligibility (the contract the supermarket relies on)', () => {
  it('counts only active, current, unsuspended members of active organisations, by the database clock', async () => {
    const db = await testDb()
    const code = await category()
    const ok = await makeOrganization(db, 'supplier')
    const expired = await makeOrganization(db, 'supplier')
    const future = await makeOrganization(db, 'supplier')
    const suspended = await makeOrganization(db, 'supplier')
    const suspensionOver = await makeOrganization(db, 'supplier')
    const removed = await makeOrganization(db, 'supplier')
    const disabledOrg = await makeOrganization(db, 'supplier')
    await admit(ok.id, code, '-1 day', '1 year')
    await admit(expired.id, code, '-2 years', '-1 second')
    await admit(future.id, code, '1 day', '1 year')
    await admit(suspended.id, code, '-1 day', '1 year', { status: 'suspended', suspended_until: sql`now() + interval '1 month'`, suspension_reason: 'x' })
    await admit(suspensionOver.id, code, '-1 day', '1 year', { status: 'suspended', suspended_until: sql`now() - interval '1 second'`, suspension_reason: 'x' })
    await admit(removed.id, code, '-1 day', '1 year', { status: 'removed' })
    await admit(disabledOrg.id, code, '-1 day', '1 year')
    await db.updateTable('organizations').set({ status: 'disabled' }).where('id', '=', disabledOrg.id).execute()
    expect(await eligibleMemberIds(db, code)).toEqual([ok.id, suspensionOver.id].sort((a, b) => a - b))
    expect(await isEligibleMember(db, ok.id, code)).toBe(true)
    for (const o of [expired, future, suspended, removed, disabledOrg]) expect(await isEligibleMember(db, o.id, code)).toBe(false)
    expect(await eligibleMemberIds(db, 'C99')).toEqual([])
  })

  it('a suspension removes a member at once and it returns by itself when the suspension ends', async () => {
    const db = await testDb()
    const code = await category()
    const admin = await makeUser(db, 'center_admin')
    const org = await makeOrganization(db, 'supplier')
    const m = await admit(org.id, code, '-1 day', '1 year')
    await suspendMembership(db, { actor: admin, clientAddress: null }, m.id, { until: new Date(Date.now() + 86_400_000), reason: '服务投诉核查中' })
    expect(await isEligibleMember(db, org.id, code)).toBe(false)
    // Time passes: move the end of the suspension into the past.
    await db.updateTable('memberships').set({ suspended_until: sql`now() - interval '1 minute'` }).where('id', '=', m.id).execute()
    expect(await isEligibleMember(db, org.id, code)).toBe(true)
    await db.updateTable('jobs').set({ run_at: sql`now() - interval '1 minute'` }).where('kind', '=', 'catalogue.end_suspensions').execute()
    expect(await runDueJobs(db, catalogueJobHandlers)).toEqual({ ran: 1, failed: 0 })
    expect(await db.transaction().execute((trx) => endSuspensions(trx))).toBe(0)
    const row = await db.selectFrom('memberships').select('status').where('id', '=', m.id).executeTakeFirstOrThrow()
    expect(row.status).toBe('active')
    const actions = (await db.selectFrom('audit_log').select('action').orderBy('id').execute()).map((a) => a.action)
    expect(actions).toEqual(['membership.suspended', 'membership.suspension_ended'])
  })

  it('only the centre suspends, lifts or removes', async () => {
    const db = await testDb()
    const code = await category()
    const org = await makeOrganization(db, 'supplier')
    const m = await admit(org.id, code, '-1 day', '1 year')
    for (const role of ['supplier', 'agency', 'supervisor', 'expert'] as const) {
      const actor = await makeUser(db, role)
      const ctx = { actor, clientAddress: null }
      await expect(suspendMembership(db, ctx, m.id, { until: new Date(Date.now() + 1e9), reason: 'x' })).rejects.toBeInstanceOf(ForbiddenError)
      await expect(liftSuspension(db, ctx, m.id)).rejects.toBeInstanceOf(ForbiddenError)
      await expect(removeMembership(db, ctx, m.id, 'x')).rejects.toBeInstanceOf(ForbiddenError)
    }
    const admin = await makeUser(db, 'center_admin')
    await removeMembership(db, { actor: admin, clientAddress: null }, m.id, '提供虚假材料')
    expect(await isEligibleMember(db, org.id, code)).toBe(false)
  })

  it('the demo seed admits suppliers in their main category in both markets', async () => {
    const db = await testDb()
    await seed(db, { demoAccounts: false })
    const cats = await db.selectFrom('categories').select(['code', 'market']).execute()
    for (const c of cats) expect((await eligibleMemberIds(db, c.code)).length, c.code).toBeGreaterThanOrEqual(3)
    const again = await seed(db, { demoAccounts: false })
    expect(again.organizations).toBe(0)
  })
})
