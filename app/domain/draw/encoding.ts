// Byte-level helpers shared by the draw. Plain TypeScript so the module runs unchanged in the browser.

const utf8Encoder = new TextEncoder()

/** A byte array backed by a plain ArrayBuffer, which is what Web Crypto accepts. */
export type Bytes = Uint8Array<ArrayBuffer>

/** True if the string has a lone UTF-16 surrogate, which has no UTF-8 encoding. */
export function hasLoneSurrogate(text: string): boolean {
  return /\p{Cs}/u.test(text)
}

/**
 * UTF-8 bytes of a string. Throws on lone surrogates: TextEncoder would silently turn them into U+FFFD and the
 * published text would no longer be what was hashed.
 */
export function utf8(text: string): Bytes {
  if (hasLoneSurrogate(text)) throw new TypeError('text contains a lone UTF-16 surrogate and has no UTF-8 encoding')
  return utf8Encoder.encode(text)
}

const HEX_PATTERN = /^(?:[0-9a-f]{2})*$/

/** Lowercase hex of bytes. */
export function toHex(bytes: Uint8Array): string {
  let out = ''
  for (const byte of bytes) out += byte.toString(16).padStart(2, '0')
  return out
}

/** Bytes of a lowercase, even-length hex string; uppercase is refused so that every value has one spelling. */
export function fromHex(hex: string): Bytes {
  if (!HEX_PATTERN.test(hex)) throw new TypeError('expected lowercase hex with an even number of digits')
  const bytes = new Uint8Array(hex.length / 2)
  for (let i = 0; i < bytes.length; i++) bytes[i] = parseInt(hex.slice(2 * i, 2 * i + 2), 16)
  return bytes
}

/** True if `value` is lowercase hex encoding exactly `byteLength` bytes. */
export function isHexOfLength(value: unknown, byteLength: number): value is string {
  return typeof value === 'string' && value.length === 2 * byteLength && HEX_PATTERN.test(value)
}

export function concatBytes(parts: readonly Uint8Array[]): Bytes {
  const out = new Uint8Array(parts.reduce((sum, part) => sum + part.length, 0))
  let offset = 0
  for (const part of parts) {
    out.set(part, offset)
    offset += part.length
  }
  return out
}

/** 4-byte big-endian length followed by the bytes: unambiguous however the fields' contents look. */
export function lengthPrefixed(bytes: Uint8Array): Bytes {
  if (bytes.length > 0xffff_ffff) throw new RangeError('field longer than 2^32 - 1 bytes')
  const out = new Uint8Array(4 + bytes.length)
  new DataView(out.buffer).setUint32(0, bytes.length, false)
  out.set(bytes, 4)
  return out
}

/** An unsigned integer (below 2^53) as 8 bytes, big-endian. */
export function uint64BigEndian(value: number): Bytes {
  if (!Number.isSafeInteger(value) || value < 0) throw new RangeError('counter must be a non-negative safe integer')
  const out = new Uint8Array(8)
  const view = new DataView(out.buffer)
  view.setUint32(0, Math.floor(value / 0x1_0000_0000), false)
  view.setUint32(4, value % 0x1_0000_0000, false)
  return out
}
