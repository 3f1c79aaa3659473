// Demo data of the intermediary services supermarket: projects in every state for every method, finished ones with
// their draws, opened quotes and scores, so that /results and real /draws/<id> pages show something at once.
// Every step goes through the same services as the site, inside the seed's one transaction.
import { sql, type Transaction } from 'kysely'
import type { DB } from './client'
import type { Database } from './schema'
import type { Actor } from '../app/domain/permissions'
import { projectSchema } from '../app/domain/selection'
import {
  answerObjection,
  chooseCandidate,
  closeRegistration,
  confirmOffer,
  createProject,
  declineOffer,
  endPublicity,
  fileObjection,
  recordContract,
  registerForProject,
  runProjectDraw,
  submitProject,
  submitSealedQuote,
} from '../app/services/projects.server'
import { saveScoresFor } from '../app/services/experts.server'
import { PURCHASERS } from './seed-data'

type Trx = Transaction<Database>

export interface MarketSeedResult {
  projects: number
}

/** The services open their own transactions; inside the seed they run in the seed's. */
function inTransaction(trx: Trx): DB {
  return new Proxy(trx, {
    get(target, prop) {
      if (prop === 'transaction') return () => ({ execute: <T>(fn: (t: Trx) => Promise<T>) => fn(target) })
      // Kysely keeps its state in private fields: methods must run on the real object, not on the proxy.
      const value = Reflect.get(target, prop, target) as unknown
      return typeof value === 'function' ? (value as (...args: unknown[]) => unknown).bind(target) : value
    },
  }) as unknown as DB
}

const ctx = (actor: Actor) => ({ actor, clientAddress: null })

export async function seedMarket(trx: Trx): Promise<MarketSeedResult> {
  const existing = await trx.selectFrom('market_projects').select(sql<number>`count(*)::int`.as('n')).executeTakeFirstOrThrow()
  if (existing.n > 0) return { projects: 0 }
  const db = inTransaction(trx)

  // Who acts for each organisation: its demo account when there is one, otherwise "demo data entry" with no user
  // account (the seed creates no accounts: the audit trail shows the organisation and no user id).
  const orgs = await trx.selectFrom('organizations').select(['id', 'name', 'kind', 'main_category_code']).execute()
  const demoUsers = await trx.selectFrom('users').select(['id', 'username', 'display_name', 'role', 'organization_id']).where('username', 'like', 'demo-%').execute()
  async function actorFor(orgId: number | null, role: Actor['role']): Promise<Actor> {
    const demo = demoUsers.find((u) => u.organization_id === orgId && u.role === role)
    if (demo) return { id: demo.id, username: demo.username, displayName: demo.display_name, role: demo.role, organizationId: demo.organization_id }
    const org = orgs.find((o) => o.id === orgId)
    return { id: null as unknown as number, username: 'demo-data', displayName: `${org?.name ?? ''}（演示数据）`, role, organizationId: orgId }
  }

  const centreOrg = orgs.find((o) => o.kind === 'center')
  const buyers = PURCHASERS.map((p) => orgs.find((o) => o.name === p.name)).filter((o) => !!o)
  if (!centreOrg || buyers.length < 4) return { projects: 0 }
  const centre = await actorFor(centreOrg.id, 'center_admin')
  const members = async (code: string) =>
    (await trx.selectFrom('memberships').select('organization_id').where('category_code', '=', code).where('status', '=', 'active').where('valid_until', '>', sql<Date>`now()`).orderBy('organization_id').execute()).map(
      (m) => m.organization_id,
    )
  const supplierActor = (orgId: number) => actorFor(orgId, 'supplier')
  const buyerActor = (i: number) => actorFor(buyers[i]!.id, 'agency')

  // The expert pool: the demo expert (with an account) and five experts taken over without accounts; the last one
  // works for the first appraisal firm, and one worked for a buyer until 2021 (more than 3 years ago: no conflict).
  const appraisers = await members('S02')
  const demoExpert = demoUsers.find((u) => u.role === 'expert')
  const pool = [...(demoExpert ? [{ name: demoExpert.display_name, userId: demoExpert.id }] : []), ...['张海涛', '刘静怡', '黄志强', '林晓燕', '郭明辉'].map((name) => ({ name, userId: null }))]
  const experts: number[] = []
  for (const [i, e] of pool.entries()) {
    const row = await trx
      .insertInto('experts')
      .values({
        user_id: e.userId,
        name: e.name,
        specialties: JSON.stringify(i % 2 ? ['资产评估', '审计'] : ['工程造价', '资产评估']),
        employer_org_id: i === pool.length - 1 ? (appraisers[0] ?? null) : null,
        employment_history: JSON.stringify(i === 1 ? [{ organizationId: buyers[5]!.id, until: '2021-06-30' }] : []),
      })
      .returning('id')
      .executeTakeFirstOrThrow()
    experts.push(row.id)
  }
  const expertActor = async (expertId: number): Promise<Actor> => {
    const e = pool[experts.indexOf(expertId)]!
    return e.userId && demoExpert ? { id: demoExpert.id, username: demoExpert.username, displayName: demoExpert.display_name, role: 'expert', organizationId: null } : { id: null as unknown as number, username: 'demo-data', displayName: `${e.name}（演示数据）`, role: 'expert', organizationId: null }
  }

  // Service listings of the admitted agencies.
  const trades: Record<string, [string, string, string]> = {
    S01: ['工程概预算编制、结算审核、全过程造价咨询', '按国家发改委计价格〔2015〕299号文下浮 20%', '造价工程师'],
    S02: ['资产评估、房地产估价、土地估价、资产清查', '按资产评估收费管理办法下浮 15%', '资产评估师'],
    S03: ['财务收支审计、专项审计、结算审计、内控咨询', '按人天计费，每人天 ¥1,200', '注册会计师'],
    S04: ['地形测量、房产测绘、地籍测绘、管线探测', '按测绘生产成本费用定额下浮 10%', '注册测绘师'],
    S05: ['建筑设计、规划设计、结构安全鉴定咨询', '按工程勘察设计收费标准下浮 15%', '注册建筑师'],
    S06: ['环境影响报告书（表）编制、竣工环保验收', '按项目规模分档计费', '环评工程师'],
  }
  const admitted = await trx
    .selectFrom('memberships')
    .innerJoin('organizations', 'organizations.id', 'memberships.organization_id')
    .select(['memberships.organization_id', 'memberships.category_code', 'organizations.region'])
    .where('memberships.category_code', 'in', Object.keys(trades))
    .execute()
  if (admitted.length > 0) {
    await trx
      .insertInto('market_listings')
      .values(
        admitted.map((m, i) => {
          const [scope, fee, staff] = trades[m.category_code]!
          return {
            organization_id: m.organization_id,
            category_code: m.category_code,
            scope,
            qualifications: `${staff} ${3 + (i % 9)} 名`,
            fee_standard: fee,
            service_area: i % 3 === 0 ? '深圳市全市' : `${m.region.replace('广东省', '')}及周边`,
            staff_count: 8 + ((i * 7) % 40),
            typical_days: 10 + ((i * 3) % 25),
          }
        }),
      )
      .onConflict((oc) => oc.columns(['organization_id', 'category_code']).doNothing())
      .execute()
  }

  const input = (title: string, method: string, category: string, budgetYuan: number, extra: Record<string, string> = {}) => {
    const deadline = new Date(Date.now() + 6 * 86_400_000 + 8 * 3_600_000).toISOString().slice(0, 16)
    return projectSchema.parse({ title, categoryCode: category, scope: `${title}：按国家和行业标准完成全部服务内容，出具正式成果文件。`, budget: String(budgetYuan), method, deadline, qualifications: '具备相应执业资质，近三年无不良记录', justification: method === 'direct' ? '预算低于直接选取限额，且需熟悉前期工作的机构' : '', ...extra })
  }
  async function publish(buyerIndex: number, title: string, method: string, category: string, budgetYuan: number, extra: Record<string, string> = {}) {
    const buyer = await buyerActor(buyerIndex)
    const id = await createProject(db, ctx(buyer), input(title, method, category, budgetYuan, extra))
    await submitProject(db, ctx(buyer), id)
    return { id, buyer }
  }
  async function register(id: number, orgIds: number[], proposals = false) {
    for (const [i, orgId] of orgIds.entries()) {
      await registerForProject(db, ctx(await supplierActor(orgId)), id, { proposal: proposals ? `服务方案（${i + 1}）：组建 ${3 + i} 人项目组，${5 + i} 个工作日完成现场勘查，${10 + i} 个工作日提交报告初稿。` : '' })
    }
  }
  async function close(id: number) {
    await trx.updateTable('market_projects').set({ registration_deadline: sql<Date>`now() - interval '1 second'` }).where('id', '=', id).execute()
    await trx.updateTable('jobs').set({ status: 'done', finished_at: sql`now()` }).where('dedupe_key', '=', `market.close:${id}`).execute()
    await closeRegistration(trx, id)
  }
  async function orderOf(id: number) {
    return (await trx.selectFrom('market_projects').select(['result_order', 'offer_index']).where('id', '=', id).executeTakeFirstOrThrow())
  }
  async function confirmCurrent(id: number, explanation = '') {
    const p = await orderOf(id)
    await confirmOffer(db, ctx(await supplierActor(p.result_order![p.offer_index!]!)), id, { explanation })
  }
  async function endOfPublicity(id: number) {
    await trx.updateTable('market_projects').set({ publicity_ends_at: sql<Date>`now() - interval '1 second'` }).where('id', '=', id).execute()
    await trx.updateTable('jobs').set({ status: 'done', finished_at: sql`now()` }).where('dedupe_key', '=', `market.publicity:${id}`).execute()
    await endPublicity(trx, id)
  }
  async function contract(id: number, buyer: Actor, amountYuan: number) {
    await endOfPublicity(id)
    await recordContract(db, ctx(buyer), id, { amount: amountYuan * 100, signedOn: new Date().toISOString().slice(0, 10), summary: '按需求公告约定的范围、期限与成果要求提供服务' })
  }
  let n = 0
  const S = { cost: await members('S01'), appraisal: await members('S02'), audit: await members('S03'), survey: await members('S04'), design: await members('S05'), eia: await members('S06') }

  // ── 随机抽取 ──
  {
    const { id, buyer } = await publish(0, '福田区中小学校舍资产清查评估', 'random', 'S02', 180_000)
    await register(id, S.appraisal.slice(0, 5))
    await close(id)
    await runProjectDraw(db, ctx(centre), id, '20261108')
    const p = await orderOf(id)
    await declineOffer(db, ctx(await supplierActor(p.result_order![0]!)), id, { reasonKind: 'capacity', reason: '评估师同期承接其他项目，无法按期完成' })
    await confirmCurrent(id)
    await contract(id, buyer, 168_000)
    n++
  }
  {
    const { id, buyer } = await publish(3, '城管执法车辆报废残值评估', 'random', 'S02', 60_000)
    await register(id, S.appraisal.slice(1, 5))
    await close(id)
    await runProjectDraw(db, ctx(centre), id, '731')
    await confirmCurrent(id)
    const p = await orderOf(id)
    const loser = p.result_order!.find((o) => o !== p.result_order![p.offer_index!])!
    await fileObjection(db, ctx(await supplierActor(loser)), id, '请公开抽取时的见证人及公开数来源。')
    const objection = await trx.selectFrom('market_objections').select('id').where('project_id', '=', id).executeTakeFirstOrThrow()
    await answerObjection(db, ctx(buyer), id, { objectionId: objection.id, answer: '公开数由两名见证人现场输入，抽取记录及复算方法已在抽取页面公开。' })
    n++
  }
  {
    const { id } = await publish(6, '交通运输局办公用房测绘', 'random', 'S04', 95_000)
    await register(id, S.survey.slice(0, 4))
    await close(id)
    n++ // awaiting the witnesses' draw
  }
  {
    await publish(0, '福田区教育局固定资产盘点审计', 'random', 'S03', 120_000)
    n++ // registration open
  }
  {
    const { id } = await publish(9, '罗湖区政府办公楼结构安全鉴定咨询', 'random', 'S05', 80_000)
    await register(id, S.design.slice(0, 2))
    await close(id)
    n++ // failed: two registrants, three needed
  }

  // ── 竞价选取 ──
  {
    const { id, buyer } = await publish(1, '南山区卫生健康局年度财务收支审计', 'bidding', 'S03', 260_000)
    const bidders = S.audit.slice(0, 4)
    await register(id, bidders)
    for (const [i, yuan] of [236_000, 228_000, 228_000, 249_500].entries()) await submitSealedQuote(db, ctx(await supplierActor(bidders[i]!)), id, yuan * 100)
    await close(id)
    await confirmCurrent(id)
    await contract(id, buyer, 228_000)
    n++ // a tie at ¥228,000 broken by a verifiable draw
  }
  {
    const { id } = await publish(4, '龙岗区人民医院医疗设备资产评估', 'bidding', 'S02', 150_000)
    const bidders = S.appraisal.slice(2, 6)
    await register(id, bidders)
    for (const [i, yuan] of [138_000, 52_000, 141_500, 133_800].entries()) await submitSealedQuote(db, ctx(await supplierActor(bidders[i]!)), id, yuan * 100)
    await close(id)
    n++ // the lowest quote is abnormally low: its bidder must explain it when confirming
  }
  {
    const { id } = await publish(11, '龙华区水务局排水管网工程造价审核', 'bidding', 'S01', 320_000)
    const bidders = S.cost.slice(0, 3)
    await register(id, bidders)
    for (const [i, yuan] of [298_000, 305_000].entries()) await submitSealedQuote(db, ctx(await supplierActor(bidders[i]!)), id, yuan * 100)
    n++ // quotes sealed until the deadline
  }
  {
    const { id } = await publish(7, '市场监督管理局检测设备评估', 'bidding', 'S02', 40_000)
    await register(id, S.appraisal.slice(0, 1))
    await submitSealedQuote(db, ctx(await supplierActor(S.appraisal[0]!)), id, 38_000 * 100)
    await close(id)
    n++ // failed: a single quote
  }

  // ── 直接选取 ──
  {
    const { id, buyer } = await publish(10, '深圳图书馆古籍修复项目环境影响咨询', 'direct', 'S06', 28_000)
    await register(id, S.eia.slice(0, 3))
    await close(id)
    await chooseCandidate(db, ctx(buyer), id, { supplierId: S.eia[1]!, note: '该机构承担过本馆新馆环评，熟悉场地情况' })
    await confirmCurrent(id)
    await contract(id, buyer, 26_500)
    n++
  }
  {
    const { id } = await publish(2, '宝安分局营区改造工程预算编制', 'direct', 'S01', 35_000)
    await register(id, S.cost.slice(2, 5))
    await close(id)
    n++ // the buyer is to choose
  }

  // ── 信用择优 ──
  {
    await trx.insertInto('credit_events').values({ organization_id: S.survey[1]!, points: -5, kind: 'unjustified-decline', reason: '无正当理由放弃中选（历史记录）' }).execute()
    await trx.insertInto('credit_events').values({ organization_id: S.survey[3]!, points: 3, kind: 'evaluation', reason: '履约评价优秀' }).execute()
    const { id, buyer } = await publish(8, '规划和自然资源局地籍测绘服务', 'credit', 'S04', 210_000, { bigList: '5', smallList: '3' })
    await register(id, S.survey.slice(0, 7))
    await close(id)
    await runProjectDraw(db, ctx(centre), id, '5523')
    const small = ((await trx.selectFrom('market_projects').select('settings').where('id', '=', id).executeTakeFirstOrThrow()).settings as { smallListIds: number[] }).smallListIds
    await chooseCandidate(db, ctx(buyer), id, { supplierId: small[0]!, note: '小名单中测绘经验与本项目最为匹配' })
    await confirmCurrent(id)
    await contract(id, buyer, 198_000)
    n++
  }
  {
    const { id } = await publish(5, '第二人民医院基建项目结算审计', 'credit', 'S03', 140_000, { bigList: '4', smallList: '2' })
    await register(id, S.audit.slice(0, 6))
    await close(id)
    n++ // awaiting the small-list draw
  }

  // ── 方案择优 ──
  if (experts.length >= 6) {
    {
      const { id, buyer } = await publish(5, '第二人民医院资产管理制度咨询', 'proposal', 'S03', 90_000, { panelSize: '5', topN: '0' })
      const bidders = S.audit.slice(1, 4)
      await register(id, bidders, true)
      await close(id)
      await runProjectDraw(db, ctx(centre), id, '88')
      const seated = (await trx.selectFrom('market_panel_members').select('expert_id').where('project_id', '=', id).where('status', '=', 'seated').execute()).map((m) => m.expert_id)
      for (const [k, expertId] of seated.entries()) {
        const expert = await expertActor(expertId)
        for (let index = 0; index < bidders.length; index++) {
          await saveScoresFor(trx, ctx(expert), expertId, id, { index, scores: { approach: 28 + ((index * 5 + k) % 12), team: 18 + ((index + k) % 10), schedule: 10 + (index % 5), price: 9 + ((k + index) % 6) }, lock: true })
        }
      }
      await confirmCurrent(id)
      await contract(id, buyer, 86_000)
      n++
    }
    {
      // The last expert works for the first appraisal firm, which registers: avoidance leaves exactly five, demo-expert among them.
      const { id } = await publish(0, '福田区教育局校园安防资产评估方案征集', 'proposal', 'S02', 75_000, { panelSize: '5', topN: '2' })
      await register(id, [S.appraisal[0]!, ...S.appraisal.slice(3, 5)], true)
      await close(id)
      await runProjectDraw(db, ctx(centre), id, '1024')
      const seated = (await trx.selectFrom('market_panel_members').select('expert_id').where('project_id', '=', id).execute()).map((m) => m.expert_id)
      const first = seated.find((s) => s !== experts[0])
      if (first) await saveScoresFor(trx, ctx(await expertActor(first)), first, id, { index: 0, scores: { approach: 33, team: 24, schedule: 12, price: 13 }, lock: true })
      n++ // scoring in progress
    }
  }

  // ── 草稿与审核 ──
  {
    const buyer = await buyerActor(0)
    await createProject(db, ctx(buyer), input('福田区教育局食堂设备评估（草稿）', 'random', 'S02', 50_000))
    const reviewId = await createProject(db, ctx(buyer), input('福田区教育局新建校舍造价咨询', 'bidding', 'S01', 450_000, { reviewRequired: 'on' }))
    await submitProject(db, ctx(buyer), reviewId)
    n += 2
  }
  return { projects: n }
}
