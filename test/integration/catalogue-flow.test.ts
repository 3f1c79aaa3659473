import { sql } from 'kysely'
import { describe, expect, it } from 'vitest'
import { answerApplication, getApplication, listApplications, reviewApplication, submitApplication } from '~/services/catalogue-applications.server'
import { addMenuItem, changePrice, decidePriceRise } from '~/services/catalogue-menu.server'
import { acceptOrder, catalogueDashboard, confirmOrder, declineOrder, expireConfirmation, getOrder, listOrders, placeOrder, rateOrder } from '~/services/catalogue-orders.server'
import { browseOffers, publicMembers, saveCategory } from '~/services/catalogue.server'
import { FieldError, ForbiddenError } from '~/services/errors'
import { isEligibleMember, suspendMembership } from '~/services/memberships.server'
import { storeUpload } from '~/lib/storage.server'
import { DEFAULT_RATING_CRITERIA } from '~/domain/catalogue'
import { verifyAuditChain } from '~/services/audit.server'
import { makeUser, testDb } from '../support/db'

type U = Awaited<ReturnType<typeof makeUser>>
const ctx = (actor: U) => ({ actor, clientAddress: '127.0.0.1' })
const PDF = new TextEncoder().encode('%PDF-1.4\n%test\n%%EOF\n')

async function pdf(name = 'licence.pdf') {
  const r = await storeUpload(new File([PDF], name, { type: 'application/pdf' }))
  if (!r.ok) throw new Error(r.problem)
  return r.file
}

const categoryInput = (over: Partial<Parameters<typeof saveCategory>[2]> = {}) => ({
  code: 'C05',
  nameZh: '保安服务',
  nameEn: 'Security services',
  kind: 'services' as const,
  market: 'catalogue' as const,
  qualifications: [
    { key: 'business_licence', name_zh: '营业执照', name_en: 'Business licence', required: true },
    { key: 'security_permit', name_zh: '保安服务许可证', name_en: 'Security permit', required: true },
  ],
  itemFields: [
    { key: 'guards', label_zh: '保安员人数', label_en: 'Guards', type: 'number' as const, required: true, min: 1, max: 500 },
    { key: 'licence_level', label_zh: '等级', label_en: 'Level', type: 'select' as const, required: true, options: ['初级', '中级'] },
  ],
  ratingCriteria: DEFAULT_RATING_CRITERIA,
  orderCeilingFen: 1_000_000,
  annualCeilingFen: 1_500_000,
  allocation: 'free' as const,
  confirmDays: 2,
  passOnDecline: true,
  priceRiseApproval: true,
  validityMonths: 24,
  description: '',
  ...over,
})

async function setup(over: Partial<Parameters<typeof saveCategory>[2]> = {}) {
  const db = await testDb()
  const admin = await makeUser(db, 'center_admin')
  await saveCategory(db, ctx(admin), categoryInput(over))
  return { db, admin }
}

async function admitted(db: Awaited<ReturnType<typeof testDb>>, admin: U, code = 'C05') {
  const supplier = await makeUser(db, 'supplier')
  const id = await submitApplication(db, ctx(supplier), {
    categoryCode: code,
    company: { contactName: '王芳', contactPhone: '0755-82345678', address: '深圳市福田区', introduction: '' },
    commitmentSignedBy: '王芳',
    documents: [
      { qualificationKey: 'business_licence', file: await pdf() },
      { qualificationKey: 'security_permit', file: await pdf('permit.pdf') },
    ],
  })
  await reviewApplication(db, ctx(admin), id, { decision: 'approve', validUntil: new Date(Date.now() + 365 * 86_400_000), reason: '' })
  return supplier
}

async function listed(db: Awaited<ReturnType<typeof testDb>>, supplier: U, priceFen = 620_000) {
  return addMenuItem(db, ctx(supplier), 'C05', { name: '门岗保安服务', specification: '24小时', unit: '人·月', priceFen, fields: { guards: '4', licence_level: '初级' } })
}

async function currentPrice(db: Awaited<ReturnType<typeof testDb>>, itemId: number) {
  return (await db.selectFrom('menu_prices').select(['id', 'price_fen']).where('menu_item_id', '=', itemId).where('status', '=', 'active').executeTakeFirstOrThrow())
}

describe('pre-qualification', () => {
  it('applies, is sent back, answers, is approved: a member with a validity, every step audited', async () => {
    const { db, admin } = await setup()
    const supplier = await makeUser(db, 'supplier')
    await expect(
      submitApplication(db, ctx(supplier), { categoryCode: 'C05', company: { contactName: 'a', contactPhone: '', address: '', introduction: '' }, commitmentSignedBy: '王芳', documents: [{ qualificationKey: 'business_licence', file: await pdf() }] }),
    ).rejects.toMatchObject({ field: 'doc.security_permit', messageKey: 'cat.app.documentRequired' })
    const id = await submitApplication(db, ctx(supplier), {
      categoryCode: 'C05',
      company: { contactName: '王芳', contactPhone: '', address: '', introduction: '' },
      commitmentSignedBy: '王芳',
      documents: [{ qualificationKey: 'business_licence', file: await pdf() }, { qualificationKey: 'security_permit', file: await pdf('p.pdf') }],
    })
    await expect(submitApplication(db, ctx(supplier), { categoryCode: 'C05', company: { contactName: '', contactPhone: '', address: '', introduction: '' }, commitmentSignedBy: 'x', documents: [{ qualificationKey: 'business_licence', file: await pdf() }, { qualificationKey: 'security_permit', file: await pdf() }] })).rejects.toMatchObject({ messageKey: 'cat.app.alreadyOpen' })
    await reviewApplication(db, ctx(admin), id, { decision: 'return', reason: '保安服务许可证已过期，请补充新证' })
    const seen = await getApplication(db, supplier, id)
    expect(seen.app.status).toBe('returned')
    expect(seen.notes.at(-1)).toMatchObject({ kind: 'returned', body: '保安服务许可证已过期，请补充新证' })
    await expect(reviewApplication(db, ctx(admin), id, { decision: 'approve', validUntil: new Date(Date.now() + 1e10), reason: '' })).rejects.toMatchObject({ messageKey: 'cat.app.notAwaitingReview' })
    await answerApplication(db, ctx(supplier), id, { reply: '已上传新证', documents: [{ qualificationKey: 'security_permit', file: await pdf('new.pdf') }] })
    await expect(reviewApplication(db, ctx(admin), id, { decision: 'approve', validUntil: new Date(Date.now() - 1000), reason: '' })).rejects.toMatchObject({ field: 'validUntil' })
    await reviewApplication(db, ctx(admin), id, { decision: 'approve', validUntil: new Date(Date.now() + 365 * 86_400_000), reason: '' })
    expect(await isEligibleMember(db, supplier.organizationId!, 'C05')).toBe(true)
    expect((await publicMembers(db, 'C05')).members).toHaveLength(1)
    const actions = (await db.selectFrom('audit_log').select('action').orderBy('id').execute()).map((a) => a.action)
    expect(actions).toEqual(['category.created', 'application.submitted', 'application.returned', 'application.answered', 'application.approved'])
    expect((await verifyAuditChain(db)).ok).toBe(true)
  })

  it('refuses the wrong role and another supplier’s application', async () => {
    const { db, admin } = await setup()
    const supplier = await makeUser(db, 'supplier')
    const other = await makeUser(db, 'supplier')
    const agency = await makeUser(db, 'agency')
    const id = await submitApplication(db, ctx(supplier), { categoryCode: 'C05', company: { contactName: '', contactPhone: '', address: '', introduction: '' }, commitmentSignedBy: 'x', documents: [{ qualificationKey: 'business_licence', file: await pdf() }, { qualificationKey: 'security_permit', file: await pdf() }] })
    await expect(getApplication(db, other, id)).rejects.toBeInstanceOf(ForbiddenError)
    await expect(reviewApplication(db, ctx(supplier), id, { decision: 'reject', reason: 'x' })).rejects.toBeInstanceOf(ForbiddenError)
    await expect(reviewApplication(db, ctx(agency), id, { decision: 'reject', reason: 'x' })).rejects.toBeInstanceOf(ForbiddenError)
    await reviewApplication(db, ctx(admin), id, { decision: 'return', reason: '补正' })
    await expect(answerApplication(db, ctx(other), id, { reply: 'x', documents: [] })).rejects.toBeInstanceOf(ForbiddenError)
    await expect(submitApplication(db, ctx(agency), { categoryCode: 'C05', company: { contactName: '', contactPhone: '', address: '', introduction: '' }, commitmentSignedBy: 'x', documents: [] })).rejects.toBeInstanceOf(ForbiddenError)
    expect((await listApplications(db, other, { page: 1, pageSize: 10 })).total).toBe(0)
    expect((await listApplications(db, admin, { page: 1, pageSize: 10 })).total).toBe(1)
    await expect(saveCategory(db, ctx(supplier), categoryInput({ code: 'C99' }))).rejects.toBeInstanceOf(ForbiddenError)
  })

  it('a file that is not what its name says is refused', async () => {
    expect(await storeUpload(new File([new TextEncoder().encode('MZ\x90\x00 not a pdf')], 'licence.pdf'))).toEqual({ ok: false, problem: 'type' })
    const png = new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 1, 2, 3])
    expect(await storeUpload(new File([png], 'licence.pdf'))).toEqual({ ok: false, problem: 'mismatch' })
    expect(await storeUpload(new File([png], 'licence.exe'))).toEqual({ ok: false, problem: 'type' })
    expect(await storeUpload(new File([], 'empty.pdf'))).toEqual({ ok: false, problem: 'empty' })
    expect((await storeUpload(new File([png], 'scan.png'))).ok).toBe(true)
  })

  it('renewal is shorter and keeps the history; an active member cannot renew too early', async () => {
    const { db, admin } = await setup()
    const supplier = await admitted(db, admin)
    const renew = () => submitApplication(db, ctx(supplier), { categoryCode: 'C05', company: { contactName: '', contactPhone: '', address: '', introduction: '' }, commitmentSignedBy: 'x', documents: [] })
    await expect(renew()).rejects.toMatchObject({ messageKey: 'cat.app.notYetRenewable' })
    await db.updateTable('memberships').set({ valid_until: sql`now() + interval '10 days'` }).execute()
    const id = await renew()
    const app = await getApplication(db, admin, id)
    expect(app.app.kind).toBe('renewal')
    expect(app.documents.map((d) => d.qualification_key).sort()).toEqual(['business_licence', 'security_permit'])
    expect(app.history).toHaveLength(1)
    const before = await db.selectFrom('memberships').select(['id', 'valid_from']).executeTakeFirstOrThrow()
    await reviewApplication(db, ctx(admin), id, { decision: 'approve', validUntil: new Date(Date.now() + 700 * 86_400_000), reason: '' })
    const after = await db.selectFrom('memberships').select(['id', 'valid_from', 'valid_until']).executeTakeFirstOrThrow()
    expect(after.id).toBe(before.id)
    expect(after.valid_from).toEqual(before.valid_from)
  })
})

describe('the menu', () => {
  it('validates the category’s own fields and versions prices; a rise waits for approval', async () => {
    const { db, admin } = await setup()
    const supplier = await admitted(db, admin)
    await expect(addMenuItem(db, ctx(supplier), 'C05', { name: 'x', specification: '', unit: '人', priceFen: 100, fields: { guards: 'many', licence_level: '初级' } })).rejects.toMatchObject({ field: 'field.guards', messageKey: 'cat.field.number' })
    await expect(addMenuItem(db, ctx(supplier), 'C05', { name: 'x', specification: '', unit: '人', priceFen: 100, fields: { guards: '3', licence_level: '特级' } })).rejects.toMatchObject({ field: 'field.licence_level' })
    const itemId = await listed(db, supplier)
    expect(await changePrice(db, ctx(supplier), itemId, 600_000)).toBe('active')
    expect(Number((await currentPrice(db, itemId)).price_fen)).toBe(600_000)
    expect(await changePrice(db, ctx(supplier), itemId, 650_000)).toBe('pending')
    expect(Number((await currentPrice(db, itemId)).price_fen)).toBe(600_000)
    const pending = await db.selectFrom('menu_prices').select('id').where('status', '=', 'pending').executeTakeFirstOrThrow()
    await expect(decidePriceRise(db, ctx(supplier), pending.id, true)).rejects.toBeInstanceOf(ForbiddenError)
    await decidePriceRise(db, ctx(admin), pending.id, true)
    expect(Number((await currentPrice(db, itemId)).price_fen)).toBe(650_000)
    const other = await makeUser(db, 'supplier')
    await expect(changePrice(db, ctx(other), itemId, 1)).rejects.toBeInstanceOf(ForbiddenError)
    await expect(addMenuItem(db, ctx(other), 'C05', { name: 'x', specification: '', unit: '人', priceFen: 100, fields: { guards: '3', licence_level: '初级' } })).rejects.toBeInstanceOf(ForbiddenError)
  })
})

describe('ordering', () => {
  it('browse, order, confirm, accept as a contract, rate: the rating shows on the dashboard', async () => {
    const { db, admin } = await setup()
    const supplier = await admitted(db, admin)
    const itemId = await listed(db, supplier)
    const agency = await makeUser(db, 'agency')
    const offers = await browseOffers(db, 'C05', { page: 1, pageSize: 20 })
    expect(offers.rows.map((r) => r.id)).toEqual([itemId])
    const price = await currentPrice(db, itemId)
    const input = { menuItemId: itemId, priceId: price.id, quantity: 1, deliveryAddress: '福田区', note: '', idempotencyKey: 'k-1' }
    const placed = await placeOrder(db, ctx(agency), input)
    expect(placed.duplicate).toBe(false)
    // The same form posted again (two tabs) returns the same order.
    expect(await placeOrder(db, ctx(agency), input)).toEqual({ id: placed.id, duplicate: true })
    expect((await listOrders(db, agency, { page: 1, pageSize: 10 })).total).toBe(1)
    const other = await makeUser(db, 'supplier')
    await expect(confirmOrder(db, ctx(other), placed.id)).rejects.toBeInstanceOf(ForbiddenError)
    await expect(getOrder(db, other, placed.id)).rejects.toBeInstanceOf(ForbiddenError)
    await expect(acceptOrder(db, ctx(agency), placed.id)).rejects.toMatchObject({ messageKey: 'cat.order.wrongState' })
    await confirmOrder(db, ctx(supplier), placed.id)
    await acceptOrder(db, ctx(agency), placed.id)
    const { order } = await getOrder(db, agency, placed.id)
    expect(order.status).toBe('accepted')
    expect(order.contract_no).toMatch(/^HT\d{14}$/)
    expect(order.contract_published_at).not.toBeNull()
    await expect(rateOrder(db, ctx(agency), placed.id, { scores: { quality: 5 }, comment: '' })).rejects.toMatchObject({ field: 'score.timeliness' })
    await rateOrder(db, ctx(agency), placed.id, { scores: { quality: 5, timeliness: 4, service: 4 }, comment: '准时到岗' })
    await expect(rateOrder(db, ctx(agency), placed.id, { scores: { quality: 5, timeliness: 4, service: 4 }, comment: '' })).rejects.toMatchObject({ messageKey: 'cat.rating.already' })
    const rated = await browseOffers(db, 'C05', { page: 1, pageSize: 20 })
    expect(Number(rated.rows[0]!.rating)).toBeCloseTo(4.4)
    const board = await catalogueDashboard(db, admin)
    expect(board.totals).toMatchObject({ orders: 1, contracts: 1, spend: 620_000 })
    await expect(catalogueDashboard(db, agency)).rejects.toBeInstanceOf(ForbiddenError)
  })

  it('refuses an order over the ceilings, at a price that changed, or from a suspended or expired member', async () => {
    const { db, admin } = await setup()
    const supplier = await admitted(db, admin)
    const itemId = await listed(db, supplier)
    const agency = await makeUser(db, 'agency')
    let price = await currentPrice(db, itemId)
    const order = (over: Partial<Parameters<typeof placeOrder>[2]>) => placeOrder(db, ctx(agency), { menuItemId: itemId, priceId: price.id, quantity: 1, deliveryAddress: '', note: '', idempotencyKey: Math.random().toString(36), ...over })
    await expect(order({ quantity: 2 })).rejects.toMatchObject({ field: 'quantity', messageKey: 'cat.order.overOrderCeiling' })
    await order({})
    await order({})
    await expect(order({})).rejects.toMatchObject({ messageKey: 'cat.order.overAnnualCeiling' })
    await db.deleteFrom('catalogue_orders').execute()
    await changePrice(db, ctx(supplier), itemId, 500_000)
    await expect(order({})).rejects.toMatchObject({ messageKey: 'cat.order.priceChanged' })
    price = await currentPrice(db, itemId)
    const m = await db.selectFrom('memberships').select('id').executeTakeFirstOrThrow()
    await suspendMembership(db, ctx(admin), m.id, { until: new Date(Date.now() + 86_400_000), reason: '投诉核查' })
    await expect(order({})).rejects.toMatchObject({ messageKey: 'cat.order.unavailable' })
    expect((await browseOffers(db, 'C05', { page: 1, pageSize: 20 })).total).toBe(0)
    await db.updateTable('memberships').set({ status: 'active', suspended_until: null, valid_from: sql`now() - interval '2 days'`, valid_until: sql`now() - interval '1 second'` }).execute()
    await expect(order({})).rejects.toMatchObject({ messageKey: 'cat.order.unavailable' })
    const wrong = await makeUser(db, 'supplier')
    await expect(placeOrder(db, ctx(wrong), { menuItemId: itemId, priceId: price.id, quantity: 1, deliveryAddress: '', note: '', idempotencyKey: 'x' })).rejects.toBeInstanceOf(ForbiddenError)
  })

  it('rotation among equal offers, and a decline or a silent deadline passes to the next supplier', async () => {
    const { db, admin } = await setup({ allocation: 'rotation', orderCeilingFen: null, annualCeilingFen: null })
    const a = await admitted(db, admin)
    const b = await admitted(db, admin)
    const c = await admitted(db, admin)
    const items = [await listed(db, a), await listed(db, b), await listed(db, c)]
    await listed(db, c, 700_000) // a dearer offer is not "the same"
    const agency = await makeUser(db, 'agency')
    const price = await currentPrice(db, items[2]!)
    const first = await placeOrder(db, ctx(agency), { menuItemId: items[2]!, priceId: price.id, quantity: 1, deliveryAddress: '', note: '', idempotencyKey: 'r1' })
    let { order } = await getOrder(db, admin, first.id)
    expect(order.supplier_org_id).toBe(a.organizationId)
    expect((order.candidates as { organizationId: number }[]).map((x) => x.organizationId)).toEqual([a.organizationId, b.organizationId, c.organizationId])
    await expect(declineOrder(db, ctx(b), first.id, 'x')).rejects.toBeInstanceOf(ForbiddenError)
    await declineOrder(db, ctx(a), first.id, '人手不足')
    order = (await getOrder(db, admin, first.id)).order
    expect(order.supplier_org_id).toBe(b.organizationId)
    // b stays silent past its deadline: the job passes the order to c.
    await db.updateTable('catalogue_orders').set({ confirm_deadline: sql`now() - interval '1 second'` }).where('id', '=', first.id).execute()
    await expect(confirmOrder(db, ctx(b), first.id)).rejects.toMatchObject({ messageKey: 'cat.order.deadlinePassed' })
    await db.transaction().execute((trx) => expireConfirmation(trx, { orderId: first.id, candidateIndex: 1 }))
    order = (await getOrder(db, admin, first.id)).order
    expect(order.supplier_org_id).toBe(c.organizationId)
    await declineOrder(db, ctx(c), first.id, '无法按期')
    order = (await getOrder(db, admin, first.id)).order
    expect(order.status).toBe('declined')
    expect(order.decline_reasons).toHaveLength(3)
    // The next order starts with the supplier that has been offered the fewest: rotation moves on.
    const second = await placeOrder(db, ctx(agency), { menuItemId: items[0]!, priceId: (await currentPrice(db, items[0]!)).id, quantity: 1, deliveryAddress: '', note: '', idempotencyKey: 'r2' })
    expect((await getOrder(db, admin, second.id)).order.supplier_org_id).not.toBe(c.organizationId)
  })

  it('the verifiable draw orders equal offers and publishes what replays it', async () => {
    const { db, admin } = await setup({ allocation: 'draw', orderCeilingFen: null, annualCeilingFen: null })
    const suppliers = [await admitted(db, admin), await admitted(db, admin), await admitted(db, admin)]
    const items = []
    for (const s of suppliers) items.push(await listed(db, s))
    const agency = await makeUser(db, 'agency')
    const placed = await placeOrder(db, ctx(agency), { menuItemId: items[0]!, priceId: (await currentPrice(db, items[0]!)).id, quantity: 1, deliveryAddress: '', note: '', idempotencyKey: 'draw-1' })
    const { order } = await getOrder(db, admin, placed.id)
    const draw = order.draw as { order: string[]; secret: string; seed: string; poolHash: string }
    expect(draw.order.map(Number).sort()).toEqual(suppliers.map((s) => s.organizationId).sort())
    expect(order.supplier_org_id).toBe(Number(draw.order[0]))
    const { verifyDraw } = await import('~/domain/draw')
    expect((await verifyDraw(draw as never)).ok).toBe(true)
  })
})

describe('supermarket categories and the ends of an order', () => {
  it('an intermediary agency applies to a supermarket category the same way and becomes eligible', async () => {
    const { db, admin } = await setup({ code: 'S01', nameZh: '工程造价咨询', nameEn: 'Cost consulting', market: 'supermarket', qualifications: [{ key: 'business_licence', name_zh: '营业执照', name_en: 'Licence', required: true }], itemFields: [] })
    const agencyFirm = await makeUser(db, 'supplier')
    const id = await submitApplication(db, ctx(agencyFirm), { categoryCode: 'S01', company: { contactName: '', contactPhone: '', address: '', introduction: '' }, commitmentSignedBy: '李明', documents: [{ qualificationKey: 'business_licence', file: await pdf() }] })
    await reviewApplication(db, ctx(admin), id, { decision: 'approve', validUntil: new Date(Date.now() + 400 * 86_400_000), reason: '' })
    const { eligibleMemberIds } = await import('~/services/memberships.server')
    expect(await eligibleMemberIds(db, 'S01')).toEqual([agencyFirm.organizationId])
  })

  it('without pass-on a decline ends the order; an expired member cannot confirm; a buyer cancels before confirmation', async () => {
    const { db, admin } = await setup({ passOnDecline: false, orderCeilingFen: null, annualCeilingFen: null, allocation: 'rotation' })
    const a = await admitted(db, admin)
    const b = await admitted(db, admin)
    const itemA = await listed(db, a)
    await listed(db, b)
    const agency = await makeUser(db, 'agency')
    const place = async (key: string) => (await placeOrder(db, ctx(agency), { menuItemId: itemA, priceId: (await currentPrice(db, itemA)).id, quantity: 1, deliveryAddress: '', note: '', idempotencyKey: key })).id
    const supplierOf = async (id: number) => (await getOrder(db, admin, id)).order.supplier_org_id
    const actorFor = (orgId: number) => (orgId === a.organizationId ? a : b)
    const first = await place('np-1')
    await declineOrder(db, ctx(actorFor(await supplierOf(first))), first, '无法供货')
    expect((await getOrder(db, admin, first)).order.status).toBe('declined')
    const second = await place('np-2')
    const who = await supplierOf(second)
    await db.updateTable('memberships').set({ valid_from: sql`now() - interval '2 days'`, valid_until: sql`now() - interval '1 second'` }).where('organization_id', '=', who).execute()
    await expect(confirmOrder(db, ctx(actorFor(who)), second)).rejects.toMatchObject({ messageKey: 'cat.order.supplierNotEligible' })
    const { cancelOrder } = await import('~/services/catalogue-orders.server')
    await expect(cancelOrder(db, ctx(admin), second)).rejects.toBeInstanceOf(ForbiddenError)
    await cancelOrder(db, ctx(agency), second)
    expect((await getOrder(db, agency, second)).order.status).toBe('cancelled')
  })
})

describe('FieldError shape', () => {
  it('is what the routes show next to a field', () => {
    expect(new FieldError('quantity', 'cat.order.overOrderCeiling')).toMatchObject({ field: 'quantity' })
  })
})
