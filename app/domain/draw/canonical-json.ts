// Canonical JSON: one byte sequence per value, so a hash of it can be recomputed anywhere.
import { hasLoneSurrogate } from './encoding'

/**
 * Compares strings by Unicode code point, which is also the order of their UTF-8 bytes and the default string order
 * of Python, Go and Rust. JavaScript's default sort compares UTF-16 code units instead, which disagrees for
 * characters above U+FFFF.
 */
export function compareCodePoints(a: string, b: string): number {
  let i = 0
  while (i < a.length && i < b.length) {
    const ca = a.codePointAt(i) ?? 0
    const cb = b.codePointAt(i) ?? 0
    if (ca !== cb) return ca < cb ? -1 : 1
    // Equal code points have equal UTF-16 lengths, so one index serves both strings.
    i += ca > 0xffff ? 2 : 1
  }
  return a.length === b.length ? 0 : a.length < b.length ? -1 : 1
}

function isPlainObject(value: object): value is Record<string, unknown> {
  const proto: unknown = Object.getPrototypeOf(value)
  return proto === Object.prototype || proto === null
}

function serialize(value: unknown, path: string): string {
  if (value === null) return 'null'
  switch (typeof value) {
    case 'boolean':
      return value ? 'true' : 'false'
    case 'number':
      // Integers only: float formatting differs between languages and would break recomputation.
      if (!Number.isSafeInteger(value)) throw new TypeError(`${path}: only safe integers are allowed, got ${value}`)
      return Object.is(value, -0) ? '0' : String(value)
    case 'string':
      if (hasLoneSurrogate(value)) throw new TypeError(`${path}: string contains a lone UTF-16 surrogate`)
      // JSON.stringify escapes exactly '"', '\' and U+0000–U+001F (\b \t \n \f \r short, others \u00xx lowercase).
      return JSON.stringify(value)
    case 'object': {
      if (Array.isArray(value)) {
        return `[${value.map((item, index) => serialize(item, `${path}[${index}]`)).join(',')}]`
      }
      if (!isPlainObject(value)) throw new TypeError(`${path}: only plain objects are allowed`)
      const keys = Object.keys(value).sort(compareCodePoints)
      const members = keys.map((key) => {
        if (hasLoneSurrogate(key)) throw new TypeError(`${path}: key contains a lone UTF-16 surrogate`)
        return `${JSON.stringify(key)}:${serialize(value[key], `${path}.${key}`)}`
      })
      return `{${members.join(',')}}`
    }
    default:
      // undefined, functions, symbols and bigints have no single JSON spelling; refuse rather than drop them.
      throw new TypeError(`${path}: ${typeof value} cannot be written as canonical JSON`)
  }
}

/**
 * Canonical JSON of a value: object keys sorted by code point, no whitespace, integers only, non-ASCII characters
 * written as themselves (the result is meant to be encoded as UTF-8). See docs/draw-algorithm.md.
 */
export function canonicalJson(value: unknown): string {
  return serialize(value, '$')
}
