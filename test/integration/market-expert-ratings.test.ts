import { describe, expect, it } from 'vitest'
import { shanghaiDate } from '~/domain/calendar'
import { expertRatingSchema } from '~/domain/selection'
import { FieldError, ForbiddenError } from '~/services/errors'
import { getScoringSheet, listMyRatings, rateExpert, saveScores } from '~/services/experts.server'
import { confirmOffer, getProject, recordContract, registerForProject, runProjectDraw } from '~/services/projects.server'
import { makeUser, testDb } from '../support/db'
import { ctx, passDeadline, passPublicity, project, publishedProject, world, yuan } from './market-support'

async function fieldKey(work: Promise<unknown>) {
  try {
    await work
  } catch (err) {
    if (err instanceof FieldError) return err.messageKey
    throw err
  }
  return null
}

const rating = (expertId: number, value: number, comment = '') => expertRatingSchema.parse({ expertId: String(expertId), rating: String(value), comment })

describe('一标一评: the buyer rates each panel expert after a merit-by-proposal project', () => {
  it('only the buying unit, only after the contract, once per expert; the expert sees the rating', async () => {
    const db = await testDb()
    const { buyer, centre, agencies } = await world(db, 3)
    const experts: (Awaited<ReturnType<typeof makeUser>> & { expertId: number })[] = []
    for (let i = 0; i < 5; i++) {
      const u = await makeUser(db, 'expert', { organizationId: null })
      const row = await db.insertInto('experts').values({ user_id: u.id, name: `专家${i}`, specialties: JSON.stringify(['资产评估']) }).returning('id').executeTakeFirstOrThrow()
      experts.push({ ...u, expertId: row.id })
    }
    const id = await publishedProject(db, buyer, 'proposal', { panelSize: '5' })
    for (const [i, a] of agencies.entries()) await registerForProject(db, ctx(a), id, { proposal: `方案 ${i}` })
    await passDeadline(db, id)
    await runProjectDraw(db, ctx(centre), id, '17')
    for (const e of experts) {
      const sheet = await getScoringSheet(db, e, id)
      for (const prop of sheet.proposals) await saveScores(db, ctx(e), id, { index: prop.index, scores: { approach: 30 + prop.index, team: 20, schedule: 10, price: 10 }, lock: true })
    }
    let p = await project(db, id)
    expect(p.status).toBe('offering')
    // Not while the project is still running.
    expect(await fieldKey(rateExpert(db, ctx(buyer), id, rating(experts[0]!.expertId, 5)))).toBe('mkt.err.wrongState')

    const winner = agencies.find((a) => a.organizationId === p.result_order![0])!
    await confirmOffer(db, ctx(winner), id, { explanation: '' })
    await passPublicity(db, id)
    await recordContract(db, ctx(buyer), id, { amount: yuan(90_000), signedOn: shanghaiDate(new Date()), summary: '' })
    p = await project(db, id)
    expect(p.status).toBe('contracted')
    expect((await getProject(db, buyer, id)).panel!.canRate).toBe(true)

    // Another agency and a supplier may not rate.
    const otherAgency = await makeUser(db, 'agency')
    await expect(rateExpert(db, ctx(otherAgency), id, rating(experts[0]!.expertId, 1))).rejects.toBeInstanceOf(ForbiddenError)
    await expect(rateExpert(db, ctx(winner), id, rating(experts[0]!.expertId, 1))).rejects.toBeInstanceOf(ForbiddenError)
    expect((await getProject(db, otherAgency, id)).panel!.canRate).toBe(false)
    // Ratings run 1 to 5.
    expect(expertRatingSchema.safeParse({ expertId: String(experts[0]!.expertId), rating: '6' }).success).toBe(false)
    expect(expertRatingSchema.safeParse({ expertId: String(experts[0]!.expertId), rating: '0' }).success).toBe(false)

    for (const [i, e] of experts.entries()) await rateExpert(db, ctx(buyer), id, rating(e.expertId, 5 - (i % 3), i === 0 ? '评审认真，意见具体' : ''))
    // A second rating of the same expert changes nothing and says so.
    expect(await fieldKey(rateExpert(db, ctx(buyer), id, rating(experts[0]!.expertId, 1, '改主意了')))).toBe('mkt.rating.already')
    const rows = await db.selectFrom('market_expert_ratings').select(['expert_id', 'rating', 'comment']).where('project_id', '=', id).orderBy('expert_id').execute()
    expect(rows).toHaveLength(5)
    expect(rows.find((r) => r.expert_id === experts[0]!.expertId)).toMatchObject({ rating: 5, comment: '评审认真，意见具体' })

    const audited = await db.selectFrom('audit_log').select('payload').where('action', '=', 'market.expert.rated').where('entity_id', '=', String(id)).execute()
    expect(audited).toHaveLength(5)

    const mine = await listMyRatings(db, experts[0]!)
    expect(mine).toEqual([expect.objectContaining({ id, rating: 5, comment: '评审认真，意见具体' })])
    await expect(listMyRatings(db, buyer)).rejects.toBeInstanceOf(ForbiddenError)
    // The ratings are shown to the buyer on the project page, not to the public.
    expect((await getProject(db, buyer, id)).panel!.ratings).toHaveLength(5)
    expect((await getProject(db, null, id)).panel!.ratings).toHaveLength(0)
  })
})
