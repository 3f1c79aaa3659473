// Realistic, deterministic demo data: the same run of the generator always yields the same organisations, so that
// seeding twice finds everything already there.
import { CREDIT_CODE_ALPHABET, creditCodeCheckChar } from '../app/domain/credit-code'
import type { NewOrganization } from './schema'

export interface SeedCategory {
  code: string
  name_zh: string
  name_en: string
  kind: 'goods' | 'services' | 'works'
  market: 'catalogue' | 'supermarket'
  /** Words that make a plausible company name in this trade. */
  trade: readonly string[]
  suppliers: number
}

export const SEED_CATEGORIES: readonly SeedCategory[] = [
  { code: 'C01', name_zh: '印刷', name_en: 'Printing', kind: 'services', market: 'catalogue', trade: ['印刷', '彩印', '数码印务', '印务'], suppliers: 22 },
  { code: 'C02', name_zh: '图书', name_en: 'Books', kind: 'goods', market: 'catalogue', trade: ['图书', '书业', '文化传播', '图书发行'], suppliers: 20 },
  { code: 'C03', name_zh: '定点加油', name_en: 'Designated refuelling', kind: 'goods', market: 'catalogue', trade: ['石油', '能源', '石化'], suppliers: 18 },
  { code: 'C04', name_zh: '劳务派遣', name_en: 'Labour dispatch', kind: 'services', market: 'catalogue', trade: ['人力资源', '劳务派遣', '人才服务'], suppliers: 22 },
  { code: 'C05', name_zh: '保安服务', name_en: 'Security services', kind: 'services', market: 'catalogue', trade: ['保安服务', '安保服务', '护卫'], suppliers: 22 },
  { code: 'C06', name_zh: '保险经纪', name_en: 'Insurance brokerage', kind: 'services', market: 'catalogue', trade: ['保险经纪', '保险代理'], suppliers: 16 },
  { code: 'C07', name_zh: '食堂管理', name_en: 'Canteen management', kind: 'services', market: 'catalogue', trade: ['餐饮管理', '膳食管理', '后勤服务'], suppliers: 22 },
  { code: 'C08', name_zh: '电商', name_en: 'E-commerce', kind: 'goods', market: 'catalogue', trade: ['电子商务', '供应链管理', '商贸'], suppliers: 20 },
  { code: 'C09', name_zh: '小型建设工程', name_en: 'Small construction works', kind: 'works', market: 'catalogue', trade: ['建设工程', '建筑工程', '市政工程', '装饰工程'], suppliers: 24 },
  { code: 'C10', name_zh: '医疗设备', name_en: 'Medical devices', kind: 'goods', market: 'catalogue', trade: ['医疗器械', '医疗设备', '生物医疗'], suppliers: 20 },
  { code: 'S01', name_zh: '工程造价咨询', name_en: 'Construction cost consulting', kind: 'services', market: 'supermarket', trade: ['工程造价咨询', '造价师事务所'], suppliers: 8 },
  { code: 'S02', name_zh: '资产评估', name_en: 'Asset appraisal', kind: 'services', market: 'supermarket', trade: ['资产评估', '房地产土地估价'], suppliers: 8 },
  { code: 'S03', name_zh: '审计服务', name_en: 'Audit services', kind: 'services', market: 'supermarket', trade: ['会计师事务所', '税务师事务所'], suppliers: 8 },
  { code: 'S04', name_zh: '测绘服务', name_en: 'Surveying and mapping', kind: 'services', market: 'supermarket', trade: ['测绘', '勘测设计', '地理信息'], suppliers: 8 },
  { code: 'S05', name_zh: '工程设计', name_en: 'Engineering design', kind: 'services', market: 'supermarket', trade: ['建筑设计', '工程设计', '规划设计'], suppliers: 8 },
  { code: 'S06', name_zh: '环境影响评价', name_en: 'Environmental impact assessment', kind: 'services', market: 'supermarket', trade: ['环境科技', '环保工程咨询'], suppliers: 8 },
]

/** Districts with their administrative division codes (the 3rd–8th characters of a credit code). */
export const REGIONS: readonly { name: string; short: string; code: string }[] = [
  { name: '广东省深圳市福田区', short: '深圳市', code: '440304' },
  { name: '广东省深圳市罗湖区', short: '深圳市', code: '440303' },
  { name: '广东省深圳市南山区', short: '深圳市', code: '440305' },
  { name: '广东省深圳市宝安区', short: '深圳市', code: '440306' },
  { name: '广东省深圳市龙岗区', short: '深圳市', code: '440307' },
  { name: '广东省深圳市盐田区', short: '深圳市', code: '440308' },
  { name: '广东省深圳市龙华区', short: '深圳市', code: '440309' },
  { name: '广东省深圳市坪山区', short: '深圳市', code: '440310' },
  { name: '广东省深圳市光明区', short: '深圳市', code: '440311' },
  { name: '广东省广州市天河区', short: '广州市', code: '440106' },
  { name: '广东省东莞市', short: '东莞市', code: '441900' },
  { name: '广东省佛山市南海区', short: '佛山市', code: '440605' },
  { name: '广东省惠州市惠城区', short: '惠州市', code: '441302' },
]

const BRAND = '华鹏盛达信诚宏远新创联嘉恒瑞泰安德兴明海中天金志博通汇利丰源正宇誉景德润邦'
const STREETS = ['深南大道', '福华路', '益田路', '滨河大道', '科技园路', '宝安大道', '龙岗大道', '布吉路', '梅林路', '民治大道', '建设路', '人民路', '东门路', '沙河西路', '新湖路']
const SURNAMES = '王李张刘陈杨黄赵吴周徐孙马朱胡郭何林罗高郑梁谢宋唐许邓冯韩曹曾彭萧蔡潘田董袁于余叶蒋杜苏魏程吕丁沈任姚卢钟姜崔谭廖范汪陆金石戴贾韦夏邱方侯邹熊孟秦白江阎薛尹段雷黎史龙陶贺顾毛郝龚邵万钱严覃武洪莫孔汤'
const GIVEN = '伟芳娜敏静丽强磊军洋勇艳杰涛明超秀霞平刚桂英华建国志文斌宇浩凯鹏辉红玲晨欣悦思婷雪琳'

/** A small, fast deterministic PRNG (mulberry32). */
export function prng(seed: number): () => number {
  let a = seed >>> 0
  return () => {
    a = (a + 0x6d2b79f5) >>> 0
    let t = a
    t = Math.imul(t ^ (t >>> 15), t | 1)
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61)
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296
  }
}

const pick = <T>(rand: () => number, items: readonly T[] | string): T =>
  items[Math.floor(rand() * items.length)] as T

/** A valid 统一社会信用代码: authority+type, division code, 9-character organisation code, check character. */
export function makeCreditCode(rand: () => number, prefix: '91' | '11' | '12', divisionCode: string): string {
  let orgCode = ''
  for (let i = 0; i < 9; i++) orgCode += pick(rand, i < 8 ? CREDIT_CODE_ALPHABET : '0123456789')
  const first17 = `${prefix}${divisionCode}${orgCode}`
  return first17 + creditCodeCheckChar(first17)
}

export function personName(rand: () => number): string {
  return `${pick<string>(rand, SURNAMES)}${pick<string>(rand, GIVEN)}${rand() < 0.6 ? pick<string>(rand, GIVEN) : ''}`
}

function phone(rand: () => number): string {
  return rand() < 0.5
    ? `0755-${8 + Math.floor(rand() * 2)}${String(Math.floor(rand() * 1e7)).padStart(7, '0')}`
    : `1${pick(rand, ['38', '39', '35', '36', '37', '50', '58', '86', '89'])}${String(Math.floor(rand() * 1e8)).padStart(8, '0')}`
}

function address(rand: () => number, region: string): string {
  return `${region}${pick(rand, STREETS)}${1 + Math.floor(rand() * 3000)}号${rand() < 0.5 ? `${1 + Math.floor(rand() * 30)}楼` : ''}`
}

export const CENTER = { name: '深圳市公共资源交易中心', region: REGIONS[0]! }
export const REGULATOR = { name: '深圳市财政局政府采购监管处', region: REGIONS[0]! }

export const PURCHASERS: readonly { name: string; region: (typeof REGIONS)[number]; prefix: '11' | '12' }[] = [
  { name: '深圳市福田区教育局', region: REGIONS[0]!, prefix: '11' },
  { name: '深圳市南山区卫生健康局', region: REGIONS[2]!, prefix: '11' },
  { name: '深圳市公安局宝安分局', region: REGIONS[3]!, prefix: '11' },
  { name: '深圳市城市管理和综合执法局', region: REGIONS[0]!, prefix: '11' },
  { name: '深圳市龙岗区人民医院', region: REGIONS[4]!, prefix: '12' },
  { name: '深圳市第二人民医院', region: REGIONS[0]!, prefix: '12' },
  { name: '深圳市交通运输局', region: REGIONS[0]!, prefix: '11' },
  { name: '深圳市市场监督管理局', region: REGIONS[0]!, prefix: '11' },
  { name: '深圳市规划和自然资源局', region: REGIONS[0]!, prefix: '11' },
  { name: '深圳市罗湖区人民政府办公室', region: REGIONS[1]!, prefix: '11' },
  { name: '深圳图书馆', region: REGIONS[0]!, prefix: '12' },
  { name: '深圳市龙华区水务局', region: REGIONS[6]!, prefix: '11' },
]

/** Every demo organisation, in a fixed order. */
export function demoOrganizations(): NewOrganization[] {
  const rand = prng(20261122)
  const orgs: NewOrganization[] = []
  const base = (name: string, region: (typeof REGIONS)[number], kind: NewOrganization['kind'], prefix: '91' | '11' | '12') => ({
    name,
    kind,
    credit_code: makeCreditCode(rand, prefix, region.code),
    region: region.name,
    address: address(rand, region.name),
    contact_name: personName(rand),
    contact_phone: phone(rand),
    main_category_code: null as string | null,
  })
  orgs.push(base(CENTER.name, CENTER.region, 'center', '12'))
  orgs.push(base(REGULATOR.name, REGULATOR.region, 'regulator', '11'))
  for (const p of PURCHASERS) orgs.push(base(p.name, p.region, 'purchaser', p.prefix))

  const usedNames = new Set<string>()
  for (const cat of SEED_CATEGORIES) {
    for (let i = 0; i < cat.suppliers; i++) {
      const region = pick(rand, REGIONS)
      let name = ''
      do {
        const brand = `${pick<string>(rand, BRAND)}${pick<string>(rand, BRAND)}`
        const form = rand() < 0.15 ? '股份有限公司' : '有限公司'
        name = cat.market === 'supermarket' && /事务所$/.test(pick(rand, cat.trade))
          ? `${region.short.replace('市', '')}${brand}${pick(rand, cat.trade)}（普通合伙）`
          : `${region.short}${brand}${pick(rand, cat.trade)}${form}`
      } while (usedNames.has(name))
      usedNames.add(name)
      orgs.push({ ...base(name, region, 'supplier', '91'), main_category_code: cat.code })
    }
  }
  return orgs
}

export const DEMO_PASSWORD = 'caigou-demo'

export const DEMO_ACCOUNTS = [
  { username: 'demo-admin', display_name: '陈立群', role: 'center_admin', org: CENTER.name },
  { username: 'demo-agency', display_name: '李晓红', role: 'agency', org: PURCHASERS[0]!.name },
  { username: 'demo-supplier', display_name: '王建国', role: 'supplier', org: 'first-supplier' },
  { username: 'demo-expert', display_name: '周志明', role: 'expert', org: null },
  { username: 'demo-supervisor', display_name: '赵敏', role: 'supervisor', org: REGULATOR.name },
] as const
