import { describe, expect, it } from 'vitest'
import { shanghaiDate } from '~/domain/calendar'
import { verifyDraw } from '~/domain/draw'
import { FieldError, ForbiddenError } from '~/services/errors'
import { getDrawPage, publishedDraw } from '~/services/draws.server'
import { creditScores } from '~/services/credit.server'
import {
  answerObjection,
  confirmOffer,
  declineOffer,
  fileObjection,
  getProject,
  listResults,
  recommitProjectDraw,
  recordContract,
  registerForProject,
  runProjectDraw,
} from '~/services/projects.server'
import { testDb } from '../support/db'
import { ctx, passDeadline, passOfferPeriod, passPublicity, project, publishedProject, world } from './market-support'

async function fieldKey(work: Promise<unknown>) {
  try {
    await work
  } catch (err) {
    if (err instanceof FieldError) return err.messageKey
    throw err
  }
  return null
}

describe('随机抽取 random draw, end to end', () => {
  it('registers, freezes the pool, draws verifiably, passes a decline on, publicises, answers an objection, contracts', async () => {
    const db = await testDb()
    const { buyer, centre, agencies } = await world(db, 4)
    const id = await publishedProject(db, buyer, 'random')
    expect((await project(db, id)).status).toBe('registering')
    // Eligible agencies were told in the app.
    expect(await db.selectFrom('notifications').select('organization_id').where('kind', '=', 'mkt.notify.published').execute()).toHaveLength(4)
    for (const a of agencies.slice(0, 3)) await registerForProject(db, ctx(a), id, { proposal: '' })
    expect(await fieldKey(registerForProject(db, ctx(agencies[0]!), id, { proposal: '' }))).toBe('mkt.err.alreadyRegistered')

    expect(await passDeadline(db, id)).toEqual({ ran: 1, failed: 0 })
    let p = await project(db, id)
    expect(p.status).toBe('drawing')
    expect(p.pool_hash).toMatch(/^[0-9a-f]{64}$/)
    expect(await fieldKey(registerForProject(db, ctx(agencies[3]!), id, { proposal: '' }))).toBe('mkt.err.deadlinePassed')

    // Before the draw, the public page shows the commitment but not the secret.
    const draws = await db.selectFrom('market_draws').select('id').where('project_id', '=', id).execute()
    expect(draws).toHaveLength(1)
    const before = await getDrawPage(db, draws[0]!.id)
    expect(before.secret).toBeNull()
    expect(before.pool!.candidates).toHaveLength(3)
    expect(await publishedDraw(db, draws[0]!.id)).toBeNull()

    await expect(runProjectDraw(db, ctx(buyer), id, '4711')).rejects.toBeInstanceOf(ForbiddenError)
    const drawId = await runProjectDraw(db, ctx(centre), id, '4711')
    const record = await publishedDraw(db, drawId)
    expect(record).not.toBeNull()
    expect((await verifyDraw(record)).ok).toBe(true)
    // Never twice.
    expect(await fieldKey(runProjectDraw(db, ctx(centre), id, '4712'))).toBe('mkt.err.wrongState')

    p = await project(db, id)
    expect(p.status).toBe('offering')
    expect(p.result_order).toEqual(record!.order.map(Number))
    const byOrg = new Map(agencies.map((a) => [a.organizationId!, a]))
    const first = byOrg.get(p.result_order![0]!)!
    const second = byOrg.get(p.result_order![1]!)!

    // Only the candidate on offer may answer it.
    expect(await fieldKey(confirmOffer(db, ctx(second), id, { explanation: '' }))).toBe('mkt.err.notOnOffer')
    await declineOffer(db, ctx(first), id, { reasonKind: 'capacity', reason: '人手不足' })
    expect((await creditScores(db, [first.organizationId!])).get(first.organizationId!)).toBe(95)
    p = await project(db, id)
    expect(p.offer_index).toBe(1)
    await confirmOffer(db, ctx(second), id, { explanation: '' })
    p = await project(db, id)
    expect(p.status).toBe('publicity')
    expect(p.awarded_org_id).toBe(second.organizationId)

    // Objections during publicity; the contract waits for the answer.
    await fileObjection(db, ctx(first), id, '抽取过程是否有见证人？')
    await passPublicity(db, id)
    expect((await project(db, id)).status).toBe('contracting')
    expect(await fieldKey(recordContract(db, ctx(buyer), id, { amount: 8_000_000, signedOn: shanghaiDate(new Date()), summary: '' }))).toBe('mkt.err.unansweredObjections')
    const objection = await db.selectFrom('market_objections').select('id').executeTakeFirstOrThrow()
    await answerObjection(db, ctx(buyer), id, { objectionId: objection.id, answer: '有两名见证人在场，公开数已公布。' })
    await recordContract(db, ctx(buyer), id, { amount: 8_000_000, signedOn: shanghaiDate(new Date()), summary: '资产评估服务合同' })
    p = await project(db, id)
    expect(p.status).toBe('contracted')
    // Recorded the day it was signed: on time.
    expect((await db.selectFrom('market_contracts').select('published_late').where('project_id', '=', id).executeTakeFirstOrThrow()).published_late).toBe(false)

    const actions = (await db.selectFrom('audit_log').select('action').where('entity_type', '=', 'market_project').where('entity_id', '=', String(id)).orderBy('id').execute()).map((a) => a.action)
    expect(actions).toEqual(
      expect.arrayContaining(['market.project.created', 'market.project.published', 'market.pool.frozen', 'market.draw.revealed', 'market.offer.declined', 'market.offer.confirmed', 'market.objection.filed', 'market.objection.answered', 'market.contract.recorded']),
    )
    const results = await listResults(db)
    expect(results.map((r) => r.id)).toContain(id)
    const page = await getProject(db, null, id)
    expect(page.timeline.length).toBeGreaterThan(8)
  })

  it('fails with too few registrants (3 is the minimum for a random draw)', async () => {
    const db = await testDb()
    const { buyer, agencies } = await world(db, 2)
    const id = await publishedProject(db, buyer, 'random')
    for (const a of agencies) await registerForProject(db, ctx(a), id, { proposal: '' })
    await passDeadline(db, id)
    const p = await project(db, id)
    expect(p.status).toBe('failed')
    expect(p.failure_reason).toBe('too-few:3')
    expect(await db.selectFrom('market_draws').select('id').execute()).toHaveLength(0)
  })

  it('fails when every candidate declines or lets the period run out, and each unjustified one costs credit', async () => {
    const db = await testDb()
    const { buyer, centre, agencies } = await world(db, 3)
    const id = await publishedProject(db, buyer, 'random')
    for (const a of agencies) await registerForProject(db, ctx(a), id, { proposal: '' })
    await passDeadline(db, id)
    await runProjectDraw(db, ctx(centre), id, '2026')
    const order = (await project(db, id)).result_order!
    const byOrg = new Map(agencies.map((a) => [a.organizationId!, a]))
    await declineOffer(db, ctx(byOrg.get(order[0]!)!), id, { reasonKind: 'conflict', reason: '与采购单位存在利害关系' })
    await passOfferPeriod(db, id)
    await declineOffer(db, ctx(byOrg.get(order[2]!)!), id, { reasonKind: 'other', reason: '不想做' })
    const p = await project(db, id)
    expect(p.status).toBe('failed')
    expect(p.failure_reason).toBe('exhausted')
    const scores = await creditScores(db, order)
    expect(order.map((o) => scores.get(o))).toEqual([100, 95, 95])
  })

  it('refuses a second draw without a recorded reason; with one, both stay public and the first secret is revealed', async () => {
    const db = await testDb()
    const { buyer, centre, agencies } = await world(db, 3)
    const id = await publishedProject(db, buyer, 'random')
    for (const a of agencies) await registerForProject(db, ctx(a), id, { proposal: '' })
    await passDeadline(db, id)
    const { commitDraw } = await import('~/services/draws.server')
    const purpose = (await db.selectFrom('market_draws').select('purpose').executeTakeFirstOrThrow()).purpose
    await expect(db.transaction().execute((trx) => commitDraw(trx, { projectId: id, purpose, publicInputRule: 'x', pool: { candidateIds: ['1', '2'], winners: 1 } }))).rejects.toMatchObject({
      messageKey: 'mkt.draw.reasonRequired',
    })
    expect(await fieldKey(recommitProjectDraw(db, ctx(centre), id, ''))).toBe('mkt.draw.reasonRequired')
    const second = await recommitProjectDraw(db, ctx(centre), id, '见证人未能按时到场，重新承诺')
    const drawId = await runProjectDraw(db, ctx(centre), id, '7')
    expect(drawId).toBe(second)
    const page = await getDrawPage(db, second)
    expect(page.siblings.map((s) => s.sequence)).toEqual([1, 2])
    expect(page.reason).toBe('见证人未能按时到场，重新承诺')
    const first = await getDrawPage(db, page.siblings[0]!.id)
    expect(first.secret).toMatch(/^[0-9a-f]{64}$/)
    expect(first.drawnAt).toBeNull()
    // After a reveal, not even a reasoned re-commit.
    expect(await fieldKey(recommitProjectDraw(db, ctx(centre), id, '再来一次'))).toBe('mkt.draw.alreadyDrawn')
  })

  it('keeps affiliated and suspended agencies out', async () => {
    const db = await testDb()
    const { buyer, agencies } = await world(db, 3)
    const id = await publishedProject(db, buyer, 'random')
    await db.insertInto('affiliations').values({ purchaser_org_id: buyer.organizationId!, supplier_org_id: agencies[0]!.organizationId! }).execute()
    await db
      .insertInto('credit_events')
      .values({ organization_id: agencies[1]!.organizationId!, points: -20, kind: 'collusion', reason: '串通', suspended_until: new Date(Date.now() + 86_400_000 * 90) })
      .execute()
    expect(await fieldKey(registerForProject(db, ctx(agencies[0]!), id, { proposal: '' }))).toBe('mkt.err.affiliated')
    expect(await fieldKey(registerForProject(db, ctx(agencies[1]!), id, { proposal: '' }))).toBe('mkt.err.suspended')
    await registerForProject(db, ctx(agencies[2]!), id, { proposal: '' })
    await expect(registerForProject(db, ctx(buyer), id, { proposal: '' })).rejects.toBeInstanceOf(ForbiddenError)
  })
})
