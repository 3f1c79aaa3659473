// Replays a published draw from its record alone: what the public draw page and scripts/verify-draw.ts run.
import { canonicalJson } from './canonical-json'
import type { PublishedDraw } from './draw'
import {
  ALGORITHM_VERSION,
  SECRET_BYTES,
  canonicalCandidates,
  commitSecret,
  drawOrder,
  drawSeed,
  isStrictlyAscending,
} from './draw'
import { isHexOfLength } from './encoding'
import { sha256Hex } from './hash'

export type DrawProblemCode =
  | 'format'
  | 'algorithm-version'
  | 'pool-not-canonical'
  | 'pool-hash'
  | 'secret-hash'
  | 'seed'
  | 'order'

export interface DrawProblem {
  code: DrawProblemCode
  message: string
}

export interface RecomputedDraw {
  poolHash: string
  secretHash: string
  seed: string
  order: string[]
}

export interface DrawVerification {
  ok: boolean
  problems: DrawProblem[]
  /** What the verifier computed itself; absent when the record was too malformed to recompute. */
  recomputed?: RecomputedDraw
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value)
}

function isStringArray(value: unknown): value is string[] {
  return Array.isArray(value) && value.every((item) => typeof item === 'string')
}

/** Checks the record's shape; returns it typed when every field needed to recompute is present. */
function checkShape(record: unknown, problems: DrawProblem[]): PublishedDraw | undefined {
  const format = (message: string) => problems.push({ code: 'format', message })
  if (!isRecord(record)) {
    format('the published draw is not a JSON object')
    return undefined
  }
  for (const field of ['algorithmVersion', 'drawId', 'poolHash', 'secretHash', 'publicInput'] as const) {
    if (typeof record[field] !== 'string') format(`'${field}' is missing or not a string`)
  }
  if (typeof record.secret !== 'string') {
    format("'secret' is missing or not a string (has the draw been revealed yet?)")
  } else if (!isHexOfLength(record.secret, SECRET_BYTES)) {
    format(`'secret' must be ${2 * SECRET_BYTES} lowercase hex digits`)
  }
  if (record.seed !== undefined && typeof record.seed !== 'string') format("'seed' is not a string")
  if (!isStringArray(record.order)) format("'order' is missing or not an array of strings")
  const pool = record.pool
  if (!isRecord(pool)) {
    format("'pool' is missing or not an object")
  } else {
    if (!isStringArray(pool.candidates)) format("'pool.candidates' is missing or not an array of strings")
    if (typeof pool.purpose !== 'string') format("'pool.purpose' is missing or not a string")
    if (!Number.isSafeInteger(pool.winners)) format("'pool.winners' is missing or not an integer")
    if (typeof pool.algorithmVersion !== 'string') format("'pool.algorithmVersion' is missing or not a string")
  }
  return problems.length === 0 ? (record as unknown as PublishedDraw) : undefined
}

function checkPoolCanonical(draw: PublishedDraw, problems: DrawProblem[]): void {
  const notCanonical = (message: string) => problems.push({ code: 'pool-not-canonical', message })
  const { candidates, winners, purpose } = draw.pool
  const extraKeys = Object.keys(draw.pool).filter(
    (key) => !['algorithmVersion', 'candidates', 'purpose', 'winners'].includes(key),
  )
  if (extraKeys.length > 0) notCanonical(`the pool has unexpected fields: ${extraKeys.join(', ')}`)
  if (candidates.length === 0) notCanonical('the pool has no candidates')
  if (candidates.includes('')) notCanonical('the pool has an empty candidate id')
  if (!isStrictlyAscending(candidates)) notCanonical('the candidates are not deduplicated and sorted by code point')
  if (purpose === '') notCanonical('the purpose is empty')
  const size = new Set(candidates).size
  if (winners < 1 || winners > size) notCanonical(`winners is ${winners}, outside 1..${size}`)
}

function describeOrderMismatch(published: readonly string[], recomputed: readonly string[]): string {
  if (published.length !== recomputed.length) {
    return `the published order has ${published.length} entries, the recomputed order has ${recomputed.length}`
  }
  const at = published.findIndex((id, index) => id !== recomputed[index])
  return (
    `the published order differs from the recomputed order from position ${at + 1}: ` +
    `published '${published[at]}', recomputed '${recomputed[at]}'`
  )
}

/**
 * Verifies a published draw record: the pool hash, the secret against its commitment, the seed (when published)
 * and the full order. Returns every problem found rather than stopping at the first. It cannot check *when* the
 * commitment and the public input were published; that is what the public notices' timestamps are for.
 */
export async function verifyDraw(published: unknown): Promise<DrawVerification> {
  const problems: DrawProblem[] = []
  const draw = checkShape(published, problems)
  if (!draw) return { ok: false, problems }

  if (draw.algorithmVersion !== ALGORITHM_VERSION || draw.pool.algorithmVersion !== ALGORITHM_VERSION) {
    problems.push({
      code: 'algorithm-version',
      message:
        `algorithm version '${draw.algorithmVersion}' (pool: '${draw.pool.algorithmVersion}') ` +
        `is not supported by this verifier (${ALGORITHM_VERSION})`,
    })
    return { ok: false, problems }
  }
  checkPoolCanonical(draw, problems)

  try {
    // The hash is over the pool exactly as published; the order is replayed on its canonical candidate list.
    const poolHash = await sha256Hex(canonicalJson(draw.pool))
    const secretHash = await commitSecret(draw.secret)
    const seed = await drawSeed(draw.secret, draw.publicInput, poolHash, draw.drawId)
    const order = await drawOrder(seed, canonicalCandidates(draw.pool.candidates))

    if (poolHash !== draw.poolHash) {
      problems.push({
        code: 'pool-hash',
        message: `pool hash mismatch: published ${draw.poolHash}, recomputed ${poolHash}`,
      })
    }
    if (secretHash !== draw.secretHash) {
      problems.push({
        code: 'secret-hash',
        message:
          'the revealed secret does not match the commitment: ' +
          `published ${draw.secretHash}, recomputed ${secretHash}`,
      })
    }
    if (draw.seed !== undefined && draw.seed !== seed) {
      problems.push({ code: 'seed', message: `seed mismatch: published ${draw.seed}, recomputed ${seed}` })
    }
    if (order.length !== draw.order.length || order.some((id, index) => id !== draw.order[index])) {
      problems.push({ code: 'order', message: describeOrderMismatch(draw.order, order) })
    }
    return { ok: problems.length === 0, problems, recomputed: { poolHash, secretHash, seed, order } }
  } catch (error) {
    // Values that parse as JSON but cannot be hashed (e.g. an empty public input, a lone surrogate).
    problems.push({ code: 'format', message: error instanceof Error ? error.message : String(error) })
    return { ok: false, problems }
  }
}
