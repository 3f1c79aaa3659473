// Shared set-up for the supermarket's integration tests (not a test file itself).
import { sql } from 'kysely'
import type { DB } from '../../db/client'
import type { Actor } from '../../app/domain/permissions'
import { fen } from '../../app/domain/money'
import { projectSchema } from '../../app/domain/selection'
import { runDueJobs } from '../../app/services/jobs.server'
import { marketJobHandlers } from '../../app/services/market-jobs.server'
import { setSealingSecretForTests } from '../../app/services/market-sealing.server'
import { createProject, submitProject } from '../../app/services/projects.server'
import { makeUser } from '../support/db'

setSealingSecretForTests('test-sealing-secret-0123456789abcdef')

export const ctx = (actor: Actor) => ({ actor, clientAddress: '127.0.0.1' })

export async function marketCategory(db: DB, code = 'S02') {
  await db
    .insertInto('categories')
    .values({ code, name_zh: '资产评估', name_en: 'Asset appraisal', kind: 'services', market: 'supermarket' })
    .onConflict((oc) => oc.column('code').doNothing())
    .execute()
  return code
}

/** A supplier organisation admitted to the category, with one user. */
export async function agencySupplier(db: DB, code = 'S02') {
  const user = await makeUser(db, 'supplier')
  await db
    .insertInto('memberships')
    .values({ organization_id: user.organizationId!, category_code: code, valid_from: sql<Date>`now() - interval '1 day'`, valid_until: sql<Date>`now() + interval '1 year'` })
    .execute()
  return user
}

export async function world(db: DB, suppliers = 4) {
  const category = await marketCategory(db)
  const buyer = await makeUser(db, 'agency')
  const centre = await makeUser(db, 'center_admin')
  const agencies = []
  for (let i = 0; i < suppliers; i++) agencies.push(await agencySupplier(db, category))
  return { category, buyer, centre, agencies }
}

export function projectInput(method: string, extra: Record<string, string> = {}) {
  const deadline = new Date(Date.now() + 3 * 86_400_000 + 8 * 3_600_000).toISOString().slice(0, 16)
  const parsed = projectSchema.safeParse({
    title: `测试项目 ${method}`,
    categoryCode: 'S02',
    scope: '办公楼资产评估',
    budget: '100000',
    method,
    deadline,
    justification: method === 'direct' ? '金额低于直接选取限额' : '',
    ...extra,
  })
  if (!parsed.success) throw new Error(JSON.stringify(parsed.error.issues))
  return parsed.data
}

export async function publishedProject(db: DB, buyer: Actor, method: string, extra: Record<string, string> = {}) {
  const id = await createProject(db, ctx(buyer), projectInput(method, extra))
  await submitProject(db, ctx(buyer), id)
  return id
}

/** As if the registration deadline had just passed: moves the deadline and its timer into the past and runs timers. */
export async function passDeadline(db: DB, projectId: number) {
  await db.updateTable('market_projects').set({ registration_deadline: sql<Date>`now() - interval '1 second'` }).where('id', '=', projectId).execute()
  await db.updateTable('jobs').set({ run_at: sql<Date>`now() - interval '1 second'` }).where('dedupe_key', '=', `market.close:${projectId}`).execute()
  return runDueJobs(db, marketJobHandlers)
}

export async function passOfferPeriod(db: DB, projectId: number) {
  await db.updateTable('market_offers').set({ deadline: sql<Date>`now() - interval '1 second'` }).where('project_id', '=', projectId).where('outcome', 'is', null).execute()
  await db.updateTable('jobs').set({ run_at: sql<Date>`now() - interval '1 second'` }).where('dedupe_key', 'like', `market.offer:${projectId}:%`).where('status', '=', 'pending').execute()
  return runDueJobs(db, marketJobHandlers)
}

export async function passPublicity(db: DB, projectId: number) {
  await db.updateTable('market_projects').set({ publicity_ends_at: sql<Date>`now() - interval '1 second'` }).where('id', '=', projectId).execute()
  await db.updateTable('jobs').set({ run_at: sql<Date>`now() - interval '1 second'` }).where('dedupe_key', '=', `market.publicity:${projectId}`).execute()
  return runDueJobs(db, marketJobHandlers)
}

export async function project(db: DB, id: number) {
  return db.selectFrom('market_projects').selectAll().where('id', '=', id).executeTakeFirstOrThrow()
}

export const yuan = (n: number) => fen(n * 100)
