import { describe, expect, it } from 'vitest'
import { canonicalJson, sha256Hex } from '~/domain/draw'
import { agencyAffiliationSchema } from '~/domain/selection'
import { ForbiddenError } from '~/services/errors'
import { marketOverview, recordAgencyAffiliation } from '~/services/market-admin.server'
import { confirmOffer, getProject, registerForProject, runProjectDraw } from '~/services/projects.server'
import { makeUser, testDb } from '../support/db'
import { ctx, passDeadline, project, publishedProject, world } from './market-support'

const pair = (a: number, b: number, reason: string) => agencyAffiliationSchema.parse({ firstId: String(a), secondId: String(b), reason })

describe('关联企业去重: affiliated agencies enter a frozen pool once', () => {
  it('the centre records a pair once, with a reason, audited; the supervisor cannot', async () => {
    const db = await testDb()
    const { centre, agencies } = await world(db, 2)
    const [a, b] = agencies.map((x) => x.organizationId!)
    await recordAgencyAffiliation(db, ctx(centre), pair(b!, a!, '同一母公司'))
    await expect(recordAgencyAffiliation(db, ctx(centre), pair(a!, b!, '同一法定代表人'))).rejects.toMatchObject({ messageKey: 'mkt.admin.affiliationExists' })
    const supervisor = await makeUser(db, 'supervisor')
    await expect(recordAgencyAffiliation(db, ctx(supervisor), pair(a!, b!, 'x'))).rejects.toBeInstanceOf(ForbiddenError)
    expect(agencyAffiliationSchema.safeParse({ firstId: String(a), secondId: String(a), reason: 'x' }).success).toBe(false)
    const rows = await db.selectFrom('agency_affiliations').selectAll().execute()
    expect(rows.map((r) => [r.first_org_id, r.second_org_id, r.reason])).toEqual([[Math.min(a!, b!), Math.max(a!, b!), '同一母公司']])
    expect((await marketOverview(db, supervisor)).agencyAffiliations).toHaveLength(1)
    const event = await db.selectFrom('audit_log').select('payload').where('action', '=', 'market.agency_affiliation.recorded').executeTakeFirstOrThrow()
    expect(event.payload).toMatchObject({ reason: '同一母公司' })
  })

  it('keeps the earliest registrant of an affiliated chain; the others are out of the pool, its hash and the draw', async () => {
    const db = await testDb()
    const { buyer, centre, agencies } = await world(db, 5)
    const ids = agencies.map((x) => x.organizationId!)
    const id = await publishedProject(db, buyer, 'random')
    // Registration order: 0, 1, 2, 3, 4. 1 is affiliated with 0; 3 with 1 (a chain 0–1–3).
    for (const a of agencies) await registerForProject(db, ctx(a), id, { proposal: '' })
    await recordAgencyAffiliation(db, ctx(centre), pair(ids[0]!, ids[1]!, '同一母公司'))
    await recordAgencyAffiliation(db, ctx(centre), pair(ids[1]!, ids[3]!, '同一法定代表人'))

    await passDeadline(db, id)
    const p = await project(db, id)
    expect(p.status).toBe('drawing')
    const kept = [ids[0]!, ids[2]!, ids[4]!].sort((x, y) => x - y)
    expect(p.pool).toEqual({ projectId: id, code: p.code, candidates: kept })
    expect(p.pool_hash).toBe(await sha256Hex(canonicalJson({ projectId: id, code: p.code, candidates: kept })))
    const exclusions = [
      { id: ids[1]!, keptInstead: ids[0]!, via: ['同一母公司'] },
      { id: ids[3]!, keptInstead: ids[0]!, via: ['同一母公司', '同一法定代表人'] },
    ]
    expect((p.settings as { affiliateExclusions: unknown }).affiliateExclusions).toEqual(exclusions)
    const frozen = await db.selectFrom('audit_log').select('payload').where('action', '=', 'market.pool.frozen').where('entity_id', '=', String(id)).executeTakeFirstOrThrow()
    expect(frozen.payload).toMatchObject({ candidates: kept, poolHash: p.pool_hash, affiliatesExcluded: exclusions })

    await runProjectDraw(db, ctx(centre), id, '2026')
    const drawn = await project(db, id)
    expect([...drawn.result_order!].sort((x, y) => x - y)).toEqual(kept)
    // The excluded agency is never on offer, whatever the order.
    await expect(confirmOffer(db, ctx(agencies[1]!), id, { explanation: '' })).rejects.toMatchObject({ messageKey: 'mkt.err.notOnOffer' })

    const page = await getProject(db, null, id)
    expect(page.project.settings.affiliateExclusions).toEqual(exclusions)
    const names = await db.selectFrom('organizations').select(['id', 'name']).where('id', 'in', [ids[1]!, ids[3]!]).execute()
    for (const n of names) expect(page.names[String(n.id)]).toBe(n.name)
  })

  it('a project whose pool falls below the minimum after de-duplication fails', async () => {
    const db = await testDb()
    const { buyer, centre, agencies } = await world(db, 3)
    const id = await publishedProject(db, buyer, 'random')
    for (const a of agencies) await registerForProject(db, ctx(a), id, { proposal: '' })
    await recordAgencyAffiliation(db, ctx(centre), pair(agencies[2]!.organizationId!, agencies[0]!.organizationId!, '同一实际控制人'))
    await passDeadline(db, id)
    const p = await project(db, id)
    expect(p.status).toBe('failed')
    expect((p.pool as { candidates: number[] }).candidates).toEqual([agencies[0]!.organizationId!, agencies[1]!.organizationId!].sort((x, y) => x - y))
  })
})
