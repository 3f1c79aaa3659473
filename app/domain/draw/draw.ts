// The verifiable draw (可验证抽取): freeze the pool, commit to a secret, mix in a public input, shuffle.
// Every step is specified byte for byte in docs/draw-algorithm.md; change nothing here without a new version string.
import { canonicalJson, compareCodePoints } from './canonical-json'
import type { Bytes } from './encoding'
import { concatBytes, fromHex, isHexOfLength, lengthPrefixed, toHex, uint64BigEndian, utf8 } from './encoding'
import { hmacSha256, hmacWithKey, importHmacKey, sha256Hex } from './hash'

export const ALGORITHM_VERSION = 'caigou-draw-v1'
export type AlgorithmVersion = typeof ALGORITHM_VERSION

/** Secrets are 32 random bytes, published as 64 lowercase hex digits. */
export const SECRET_BYTES = 32

/** The frozen pool as hashed and published. Keys are listed here in their canonical (sorted) order. */
export interface Pool {
  algorithmVersion: AlgorithmVersion
  /** Candidate ids, deduplicated and sorted by Unicode code point. */
  candidates: string[]
  /** What the draw decides, e.g. 'random-selection:project/2025-0107'. */
  purpose: string
  /** How many from the head of the order are chosen; the rest are alternates in order. */
  winners: number
}

export interface FrozenPool {
  pool: Pool
  /** canonicalJson(pool): the exact text whose UTF-8 bytes are hashed. */
  poolJson: string
  /** SHA-256 of poolJson's UTF-8 bytes, lowercase hex. */
  poolHash: string
}

export interface FreezePoolInput {
  candidateIds: readonly string[]
  purpose: string
  winners: number
  algorithmVersion?: string
}

function assertSupportedVersion(version: string): asserts version is AlgorithmVersion {
  if (version !== ALGORITHM_VERSION) {
    throw new RangeError(`unsupported draw algorithm version '${version}' (supported: ${ALGORITHM_VERSION})`)
  }
}

/** Candidate ids deduplicated and sorted by code point: the pool's canonical candidate list. */
export function canonicalCandidates(candidateIds: readonly string[]): string[] {
  return [...new Set(candidateIds)].sort(compareCodePoints)
}

/** True if the ids are in strictly increasing code point order (so also free of duplicates). */
export function isStrictlyAscending(ids: readonly string[]): boolean {
  for (let i = 1; i < ids.length; i++) {
    if (compareCodePoints(ids[i - 1] ?? '', ids[i] ?? '') >= 0) return false
  }
  return true
}

/**
 * Freezes the pool (冻结候选池): the deduplicated, sorted candidate ids plus the draw's parameters as canonical JSON,
 * and its SHA-256. Throws on an empty pool, an empty id or purpose, or winners outside 1..pool size: a draw that
 * cannot fill its places is a caller's bug, the "too few candidates" rule is decided before a draw is made.
 */
export async function freezePool(input: FreezePoolInput): Promise<FrozenPool> {
  const algorithmVersion = input.algorithmVersion ?? ALGORITHM_VERSION
  assertSupportedVersion(algorithmVersion)
  if (input.candidateIds.some((id) => typeof id !== 'string' || id === '')) {
    throw new TypeError('candidate ids must be non-empty strings')
  }
  if (input.purpose === '') throw new TypeError('purpose must not be empty')
  const candidates = canonicalCandidates(input.candidateIds)
  if (candidates.length === 0) throw new RangeError('the pool has no candidates')
  if (!Number.isSafeInteger(input.winners) || input.winners < 1 || input.winners > candidates.length) {
    throw new RangeError(`winners must be an integer from 1 to the pool size ${candidates.length}`)
  }
  const pool: Pool = { algorithmVersion, candidates, purpose: input.purpose, winners: input.winners }
  const poolJson = canonicalJson(pool)
  return { pool, poolJson, poolHash: await sha256Hex(poolJson) }
}

/** A fresh server secret: 32 bytes from the platform's CSPRNG, lowercase hex. */
export function generateSecret(): string {
  return toHex(globalThis.crypto.getRandomValues(new Uint8Array(SECRET_BYTES)))
}

function secretBytes(secretHex: string): Bytes {
  if (!isHexOfLength(secretHex, SECRET_BYTES)) {
    throw new TypeError(`the secret must be ${SECRET_BYTES} bytes written as ${2 * SECRET_BYTES} lowercase hex digits`)
  }
  return fromHex(secretHex)
}

/** The commitment published before the draw: SHA-256 of the secret's 32 raw bytes (not of its hex text). */
export async function commitSecret(secretHex: string): Promise<string> {
  return sha256Hex(secretBytes(secretHex))
}

/**
 * The HMAC message for the seed: publicInput ‖ poolHash ‖ drawId, each as a 4-byte big-endian byte length followed
 * by its UTF-8 bytes (poolHash as its 64 lowercase hex characters). Length prefixes keep field boundaries
 * unambiguous whatever the public input contains.
 */
export function drawSeedMessage(publicInput: string, poolHash: string, drawId: string): Bytes {
  if (publicInput === '') throw new TypeError('the public input must not be empty: it is what stops secret grinding')
  if (!isHexOfLength(poolHash, 32)) throw new TypeError('poolHash must be 64 lowercase hex digits')
  if (drawId === '') throw new TypeError('drawId must not be empty')
  return concatBytes([utf8(publicInput), utf8(poolHash), utf8(drawId)].map(lengthPrefixed))
}

/** seed = HMAC-SHA256(key = secret bytes, message = drawSeedMessage(...)), lowercase hex. */
export async function drawSeed(
  secretHex: string,
  publicInput: string,
  poolHash: string,
  drawId: string,
): Promise<string> {
  return toHex(await hmacSha256(secretBytes(secretHex), drawSeedMessage(publicInput, poolHash, drawId)))
}

/** A source of uniformly distributed 32-bit unsigned integers. */
export type WordSource = () => number | Promise<number>

const TWO_POW_32 = 0x1_0000_0000

/**
 * Words at or above this bound are rejected when drawing an index below n: the accepted range [0, limit) holds
 * each residue modulo n exactly limit / n times, so `word % n` has no modulo bias.
 */
export function rejectionLimit(n: number): number {
  if (!Number.isSafeInteger(n) || n < 1 || n > TWO_POW_32) throw new RangeError('n must be an integer in 1..2^32')
  return TWO_POW_32 - (TWO_POW_32 % n)
}

/** The index in [0, n) a word yields, or undefined when the word is rejected and the next one must be drawn. */
export function sampleIndex(word: number, n: number): number | undefined {
  if (!Number.isInteger(word) || word < 0 || word >= TWO_POW_32) throw new RangeError('word must be a uint32')
  return word < rejectionLimit(n) ? word % n : undefined
}

/** A uniform index in [0, n), drawing words until one is accepted. */
export async function uniformIndex(n: number, nextWord: WordSource): Promise<number> {
  for (;;) {
    const index = sampleIndex(await nextWord(), n)
    if (index !== undefined) return index
  }
}

/**
 * The counter stream: block i = HMAC-SHA256(key = seed bytes, message = i as 8-byte big-endian), i = 0, 1, 2, …;
 * each 32-byte block is read as eight 32-bit big-endian words, in order.
 */
export function hmacWordStream(seedHex: string): WordSource {
  if (!isHexOfLength(seedHex, 32)) throw new TypeError('the seed must be 64 lowercase hex digits')
  const keyPromise = importHmacKey(fromHex(seedHex))
  let counter = 0
  let block: DataView | undefined
  let offset = 32
  return async () => {
    if (block === undefined || offset === 32) {
      block = new DataView((await hmacWithKey(await keyPromise, uint64BigEndian(counter))).buffer)
      counter++
      offset = 0
    }
    const word = block.getUint32(offset, false)
    offset += 4
    return word
  }
}

/**
 * Fisher–Yates, front to back: position i (from 0 to n − 2) takes the item at i + uniformIndex(n − i), swapped in.
 * So position 0 is drawn from all n items, position 1 from the remaining n − 1, and so on.
 */
export async function shuffleWithWords<T>(items: readonly T[], nextWord: WordSource): Promise<T[]> {
  const order = [...items]
  for (let i = 0; i < order.length - 1; i++) {
    const j = i + (await uniformIndex(order.length - i, nextWord))
    const picked = order[j] as T
    order[j] = order[i] as T
    order[i] = picked
  }
  return order
}

/**
 * The full drawn order (winner first, then alternates) of a pool's candidates. The candidates must be the pool's
 * canonical list (deduplicated, sorted by code point): the shuffle starts from that order.
 */
export async function drawOrder(seedHex: string, candidates: readonly string[]): Promise<string[]> {
  if (!isStrictlyAscending(candidates)) {
    throw new TypeError('candidates must be deduplicated and sorted by code point (use the frozen pool)')
  }
  return shuffleWithWords(candidates, hmacWordStream(seedHex))
}

/** Everything published after the reveal (揭晓); `/draws/<id>.json` serves this. */
export interface PublishedDraw {
  algorithmVersion: AlgorithmVersion
  drawId: string
  pool: Pool
  poolHash: string
  secretHash: string
  secret: string
  publicInput: string
  seed: string
  order: string[]
}

export interface RunDrawInput {
  frozen: FrozenPool
  secret: string
  publicInput: string
  drawId: string
}

/** Performs the draw on a frozen pool and returns the record to publish. */
export async function runDraw({ frozen, secret, publicInput, drawId }: RunDrawInput): Promise<PublishedDraw> {
  const seed = await drawSeed(secret, publicInput, frozen.poolHash, drawId)
  return {
    algorithmVersion: frozen.pool.algorithmVersion,
    drawId,
    pool: frozen.pool,
    poolHash: frozen.poolHash,
    secretHash: await commitSecret(secret),
    secret,
    publicInput,
    seed,
    order: await drawOrder(seed, frozen.pool.candidates),
  }
}
