// SHA-256 and HMAC-SHA256 through Web Crypto (globalThis.crypto.subtle): present in Node 20 and in browsers, so the
// public draw page can recompute a draw with the very code the server used.
import type { Bytes } from './encoding'
import { toHex, utf8 } from './encoding'

function subtle(): SubtleCrypto {
  const api = globalThis.crypto?.subtle
  // Browsers expose subtle only in secure contexts (https or localhost).
  if (!api) throw new Error('Web Crypto (crypto.subtle) is not available; use https or a current Node')
  return api
}

function asBytes(data: Uint8Array | string): Bytes {
  // Copying also detaches the input from any caller-owned or shared buffer.
  return typeof data === 'string' ? utf8(data) : new Uint8Array(data)
}

/** SHA-256 of the bytes (a string is hashed as its UTF-8 encoding), as raw bytes. */
export async function sha256(data: Uint8Array | string): Promise<Bytes> {
  return new Uint8Array(await subtle().digest('SHA-256', asBytes(data)))
}

/** SHA-256 of the bytes (a string is hashed as its UTF-8 encoding), as lowercase hex. */
export async function sha256Hex(data: Uint8Array | string): Promise<string> {
  return toHex(await sha256(data))
}

/** Imports an HMAC-SHA256 key once so that a stream of blocks does not re-import it for every block. */
export async function importHmacKey(key: Uint8Array): Promise<CryptoKey> {
  return subtle().importKey('raw', new Uint8Array(key), { name: 'HMAC', hash: 'SHA-256' }, false, ['sign'])
}

export async function hmacWithKey(key: CryptoKey, message: Uint8Array | string): Promise<Bytes> {
  return new Uint8Array(await subtle().sign('HMAC', key, asBytes(message)))
}

/** HMAC-SHA256(key, message) as raw bytes (32). A string message is taken as its UTF-8 encoding. */
export async function hmacSha256(key: Uint8Array, message: Uint8Array | string): Promise<Bytes> {
  return hmacWithKey(await importHmacKey(key), message)
}
