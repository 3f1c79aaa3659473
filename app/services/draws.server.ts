import { randomUUID } from 'node:crypto'
import { sql, type Transaction } from 'kysely'
import type { DB } from '../../db/client'
import type { Database } from '../../db/schema'
import { commitSecret, freezePool, generateSecret, runDraw, type Pool, type PublishedDraw } from '~/domain/draw'
import { FieldError, NotFoundError } from './errors'

// The verifiable draw as stored and published (docs/draw-algorithm.md). A draw is committed (its secret's hash
// published) before its public input is known; it is revealed once; a second draw for the same purpose needs a
// recorded reason and a fresh commitment, and every draw stays public.

type Trx = Transaction<Database>

export interface CommitDrawInput {
  projectId: number | null
  purpose: string
  /** How the public input will be obtained, published with the commitment. */
  publicInputRule: string
  /** Needed when a draw with this purpose already exists. */
  reason?: string | null
  /** Known now, or frozen later with freezeDrawPool (a commitment can precede the pool). */
  pool?: { candidateIds: string[]; winners: number; labels?: Record<string, string> }
}

/** Commits to a fresh secret. Refuses a second draw for the same purpose without a reason. */
export async function commitDraw(trx: Trx, input: CommitDrawInput): Promise<{ id: string; secretHash: string }> {
  // Serialises draws of one purpose so two commits cannot both take sequence 1.
  await sql`select pg_advisory_xact_lock(hashtext(${input.purpose}))`.execute(trx)
  const previous = await trx.selectFrom('market_draws').select(sql<number>`coalesce(max(sequence), 0)::int`.as('n')).where('purpose', '=', input.purpose).executeTakeFirstOrThrow()
  const reason = input.reason?.trim() || null
  if (previous.n > 0 && !reason) throw new FieldError('reason', 'mkt.draw.reasonRequired')
  const secret = generateSecret()
  const id = randomUUID()
  const secretHash = await commitSecret(secret)
  const frozen = input.pool ? await freezePool({ candidateIds: input.pool.candidateIds, purpose: input.purpose, winners: input.pool.winners }) : null
  await trx
    .insertInto('market_draws')
    .values({
      id,
      project_id: input.projectId,
      purpose: input.purpose,
      sequence: previous.n + 1,
      reason: previous.n > 0 ? reason : null,
      pool: frozen ? JSON.stringify(frozen.pool) : null,
      pool_hash: frozen?.poolHash ?? null,
      secret_hash: secretHash,
      secret,
      public_input_rule: input.publicInputRule,
      labels: JSON.stringify(input.pool?.labels ?? {}),
    })
    .execute()
  return { id, secretHash }
}

/** Freezes the pool of a draw committed earlier (a tie-break committed at publication, frozen at the opening). */
export async function freezeDrawPool(trx: Trx, drawId: string, pool: { candidateIds: string[]; winners: number; labels?: Record<string, string> }) {
  const draw = await trx.selectFrom('market_draws').select(['purpose', 'pool_hash']).where('id', '=', drawId).forUpdate().executeTakeFirst()
  if (!draw) throw new NotFoundError()
  if (draw.pool_hash) throw new Error('the pool of this draw is already frozen')
  const frozen = await freezePool({ candidateIds: pool.candidateIds, purpose: draw.purpose, winners: pool.winners })
  await trx
    .updateTable('market_draws')
    .set({ pool: JSON.stringify(frozen.pool), pool_hash: frozen.poolHash, labels: JSON.stringify(pool.labels ?? {}) })
    .where('id', '=', drawId)
    .execute()
  return frozen
}

/** Reveals a committed draw with its public input: the seed, the order and the secret become public. Once only. */
export async function revealDraw(trx: Trx, drawId: string, publicInput: string, actorUserId: number | null): Promise<PublishedDraw> {
  const draw = await trx.selectFrom('market_draws').selectAll().where('id', '=', drawId).forUpdate().executeTakeFirst()
  if (!draw) throw new NotFoundError()
  if (draw.drawn_at) throw new FieldError('publicInput', 'mkt.draw.alreadyDrawn')
  if (!draw.pool || !draw.pool_hash) throw new Error('the pool of this draw is not frozen')
  if (publicInput === '') throw new FieldError('publicInput', 'field.required')
  const pool = draw.pool as Pool
  const frozen = await freezePool({ candidateIds: pool.candidates, purpose: pool.purpose, winners: pool.winners })
  if (frozen.poolHash !== draw.pool_hash) throw new Error('stored pool does not match its hash')
  const published = await runDraw({ frozen, secret: draw.secret, publicInput, drawId })
  await trx
    .updateTable('market_draws')
    .set({ public_input: publicInput, seed: published.seed, draw_order: JSON.stringify(published.order), drawn_at: sql`now()`, drawn_by: actorUserId })
    .where('id', '=', drawId)
    .execute()
  return published
}

export interface DrawPage {
  id: string
  projectId: number | null
  projectCode: string | null
  projectTitle: string | null
  purpose: string
  sequence: number
  reason: string | null
  pool: Pool | null
  poolHash: string | null
  secretHash: string
  publicInputRule: string
  publicInput: string | null
  seed: string | null
  order: string[] | null
  secret: string | null
  labels: Record<string, string>
  committedAt: Date
  drawnAt: Date | null
  /** Every draw with the same purpose, first to last, so a repeated draw is never hidden. */
  siblings: { id: string; sequence: number; reason: string | null; drawnAt: Date | null; committedAt: Date }[]
}

/** The public page of a draw: everything but the secret before the reveal, everything after it. */
export async function getDrawPage(db: DB, id: string): Promise<DrawPage> {
  const draw = await db
    .selectFrom('market_draws')
    .leftJoin('market_projects', 'market_projects.id', 'market_draws.project_id')
    .selectAll('market_draws')
    .select(['market_projects.code as project_code', 'market_projects.title as project_title'])
    .where('market_draws.id', '=', id)
    .executeTakeFirst()
  if (!draw) throw new NotFoundError()
  const siblings = await db
    .selectFrom('market_draws')
    .select(['id', 'sequence', 'reason', 'drawn_at as drawnAt', 'committed_at as committedAt'])
    .where('purpose', '=', draw.purpose)
    .orderBy('sequence')
    .execute()
  const superseded = siblings.some((s) => s.sequence > draw.sequence)
  return {
    id: draw.id,
    projectId: draw.project_id,
    projectCode: draw.project_code,
    projectTitle: draw.project_title,
    purpose: draw.purpose,
    sequence: draw.sequence,
    reason: draw.reason,
    pool: (draw.pool as Pool | null) ?? null,
    poolHash: draw.pool_hash,
    secretHash: draw.secret_hash,
    publicInputRule: draw.public_input_rule,
    publicInput: draw.public_input,
    seed: draw.seed,
    order: draw.draw_order,
    // A superseded commitment reveals its secret too: it shows the centre did not keep a secret it liked better.
    secret: draw.drawn_at || superseded ? draw.secret : null,
    labels: draw.labels ?? {},
    committedAt: draw.committed_at,
    drawnAt: draw.drawn_at,
    siblings,
  }
}

/** /draws/<id>.json: the published record (docs/draw-algorithm.md §9), only once revealed. */
export async function publishedDraw(db: DB, id: string): Promise<PublishedDraw | null> {
  const page = await getDrawPage(db, id)
  if (!page.drawnAt || !page.pool || !page.poolHash || !page.secret || !page.publicInput || !page.seed || !page.order) return null
  return {
    algorithmVersion: page.pool.algorithmVersion,
    drawId: page.id,
    pool: page.pool,
    poolHash: page.poolHash,
    secretHash: page.secretHash,
    secret: page.secret,
    publicInput: page.publicInput,
    seed: page.seed,
    order: page.order,
  }
}

export async function listDraws(db: DB, limit = 50) {
  return db
    .selectFrom('market_draws')
    .leftJoin('market_projects', 'market_projects.id', 'market_draws.project_id')
    .select(['market_draws.id', 'market_draws.purpose', 'market_draws.sequence', 'market_draws.committed_at', 'market_draws.drawn_at', 'market_projects.code as project_code', 'market_projects.id as project_id'])
    .orderBy('market_draws.committed_at', 'desc')
    .limit(limit)
    .execute()
}
