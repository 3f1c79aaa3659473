import { describe, expect, it } from 'vitest'
import { affiliationSchema, creditEventSchema, expertSchema } from '~/domain/selection'
import { FieldError, ForbiddenError } from '~/services/errors'
import { addExpert, marketOverview, penalise, recordAffiliation } from '~/services/market-admin.server'
import { registerForProject } from '~/services/projects.server'
import { makeUser, testDb } from '../support/db'
import { ctx, publishedProject, world } from './market-support'

describe('supervision of the supermarket', () => {
  it('a suspension and an affiliation recorded by the centre keep agencies out; the supervisor reads, cannot change', async () => {
    const db = await testDb()
    const { buyer, centre, agencies } = await world(db, 3)
    const id = await publishedProject(db, buyer, 'random')
    await penalise(db, ctx(centre), creditEventSchema.parse({ organizationId: String(agencies[0]!.organizationId), points: '10', kind: 'collusion', reason: '串通报价', suspendDays: '60' }))
    await recordAffiliation(db, ctx(centre), affiliationSchema.parse({ purchaserId: String(buyer.organizationId), supplierId: String(agencies[1]!.organizationId), note: '同一法定代表人' }))
    await expect(registerForProject(db, ctx(agencies[0]!), id, { proposal: '' })).rejects.toMatchObject({ messageKey: 'mkt.err.suspended' })
    await expect(registerForProject(db, ctx(agencies[1]!), id, { proposal: '' })).rejects.toMatchObject({ messageKey: 'mkt.err.affiliated' })
    await registerForProject(db, ctx(agencies[2]!), id, { proposal: '' })

    const supervisor = await makeUser(db, 'supervisor')
    const overview = await marketOverview(db, supervisor)
    expect(overview.events[0]).toMatchObject({ points: -10, score: 90 })
    expect(overview.affiliations).toHaveLength(1)
    await expect(penalise(db, ctx(supervisor), creditEventSchema.parse({ organizationId: '1', points: '1', kind: 'other', reason: 'x', suspendDays: '0' }))).rejects.toBeInstanceOf(ForbiddenError)
    await expect(marketOverview(db, buyer)).rejects.toBeInstanceOf(ForbiddenError)
    await expect(recordAffiliation(db, ctx(centre), affiliationSchema.parse({ purchaserId: String(buyer.organizationId), supplierId: String(agencies[1]!.organizationId), note: '再次' }))).rejects.toBeInstanceOf(FieldError)
  })

  it('adds experts with or without an account, with declared conflicts', async () => {
    const db = await testDb()
    const centre = await makeUser(db, 'center_admin')
    const expert = await makeUser(db, 'expert', { organizationId: null })
    await addExpert(db, ctx(centre), expertSchema.parse({ name: '王专家', username: expert.username, specialties: '资产评估，审计', conflicts: '12, 15' }))
    await addExpert(db, ctx(centre), expertSchema.parse({ name: '李专家', specialties: '测绘' }))
    await expect(addExpert(db, ctx(centre), expertSchema.parse({ name: '重复', username: expert.username }))).rejects.toMatchObject({ messageKey: 'mkt.admin.expertExists' })
    const rows = await db.selectFrom('experts').selectAll().orderBy('id').execute()
    expect(rows.map((r) => [r.name, r.user_id, r.specialties, r.declared_conflicts])).toEqual([
      ['王专家', expert.id, ['资产评估', '审计'], [12, 15]],
      ['李专家', null, ['测绘'], []],
    ])
  })
})
