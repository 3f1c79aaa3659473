// Demo data of the catalogue: the rules of every seed category, every demo supplier admitted in its main category
// (both markets, so the supermarket has eligible agencies), full menus, applications waiting for review,
// memberships near their end, and a history of orders, contracts and ratings.
import { sql, type Transaction } from 'kysely'
import type { Database } from './schema'
import { DEFAULT_RATING_CRITERIA, type CategoryRules, type ItemFieldDef, type QualificationDef } from '../app/domain/catalogue'
import { prng } from './seed-data'
import { addWorkingDays } from '../app/domain/calendar'

const LICENCE: QualificationDef = { key: 'business_licence', name_zh: '营业执照', name_en: 'Business licence', required: true }
const TAX: QualificationDef = { key: 'tax_record', name_zh: '近一年纳税证明', name_en: 'Tax payment record (last year)', required: true }
const SOCIAL: QualificationDef = { key: 'social_insurance', name_zh: '社保缴纳证明', name_en: 'Social insurance record', required: false }

type SeedRules = Partial<CategoryRules> & { itemFields: ItemFieldDef[]; qualifications: QualificationDef[] }
type Template = { name: string; spec: string; unit: string; price: [number, number]; fields: (r: () => number) => Record<string, unknown> }

const pick = <T>(r: () => number, items: readonly T[]): T => items[Math.floor(r() * items.length)]!

export const CATALOGUE_RULES: Record<string, SeedRules & { templates: Template[] }> = {
  C01: {
    qualifications: [LICENCE, { key: 'printing_permit', name_zh: '印刷经营许可证', name_en: 'Printing business permit', required: true }, TAX],
    itemFields: [
      { key: 'paper', label_zh: '纸张', label_en: 'Paper', type: 'select', required: true, options: ['80g双胶纸', '105g铜版纸', '157g铜版纸', '250g铜版纸'] },
      { key: 'colour', label_zh: '色彩', label_en: 'Colour', type: 'select', required: true, options: ['单色', '双色', '四色'] },
      { key: 'lead_days', label_zh: '交货周期', label_en: 'Lead time', type: 'number', required: true, unit: '天', min: 1, max: 60 },
    ],
    orderCeilingFen: 50_000_00, annualCeilingFen: 500_000_00, allocation: 'free', confirmDays: 2,
    templates: [
      { name: 'A4彩色宣传单页', spec: '210×297mm 双面', unit: '千张', price: [28000, 42000], fields: (r) => ({ paper: '157g铜版纸', colour: '四色', lead_days: 3 + Math.floor(r() * 4) }) },
      { name: '会议手册', spec: 'A5 骑马钉 32页', unit: '本', price: [650, 1200], fields: (r) => ({ paper: '105g铜版纸', colour: '四色', lead_days: 5 + Math.floor(r() * 5) }) },
      { name: '信封', spec: '230×160mm 牛皮纸', unit: '千个', price: [18000, 26000], fields: () => ({ paper: '80g双胶纸', colour: '单色', lead_days: 3 }) },
      { name: '名片', spec: '90×54mm', unit: '盒', price: [1500, 3000], fields: () => ({ paper: '250g铜版纸', colour: '四色', lead_days: 2 }) },
    ],
  },
  C02: {
    qualifications: [LICENCE, { key: 'publication_permit', name_zh: '出版物经营许可证', name_en: 'Publication distribution permit', required: true }],
    itemFields: [
      { key: 'isbn', label_zh: 'ISBN', label_en: 'ISBN', type: 'text', required: true },
      { key: 'publisher', label_zh: '出版社', label_en: 'Publisher', type: 'text', required: true },
      { key: 'discount', label_zh: '折扣', label_en: 'Discount', type: 'number', required: true, unit: '%', min: 1, max: 100 },
    ],
    orderCeilingFen: 100_000_00, annualCeilingFen: 1_000_000_00, allocation: 'rotation', confirmDays: 2,
    templates: [
      { name: '中华人民共和国政府采购法释义', spec: '平装', unit: '册', price: [4800, 4800], fields: () => ({ isbn: '9787519740120', publisher: '法律出版社', discount: 80 }) },
      { name: '习近平新时代中国特色社会主义思想学习纲要', spec: '平装', unit: '册', price: [1800, 1800], fields: () => ({ isbn: '9787514709757', publisher: '学习出版社', discount: 85 }) },
      { name: '少儿百科全书（套装）', spec: '精装 10册', unit: '套', price: [29800, 36000], fields: () => ({ isbn: '9787530769858', publisher: '少年儿童出版社', discount: 75 }) },
    ],
  },
  C03: {
    qualifications: [LICENCE, { key: 'oil_retail_permit', name_zh: '成品油零售经营批准证书', name_en: 'Refined oil retail permit', required: true }, { key: 'hazchem_permit', name_zh: '危险化学品经营许可证', name_en: 'Hazardous chemicals permit', required: true }],
    itemFields: [
      { key: 'station_address', label_zh: '加油站地址', label_en: 'Station address', type: 'text', required: true },
      { key: 'grades', label_zh: '油品', label_en: 'Fuel grades', type: 'multiselect', required: true, options: ['92#汽油', '95#汽油', '98#汽油', '0#柴油'] },
      { key: 'hours', label_zh: '营业时间', label_en: 'Opening hours', type: 'select', required: true, options: ['24小时', '06:00-22:00'] },
    ],
    orderCeilingFen: 20_000_00, annualCeilingFen: 300_000_00, allocation: 'free', confirmDays: 1,
    templates: [
      { name: '92#汽油加油卡充值', spec: '国VI标准', unit: '升', price: [765, 790], fields: (r) => ({ station_address: `${pick(r, ['深南大道', '北环大道', '宝安大道', '龙岗大道'])}${1 + Math.floor(r() * 900)}号加油站`, grades: ['92#汽油', '95#汽油', '0#柴油'], hours: pick(r, ['24小时', '06:00-22:00']) }) },
      { name: '95#汽油加油卡充值', spec: '国VI标准', unit: '升', price: [818, 845], fields: (r) => ({ station_address: `${pick(r, ['滨河大道', '梅观路', '南海大道'])}${1 + Math.floor(r() * 900)}号加油站`, grades: ['92#汽油', '95#汽油'], hours: '24小时' }) },
      { name: '0#柴油加油卡充值', spec: '国VI标准', unit: '升', price: [720, 745], fields: () => ({ station_address: '机荷高速服务区加油站', grades: ['0#柴油'], hours: '24小时' }) },
    ],
  },
  C04: {
    qualifications: [LICENCE, { key: 'labour_dispatch_permit', name_zh: '劳务派遣经营许可证', name_en: 'Labour dispatch permit', required: true }, SOCIAL],
    itemFields: [
      { key: 'position', label_zh: '岗位', label_en: 'Position', type: 'select', required: true, options: ['行政辅助', '司机', '保洁', '窗口服务', '信息录入'] },
      { key: 'min_months', label_zh: '最短派遣期', label_en: 'Minimum term', type: 'number', required: true, unit: '月', min: 1, max: 36 },
    ],
    orderCeilingFen: 400_000_00, annualCeilingFen: 2_000_000_00, allocation: 'rotation', confirmDays: 3,
    templates: [
      { name: '行政辅助人员派遣', spec: '大专以上，含五险一金', unit: '人·月', price: [680000, 820000], fields: () => ({ position: '行政辅助', min_months: 6 }) },
      { name: '公务车驾驶员派遣', spec: 'C1以上驾照，5年驾龄', unit: '人·月', price: [720000, 880000], fields: () => ({ position: '司机', min_months: 12 }) },
      { name: '窗口服务人员派遣', spec: '普通话二级甲等', unit: '人·月', price: [650000, 760000], fields: () => ({ position: '窗口服务', min_months: 6 }) },
    ],
  },
  C05: {
    qualifications: [LICENCE, { key: 'security_permit', name_zh: '保安服务许可证', name_en: 'Security service permit', required: true }, SOCIAL],
    itemFields: [
      { key: 'guards', label_zh: '保安员人数', label_en: 'Guard count', type: 'number', required: true, unit: '人', min: 1, max: 500 },
      { key: 'licence_level', label_zh: '保安员证等级', label_en: 'Licence level', type: 'select', required: true, options: ['初级', '中级', '高级'] },
      { key: 'shift', label_zh: '值守方式', label_en: 'Shift', type: 'select', required: true, options: ['白班', '24小时三班倒'] },
    ],
    orderCeilingFen: 400_000_00, annualCeilingFen: 3_000_000_00, allocation: 'draw', confirmDays: 2,
    templates: [
      { name: '机关大楼门岗保安服务', spec: '24小时值守', unit: '人·月', price: [620000, 620000], fields: (r) => ({ guards: 4 + Math.floor(r() * 8), licence_level: '初级', shift: '24小时三班倒' }) },
      { name: '大型活动安保服务', spec: '含安检设备', unit: '人·天', price: [45000, 45000], fields: (r) => ({ guards: 20 + Math.floor(r() * 60), licence_level: '中级', shift: '白班' }) },
    ],
  },
  C06: {
    qualifications: [LICENCE, { key: 'broker_permit', name_zh: '保险经纪业务许可证', name_en: 'Insurance brokerage licence', required: true }],
    itemFields: [
      { key: 'lines', label_zh: '险种', label_en: 'Lines of insurance', type: 'multiselect', required: true, options: ['车险', '财产险', '团体意外险', '公众责任险'] },
      { key: 'commission_rate', label_zh: '佣金比例', label_en: 'Commission', type: 'number', required: true, unit: '%', min: 0, max: 30 },
    ],
    orderCeilingFen: 100_000_00, annualCeilingFen: 600_000_00, allocation: 'free', confirmDays: 3,
    templates: [
      { name: '公务车辆保险经纪服务', spec: '含理赔协助', unit: '辆·年', price: [30000, 48000], fields: () => ({ lines: ['车险'], commission_rate: 8 }) },
      { name: '团体意外险经纪服务', spec: '在编及派遣人员', unit: '人·年', price: [6000, 12000], fields: () => ({ lines: ['团体意外险'], commission_rate: 10 }) },
    ],
  },
  C07: {
    qualifications: [LICENCE, { key: 'food_permit', name_zh: '食品经营许可证', name_en: 'Food business permit', required: true }, { key: 'health_certs', name_zh: '从业人员健康证明', name_en: 'Staff health certificates', required: true }],
    itemFields: [
      { key: 'diners', label_zh: '就餐人数', label_en: 'Diners per day', type: 'number', required: true, unit: '人', min: 10, max: 10000 },
      { key: 'meals', label_zh: '供餐', label_en: 'Meals', type: 'multiselect', required: true, options: ['早餐', '午餐', '晚餐'] },
      { key: 'food_grade', label_zh: '食品安全等级', label_en: 'Food safety grade', type: 'select', required: true, options: ['A级', 'B级'] },
    ],
    orderCeilingFen: 300_000_00, annualCeilingFen: 3_000_000_00, allocation: 'free', confirmDays: 3,
    templates: [
      { name: '机关食堂托管服务', spec: '含食材采购', unit: '人·餐', price: [1500, 2200], fields: (r) => ({ diners: 100 + Math.floor(r() * 900), meals: ['早餐', '午餐'], food_grade: 'A级' }) },
      { name: '会议工作餐', spec: '标准套餐', unit: '份', price: [3500, 5000], fields: () => ({ diners: 50, meals: ['午餐'], food_grade: 'A级' }) },
    ],
  },
  C08: {
    qualifications: [LICENCE, { key: 'icp_record', name_zh: 'ICP备案或增值电信业务许可证', name_en: 'ICP filing or telecom licence', required: true }],
    itemFields: [
      { key: 'brand', label_zh: '品牌', label_en: 'Brand', type: 'text', required: true },
      { key: 'model', label_zh: '型号', label_en: 'Model', type: 'text', required: true },
      { key: 'delivery_days', label_zh: '配送时效', label_en: 'Delivery', type: 'number', required: true, unit: '天', min: 1, max: 30 },
    ],
    orderCeilingFen: 50_000_00, annualCeilingFen: 500_000_00, allocation: 'free', confirmDays: 1,
    templates: [
      { name: 'A4复印纸', spec: '70g 500张/包 5包/箱', unit: '箱', price: [11800, 14500], fields: () => ({ brand: pick(prng(1), ['得力', '齐心']), model: '70g', delivery_days: 2 }) },
      { name: '激光打印机', spec: '黑白 A4 双面', unit: '台', price: [129900, 159900], fields: () => ({ brand: '联想', model: 'LJ2605D', delivery_days: 3 }) },
      { name: '台式计算机', spec: 'i5/16G/512G SSD/23.8英寸', unit: '台', price: [489900, 569900], fields: () => ({ brand: '华为', model: 'MateStation B515', delivery_days: 5 }) },
      { name: '中性笔', spec: '0.5mm 黑色 12支/盒', unit: '盒', price: [1800, 2600], fields: () => ({ brand: '晨光', model: 'GP1008', delivery_days: 2 }) },
    ],
  },
  C09: {
    qualifications: [LICENCE, { key: 'construction_qualification', name_zh: '建筑业企业资质证书', name_en: 'Construction enterprise qualification', required: true }, { key: 'safety_permit', name_zh: '安全生产许可证', name_en: 'Work safety permit', required: true }],
    itemFields: [
      { key: 'qualification_grade', label_zh: '资质等级', label_en: 'Qualification grade', type: 'select', required: true, options: ['施工总承包三级', '施工总承包二级', '专业承包二级', '专业承包一级'] },
      { key: 'max_contract', label_zh: '单项承接上限', label_en: 'Max contract', type: 'number', required: true, unit: '万元', min: 1, max: 400 },
    ],
    orderCeilingFen: 1_000_000_00, annualCeilingFen: 4_000_000_00, allocation: 'draw', confirmDays: 3,
    templates: [
      { name: '办公室装修改造', spec: '含水电，按建筑面积', unit: '平方米', price: [68000, 68000], fields: () => ({ qualification_grade: '专业承包二级', max_contract: 200 }) },
      { name: '道路破损修补', spec: '沥青混凝土', unit: '平方米', price: [18000, 18000], fields: () => ({ qualification_grade: '施工总承包三级', max_contract: 300 }) },
    ],
  },
  C10: {
    qualifications: [LICENCE, { key: 'device_permit', name_zh: '医疗器械经营许可证', name_en: 'Medical device trading permit', required: true }, TAX],
    itemFields: [
      { key: 'registration_no', label_zh: '注册证编号', label_en: 'Registration certificate no.', type: 'text', required: true },
      { key: 'device_class', label_zh: '管理类别', label_en: 'Device class', type: 'select', required: true, options: ['第一类', '第二类', '第三类'] },
      { key: 'warranty_months', label_zh: '保修期', label_en: 'Warranty', type: 'number', required: true, unit: '月', min: 0, max: 120 },
    ],
    orderCeilingFen: 500_000_00, annualCeilingFen: 2_000_000_00, allocation: 'free', confirmDays: 2, priceRiseApproval: true,
    templates: [
      { name: '医用电子血压计', spec: '上臂式', unit: '台', price: [39900, 52000], fields: () => ({ registration_no: '粤械注准20212070123', device_class: '第二类', warranty_months: 24 }) },
      { name: '医用外科口罩', spec: '17.5×9.5cm 50只/盒', unit: '盒', price: [2500, 3800], fields: () => ({ registration_no: '粤械注准20202140456', device_class: '第二类', warranty_months: 0 }) },
      { name: '多参数监护仪', spec: '12.1英寸', unit: '台', price: [1580000, 1980000], fields: () => ({ registration_no: '国械注准20183210789', device_class: '第三类', warranty_months: 36 }) },
    ],
  },
}

const SUPERMARKET_QUALIFICATIONS: Record<string, QualificationDef[]> = {
  S01: [LICENCE, { key: 'cost_consulting', name_zh: '一级造价工程师注册证书', name_en: 'Registered cost engineer certificate', required: true }],
  S02: [LICENCE, { key: 'appraisal_filing', name_zh: '资产评估机构备案', name_en: 'Appraisal firm filing', required: true }],
  S03: [LICENCE, { key: 'cpa_permit', name_zh: '会计师事务所执业证书', name_en: 'CPA firm practising certificate', required: true }],
  S04: [LICENCE, { key: 'surveying_qualification', name_zh: '测绘资质证书', name_en: 'Surveying qualification', required: true }],
  S05: [LICENCE, { key: 'design_qualification', name_zh: '工程设计资质证书', name_en: 'Engineering design qualification', required: true }],
  S06: [LICENCE, { key: 'eia_credit', name_zh: '环评信用平台登记', name_en: 'EIA credit registration', required: true }],
}

export interface CatalogueSeedResult {
  memberships: number
  menuItems: number
  applications: number
  orders: number
}

const DAY = 86_400_000

/** Adds what is missing; run twice it duplicates nothing (memberships are unique per organisation and category). */
export async function seedCatalogue(trx: Transaction<Database>): Promise<CatalogueSeedResult> {
  const categories = await trx.selectFrom('categories').select(['code', 'market']).execute()
  for (const c of categories) {
    const r = CATALOGUE_RULES[c.code]
    await trx
      .insertInto('category_rules')
      .values({
        category_code: c.code,
        qualifications: JSON.stringify(r?.qualifications ?? SUPERMARKET_QUALIFICATIONS[c.code] ?? [LICENCE]),
        item_fields: JSON.stringify(r?.itemFields ?? []),
        rating_criteria: JSON.stringify(DEFAULT_RATING_CRITERIA),
        order_ceiling_fen: r?.orderCeilingFen ?? null,
        annual_ceiling_fen: r?.annualCeilingFen ?? null,
        allocation: r?.allocation ?? 'free',
        confirm_days: r?.confirmDays ?? 2,
        price_rise_approval: r?.priceRiseApproval ?? false,
      })
      .onConflict((oc) => oc.column('category_code').doNothing())
      .execute()
  }

  const existing = await trx.selectFrom('memberships').select(sql<number>`count(*)::int`.as('n')).executeTakeFirstOrThrow()
  if (existing.n > 0) return { memberships: 0, menuItems: 0, applications: 0, orders: 0 }

  const { now } = (await sql<{ now: Date }>`select now() as now`.execute(trx)).rows[0]!
  const nowMs = new Date(now).getTime()
  const rand = prng(1122)
  const suppliers = await trx
    .selectFrom('organizations')
    .select(['id', 'name', 'main_category_code'])
    .where('kind', '=', 'supplier')
    .where('main_category_code', 'is not', null)
    .orderBy('id')
    .execute()

  // Per category: the last two suppliers have applied and wait for review; one in eight of the others is near the end
  // of its validity; the rest were admitted at some point in the last 20 months for 24 months.
  const byCategory = new Map<string, typeof suppliers>()
  for (const s of suppliers) byCategory.set(s.main_category_code!, [...(byCategory.get(s.main_category_code!) ?? []), s])
  const admitted: { organization_id: number; category_code: string; valid_from: Date; valid_until: Date }[] = []
  const waiting: typeof suppliers = []
  for (const [code, list] of byCategory) {
    const applicants = code.startsWith('C') ? 2 : 1
    list.forEach((s, i) => {
      if (i >= list.length - applicants) return void waiting.push(s)
      const nearEnd = i % 8 === 3
      const until = nearEnd ? nowMs + (5 + Math.floor(rand() * 20)) * DAY : nowMs + (60 + Math.floor(rand() * 600)) * DAY
      admitted.push({ organization_id: s.id, category_code: code, valid_from: new Date(until - 730 * DAY), valid_until: new Date(until) })
    })
  }
  const memberships = await trx.insertInto('memberships').values(admitted).returning(['id', 'organization_id', 'category_code', 'valid_from']).execute()

  const apps = await trx
    .insertInto('applications')
    .values([
      ...memberships.map((m) => ({
        organization_id: m.organization_id,
        category_code: m.category_code,
        status: 'approved' as const,
        commitment_signed_by: '法定代表人',
        commitment_signed_at: new Date(new Date(m.valid_from).getTime() - 5 * DAY),
        created_at: new Date(new Date(m.valid_from).getTime() - 5 * DAY),
        reviewed_at: new Date(m.valid_from),
        membership_id: m.id,
        decision_reason: '资料齐全，准予入库',
      })),
      ...waiting.map((s, i) => ({
        organization_id: s.id,
        category_code: s.main_category_code!,
        status: 'submitted' as const,
        commitment_signed_by: '法定代表人',
        commitment_signed_at: new Date(nowMs - (1 + (i % 6)) * DAY),
        created_at: new Date(nowMs - (1 + (i % 6)) * DAY),
      })),
    ])
    .returning(['id', 'status'])
    .execute()
  const appIds = apps.map((a) => a.id)
  // The company data each applicant gave, and the review dialogue so far.
  await sql`update applications a set company = jsonb_build_object('contactName', o.contact_name, 'contactPhone', o.contact_phone, 'address', o.address, 'introduction', '')
    from organizations o where o.id = a.organization_id and a.id = any(${appIds})`.execute(trx)
  await sql`insert into application_notes (application_id, kind, body, at)
    select id, 'submitted', '', created_at from applications where id = any(${appIds})
    union all
    select id, 'approved', coalesce(decision_reason, ''), reviewed_at from applications where id = any(${appIds}) and status = 'approved'`.execute(trx)
  const docs = (await trx.selectFrom('applications').select(['id', 'category_code']).where('id', 'in', appIds).execute()).flatMap((a) => {
    const quals = CATALOGUE_RULES[a.category_code]?.qualifications ?? SUPERMARKET_QUALIFICATIONS[a.category_code] ?? [LICENCE]
    return quals
      .filter((q) => q.required)
      .map((q) => ({
        application_id: a.id,
        qualification_key: q.key,
        file_name: `${q.name_zh}.pdf`,
        content_type: 'application/pdf',
        size_bytes: DEMO_PDF.length,
        sha256: DEMO_PDF_SHA256,
        storage_key: DEMO_PDF_KEY,
      }))
  })
  for (let i = 0; i < docs.length; i += 500) await trx.insertInto('application_documents').values(docs.slice(i, i + 500)).execute()

  // Menus: each admitted catalogue supplier lists every item of its category's templates.
  const items: { membership_id: number; organization_id: number; category_code: string; name: string; specification: string; unit: string; fields: string; price: number }[] = []
  for (const m of memberships) {
    const rules = CATALOGUE_RULES[m.category_code]
    if (!rules) continue
    for (const t of rules.templates) {
      const [lo, hi] = t.price
      // Same-price categories (rotation, draw) keep the agreement price equal across suppliers.
      const same = rules.allocation !== 'free'
      const price = same ? lo : Math.round((lo + rand() * (hi - lo)) / 10) * 10
      items.push({ membership_id: m.id, organization_id: m.organization_id, category_code: m.category_code, name: t.name, specification: t.spec, unit: t.unit, fields: JSON.stringify(t.fields(rand)), price })
    }
  }
  const insertedItems: { id: number }[] = []
  for (let i = 0; i < items.length; i += 500) {
    const chunk = items.slice(i, i + 500)
    insertedItems.push(...(await trx.insertInto('menu_items').values(chunk.map(({ price: _p, ...rest }) => rest)).returning('id').execute()))
  }
  const prices = insertedItems.map((it, i) => ({ menu_item_id: it.id, price_fen: items[i]!.price, status: 'active' as const }))
  for (let i = 0; i < prices.length; i += 500) await trx.insertInto('menu_prices').values(prices.slice(i, i + 500)).execute()

  const orders = await seedOrders(trx, nowMs, rand)
  return { memberships: memberships.length, menuItems: insertedItems.length, applications: apps.length, orders }
}

const COMMENTS = ['按时交付，质量良好', '响应及时，服务规范', '个别批次有瑕疵，已及时更换', '价格合理，配合度高', '交付略有延迟', '']

/** A year of orders: most accepted as contracts and rated, some confirmed, some waiting, a few declined or cancelled. */
async function seedOrders(trx: Transaction<Database>, nowMs: number, rand: () => number): Promise<number> {
  const purchasers = await trx.selectFrom('organizations').select(['id', 'name', 'address']).where('kind', '=', 'purchaser').orderBy('id').execute()
  const demoSupplier = await trx.selectFrom('organizations').select('id').where('kind', '=', 'supplier').orderBy('id').limit(1).executeTakeFirst()
  const offers = await trx
    .selectFrom('menu_items')
    .innerJoin('menu_prices', (j) => j.onRef('menu_prices.menu_item_id', '=', 'menu_items.id').on('menu_prices.status', '=', 'active'))
    .innerJoin('memberships', 'memberships.id', 'menu_items.membership_id')
    .innerJoin('category_rules', 'category_rules.category_code', 'menu_items.category_code')
    .select(['menu_items.id', 'menu_items.organization_id', 'menu_items.category_code', 'menu_items.name', 'menu_items.specification', 'menu_items.unit', 'menu_prices.id as price_id', 'menu_prices.price_fen', 'category_rules.order_ceiling_fen', 'category_rules.allocation', 'category_rules.confirm_days', 'memberships.valid_until'])
    .where('memberships.valid_until', '>', new Date(nowMs + 40 * DAY))
    .orderBy('menu_items.id')
    .execute()
  if (offers.length === 0 || purchasers.length === 0) return 0
  const rows = []
  for (let i = 0; i < 160; i++) {
    // The demo supplier gets a few recent orders of its own to confirm.
    const mine = i < 6 && demoSupplier ? offers.filter((o) => o.organization_id === demoSupplier.id) : []
    const offer = mine.length ? mine[i % mine.length]! : offers[Math.floor(rand() * offers.length)]!
    const buyer = purchasers[i % purchasers.length]!
    const price = Number(offer.price_fen)
    const ceiling = offer.order_ceiling_fen === null ? price * 50 : Number(offer.order_ceiling_fen)
    const quantity = Math.max(1, Math.min(Math.floor(ceiling / price), 1 + Math.floor(rand() * 40)))
    const recent = i < 14
    const placed = recent ? nowMs - (2 + Math.floor(rand() * 20)) * 3_600_000 : nowMs - (3 + Math.floor(rand() * 320)) * DAY
    const roll = rand()
    const status = recent ? (i < 10 ? 'placed' : 'confirmed') : roll < 0.82 ? 'accepted' : roll < 0.9 ? 'confirmed' : roll < 0.96 ? 'declined' : 'cancelled'
    const confirmHours = 1 + Math.floor(rand() * (offer.confirm_days * 16))
    const confirmed = status === 'accepted' || status === 'confirmed' ? placed + confirmHours * 3_600_000 : null
    const accepted = status === 'accepted' ? confirmed! + (3 + Math.floor(rand() * 10)) * DAY : null
    rows.push({
      order_no: `seed-${i}`,
      idempotency_key: `seed-order-${i}`,
      category_code: offer.category_code,
      purchaser_org_id: buyer.id,
      supplier_org_id: offer.organization_id,
      menu_item_id: offer.id,
      price_id: offer.price_id,
      item_name: offer.name,
      specification: offer.specification,
      unit: offer.unit,
      unit_price_fen: price,
      quantity,
      total_fen: price * quantity,
      delivery_address: buyer.address || buyer.name,
      allocation: offer.allocation,
      candidates: JSON.stringify([{ organizationId: offer.organization_id, menuItemId: offer.id, priceId: offer.price_id }]),
      status: status as 'placed' | 'confirmed' | 'declined' | 'accepted' | 'cancelled',
      placed_at: new Date(placed),
      offered_at: new Date(placed),
      confirm_deadline: addWorkingDays(new Date(placed), offer.confirm_days),
      confirmed_at: confirmed ? new Date(confirmed) : null,
      decline_reasons: JSON.stringify(status === 'declined' ? [{ supplierId: offer.organization_id, reason: '库存不足，无法按期供货', timedOut: false, at: new Date(placed + 5 * 3_600_000).toISOString() }] : []),
      accepted_at: accepted ? new Date(accepted) : null,
      contract_published_at: accepted ? new Date(accepted) : null,
    })
  }
  const inserted = await trx.insertInto('catalogue_orders').values(rows).returning(['id', 'status', 'supplier_org_id', 'category_code', 'placed_by']).execute()
  await sql`update catalogue_orders set
      order_no = 'CG' || to_char(placed_at at time zone 'Asia/Shanghai', 'YYYYMMDD') || lpad(id::text, 6, '0'),
      contract_no = case when status = 'accepted' then 'HT' || to_char(accepted_at at time zone 'Asia/Shanghai', 'YYYYMMDD') || lpad(id::text, 6, '0') end
    where order_no like 'seed-%'`.execute(trx)
  const ratings = inserted
    .filter((o) => o.status === 'accepted' && rand() < 0.85)
    .map((o) => {
      const scores = { quality: 3 + Math.floor(rand() * 3), timeliness: 3 + Math.floor(rand() * 3), service: 3 + Math.floor(rand() * 3) }
      const overall = Math.round(((scores.quality * 40 + scores.timeliness * 30 + scores.service * 30) / 100) * 100) / 100
      return { order_id: o.id, supplier_org_id: o.supplier_org_id, category_code: o.category_code, scores: JSON.stringify(scores), overall, comment: COMMENTS[Math.floor(rand() * COMMENTS.length)]! }
    })
  if (ratings.length) await trx.insertInto('supplier_ratings').values(ratings).execute()
  // Waiting orders still time out by themselves.
  for (const o of inserted.filter((x) => x.status === 'placed')) {
    const row = await trx.selectFrom('catalogue_orders').select('confirm_deadline').where('id', '=', o.id).executeTakeFirstOrThrow()
    await trx.insertInto('jobs').values({ kind: 'catalogue.order_deadline', run_at: row.confirm_deadline, payload: JSON.stringify({ orderId: o.id, candidateIndex: 0 }), dedupe_key: `catalogue.order_deadline:${o.id}:0` }).onConflict((oc) => oc.column('dedupe_key').doNothing()).execute()
  }
  return inserted.length
}

// The demo documents point at one small PDF written by storage.server.ts on first read.
export const DEMO_PDF = Buffer.from('%PDF-1.4\n1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj\n2 0 obj<</Type/Pages/Kids[]/Count 0>>endobj\ntrailer<</Root 1 0 R>>\n%%EOF\n')
export const DEMO_PDF_KEY = 'demo/qualification.pdf'
export const DEMO_PDF_SHA256 = '79370862c6cb54e96ed3125464c11e4ce3e8b08fb5048723695b6b9e9728d701'
