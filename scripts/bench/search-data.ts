// Deterministic synthetic data for the search benchmark: Chinese catalogue items, suppliers and intermediary
// service listings, plus a mix of queries with filters, facets and sorts.

import type { FacetField, SearchDocument, SearchFilter, SearchQuery, SearchSort } from '../../search/engine'

/** mulberry32: small, fast, seedable. */
export function rng(seed: number): () => number {
  let a = seed >>> 0
  return () => {
    a = (a + 0x6d2b79f5) >>> 0
    let t = a
    t = Math.imul(t ^ (t >>> 15), t | 1)
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61)
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296
  }
}

type Category = { code: string; name: string; market: 'catalogue' | 'supermarket'; words: string[]; quals: string[] }

export const CATEGORIES: Category[] = [
  { code: 'C01', name: '印刷', market: 'catalogue', words: ['彩色印刷', '宣传册印制', '档案装订', '名片印刷', '海报喷绘', '票据印刷'], quals: ['印刷经营许可证'] },
  { code: 'C02', name: '图书', market: 'catalogue', words: ['图书采购', '馆配图书', '期刊订阅', '教材供应', '电子图书'], quals: ['出版物经营许可证'] },
  { code: 'C03', name: '定点加油', market: 'catalogue', words: ['车辆加油', '加油卡充值', '柴油供应', '油料配送'], quals: ['成品油零售经营批准证书'] },
  { code: 'C04', name: '劳务派遣', market: 'catalogue', words: ['劳务派遣', '人力派遣', '临时用工', '岗位外包'], quals: ['劳务派遣经营许可证'] },
  { code: 'C05', name: '保安服务', market: 'catalogue', words: ['保安服务', '安保执勤', '门岗值守', '巡逻巡查', '大型活动安保'], quals: ['保安服务许可证'] },
  { code: 'C06', name: '保险经纪', market: 'catalogue', words: ['保险经纪', '车辆保险', '财产保险', '团体意外险'], quals: ['保险经纪业务许可证'] },
  { code: 'C07', name: '食堂管理', market: 'catalogue', words: ['食堂托管', '食堂承包', '餐饮配送', '团体膳食'], quals: ['食品经营许可证'] },
  { code: 'C08', name: '电商', market: 'catalogue', words: ['办公用品', '电子商务平台', '网上商城', '办公耗材', '日用百货'], quals: ['增值电信业务经营许可证'] },
  { code: 'C09', name: '小型建设工程', market: 'catalogue', words: ['零星维修', '装修改造', '防水补漏', '给排水改造', '小型工程'], quals: ['建筑业企业资质', '安全生产许可证'] },
  { code: 'C10', name: '医疗设备', market: 'catalogue', words: ['医疗设备', '医疗器械', '监护仪', '超声设备', '检验试剂'], quals: ['医疗器械经营许可证'] },
  { code: 'C11', name: '物业管理', market: 'catalogue', words: ['物业管理', '物业服务', '保洁服务', '绿化养护', '设施维护'], quals: ['物业服务企业资质'] },
  { code: 'C12', name: '信息技术服务', market: 'catalogue', words: ['软件开发', '系统运维', '网络安全', '数据治理', '机房维护'], quals: ['信息系统集成资质', 'CMMI3'] },
  { code: 'S01', name: '工程造价咨询', market: 'supermarket', words: ['工程造价', '造价咨询', '预算编制', '结算审核', '全过程造价控制'], quals: ['工程造价咨询企业资质'] },
  { code: 'S02', name: '审计服务', market: 'supermarket', words: ['财务审计', '专项审计', '经济责任审计', '绩效评价'], quals: ['会计师事务所执业证书'] },
  { code: 'S03', name: '测绘服务', market: 'supermarket', words: ['地形测绘', '不动产测绘', '地籍调查', '竣工测量'], quals: ['测绘资质证书'] },
  { code: 'S04', name: '资产评估', market: 'supermarket', words: ['资产评估', '房地产估价', '土地评估', '无形资产评估'], quals: ['资产评估资格证书'] },
  { code: 'S05', name: '环境影响评价', market: 'supermarket', words: ['环境影响评价', '环评报告', '环境监测', '排污许可咨询'], quals: ['环评工程师'] },
  { code: 'S06', name: '工程设计', market: 'supermarket', words: ['建筑设计', '市政设计', '景观设计', '施工图审查'], quals: ['工程设计资质证书'] },
  { code: 'S07', name: '工程监理', market: 'supermarket', words: ['工程监理', '施工监理', '项目管理', '质量检测'], quals: ['工程监理资质'] },
  { code: 'S08', name: '法律服务', market: 'supermarket', words: ['法律顾问', '合同审查', '诉讼代理', '法律咨询'], quals: ['律师事务所执业许可证'] },
  { code: 'S09', name: '招标代理', market: 'supermarket', words: ['招标代理', '采购代理', '政府采购代理', '招标文件编制'], quals: ['招标代理机构登记'] },
  { code: 'S10', name: '安全评价', market: 'supermarket', words: ['安全评价', '安全咨询', '消防评估', '职业卫生评价'], quals: ['安全评价机构资质'] },
]

export const REGIONS = [
  '深圳市福田区', '深圳市罗湖区', '深圳市南山区', '深圳市宝安区', '深圳市龙岗区', '深圳市龙华区', '深圳市坪山区',
  '深圳市光明区', '深圳市盐田区', '深圳市大鹏新区', '广州市天河区', '广州市越秀区', '广州市海珠区', '广州市番禺区',
  '广州市白云区', '广州市黄埔区', '东莞市', '佛山市南海区', '佛山市顺德区', '珠海市香洲区', '惠州市惠城区',
  '中山市', '江门市蓬江区', '汕头市金平区', '湛江市赤坎区',
]

const BRAND_CHARS = '华信诚安达通恒泰鑫源瑞丰顺利盛宏远博创新兴嘉德明宇天海金城建中科粤鹏晟锦航'.split('')
const INDUSTRY = ['科技', '服务', '实业', '咨询', '工程', '管理', '贸易', '发展']
const COMMON_QUALS = ['ISO9001', 'ISO14001', 'ISO45001', '高新技术企业', 'AAA信用企业', '中小企业']
const LEVELS = ['甲级', '乙级', '丙级', '一级', '二级', '三级']
const PHRASES = [
  '服务范围覆盖全市各区', '响应时间不超过2小时', '具备完善的质量管理体系', '提供7×24小时技术支持',
  '可开具增值税专用发票', '免费上门服务', '专业团队驻场', '按实际工作量结算', '支持线上下单与验收',
  '近三年无不良记录', '曾为多家行政事业单位提供服务', '价格含税含运费', '交付周期5个工作日',
  '严格执行政府采购相关规定', '配备专职项目负责人', '服务质量承诺', '售后保障一年',
]

function pick<T>(r: () => number, xs: readonly T[]): T {
  return xs[Math.floor(r() * xs.length)]!
}

export function generateDocuments(count: number, seed = 42): SearchDocument[] {
  const r = rng(seed)
  const supplierCount = Math.max(1, Math.floor(count / 20))
  const suppliers = Array.from({ length: supplierCount }, (_, i) => {
    const region = pick(r, REGIONS)
    const city = region.slice(0, region.indexOf('市') + 1) || region
    const brand = pick(r, BRAND_CHARS) + pick(r, BRAND_CHARS)
    const cat = pick(r, CATEGORIES)
    return {
      id: `sup-${i}`,
      name: `${city}${brand}${pick(r, INDUSTRY)}有限公司`,
      region,
      cat,
      credit: 60 + Math.floor(r() * 61),
      level: r() < 0.3 ? null : pick(r, LEVELS),
      quals: [...cat.quals, ...COMMON_QUALS.filter(() => r() < 0.25)],
    }
  })
  const docs: SearchDocument[] = []
  for (let i = 0; i < count; i++) {
    const s = pick(r, suppliers)
    const cat = r() < 0.85 ? s.cat : pick(r, CATEGORIES)
    const x = r()
    const kind: SearchDocument['kind'] =
      cat.market === 'supermarket' ? 'service_listing' : x < 0.15 ? 'catalogue_supplier' : 'catalogue_item'
    const word = pick(r, cat.words)
    const district = s.region.replace(/^.*市/, '') || s.region
    const title =
      kind === 'catalogue_supplier'
        ? s.name
        : pick(r, [`${word}`, `${district}${word}`, `${word}${pick(r, ['服务', '项目', '套餐', '（标准型）', '（年度）'])}`, `${cat.name}·${word}`])
    const sentences = Array.from({ length: 2 + Math.floor(r() * 3) }, () => pick(r, PHRASES))
    const description = `${s.name}提供${word}、${pick(r, cat.words)}等${cat.name}服务。${sentences.join('，')}。`
    const status: SearchDocument['status'] = x < 0.92 ? 'active' : x < 0.95 ? 'suspended' : x < 0.98 ? 'expired' : 'removed'
    const priceFen = kind === 'catalogue_supplier' ? null : Math.round(Math.exp(Math.log(10_00) + r() * Math.log(100_000))) 
    docs.push({
      id: `doc-${i}`,
      kind,
      title,
      description,
      categoryCode: cat.code,
      categoryName: cat.name,
      market: cat.market,
      qualifications: s.quals,
      qualificationLevel: s.level,
      region: s.region,
      priceFen,
      rating: r() < 0.1 ? null : Math.round((2.5 + r() * 2.5) * 10) / 10,
      credit: s.credit,
      status,
      supplierId: s.id,
      supplierName: s.name,
      updatedAt: new Date(Date.UTC(2026, 0, 1) + Math.floor(r() * 300) * 86_400_000).toISOString(),
    })
  }
  return docs
}

const FACETS: FacetField[] = ['categoryCode', 'region', 'qualificationLevel', 'priceBand', 'ratingBand']
const TERMS = [
  '物业', '物业管理', '保安', '印刷', '图书', '加油', '劳务派遣', '食堂', '电商', '医疗设备', '工程造价', '造价',
  '审计', '测绘', '资产评估', '环评', '设计', '监理', '法律顾问', '招标代理', '安全评价', '软件开发', '网络安全',
  '保洁', '绿化', '装修', '福田', '南山', '天河', '宣传册', '监护仪', '防水', 'ISO9001', 'iso', 'CMMI3', '高新技术',
  '增值税', '上门服务', '驻场', '有限公司', '深圳', '广州 审计', '福田 物业', '南山 保安服务', '深圳 印刷', '设施维护',
]

export function generateQueries(count: number, seed = 7): SearchQuery[] {
  const r = rng(seed)
  const sorts: SearchSort[] = ['relevance', 'relevance', 'relevance', 'price_asc', 'price_desc', 'rating_desc']
  const out: SearchQuery[] = []
  for (let i = 0; i < count; i++) {
    const type = r()
    const filters: SearchFilter[] = []
    const addFilters = (n: number) => {
      for (let k = 0; k < n; k++) {
        const f = Math.floor(r() * 5)
        if (f === 0) filters.push({ op: 'eq', field: 'market', value: r() < 0.5 ? 'catalogue' : 'supermarket' })
        if (f === 1) filters.push({ op: 'in', field: 'categoryCode', values: [pick(r, CATEGORIES).code, pick(r, CATEGORIES).code] })
        if (f === 2) filters.push({ op: 'eq', field: 'region', value: pick(r, REGIONS) })
        if (f === 3) filters.push({ op: 'range', field: 'priceFen', gte: 1_000_00, lte: 50_000_00 })
        if (f === 4) filters.push({ op: 'range', field: 'rating', gte: 4 })
      }
    }
    let q = ''
    if (type < 0.3) q = pick(r, TERMS)
    else if (type < 0.6) {
      q = pick(r, TERMS)
      addFilters(1 + Math.floor(r() * 2))
    } else if (type < 0.8) addFilters(1 + Math.floor(r() * 2))
    else {
      q = `${pick(r, TERMS)} ${pick(r, TERMS)}`
      addFilters(1)
    }
    out.push({ q, filters, facets: FACETS, sort: pick(r, sorts), page: r() < 0.8 ? 1 : 2 + Math.floor(r() * 3), perPage: 20 })
  }
  return out
}
