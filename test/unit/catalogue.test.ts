import { describe, expect, it } from 'vitest'
import {
  ceilingProblem,
  criteriaLines,
  fieldLines,
  nextOrderStatus,
  offerKey,
  overallRating,
  parseCriteriaLines,
  parseFieldLines,
  parseQualificationLines,
  passToNextCandidate,
  qualificationLines,
  rotationOrder,
  validateItemFields,
  orderNumber,
  DEFAULT_RATING_CRITERIA,
  type ItemFieldDef,
} from '~/domain/catalogue'
import { checkUpload, sniffType } from '~/lib/storage.server'
import { crc32, toCsv, toXlsx } from '~/services/catalogue-export.server'
import { inflateRawSync } from 'node:zlib'

const FUEL: ItemFieldDef[] = [
  { key: 'station_address', label_zh: '加油站地址', label_en: 'Station address', type: 'text', required: true },
  { key: 'grades', label_zh: '油品', label_en: 'Fuel grades', type: 'multiselect', required: true, options: ['92#汽油', '95#汽油', '0#柴油'] },
  { key: 'pumps', label_zh: '加油机', label_en: 'Pumps', type: 'number', required: false, min: 1, max: 40 },
  { key: 'hours', label_zh: '营业时间', label_en: 'Hours', type: 'select', required: true, options: ['24小时', '06:00-22:00'] },
]

describe('category field definitions', () => {
  it.each([
    [{ station_address: '深南大道1号', grades: ['92#汽油', '95#汽油'], hours: '24小时' }, { ok: true }],
    [{ station_address: '', grades: '92#汽油', hours: '24小时' }, { ok: false, errors: { station_address: 'required' } }],
    [{ station_address: 'x', grades: ['98#汽油'], hours: '24小时' }, { ok: false, errors: { grades: 'choice' } }],
    [{ station_address: 'x', grades: '0#柴油', hours: '24小时', pumps: 'six' }, { ok: false, errors: { pumps: 'number' } }],
    [{ station_address: 'x', grades: '0#柴油', hours: '24小时', pumps: '99' }, { ok: false, errors: { pumps: 'range' } }],
    [{ station_address: 'x', grades: '0#柴油', hours: '全天' }, { ok: false, errors: { hours: 'choice' } }],
  ])('validates %j', (raw, expected) => {
    expect(validateItemFields(FUEL, raw)).toMatchObject(expected)
  })

  it('keeps typed values and drops unknown keys', () => {
    expect(validateItemFields(FUEL, { station_address: ' 深南大道1号 ', grades: ['92#汽油', '92#汽油'], hours: '24小时', pumps: '6', extra: 'x' })).toEqual({
      ok: true,
      values: { station_address: '深南大道1号', grades: ['92#汽油'], hours: '24小时', pumps: 6 },
    })
  })

  it('reads and writes the administrator’s one-line-per-field text', () => {
    const parsed = parseFieldLines(fieldLines(FUEL))
    expect(parsed).toEqual({ ok: true, fields: FUEL.map(({ min: _min, max: _max, ...f }) => f) })
    expect(parseFieldLines('grades | 油品 | Grades | multiselect | required')).toEqual({ ok: false, line: 1 })
    expect(parseFieldLines('a | 甲 | A | text\nA bad key | 乙 | B | text')).toEqual({ ok: false, line: 2 })
    expect(parseFieldLines('a | 甲 | A | text\na | 乙 | B | text').ok).toBe(false)
    const quals = parseQualificationLines('licence | 营业执照 | Business licence | required\nsafety | 安全生产许可证 | Safety permit | optional')
    expect(quals.ok && quals.items.map((q) => q.required)).toEqual([true, false])
    expect(parseQualificationLines(qualificationLines(quals.ok ? quals.items : []))).toEqual(quals)
    expect(parseCriteriaLines(criteriaLines(DEFAULT_RATING_CRITERIA))).toEqual({ ok: true, items: DEFAULT_RATING_CRITERIA })
    expect(parseCriteriaLines('').ok).toBe(false)
  })
})

describe('ordering rules', () => {
  it.each([
    [{ orderCeilingFen: 1000, annualCeilingFen: 5000 }, 1000, 0, null],
    [{ orderCeilingFen: 1000, annualCeilingFen: 5000 }, 1001, 0, 'orderCeiling'],
    [{ orderCeilingFen: 1000, annualCeilingFen: 5000 }, 1000, 4000, null],
    [{ orderCeilingFen: 1000, annualCeilingFen: 5000 }, 1000, 4001, 'annualCeiling'],
    [{ orderCeilingFen: null, annualCeilingFen: null }, 9e12, 9e12, null],
  ] as const)('ceilings %j, order %d after %d spent → %s', (rules, total, spent, problem) => {
    expect(ceilingProblem(rules, total, spent)).toBe(problem)
  })

  it('treats offers as the same item regardless of spacing and width', () => {
    expect(offerKey({ name: '门岗 保安服务', specification: 'ＡＢ', unit: '人·月' })).toBe(offerKey({ name: '门岗保安服务', specification: 'ab', unit: '人·月' }))
    expect(offerKey({ name: '门岗保安服务', specification: '', unit: '人·月' })).not.toBe(offerKey({ name: '门岗保安服务', specification: '', unit: '人·天' }))
  })

  it('rotation offers first the supplier offered least, then the one that waited longest', () => {
    expect(
      rotationOrder([
        { organizationId: 3, offered: 2, lastOfferedAt: '2026-01-01' },
        { organizationId: 1, offered: 2, lastOfferedAt: '2026-03-01' },
        { organizationId: 7, offered: 0, lastOfferedAt: null },
        { organizationId: 5, offered: 0, lastOfferedAt: null },
      ]),
    ).toEqual([5, 7, 3, 1])
  })

  it('passes a decline to the next candidate only where the category says so', () => {
    expect(passToNextCandidate(0, 3, true)).toBe(1)
    expect(passToNextCandidate(2, 3, true)).toBeNull()
    expect(passToNextCandidate(0, 3, false)).toBeNull()
  })

  it('allows only the transitions of the order state machine', () => {
    expect(nextOrderStatus('placed', 'confirm')).toBe('confirmed')
    expect(nextOrderStatus('placed', 'accept')).toBeNull()
    expect(nextOrderStatus('confirmed', 'accept')).toBe('accepted')
    expect(nextOrderStatus('accepted', 'decline')).toBeNull()
  })

  it('weights the rating and refuses a missing or out-of-range score', () => {
    expect(overallRating(DEFAULT_RATING_CRITERIA, { quality: 5, timeliness: 4, service: 4 })).toBe(4.4)
    expect(overallRating(DEFAULT_RATING_CRITERIA, { quality: 5, timeliness: 4 })).toBeNull()
    expect(overallRating(DEFAULT_RATING_CRITERIA, { quality: 6, timeliness: 4, service: 4 })).toBeNull()
  })

  it('numbers orders by Shanghai date and id', () => {
    expect(orderNumber('2026-11-22', 42)).toBe('CG20261122000042')
  })
})

describe('uploads are checked by content, not by name', () => {
  const pdf = new TextEncoder().encode('%PDF-1.7\n')
  const png = new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a])
  const jpg = new Uint8Array([0xff, 0xd8, 0xff, 0xe0])
  it.each([
    ['licence.pdf', pdf, { ok: true, contentType: 'application/pdf' }],
    ['scan.PNG', png, { ok: true, contentType: 'image/png' }],
    ['photo.jpeg', jpg, { ok: true, contentType: 'image/jpeg' }],
    ['licence.pdf', png, { ok: false, problem: 'mismatch' }],
    ['licence.pdf', new TextEncoder().encode('<html>'), { ok: false, problem: 'type' }],
    ['licence.docx', pdf, { ok: false, problem: 'type' }],
    ['licence', pdf, { ok: false, problem: 'type' }],
    ['empty.pdf', new Uint8Array(), { ok: false, problem: 'empty' }],
  ] as const)('%s', (name, bytes, expected) => {
    expect(checkUpload(name, bytes)).toEqual(expected)
  })
  it('sniffs nothing from garbage', () => expect(sniffType(new Uint8Array([1, 2, 3]))).toBeNull())
})

describe('exports', () => {
  const table = { sheet: '订单', header: ['订单号', '金额', '备注'], rows: [['CG1', 12.5, '含"引号",逗号'], ['CG2', 3, '=1+1'], ['CG3', null, 'a&b<c>']] }
  it('writes CSV that Excel opens in UTF-8 and that cannot run formulas', () => {
    const csv = toCsv(table)
    expect(csv.startsWith('\uFEFF订单号,金额,备注\r\n')).toBe(true)
    expect(csv).toContain('CG1,12.5,"含""引号"",逗号"')
    expect(csv).toContain(`CG2,3,"'=1+1"`)
  })

  it('writes an .xlsx whose parts unzip with the right checksums and escape the cells', () => {
    const file = toXlsx(table)
    expect(file.subarray(0, 4).toString('hex')).toBe('504b0304')
    // Walk the local headers: each part inflates to its declared CRC-32.
    const parts: Record<string, string> = {}
    let at = 0
    while (file.readUInt32LE(at) === 0x04034b50) {
      const crc = file.readUInt32LE(at + 14)
      const size = file.readUInt32LE(at + 18)
      const nameLength = file.readUInt16LE(at + 26)
      const name = file.subarray(at + 30, at + 30 + nameLength).toString()
      const data = inflateRawSync(file.subarray(at + 30 + nameLength, at + 30 + nameLength + size))
      expect(crc32(data)).toBe(crc)
      parts[name] = data.toString()
      at += 30 + nameLength + size
    }
    expect(Object.keys(parts)).toEqual(['[Content_Types].xml', '_rels/.rels', 'xl/workbook.xml', 'xl/_rels/workbook.xml.rels', 'xl/styles.xml', 'xl/worksheets/sheet1.xml'])
    expect(parts['xl/worksheets/sheet1.xml']).toContain('<c r="B2"><v>12.5</v></c>')
    expect(parts['xl/worksheets/sheet1.xml']).toContain('a&amp;b&lt;c&gt;')
    expect(parts['xl/workbook.xml']).toContain('name="订单"')
  })

  it('computes the standard CRC-32', () => {
    expect(crc32(new TextEncoder().encode('123456789'))).toBe(0xcbf43926)
  })
})

describe('form schemas', () => {
  it('reads yuan as integer fen and refuses zero, negatives and fractions of a fen', async () => {
    const { menuItemSchema, orderSchema, reviewSchema } = await import('~/domain/catalogue')
    expect(menuItemSchema.parse({ name: '名片', specification: '', unit: '盒', price: '1,234.5' }).price).toBe(123450)
    for (const price of ['0', '-1', '1.234', 'abc', '']) expect(menuItemSchema.safeParse({ name: 'x', unit: '盒', price }).success).toBe(false)
    const order = { menuItemId: '3', priceId: '9', quantity: '2', deliveryAddress: '福田区', idempotencyKey: 'a'.repeat(24) }
    expect(orderSchema.parse(order)).toMatchObject({ menuItemId: 3, priceId: 9, quantity: 2, note: '' })
    expect(orderSchema.safeParse({ ...order, quantity: '0' }).success).toBe(false)
    expect(orderSchema.safeParse({ ...order, idempotencyKey: 'short' }).success).toBe(false)
    expect(reviewSchema.safeParse({ decision: 'return', reason: '' }).error?.issues[0]).toMatchObject({ path: ['reason'], message: 'field.required' })
    expect(reviewSchema.safeParse({ decision: 'approve', validUntil: '' }).error?.issues[0]).toMatchObject({ path: ['validUntil'] })
  })
})
