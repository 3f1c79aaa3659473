import { describe, expect, it } from 'vitest'
import { addWorkingDays, shanghaiDate } from '~/domain/calendar'
import { FieldError } from '~/services/errors'
import { confirmOffer, getProject, listResults, recordContract, registerForProject, runProjectDraw } from '~/services/projects.server'
import { testDb } from '../support/db'
import { ctx, passDeadline, passPublicity, project, publishedProject, world } from './market-support'

async function fieldKey(work: Promise<unknown>) {
  try {
    await work
  } catch (err) {
    if (err instanceof FieldError) return err.messageKey
    throw err
  }
  return null
}

describe('合同公开: a contract is published within the contract publication days of its signing', () => {
  it('records the signing date apart from the recording, refuses a future signing, flags a late publication', async () => {
    const db = await testDb()
    const { buyer, centre, agencies } = await world(db, 3)
    const id = await publishedProject(db, buyer, 'random')
    for (const a of agencies) await registerForProject(db, ctx(a), id, { proposal: '' })
    await passDeadline(db, id)
    await runProjectDraw(db, ctx(centre), id, '31')
    const first = (await project(db, id)).result_order![0]!
    await confirmOffer(db, ctx(agencies.find((a) => a.organizationId === first)!), id, { explanation: '' })
    await passPublicity(db, id)
    expect((await project(db, id)).status).toBe('contracting')

    // addWorkingDays(now, 0) is the end of today, i.e. the first instant of tomorrow.
    const tomorrow = shanghaiDate(addWorkingDays(new Date(), 0))
    expect(await fieldKey(recordContract(db, ctx(buyer), id, { amount: 8_000_000, signedOn: tomorrow, summary: '' }))).toBe('mkt.err.signedInFuture')

    // Signed a month ago: far more than 2 working days before it is recorded.
    const signedOn = shanghaiDate(new Date(Date.now() - 30 * 86_400_000))
    await recordContract(db, ctx(buyer), id, { amount: 8_000_000, signedOn, summary: '' })
    const contract = await db.selectFrom('market_contracts').selectAll().where('project_id', '=', id).executeTakeFirstOrThrow()
    expect(contract.published_late).toBe(true)
    expect(shanghaiDate(new Date(contract.published_at))).toBe(shanghaiDate(new Date()))

    const late = await db.selectFrom('audit_log').select('payload').where('action', '=', 'market.contract.published_late').where('entity_id', '=', String(id)).executeTakeFirstOrThrow()
    expect(late.payload).toMatchObject({ signedOn, days: 2 })
    const page = await getProject(db, null, id)
    expect(page.contract).toMatchObject({ signed_on: signedOn, published_late: true })
    expect(page.timeline.map((e) => e.action)).toContain('market.contract.published_late')
    expect((await listResults(db)).find((r) => r.id === id)?.contract_published_late).toBe(true)
  })
})
