// Money: integer fen (分), CNY. Never floats for amounts; all parsing, rounding and formatting lives here.
//
// Fen is a branded `number`: integers are exact up to Number.MAX_SAFE_INTEGER fen (about ¥90 trillion), far above
// any procurement. Columns stored as bigint convert at the database edge with fenFromBigInt / fenToBigInt.

declare const fenBrand: unique symbol

/** An amount in integer fen (1 yuan = 100 fen). Make one with fen(), parseYuan() or fenFromBigInt(). */
export type Fen = number & { readonly [fenBrand]: 'Fen' }

export const MAX_FEN = Number.MAX_SAFE_INTEGER

export function isFen(value: unknown): value is Fen {
  return typeof value === 'number' && Number.isSafeInteger(value)
}

/** Brands an integer number of fen; throws on fractions, NaN, infinities and integers beyond ±MAX_SAFE_INTEGER. */
export function fen(n: number): Fen {
  if (!isFen(n)) throw new RangeError(`not a safe integer amount of fen: ${n}`)
  // -0 would print as "-¥0.00".
  return (n === 0 ? 0 : n) as Fen
}

export function fenFromBigInt(value: bigint): Fen {
  if (value > BigInt(MAX_FEN) || value < -BigInt(MAX_FEN)) throw new RangeError(`amount out of range: ${value}`)
  return fen(Number(value))
}

export function fenToBigInt(amount: Fen): bigint {
  return BigInt(amount)
}

export function addFen(a: Fen, b: Fen): Fen {
  return fen(a + b)
}

export function subtractFen(a: Fen, b: Fen): Fen {
  return fen(a - b)
}

export function sumFen(amounts: Iterable<Fen>): Fen {
  let total = 0
  // Checking each step keeps a sum from ever passing through an inexact intermediate.
  for (const amount of amounts) total = fen(total + amount)
  return fen(total)
}

// Optional sign, optional currency sign, digits either plain or grouped by commas in threes, at most 2 decimals.
const YUAN_PATTERN = /^(-)?(?:CN¥|¥|￥)?([1-9]\d{0,2}(?:,\d{3})+|\d+)(?:\.(\d{1,2}))?$/

/** parseYuan without throwing: undefined when the text is not an amount. */
export function tryParseYuan(text: string): Fen | undefined {
  const match = YUAN_PATTERN.exec(text.trim())
  if (!match) return undefined
  const [, minus, yuan = '', decimals = ''] = match
  // String digits, not float arithmetic: '0.29' * 100 would be 28.999999999999996.
  const digits = BigInt(yuan.replaceAll(',', '') + decimals.padEnd(2, '0'))
  if (digits > BigInt(MAX_FEN)) return undefined
  return fen(minus ? -Number(digits) : Number(digits))
}

/**
 * Parses an amount in yuan as people type it: '1234.56', '1,234.56', '¥1,234.5', '-12', '  8 '. At most two
 * decimals (no rounding, '0.001' is refused), thousands separators only in groups of three.
 */
export function parseYuan(text: string): Fen {
  const amount = tryParseYuan(text)
  if (amount === undefined) throw new RangeError(`not an amount in yuan with at most 2 decimals: '${text}'`)
  return amount
}

/** The amount as plain yuan text for form fields: '1234.56', '-0.05'. parseYuan reads it back. */
export function toYuanString(amount: Fen): string {
  const abs = Math.abs(amount)
  return `${amount < 0 ? '-' : ''}${Math.floor(abs / 100)}.${String(abs % 100).padStart(2, '0')}`
}

export type MoneyLocale = 'zh' | 'en'

const CURRENCY_SIGN: Record<MoneyLocale, string> = {
  zh: '¥',
  // English readers also know ¥ as the yen; CN¥ is what CLDR (and Intl) use for the yuan in English.
  en: 'CN¥',
}

/**
 * Formats an amount for display: '¥1,234.56' (zh), 'CN¥1,234.56' (en), '-¥0.05'. Written by hand rather than with
 * Intl.NumberFormat so that the server and every browser produce the same text (no hydration mismatches).
 */
export function formatFen(amount: Fen, locale: MoneyLocale = 'zh'): string {
  const abs = Math.abs(amount)
  const yuan = String(Math.floor(abs / 100)).replace(/\B(?=(\d{3})+$)/g, ',')
  return `${amount < 0 ? '-' : ''}${CURRENCY_SIGN[locale]}${yuan}.${String(abs % 100).padStart(2, '0')}`
}

/**
 * basisPoints / 10,000 of an amount (200 bp = 2%, the default performance bond), rounded to the fen half up
 * (四舍五入: halves go away from zero, so negative amounts mirror positive ones).
 */
export function percentOf(amount: Fen, basisPoints: number): Fen {
  if (!Number.isSafeInteger(basisPoints) || basisPoints < 0) {
    throw new RangeError(`basis points must be a non-negative integer: ${basisPoints}`)
  }
  // bigint: amount × basisPoints can exceed 2^53 before the division.
  const product = BigInt(Math.abs(amount)) * BigInt(basisPoints)
  const rounded = (product + 5_000n) / 10_000n
  return fenFromBigInt(amount < 0 ? -rounded : rounded)
}

/**
 * 资金节约率 = (budget − awarded) / budget, as a ratio for display (0.125 = 12.5%); negative when the award exceeds
 * the budget. The budget must be positive: a rate over no budget has no meaning, so callers skip such rows.
 */
export function savingsRate(budget: Fen, awarded: Fen): number {
  if (budget <= 0) throw new RangeError('the savings rate needs a positive budget')
  return (budget - awarded) / budget
}
