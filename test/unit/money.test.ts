import { describe, expect, it } from 'vitest'
import {
  MAX_FEN,
  addFen,
  fen,
  fenFromBigInt,
  fenToBigInt,
  formatFen,
  isFen,
  parseYuan,
  percentOf,
  savingsRate,
  subtractFen,
  sumFen,
  toYuanString,
  tryParseYuan,
} from '~/domain/money'

describe('fen', () => {
  it.each([0, 1, -1, 123_456, MAX_FEN, -MAX_FEN])('accepts %d', (n) => {
    expect(fen(n)).toBe(n)
    expect(isFen(n)).toBe(true)
  })

  it.each([0.5, 1.1, Number.NaN, Number.POSITIVE_INFINITY, MAX_FEN + 1, -MAX_FEN - 1, 2 ** 60])('refuses %d', (n) => {
    expect(() => fen(n)).toThrow(RangeError)
    expect(isFen(n)).toBe(false)
  })

  it('normalises minus zero', () => {
    expect(Object.is(fen(-0), 0)).toBe(true)
  })

  it('converts to and from bigint at the database edge', () => {
    expect(fenFromBigInt(123_456_789n)).toBe(123_456_789)
    expect(fenToBigInt(fen(-42))).toBe(-42n)
    expect(() => fenFromBigInt(BigInt(MAX_FEN) + 1n)).toThrow(RangeError)
  })

  it('adds, subtracts and sums without leaving the safe range', () => {
    expect(addFen(fen(10), fen(25))).toBe(35)
    expect(subtractFen(fen(10), fen(25))).toBe(-15)
    expect(sumFen([fen(1), fen(2), fen(3)])).toBe(6)
    expect(sumFen([])).toBe(0)
    expect(() => addFen(fen(MAX_FEN), fen(1))).toThrow(RangeError)
    expect(() => sumFen([fen(MAX_FEN), fen(1), fen(-1)])).toThrow(RangeError)
  })
})

describe('parseYuan', () => {
  it.each([
    ['1,234.56', 123_456],
    ['1234.56', 123_456],
    ['1234.5', 123_450],
    ['1234', 123_400],
    ['0', 0],
    ['0.01', 1],
    ['0.29', 29], // 0.29 * 100 is 28.999999999999996 in floating point
    ['1.10', 110],
    ['  8 ', 800],
    ['007', 700],
    ['¥1,234.56', 123_456],
    ['￥99.9', 9_990],
    ['CN¥1,000', 100_000],
    ['-12', -1_200],
    ['-¥0.05', -5],
    ['-0', 0],
    ['1,000,000,000.00', 100_000_000_000],
    ['90,071,992,547,409.91', MAX_FEN],
  ])('%j → %d fen', (text, expected) => {
    expect(parseYuan(text)).toBe(expected)
    expect(tryParseYuan(text)).toBe(expected)
  })

  it.each([
    ['', 'empty'],
    ['abc', 'not a number'],
    ['1.234', 'three decimals'],
    ['0.001', 'three decimals'],
    ['1.', 'a bare point'],
    ['.5', 'no integer part'],
    ['1,23.00', 'a short group'],
    ['12,345,67', 'a short last group'],
    ['1234,567', 'a long first group'],
    ['0,123', 'a group after a leading zero'],
    [',123', 'a leading separator'],
    ['1e3', 'an exponent'],
    ['+5', 'a plus sign'],
    ['--5', 'two signs'],
    ['¥-5', 'the sign after the currency'],
    ['5元', 'a unit suffix'],
    ['1 234', 'a space as separator'],
    ['１２３', 'full-width digits'],
    ['90,071,992,547,409.92', 'beyond MAX_SAFE_INTEGER fen'],
  ])('refuses %j (%s)', (text) => {
    expect(() => parseYuan(text)).toThrow(RangeError)
    expect(tryParseYuan(text)).toBeUndefined()
  })
})

describe('formatFen and toYuanString', () => {
  it.each([
    [123_456, '¥1,234.56', 'CN¥1,234.56', '1234.56'],
    [0, '¥0.00', 'CN¥0.00', '0.00'],
    [5, '¥0.05', 'CN¥0.05', '0.05'],
    [100, '¥1.00', 'CN¥1.00', '1.00'],
    [99_999, '¥999.99', 'CN¥999.99', '999.99'],
    [100_000, '¥1,000.00', 'CN¥1,000.00', '1000.00'],
    [1_000_000_000, '¥10,000,000.00', 'CN¥10,000,000.00', '10000000.00'],
    [-5, '-¥0.05', '-CN¥0.05', '-0.05'],
    [-123_456_789, '-¥1,234,567.89', '-CN¥1,234,567.89', '-1234567.89'],
    [MAX_FEN, '¥90,071,992,547,409.91', 'CN¥90,071,992,547,409.91', '90071992547409.91'],
  ])('%d fen → %s / %s / %s', (amount, zh, en, plain) => {
    expect(formatFen(fen(amount))).toBe(zh)
    expect(formatFen(fen(amount), 'zh')).toBe(zh)
    expect(formatFen(fen(amount), 'en')).toBe(en)
    expect(toYuanString(fen(amount))).toBe(plain)
    // Every output reads back as the same amount.
    expect(parseYuan(zh)).toBe(amount)
    expect(parseYuan(en)).toBe(amount)
    expect(parseYuan(plain)).toBe(amount)
  })
})

describe('percentOf (half up, 四舍五入)', () => {
  it.each([
    [10_000, 200, 200, '2% of ¥100'],
    [123_456, 200, 2_469, '2% of ¥1,234.56 = 2469.12 → 2469'],
    [25, 200, 1, '0.5 fen rounds up'],
    [24, 200, 0, '0.48 fen rounds down'],
    [75, 200, 2, '1.5 fen rounds up'],
    [-25, 200, -1, 'negative halves round away from zero'],
    [-24, 200, 0, 'negative below half rounds to zero'],
    [1, 5_000, 1, '50% of one fen'],
    [12_345, 0, 0, '0 bp'],
    [12_345, 10_000, 12_345, '100%'],
    [12_345, 15_000, 18_518, '150%: 18517.5 → 18518'],
    [MAX_FEN, 200, 180_143_985_094_820, '2% of the maximum: the product exceeds 2^53'],
  ])('%d fen × %d bp = %d (%s)', (amount, basisPoints, expected) => {
    expect(percentOf(fen(amount), basisPoints)).toBe(expected)
  })

  it.each([-1, 1.5, Number.NaN])('refuses %d basis points', (basisPoints) => {
    expect(() => percentOf(fen(100), basisPoints)).toThrow(RangeError)
  })

  it('refuses a result beyond the safe range', () => {
    expect(() => percentOf(fen(MAX_FEN), 20_000)).toThrow(RangeError)
  })
})

describe('savingsRate (资金节约率)', () => {
  it.each([
    [1_000_000, 875_000, 0.125],
    [1_000_000, 1_000_000, 0],
    [1_000_000, 0, 1],
    [1_000_000, 1_100_000, -0.1],
    [300, 100, 2 / 3],
  ])('budget %d, awarded %d → %d', (budget, awarded, expected) => {
    expect(savingsRate(fen(budget), fen(awarded))).toBeCloseTo(expected, 12)
  })

  it.each([0, -100])('refuses a budget of %d', (budget) => {
    expect(() => savingsRate(fen(budget), fen(0))).toThrow(RangeError)
  })
})
