import { sql } from 'kysely'
import { describe, expect, it } from 'vitest'
import { verifyDraw } from '~/domain/draw'
import { FieldError } from '~/services/errors'
import { declinePanelSeat, getScoringSheet, listMyPanels, saveScores } from '~/services/experts.server'
import { publishedDraw } from '~/services/draws.server'
import { chooseCandidate, confirmOffer, getProject, listResults, registerForProject, runProjectDraw, submitSealedQuote } from '~/services/projects.server'
import { makeUser, testDb } from '../support/db'
import { ctx, passDeadline, project, publishedProject, world, yuan } from './market-support'

async function fieldKey(work: Promise<unknown>) {
  try {
    await work
  } catch (err) {
    if (err instanceof FieldError) return err.messageKey
    throw err
  }
  return null
}

describe('竞价选取 competitive bidding', () => {
  it('keeps quotes sealed until the deadline, opens them automatically, the lowest wins, every quote is published', async () => {
    const db = await testDb()
    const { buyer, agencies } = await world(db, 4)
    const id = await publishedProject(db, buyer, 'bidding')
    const amounts = [80_000, 72_000, 90_000]
    const receipts = []
    for (const [i, a] of agencies.slice(0, 3).entries()) {
      await registerForProject(db, ctx(a), id, { proposal: '' })
      receipts.push(await submitSealedQuote(db, ctx(a), id, yuan(amounts[i]!)))
    }
    expect(await fieldKey(submitSealedQuote(db, ctx(agencies[3]!), id, yuan(1000)))).toBe('mkt.err.notRegistered')
    expect(await fieldKey(submitSealedQuote(db, ctx(agencies[0]!), id, yuan(100_001)))).toBe('mkt.quote.overBudget')

    // Sealed: no amount anywhere in the database, not in the audit trail, not on any page (the centre's included).
    const stored = await db.selectFrom('market_quotes').selectAll().execute()
    expect(stored.every((q) => q.amount_fen === null && !q.sealed.includes('8000000'))).toBe(true)
    expect(stored.map((q) => q.commitment).sort()).toEqual(receipts.map((r) => r.commitment).sort())
    const audit = JSON.stringify(await db.selectFrom('audit_log').select('payload').execute())
    expect(audit).not.toContain('8000000')
    const centre = await makeUser(db, 'center_admin')
    const seenByCentre = await getProject(db, centre, id)
    expect(seenByCentre.quotes).toEqual([])
    expect(seenByCentre.quoteCount).toBe(3)

    await passDeadline(db, id)
    const p = await project(db, id)
    expect(p.status).toBe('offering')
    expect(p.result_order).toEqual([agencies[1]!.organizationId, agencies[0]!.organizationId, agencies[2]!.organizationId])
    expect(await fieldKey(submitSealedQuote(db, ctx(agencies[0]!), id, yuan(1)))).toBe('mkt.err.deadlinePassed')
    await confirmOffer(db, ctx(agencies[1]!), id, { explanation: '' })
    expect((await project(db, id)).awarded_amount_fen).toBe(7_200_000)
    const results = await listResults(db)
    expect(results[0]!.quotes.map((q) => q.amount_fen)).toEqual([7_200_000, 8_000_000, 9_000_000])
    // No tie: the tie-break commitment stays unrevealed.
    expect(await db.selectFrom('market_draws').select('drawn_at').where('project_id', '=', id).execute()).toEqual([{ drawn_at: null }])
  })

  it('refuses a quote one second after the deadline by the database clock', async () => {
    const db = await testDb()
    const { buyer, agencies } = await world(db, 2)
    const id = await publishedProject(db, buyer, 'bidding')
    await registerForProject(db, ctx(agencies[0]!), id, { proposal: '' })
    await db.updateTable('market_projects').set({ registration_deadline: sql<Date>`now() - interval '1 second'` }).where('id', '=', id).execute()
    expect(await fieldKey(submitSealedQuote(db, ctx(agencies[0]!), id, yuan(50_000)))).toBe('mkt.err.deadlinePassed')
    expect(await db.selectFrom('market_quotes').select('project_id').execute()).toEqual([])
  })

  it('breaks a tie with a verifiable draw committed at publication, and asks for an explanation of an abnormally low quote', async () => {
    const db = await testDb()
    const { buyer, agencies } = await world(db, 4)
    const id = await publishedProject(db, buyer, 'bidding')
    const commitment = await db.selectFrom('market_draws').select(['id', 'secret_hash', 'pool_hash']).where('project_id', '=', id).executeTakeFirstOrThrow()
    expect(commitment.pool_hash).toBeNull()
    for (const [i, amount] of [30_000, 30_000, 80_000, 85_000].entries()) {
      await registerForProject(db, ctx(agencies[i]!), id, { proposal: '' })
      await submitSealedQuote(db, ctx(agencies[i]!), id, yuan(amount))
    }
    await passDeadline(db, id)
    const record = await publishedDraw(db, commitment.id)
    expect(record).not.toBeNull()
    expect((await verifyDraw(record)).ok).toBe(true)
    expect(record!.secretHash).toBe(commitment.secret_hash)
    const p = await project(db, id)
    const tied = [agencies[0]!.organizationId!, agencies[1]!.organizationId!]
    const drawnFirst = record!.order.map(Number).filter((o) => tied.includes(o))
    expect(p.result_order!.slice(0, 2)).toEqual(drawnFirst)
    const winner = agencies.find((a) => a.organizationId === p.result_order![0])!
    const quotes = await db.selectFrom('market_quotes').select(['supplier_org_id', 'abnormally_low']).execute()
    expect(quotes.filter((q) => q.abnormally_low).map((q) => q.supplier_org_id).sort()).toEqual([...tied].sort())
    expect(await fieldKey(confirmOffer(db, ctx(winner), id, { explanation: '' }))).toBe('mkt.err.explanationRequired')
    await confirmOffer(db, ctx(winner), id, { explanation: '采用自有数据库，人工成本低' })
    expect((await project(db, id)).status).toBe('publicity')
  })

  it('fails with fewer than two quotes', async () => {
    const db = await testDb()
    const { buyer, agencies } = await world(db, 2)
    const id = await publishedProject(db, buyer, 'bidding')
    await registerForProject(db, ctx(agencies[0]!), id, { proposal: '' })
    await registerForProject(db, ctx(agencies[1]!), id, { proposal: '' })
    await submitSealedQuote(db, ctx(agencies[0]!), id, yuan(10_000))
    await passDeadline(db, id)
    expect((await project(db, id)).status).toBe('failed')
  })
})

describe('直接选取 and 信用择优', () => {
  it('direct pick: the buyer picks from the frozen list with a reason', async () => {
    const db = await testDb()
    const { buyer, agencies } = await world(db, 3)
    const id = await publishedProject(db, buyer, 'direct')
    await registerForProject(db, ctx(agencies[0]!), id, { proposal: '' })
    await registerForProject(db, ctx(agencies[1]!), id, { proposal: '' })
    await passDeadline(db, id)
    expect((await project(db, id)).status).toBe('choosing')
    expect(await fieldKey(chooseCandidate(db, ctx(buyer), id, { supplierId: agencies[2]!.organizationId!, note: 'x' }))).toBe('mkt.err.notInList')
    await chooseCandidate(db, ctx(buyer), id, { supplierId: agencies[1]!.organizationId!, note: '熟悉本单位资产情况' })
    const p = await project(db, id)
    expect(p.status).toBe('offering')
    expect(p.result_order).toEqual([agencies[1]!.organizationId, agencies[0]!.organizationId])
    expect(p.decision_note).toBe('熟悉本单位资产情况')
  })

  it('credit merit: big list by credit, small list by a draw, the buyer chooses from the small list', async () => {
    const db = await testDb()
    const { buyer, centre, agencies } = await world(db, 5)
    const id = await publishedProject(db, buyer, 'credit', { bigList: '3', smallList: '2' })
    await db.insertInto('credit_events').values({ organization_id: agencies[4]!.organizationId!, points: -30, kind: 'late-contract', reason: '合同公告逾期' }).execute()
    await db.insertInto('credit_events').values({ organization_id: agencies[3]!.organizationId!, points: -10, kind: 'data-error', reason: '数据错误' }).execute()
    for (const a of agencies) await registerForProject(db, ctx(a), id, { proposal: '' })
    await passDeadline(db, id)
    let p = await project(db, id)
    expect(p.status).toBe('drawing')
    const big = (p.settings as { bigListIds: number[] }).bigListIds
    expect(big.sort()).toEqual(agencies.slice(0, 3).map((a) => a.organizationId!).sort())
    const drawId = await runProjectDraw(db, ctx(centre), id, '31415')
    const record = await publishedDraw(db, drawId)
    expect((await verifyDraw(record)).ok).toBe(true)
    p = await project(db, id)
    const small = (p.settings as { smallListIds: number[] }).smallListIds
    expect(small).toEqual(record!.order.slice(0, 2).map(Number))
    const outside = big.find((b) => !small.includes(b))!
    expect(await fieldKey(chooseCandidate(db, ctx(buyer), id, { supplierId: outside, note: 'x' }))).toBe('mkt.err.notInList')
    await chooseCandidate(db, ctx(buyer), id, { supplierId: small[1]!, note: '服务方案更贴合' })
    expect((await project(db, id)).result_order![0]).toBe(small[1])
  })
})

describe('方案择优 merit by proposal with a drawn expert panel', () => {
  async function experts(db: Awaited<ReturnType<typeof testDb>>, n: number, conflictedWith?: number) {
    const users = []
    for (let i = 0; i < n; i++) {
      const u = await makeUser(db, 'expert', { organizationId: null })
      const row = await db
        .insertInto('experts')
        .values({ user_id: u.id, name: `专家${i}`, specialties: JSON.stringify(['资产评估']), employer_org_id: i === 0 && conflictedWith ? conflictedWith : null })
        .returning('id')
        .executeTakeFirstOrThrow()
      // Draws and panels are in expert ids; tests act as the expert's user.
      users.push({ ...u, id: u.id, expertId: row.id })
    }
    return users
  }

  it('excludes a conflicted expert, replaces a decliner, scores blind, reveals after every lock, with 评定分离 the buyer decides', async () => {
    const db = await testDb()
    const { buyer, centre, agencies } = await world(db, 3)
    const pool = await experts(db, 7, agencies[0]!.organizationId!)
    const id = await publishedProject(db, buyer, 'proposal', { panelSize: '5', topN: '2' })
    for (const [i, a] of agencies.entries()) await registerForProject(db, ctx(a), id, { proposal: `方案 ${i}：现场勘查三天，出具报告` })
    await passDeadline(db, id)
    expect((await project(db, id)).status).toBe('scoring')
    const avoidance = await db.selectFrom('audit_log').select('payload').where('action', '=', 'market.panel.avoidance').executeTakeFirstOrThrow()
    expect((avoidance.payload as { excluded: { userId: number }[] }).excluded).toEqual([{ userId: pool[0]!.expertId, reason: 'employer' }])

    const drawId = await runProjectDraw(db, ctx(centre), id, '9')
    const record = (await publishedDraw(db, drawId))!
    expect(record.pool.candidates).not.toContain(String(pool[0]!.expertId))
    let seated = (await db.selectFrom('market_panel_members').select('expert_id').where('status', '=', 'seated').execute()).map((m) => m.expert_id)
    expect(seated.sort()).toEqual(record.order.slice(0, 5).map(Number).sort())
    const byId = new Map(pool.map((u) => [u.expertId, u]))

    // The first seated expert declines; the sixth in the drawn order takes the seat.
    await declinePanelSeat(db, ctx(byId.get(Number(record.order[0]))!), id, '出差')
    seated = (await db.selectFrom('market_panel_members').select('expert_id').where('status', '=', 'seated').execute()).map((m) => m.expert_id)
    expect(seated).toContain(Number(record.order[5]))
    // Experts see only their projects.
    const outsider = byId.get(Number(record.order[0]))!
    await expect(getScoringSheet(db, outsider, id)).rejects.toThrow()
    expect(await listMyPanels(db, byId.get(seated[0]!)!)).toHaveLength(1)

    expect(await fieldKey(saveScores(db, ctx(byId.get(seated[0]!)!), id, { index: 0, scores: { approach: 41, team: 0, schedule: 0, price: 0 }, lock: false }))).toBe('mkt.err.scoreRange')
    for (const expertId of seated) {
      const expert = byId.get(expertId)!
      const sheet = await getScoringSheet(db, expert, id)
      expect(sheet.proposals.map((s) => s.label)).toEqual(['A', 'B', 'C'])
      expect(JSON.stringify(sheet)).not.toMatch(/supplier/)
      for (const prop of sheet.proposals) {
        expect((await project(db, id)).status).toBe('scoring')
        await saveScores(db, ctx(expert), id, { index: prop.index, scores: { approach: 30 + prop.index * 3, team: 20, schedule: 10, price: 10 }, lock: true })
      }
    }
    // After the last lock nothing can be changed.
    expect(await fieldKey(saveScores(db, ctx(byId.get(seated[0]!)!), id, { index: 0, scores: { approach: 1, team: 0, schedule: 0, price: 0 }, lock: false }))).toBe('mkt.err.wrongState')
    const p = await project(db, id)
    expect(p.status).toBe('choosing')
    const list = (p.settings as { choiceList: number[] }).choiceList
    expect(list).toHaveLength(2)
    await chooseCandidate(db, ctx(buyer), id, { supplierId: list[1]!, note: '第二名的团队更熟悉本地情况' })
    expect((await project(db, id)).status).toBe('offering')
    const results = await getProject(db, null, id)
    expect(results.panel!.revealed).toBe(true)
    expect(results.panel!.scores).toHaveLength(15)
  })

  it('fails when too few experts remain after avoidance', async () => {
    const db = await testDb()
    const { buyer, agencies } = await world(db, 2)
    await experts(db, 5, agencies[0]!.organizationId!)
    const id = await publishedProject(db, buyer, 'proposal', { panelSize: '5' })
    for (const a of agencies) await registerForProject(db, ctx(a), id, { proposal: '方案' })
    await passDeadline(db, id)
    expect((await project(db, id)).failure_reason).toBe('too-few-experts')
  })
})
