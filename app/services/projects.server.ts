import { sql, type Transaction } from 'kysely'
import type { DB } from '../../db/client'
import type { Database } from '../../db/schema'
import { addWorkingDays } from '~/domain/calendar'
import { canonicalJson } from '~/domain/draw'
import { fen, formatFen } from '~/domain/money'
import type { Actor } from '~/domain/permissions'
import {
  contractPublicationDeadline,
  contractPublishedLate,
  creditBigList,
  declinePenalty,
  dedupeAffiliates,
  defaultMinCandidates,
  hasEnoughCandidates,
  openSealedQuotes,
  passToNextCandidate,
  quoteProblem,
  signedInFuture,
  submitTarget,
  tiedBidders,
  transition,
  type AffiliateExclusion,
  type DeclineReason,
  type ProjectEvent,
  type ProjectInput,
  type SelectionMethod,
} from '~/domain/selection'
import { formatDateTime } from '~/lib/i18n'
import { recordAudit, type AuditContext } from './audit.server'
import { creditScores, recordCreditEvent, suspendedOrgIds } from './credit.server'
import { commitDraw, freezeDrawPool, revealDraw } from './draws.server'
import { cancelJob, scheduleJob } from './jobs.server'
import { eligibleMemberIds, isEligibleMember } from './memberships.server'
import { sealQuote, unsealQuote } from './market-sealing.server'
import { notifyOrganizations } from './notifications.server'
import { FieldError, ForbiddenError, NotFoundError } from './errors'

// Selection projects of the supermarket (需求公告) and every step of the five methods. Each use case checks the
// actor's right, locks the project row, asks the method's state machine whether the step is allowed, and writes the
// audit event in the same transaction. Deadlines are compared with the database clock.

type Trx = Transaction<Database>
type Ctx = AuditContext & { actor: Actor }
type ProjectRow = Awaited<ReturnType<typeof lockProject>>

export const JOB_CLOSE = 'market.registration_close'
export const JOB_OFFER = 'market.offer_expire'
export const JOB_PUBLICITY = 'market.publicity_end'

const SYSTEM: AuditContext = { actor: null, clientAddress: null }

async function dbNow(trx: Trx | DB): Promise<Date> {
  const { rows } = await sql<{ now: Date }>`select clock_timestamp() as now`.execute(trx)
  return new Date(rows[0]!.now)
}

async function lockProject(trx: Trx, id: number) {
  const p = await trx.selectFrom('market_projects').selectAll().where('id', '=', id).forUpdate().executeTakeFirst()
  if (!p) throw new NotFoundError()
  return { ...p, budget_fen: Number(p.budget_fen) }
}

async function audit(trx: Trx, ctx: AuditContext, projectId: number, action: string, payload: Record<string, unknown> = {}) {
  await recordAudit(trx, ctx, { action: `market.${action}`, entityType: 'market_project', entityId: projectId, payload })
}

/** Moves the project along its method's machine; throws the form-level "wrong state" error when not allowed. */
function step(p: { method: string; status: string }, event: ProjectEvent): string {
  try {
    return transition(p.method as SelectionMethod, p.status, event)
  } catch {
    throw new FieldError('_form', 'mkt.err.wrongState')
  }
}

function requireBuyer(actor: Actor, p: { purchaser_org_id: number }) {
  if (actor.role !== 'agency' || actor.organizationId !== p.purchaser_org_id) throw new ForbiddenError()
}

function requireSupplier(actor: Actor): number {
  if (actor.role !== 'supplier' || !actor.organizationId) throw new ForbiddenError()
  return actor.organizationId
}

function requireCentre(actor: Actor) {
  if (actor.role !== 'center_admin') throw new ForbiddenError()
}

export interface ProjectSettings {
  justification?: string
  abnormalPercent?: number
  bigList?: number
  smallList?: number
  panelSize?: number
  topN?: number
  tieDrawId?: string
  /** The small list of a credit project, drawn from the big list. */
  smallListIds?: number[]
  bigListIds?: number[]
  choiceList?: number[]
  /** Agencies left out of the frozen pool because an affiliated agency registered earlier (关联企业去重). */
  affiliateExclusions?: AffiliateExclusion[]
}

export function settingsOf(p: { settings: unknown }): ProjectSettings {
  return (p.settings ?? {}) as ProjectSettings
}

// ─── creating and publishing ────────────────────────────────────────────────────────────────────────────────────────

export async function createProject(db: DB, ctx: Ctx, input: ProjectInput): Promise<number> {
  if (ctx.actor.role !== 'agency' || !ctx.actor.organizationId) throw new ForbiddenError()
  const buyer = ctx.actor.organizationId
  const category = await db.selectFrom('categories').select('code').where('code', '=', input.categoryCode).where('market', '=', 'supermarket').executeTakeFirst()
  if (!category) throw new FieldError('categoryCode', 'field.invalidChoice')
  const settings: ProjectSettings = {}
  if (input.method === 'direct') settings.justification = input.justification
  if (input.method === 'bidding') settings.abnormalPercent = input.abnormalPercent ?? 70
  if (input.method === 'credit') Object.assign(settings, { bigList: input.bigList ?? 7, smallList: input.smallList ?? 3 })
  if (input.method === 'proposal') Object.assign(settings, { panelSize: input.panelSize ?? 5, topN: input.topN ?? 0 })
  return db.transaction().execute(async (trx) => {
    const now = await dbNow(trx)
    if (input.deadline.getTime() <= now.getTime()) throw new FieldError('deadline', 'mkt.err.deadlinePast')
    const row = await trx
      .insertInto('market_projects')
      .values({
        code: `tmp-${crypto.randomUUID()}`,
        title: input.title,
        purchaser_org_id: buyer,
        created_by: ctx.actor.id,
        category_code: input.categoryCode,
        scope: input.scope,
        budget_fen: input.budget,
        qualifications: input.qualifications,
        method: input.method,
        status: 'draft',
        registration_deadline: input.deadline,
        min_candidates: Math.max(input.minCandidates ?? defaultMinCandidates(input.method), defaultMinCandidates(input.method)),
        confirmation_days: input.confirmationDays ?? 2,
        publicity_days: input.publicityDays ?? 1,
        review_required: input.reviewRequired,
        settings: JSON.stringify(settings),
      })
      .returning('id')
      .executeTakeFirstOrThrow()
    const code = `ZJ${now.getUTCFullYear()}-${String(row.id).padStart(4, '0')}`
    await trx.updateTable('market_projects').set({ code }).where('id', '=', row.id).execute()
    await audit(trx, ctx, row.id, 'project.created', { code, method: input.method, budgetFen: input.budget })
    return row.id
  })
}

async function openRegistration(trx: Trx, ctx: AuditContext, p: ProjectRow) {
  const now = await dbNow(trx)
  const deadline = new Date(p.registration_deadline)
  if (deadline.getTime() <= now.getTime()) throw new FieldError('deadline', 'mkt.err.deadlinePast')
  const settings = settingsOf(p)
  if (p.method === 'bidding' && !settings.tieDrawId) {
    // The tie-break secret is committed now, before any quote exists: nobody can pick it to favour a bidder.
    const draw = await commitDraw(trx, {
      projectId: p.id,
      purpose: `tie-break:project/${p.code}`,
      publicInputRule: 'canonical JSON of the sorted receipt hashes of all quotes opened at the deadline / 开标时全部报价回执哈希（排序后）的规范化 JSON',
    })
    settings.tieDrawId = draw.id
  }
  await trx
    .updateTable('market_projects')
    .set({ status: 'registering', published_at: sql`now()`, settings: JSON.stringify(settings), updated_at: sql`now()` })
    .where('id', '=', p.id)
    .execute()
  await scheduleJob(trx, { kind: JOB_CLOSE, runAt: deadline, payload: { projectId: p.id }, dedupeKey: `market.close:${p.id}` })
  const eligible = await eligibleCandidates(trx, p)
  await notifyOrganizations(trx, eligible, 'mkt.notify.published', `/projects/${p.id}`, { title: p.title, deadline: formatDateTime(deadline, 'zh') })
  await audit(trx, ctx, p.id, 'project.published', { deadline: deadline.toISOString(), notified: eligible.length })
}

/** 发布: straight to registration, or to the centre's review when the project asks for it. */
export async function submitProject(db: DB, ctx: Ctx, id: number) {
  await db.transaction().execute(async (trx) => {
    const p = await lockProject(trx, id)
    requireBuyer(ctx.actor, p)
    step(p, 'submit')
    if (submitTarget(p.review_required) === 'review') {
      await trx.updateTable('market_projects').set({ status: 'review', updated_at: sql`now()` }).where('id', '=', id).execute()
      await audit(trx, ctx, id, 'project.submitted_for_review')
    } else {
      await openRegistration(trx, ctx, p)
    }
  })
}

export async function reviewProject(db: DB, ctx: Ctx, id: number, approve: boolean) {
  requireCentre(ctx.actor)
  await db.transaction().execute(async (trx) => {
    const p = await lockProject(trx, id)
    if (p.status !== 'review') throw new FieldError('_form', 'mkt.err.wrongState')
    if (approve) {
      await openRegistration(trx, ctx, p)
      await audit(trx, ctx, id, 'project.approved')
    } else {
      await trx.updateTable('market_projects').set({ status: 'draft', updated_at: sql`now()` }).where('id', '=', id).execute()
      await audit(trx, ctx, id, 'project.rejected')
    }
  })
}

// ─── eligibility and registration ───────────────────────────────────────────────────────────────────────────────────

/** Admitted in the category now, not suspended, not affiliated with the buyer. */
export async function eligibleCandidates(db: Trx | DB, p: { category_code: string; purchaser_org_id: number }): Promise<number[]> {
  const members = await eligibleMemberIds(db, p.category_code)
  if (members.length === 0) return []
  const [suspended, affiliated] = await Promise.all([suspendedOrgIds(db, members), affiliatedWith(db, p.purchaser_org_id)])
  return members.filter((id) => !suspended.has(id) && !affiliated.has(id))
}

async function affiliatedWith(db: Trx | DB, buyerId: number): Promise<Set<number>> {
  const rows = await db.selectFrom('affiliations').select('supplier_org_id').where('purchaser_org_id', '=', buyerId).execute()
  return new Set(rows.map((r) => r.supplier_org_id))
}

async function assertCanTakePart(trx: Trx, orgId: number, p: ProjectRow) {
  if ((await affiliatedWith(trx, p.purchaser_org_id)).has(orgId)) throw new FieldError('_form', 'mkt.err.affiliated')
  if ((await suspendedOrgIds(trx, [orgId])).size > 0) throw new FieldError('_form', 'mkt.err.suspended')
  if (!(await isEligibleMember(trx, orgId, p.category_code))) throw new FieldError('_form', 'mkt.err.notEligible')
}

/** Locks the project and checks that registration is open by the database clock at the moment the lock is held. */
async function lockOpenProject(trx: Trx, id: number, field: string) {
  const p = await lockProject(trx, id)
  if (p.status !== 'registering') throw new FieldError(field, p.published_at ? 'mkt.err.deadlinePassed' : 'mkt.err.notRegistering')
  const now = await dbNow(trx)
  if (now.getTime() >= new Date(p.registration_deadline).getTime()) throw new FieldError(field, 'mkt.err.deadlinePassed')
  return p
}

export async function registerForProject(db: DB, ctx: Ctx, id: number, input: { proposal: string }) {
  const orgId = requireSupplier(ctx.actor)
  await db.transaction().execute(async (trx) => {
    const p = await lockOpenProject(trx, id, '_form')
    await assertCanTakePart(trx, orgId, p)
    const inserted = await trx
      .insertInto('market_registrations')
      .values({ project_id: id, supplier_org_id: orgId, registered_by: ctx.actor.id, proposal: input.proposal || null })
      .onConflict((oc) => oc.columns(['project_id', 'supplier_org_id']).doNothing())
      .returning('project_id')
      .executeTakeFirst()
    if (!inserted) throw new FieldError('_form', 'mkt.err.alreadyRegistered')
    await audit(trx, ctx, id, 'registration.added', { supplierId: orgId })
  })
}

/**
 * 密封报价: encrypted at once; the receipt is the commitment hash. The insert happens while holding the project's row
 * lock and after checking the deadline against the database clock, so a quote racing the deadline and the opening
 * job are serialised: the quote is either in before the opening or refused.
 */
export async function submitSealedQuote(db: DB, ctx: Ctx, id: number, amountFen: number): Promise<{ commitment: string }> {
  const orgId = requireSupplier(ctx.actor)
  return db.transaction().execute(async (trx) => {
    const p = await lockOpenProject(trx, id, 'amount')
    if (p.method !== 'bidding') throw new FieldError('amount', 'mkt.err.wrongState')
    const registered = await trx.selectFrom('market_registrations').select('project_id').where('project_id', '=', id).where('supplier_org_id', '=', orgId).executeTakeFirst()
    if (!registered) throw new FieldError('amount', 'mkt.err.notRegistered')
    const problem = quoteProblem(fen(amountFen), fen(p.budget_fen))
    if (problem) throw new FieldError('amount', problem)
    const sealed = await sealQuote(id, orgId, amountFen)
    await trx
      .insertInto('market_quotes')
      .values({ project_id: id, supplier_org_id: orgId, submitted_by: ctx.actor.id, sealed: sealed.sealed, commitment: sealed.commitment, submitted_at: sql`clock_timestamp()` })
      .onConflict((oc) => oc.columns(['project_id', 'supplier_org_id']).doUpdateSet({ sealed: sealed.sealed, commitment: sealed.commitment, submitted_at: sql`clock_timestamp()`, submitted_by: ctx.actor.id }))
      .execute()
    // The amount is not in the audit trail either: only the commitment.
    await audit(trx, ctx, id, 'quote.sealed', { supplierId: orgId, commitment: sealed.commitment })
    return { commitment: sealed.commitment }
  })
}

// ─── closing the registration (a timer) ─────────────────────────────────────────────────────────────────────────────

async function fail(trx: Trx, p: ProjectRow, reasonKey: 'tooFew' | 'exhausted' | 'tooFewExperts', payload: Record<string, unknown>) {
  const reason = reasonKey === 'tooFew' ? `too-few:${p.min_candidates}` : reasonKey === 'tooFewExperts' ? 'too-few-experts' : 'exhausted'
  await trx.updateTable('market_projects').set({ status: 'failed', failure_reason: reason, finished_at: sql`now()`, updated_at: sql`now()` }).where('id', '=', p.id).execute()
  const registrants = await trx.selectFrom('market_registrations').select('supplier_org_id').where('project_id', '=', p.id).execute()
  await notifyOrganizations(trx, [p.purchaser_org_id, ...registrants.map((r) => r.supplier_org_id)], 'mkt.notify.failed', `/projects/${p.id}`, {
    title: p.title,
    reason,
  })
  await audit(trx, SYSTEM, p.id, 'project.failed', { reason, ...payload })
}

/** The hash covers the kept candidates only; the affiliates left out are kept in the settings and the audit event. */
async function freezeProjectPool(trx: Trx, p: ProjectRow, candidates: number[], excluded: AffiliateExclusion[]) {
  const pool = { projectId: p.id, code: p.code, candidates: [...candidates].sort((a, b) => a - b) }
  const { sha256Hex } = await import('~/domain/draw')
  const poolHash = await sha256Hex(canonicalJson(pool))
  const settings = { ...settingsOf(p), affiliateExclusions: excluded }
  p.settings = settings as Record<string, unknown>
  await trx
    .updateTable('market_projects')
    .set({ pool: JSON.stringify(pool), pool_hash: poolHash, pool_frozen_at: sql`now()`, settings: JSON.stringify(settings) })
    .where('id', '=', p.id)
    .execute()
  await audit(trx, SYSTEM, p.id, 'pool.frozen', { candidates: pool.candidates, poolHash, affiliatesExcluded: excluded })
  return pool.candidates
}

/** Every recorded affiliation between agencies, for the de-duplication at the freeze. */
async function agencyAffiliationLinks(trx: Trx) {
  const rows = await trx.selectFrom('agency_affiliations').select(['first_org_id', 'second_org_id', 'reason']).orderBy('id').execute()
  return rows.map((r) => ({ firstId: r.first_org_id, secondId: r.second_org_id, reason: r.reason }))
}

async function orgLabels(trx: Trx | DB, ids: readonly number[]): Promise<Record<string, string>> {
  if (ids.length === 0) return {}
  const rows = await trx.selectFrom('organizations').select(['id', 'name']).where('id', 'in', [...ids]).execute()
  return Object.fromEntries(rows.map((r) => [String(r.id), r.name]))
}

/** The registration deadline passed (job). Freezes the pool and moves on by the project's method. */
export async function closeRegistration(trx: Trx, projectId: number) {
  const p = await lockProject(trx, projectId)
  if (p.status !== 'registering') return
  const now = await dbNow(trx)
  if (now.getTime() < new Date(p.registration_deadline).getTime()) throw new Error('registration close ran before the deadline')
  const registered = (
    await trx.selectFrom('market_registrations').select('supplier_org_id').where('project_id', '=', p.id).orderBy('registered_at').orderBy('supplier_org_id').execute()
  ).map((r) => r.supplier_org_id)
  // Eligibility is checked again at the freeze: a suspension or an affiliation recorded since registering counts.
  const eligible = new Set(await eligibleCandidates(trx, p))
  let candidates = registered.filter((id) => eligible.has(id))
  if (p.method === 'bidding') {
    const quoted = new Set((await trx.selectFrom('market_quotes').select('supplier_org_id').where('project_id', '=', p.id).execute()).map((q) => q.supplier_org_id))
    candidates = candidates.filter((id) => quoted.has(id))
  }
  // Affiliated agencies count once: the earliest registrant of each affiliated group stays, the others are left out.
  const { kept, excluded } = dedupeAffiliates(candidates, await agencyAffiliationLinks(trx))
  if (!hasEnoughCandidates(kept.length, p.min_candidates)) {
    await freezeProjectPool(trx, p, kept, excluded)
    return fail(trx, p, 'tooFew', { candidates: kept.length, min: p.min_candidates })
  }
  const pool = await freezeProjectPool(trx, p, kept, excluded)
  const settings = settingsOf(p)
  switch (p.method as SelectionMethod) {
    case 'direct': {
      await setStatus(trx, p, step(p, 'close'), { settings: JSON.stringify({ ...settings, choiceList: pool }) })
      return
    }
    case 'random': {
      await commitDraw(trx, {
        projectId: p.id,
        purpose: `random-selection:project/${p.code}`,
        publicInputRule: 'a number entered by the witnesses at the draw / 抽取时见证人现场输入的数字',
        pool: { candidateIds: pool.map(String), winners: 1, labels: await orgLabels(trx, pool) },
      })
      await setStatus(trx, p, step(p, 'close'))
      return
    }
    case 'credit': {
      const scores = await creditScores(trx, pool)
      const big = creditBigList(pool.map((id) => ({ supplierId: id, score: scores.get(id) ?? 100 })), settings.bigList ?? 7)
      const bigIds = big.map((c) => c.supplierId)
      const smallSize = Math.min(settings.smallList ?? 3, bigIds.length)
      await commitDraw(trx, {
        projectId: p.id,
        purpose: `credit-small-list:project/${p.code}`,
        publicInputRule: 'a number entered by the witnesses at the draw / 抽取时见证人现场输入的数字',
        pool: { candidateIds: bigIds.map(String), winners: smallSize, labels: await orgLabels(trx, bigIds) },
      })
      await audit(trx, SYSTEM, p.id, 'credit.big_list', { bigList: big })
      await setStatus(trx, p, step(p, 'close'), { settings: JSON.stringify({ ...settings, bigListIds: bigIds }) })
      return
    }
    case 'bidding':
      return openQuotes(trx, p, pool)
    case 'proposal': {
      const { drawPanelCommitment, eligibleExperts } = await import('./experts.server')
      const { eligible } = await eligibleExperts(trx, [p.purchaser_org_id, ...pool])
      if (eligible.length < (settings.panelSize ?? 5)) return fail(trx, p, 'tooFewExperts', { experts: eligible.length })
      await drawPanelCommitment(trx, p, pool)
      await setStatus(trx, p, step(p, 'close'))
      return
    }
  }
}

async function setStatus(trx: Trx, p: ProjectRow, status: string, extra: Partial<{ settings: string; result_order: string; decision_note: string }> = {}) {
  await trx.updateTable('market_projects').set({ status, ...extra, updated_at: sql`now()` }).where('id', '=', p.id).execute()
  await audit(trx, SYSTEM, p.id, 'project.status', { from: p.status, to: status })
}

/** 开标: decrypts every quote, checks it against its receipt, ranks, draws ties, and offers to the first. */
async function openQuotes(trx: Trx, p: ProjectRow, pool: number[]) {
  const rows = await trx.selectFrom('market_quotes').selectAll().where('project_id', '=', p.id).where('supplier_org_id', 'in', pool).execute()
  const opened = []
  for (const r of rows) {
    const plain = await unsealQuote(p.id, r.supplier_org_id, r.sealed, r.commitment)
    opened.push({ supplierId: r.supplier_org_id, amountFen: fen(plain.amountFen), nonce: plain.nonce, commitment: r.commitment })
  }
  const settings = settingsOf(p)
  let tieOrder: number[] | undefined
  const tied = tiedBidders(opened)
  if (tied.length > 0 && settings.tieDrawId) {
    await freezeDrawPool(trx, settings.tieDrawId, { candidateIds: pool.map(String), winners: 1, labels: await orgLabels(trx, pool) })
    const publicInput = canonicalJson(opened.map((o) => o.commitment).sort())
    const drawn = await revealDraw(trx, settings.tieDrawId, publicInput, null)
    tieOrder = drawn.order.map(Number)
    await audit(trx, SYSTEM, p.id, 'draw.revealed', { drawId: settings.tieDrawId, purpose: 'tie-break', tied })
  }
  const { ranking } = openSealedQuotes(opened, { abnormalPercent: settings.abnormalPercent ?? 70, tieOrder })
  for (const r of ranking) {
    const o = opened.find((x) => x.supplierId === r.supplierId)!
    await trx
      .updateTable('market_quotes')
      .set({ amount_fen: r.amountFen, nonce: o.nonce, abnormally_low: r.abnormallyLow, opened_at: sql`now()` })
      .where('project_id', '=', p.id)
      .where('supplier_org_id', '=', r.supplierId)
      .execute()
  }
  await audit(trx, SYSTEM, p.id, 'quotes.opened', {
    ranking: ranking.map((r) => ({ supplierId: r.supplierId, amountFen: r.amountFen, abnormallyLow: r.abnormallyLow, tied: r.tied })),
  })
  const order = ranking.map((r) => r.supplierId)
  await setStatus(trx, p, step(p, 'open'), { result_order: JSON.stringify(order) })
  await startOffer(trx, { ...p, status: 'offering' }, order, 0)
}

// ─── draws run by the centre with witnesses ─────────────────────────────────────────────────────────────────────────

async function currentDraw(trx: Trx | DB, projectId: number, purposePrefix: string) {
  return trx
    .selectFrom('market_draws')
    .selectAll()
    .where('project_id', '=', projectId)
    .where('purpose', 'like', `${purposePrefix}%`)
    .orderBy('sequence', 'desc')
    .limit(1)
    .executeTakeFirst()
}

const DRAW_PURPOSE: Partial<Record<SelectionMethod, string>> = { random: 'random-selection:', credit: 'credit-small-list:', proposal: 'expert-panel:' }

/** The centre enters the witnesses' public number: the committed draw is revealed and the project moves on. */
export async function runProjectDraw(db: DB, ctx: Ctx, id: number, publicInput: string): Promise<string> {
  requireCentre(ctx.actor)
  return db.transaction().execute(async (trx) => {
    const p = await lockProject(trx, id)
    const prefix = DRAW_PURPOSE[p.method as SelectionMethod]
    if (!prefix || (p.status !== 'drawing' && !(p.method === 'proposal' && p.status === 'scoring'))) throw new FieldError('publicInput', 'mkt.err.wrongState')
    const draw = await currentDraw(trx, id, prefix)
    if (!draw) throw new FieldError('publicInput', 'mkt.err.wrongState')
    const published = await revealDraw(trx, draw.id, publicInput, ctx.actor.id)
    await audit(trx, ctx, id, 'draw.revealed', { drawId: draw.id, publicInput, order: published.order })
    const order = published.order.map(Number)
    if (p.method === 'random') {
      await setStatus(trx, p, step(p, 'draw'), { result_order: JSON.stringify(order) })
      await startOffer(trx, { ...p, status: 'offering' }, order, 0)
    } else if (p.method === 'credit') {
      const small = order.slice(0, published.pool.winners)
      await setStatus(trx, p, step(p, 'draw'), { settings: JSON.stringify({ ...settingsOf(p), smallListIds: small, choiceList: small }) })
    } else {
      const { seatDrawnPanel } = await import('./experts.server')
      await seatDrawnPanel(trx, p, order)
    }
    return draw.id
  })
}

/** A second draw for the same purpose: only with a recorded reason, a fresh commitment, and before any reveal. */
export async function recommitProjectDraw(db: DB, ctx: Ctx, id: number, reason: string): Promise<string> {
  requireCentre(ctx.actor)
  return db.transaction().execute(async (trx) => {
    const p = await lockProject(trx, id)
    const prefix = DRAW_PURPOSE[p.method as SelectionMethod]
    const draw = prefix ? await currentDraw(trx, id, prefix) : undefined
    if (!draw || draw.drawn_at || !draw.pool) throw new FieldError('reason', 'mkt.draw.alreadyDrawn')
    const pool = draw.pool as { candidates: string[]; winners: number }
    const fresh = await commitDraw(trx, {
      projectId: id,
      purpose: draw.purpose,
      publicInputRule: draw.public_input_rule,
      reason,
      pool: { candidateIds: pool.candidates, winners: pool.winners, labels: draw.labels },
    })
    await audit(trx, ctx, id, 'draw.recommitted', { previous: draw.id, drawId: fresh.id, reason })
    return fresh.id
  })
}

// ─── the buyer's choice (direct pick, credit small list, 评定分离) ──────────────────────────────────────────────────

export async function chooseCandidate(db: DB, ctx: Ctx, id: number, input: { supplierId: number; note: string }) {
  await db.transaction().execute(async (trx) => {
    const p = await lockProject(trx, id)
    requireBuyer(ctx.actor, p)
    if (p.status !== 'choosing') throw new FieldError('_form', 'mkt.err.wrongState')
    const list = settingsOf(p).choiceList ?? []
    if (!list.includes(input.supplierId)) throw new FieldError('supplierId', 'mkt.err.notInList')
    // The chosen one first, then the rest of the list in its published order as alternates.
    const order = [input.supplierId, ...list.filter((s) => s !== input.supplierId)]
    await trx.updateTable('market_projects').set({ decision_note: input.note }).where('id', '=', id).execute()
    await audit(trx, ctx, id, 'candidate.chosen', { supplierId: input.supplierId, note: input.note, list })
    await setStatus(trx, p, step(p, 'choose'), { result_order: JSON.stringify(order) })
    await startOffer(trx, { ...p, status: 'offering' }, order, 0)
  })
}

// ─── offers, confirmation, decline, pass to the next ────────────────────────────────────────────────────────────────

async function startOffer(trx: Trx, p: ProjectRow, order: number[], index: number) {
  const supplierId = order[index]!
  const now = await dbNow(trx)
  const deadline = addWorkingDays(now, p.confirmation_days)
  await trx.insertInto('market_offers').values({ project_id: p.id, rank: index, supplier_org_id: supplierId, deadline }).execute()
  await trx.updateTable('market_projects').set({ offer_index: index, offer_deadline: deadline }).where('id', '=', p.id).execute()
  await scheduleJob(trx, { kind: JOB_OFFER, runAt: deadline, payload: { projectId: p.id, rank: index }, dedupeKey: `market.offer:${p.id}:${index}` })
  await notifyOrganizations(trx, [supplierId], 'mkt.notify.offer', `/projects/${p.id}`, { title: p.title })
  await audit(trx, SYSTEM, p.id, 'offer.made', { supplierId, rank: index, deadline: deadline.toISOString() })
}

async function openOffer(trx: Trx, p: ProjectRow) {
  if (p.status !== 'offering' || p.offer_index === null) return null
  return trx.selectFrom('market_offers').selectAll().where('project_id', '=', p.id).where('rank', '=', p.offer_index).where('outcome', 'is', null).executeTakeFirst() ?? null
}

export async function confirmOffer(db: DB, ctx: Ctx, id: number, input: { explanation: string }) {
  const orgId = requireSupplier(ctx.actor)
  await db.transaction().execute(async (trx) => {
    const p = await lockProject(trx, id)
    const offer = await openOffer(trx, p)
    if (!offer || offer.supplier_org_id !== orgId) throw new FieldError('_form', 'mkt.err.notOnOffer')
    const now = await dbNow(trx)
    if (now.getTime() >= new Date(offer.deadline).getTime()) throw new FieldError('_form', 'mkt.err.offerExpired')
    const quote = await trx.selectFrom('market_quotes').select(['amount_fen', 'abnormally_low']).where('project_id', '=', id).where('supplier_org_id', '=', orgId).executeTakeFirst()
    if (quote?.abnormally_low && !input.explanation) throw new FieldError('explanation', 'mkt.err.explanationRequired')
    const next = step(p, 'confirm')
    const publicityEnds = addWorkingDays(now, p.publicity_days)
    await trx.updateTable('market_offers').set({ outcome: 'confirmed', decided_at: sql`now()`, reason: input.explanation || null }).where('project_id', '=', id).where('rank', '=', offer.rank).execute()
    await trx
      .updateTable('market_projects')
      .set({
        status: next,
        awarded_org_id: orgId,
        awarded_amount_fen: quote?.amount_fen != null ? Number(quote.amount_fen) : null,
        publicity_ends_at: publicityEnds,
        offer_deadline: null,
        updated_at: sql`now()`,
      })
      .where('id', '=', id)
      .execute()
    await cancelJob(trx, `market.offer:${id}:${offer.rank}`)
    await scheduleJob(trx, { kind: JOB_PUBLICITY, runAt: publicityEnds, payload: { projectId: id }, dedupeKey: `market.publicity:${id}` })
    await audit(trx, ctx, id, 'offer.confirmed', { supplierId: orgId, explanation: input.explanation || null, publicityEnds: publicityEnds.toISOString() })
  })
}

async function passOn(trx: Trx, ctx: AuditContext, p: ProjectRow, rank: number, outcome: 'declined' | 'expired', reasonKind: DeclineReason | 'expired', reason: string | null) {
  const offer = await trx.selectFrom('market_offers').selectAll().where('project_id', '=', p.id).where('rank', '=', rank).executeTakeFirstOrThrow()
  await trx.updateTable('market_offers').set({ outcome, reason_kind: reasonKind, reason, decided_at: sql`now()` }).where('project_id', '=', p.id).where('rank', '=', rank).execute()
  const penalty = declinePenalty(reasonKind)
  await audit(trx, ctx, p.id, outcome === 'declined' ? 'offer.declined' : 'offer.expired', { supplierId: offer.supplier_org_id, reasonKind, reason, penalty })
  if (penalty > 0) {
    await recordCreditEvent(trx, ctx, { organizationId: offer.supplier_org_id, points: -penalty, kind: outcome === 'declined' ? 'unjustified-decline' : 'no-confirmation', reason: reason ?? outcome, projectId: p.id })
  }
  const order = p.result_order ?? []
  const next = passToNextCandidate({ order, index: rank })
  if (!next) {
    step(p, 'exhausted')
    return fail(trx, p, 'exhausted', {})
  }
  step(p, 'pass')
  await startOffer(trx, p, order, next.index)
}

export async function declineOffer(db: DB, ctx: Ctx, id: number, input: { reasonKind: DeclineReason; reason: string }) {
  const orgId = requireSupplier(ctx.actor)
  await db.transaction().execute(async (trx) => {
    const p = await lockProject(trx, id)
    const offer = await openOffer(trx, p)
    if (!offer || offer.supplier_org_id !== orgId) throw new FieldError('_form', 'mkt.err.notOnOffer')
    await cancelJob(trx, `market.offer:${id}:${offer.rank}`)
    await passOn(trx, ctx, p, offer.rank, 'declined', input.reasonKind, input.reason)
  })
}

/** The confirmation period ran out (job): the next in the order is offered the job. */
export async function expireOffer(trx: Trx, projectId: number, rank: number) {
  const p = await lockProject(trx, projectId)
  const offer = await openOffer(trx, p)
  if (!offer || offer.rank !== rank) return
  const now = await dbNow(trx)
  if (now.getTime() < new Date(offer.deadline).getTime()) throw new Error('offer expiry ran before its deadline')
  await passOn(trx, SYSTEM, p, rank, 'expired', 'expired', null)
}

// ─── publicity, objections, contract ────────────────────────────────────────────────────────────────────────────────

export async function endPublicity(trx: Trx, projectId: number) {
  const p = await lockProject(trx, projectId)
  if (p.status !== 'publicity') return
  const now = await dbNow(trx)
  if (p.publicity_ends_at && now.getTime() < new Date(p.publicity_ends_at).getTime()) throw new Error('publicity end ran early')
  await setStatus(trx, p, step(p, 'publicityEnd'))
}

export async function fileObjection(db: DB, ctx: Ctx, id: number, body: string) {
  const orgId = requireSupplier(ctx.actor)
  await db.transaction().execute(async (trx) => {
    const p = await lockProject(trx, id)
    const registered = await trx.selectFrom('market_registrations').select('project_id').where('project_id', '=', id).where('supplier_org_id', '=', orgId).executeTakeFirst()
    if (!registered) throw new ForbiddenError()
    const now = await dbNow(trx)
    if (p.status !== 'publicity' || (p.publicity_ends_at && now.getTime() >= new Date(p.publicity_ends_at).getTime())) {
      throw new FieldError('body', 'mkt.err.notInPublicity')
    }
    const row = await trx.insertInto('market_objections').values({ project_id: id, supplier_org_id: orgId, filed_by: ctx.actor.id, body }).returning('id').executeTakeFirstOrThrow()
    await audit(trx, ctx, id, 'objection.filed', { objectionId: row.id, supplierId: orgId })
  })
}

export async function answerObjection(db: DB, ctx: Ctx, id: number, input: { objectionId: number; answer: string }) {
  await db.transaction().execute(async (trx) => {
    const p = await lockProject(trx, id)
    requireBuyer(ctx.actor, p)
    const updated = await trx
      .updateTable('market_objections')
      .set({ answer: input.answer, answered_by: ctx.actor.id, answered_at: sql`now()` })
      .where('id', '=', input.objectionId)
      .where('project_id', '=', id)
      .where('answer', 'is', null)
      .executeTakeFirst()
    if (updated.numUpdatedRows === 0n) throw new FieldError('answer', 'mkt.err.wrongState')
    await audit(trx, ctx, id, 'objection.answered', { objectionId: input.objectionId })
  })
}

export async function recordContract(db: DB, ctx: Ctx, id: number, input: { amount: number; signedOn: string; summary: string }) {
  await db.transaction().execute(async (trx) => {
    const p = await lockProject(trx, id)
    requireBuyer(ctx.actor, p)
    const next = step(p, 'contract')
    const open = await trx.selectFrom('market_objections').select('id').where('project_id', '=', id).where('answer', 'is', null).executeTakeFirst()
    if (open) throw new FieldError('_form', 'mkt.err.unansweredObjections')
    if (input.amount > p.budget_fen) throw new FieldError('amount', 'mkt.quote.overBudget')
    // Recording is publishing: late when at or after the publication period counted from the signing.
    const now = await dbNow(trx)
    if (signedInFuture(input.signedOn, now)) throw new FieldError('signedOn', 'mkt.err.signedInFuture')
    const late = contractPublishedLate(input.signedOn, now, p.contract_publication_days)
    await trx
      .insertInto('market_contracts')
      .values({
        project_id: id,
        supplier_org_id: p.awarded_org_id!,
        amount_fen: input.amount,
        signed_on: input.signedOn,
        summary: input.summary,
        recorded_by: ctx.actor.id,
        published_at: now,
        published_late: late,
      })
      .execute()
    await trx
      .updateTable('market_projects')
      .set({ status: next, awarded_amount_fen: input.amount, finished_at: sql`now()`, updated_at: sql`now()` })
      .where('id', '=', id)
      .execute()
    await audit(trx, ctx, id, 'contract.recorded', { amountFen: input.amount, signedOn: input.signedOn, amount: formatFen(fen(input.amount)), publishedLate: late })
    if (late) {
      await audit(trx, ctx, id, 'contract.published_late', {
        signedOn: input.signedOn,
        publishedAt: now.toISOString(),
        days: p.contract_publication_days,
        deadline: contractPublicationDeadline(input.signedOn, p.contract_publication_days).toISOString(),
      })
    }
  })
}

// ─── reading ────────────────────────────────────────────────────────────────────────────────────────────────────────

export interface ProjectFilters {
  status?: string
  method?: string
  mine?: boolean
  page: number
  pageSize: number
}

/** Published projects are public notices; drafts and projects in review only for their buyer and the centre. */
export async function listProjects(db: DB, actor: Actor | null, f: ProjectFilters) {
  const base = db
    .selectFrom('market_projects')
    .innerJoin('organizations as buyer', 'buyer.id', 'market_projects.purchaser_org_id')
    .innerJoin('categories', 'categories.code', 'market_projects.category_code')
    .leftJoin('organizations as winner', 'winner.id', 'market_projects.awarded_org_id')
    .where((eb) => {
      const seeAll = actor && (actor.role === 'center_admin' || actor.role === 'supervisor')
      if (seeAll) return eb.val(true)
      const own = actor?.role === 'agency' && actor.organizationId ? [eb('market_projects.purchaser_org_id', '=', actor.organizationId)] : []
      return eb.or([eb('market_projects.status', 'not in', ['draft', 'review']), ...own])
    })
    .$if(!!f.status, (q) => q.where('market_projects.status', '=', f.status!))
    .$if(!!f.method, (q) => q.where('market_projects.method', '=', f.method as SelectionMethod))
    .$if(!!f.mine && !!actor?.organizationId, (q) => q.where('market_projects.purchaser_org_id', '=', actor!.organizationId!))
  const [rows, count] = await Promise.all([
    base
      .select([
        'market_projects.id',
        'market_projects.code',
        'market_projects.title',
        'market_projects.method',
        'market_projects.status',
        'market_projects.budget_fen',
        'market_projects.registration_deadline',
        'market_projects.awarded_amount_fen',
        'buyer.name as buyer_name',
        'categories.name_zh as category_zh',
        'categories.name_en as category_en',
        'winner.name as winner_name',
      ])
      .orderBy('market_projects.id', 'desc')
      .limit(f.pageSize)
      .offset((f.page - 1) * f.pageSize)
      .execute(),
    base.select(sql<number>`count(*)::int`.as('n')).executeTakeFirstOrThrow(),
  ])
  return { rows: rows.map((r) => ({ ...r, budget_fen: Number(r.budget_fen), awarded_amount_fen: r.awarded_amount_fen === null ? null : Number(r.awarded_amount_fen) })), total: count.n }
}

export async function listSupermarketCategories(db: DB) {
  return db.selectFrom('categories').select(['code', 'name_zh', 'name_en']).where('market', '=', 'supermarket').orderBy('code').execute()
}

/** Everything the project page shows, trimmed to what this viewer may see. Quote amounts only after the opening. */
export async function getProject(db: DB, actor: Actor | null, id: number) {
  const p = await db
    .selectFrom('market_projects')
    .innerJoin('organizations as buyer', 'buyer.id', 'market_projects.purchaser_org_id')
    .innerJoin('categories', 'categories.code', 'market_projects.category_code')
    .selectAll('market_projects')
    .select(['buyer.name as buyer_name', 'categories.name_zh as category_zh', 'categories.name_en as category_en'])
    .where('market_projects.id', '=', id)
    .executeTakeFirst()
  if (!p) throw new NotFoundError()
  const isBuyer = actor?.role === 'agency' && actor.organizationId === p.purchaser_org_id
  const isOfficial = actor?.role === 'center_admin' || actor?.role === 'supervisor'
  if ((p.status === 'draft' || p.status === 'review') && !isBuyer && !isOfficial) throw new NotFoundError()
  const myOrg = actor?.role === 'supplier' ? actor.organizationId : null

  const [registrations, quotes, offers, objections, contract, draws, timeline, now] = await Promise.all([
    db
      .selectFrom('market_registrations')
      .innerJoin('organizations', 'organizations.id', 'market_registrations.supplier_org_id')
      .select(['market_registrations.supplier_org_id', 'organizations.name', 'market_registrations.registered_at'])
      .where('project_id', '=', id)
      .orderBy('market_registrations.registered_at')
      .execute(),
    db
      .selectFrom('market_quotes')
      .innerJoin('organizations', 'organizations.id', 'market_quotes.supplier_org_id')
      // The sealed text is never selected for a page.
      .select(['market_quotes.supplier_org_id', 'organizations.name', 'market_quotes.commitment', 'market_quotes.submitted_at', 'market_quotes.amount_fen', 'market_quotes.abnormally_low', 'market_quotes.opened_at'])
      .where('project_id', '=', id)
      .execute(),
    db
      .selectFrom('market_offers')
      .innerJoin('organizations', 'organizations.id', 'market_offers.supplier_org_id')
      .selectAll('market_offers')
      .select('organizations.name')
      .where('project_id', '=', id)
      .orderBy('rank')
      .execute(),
    db.selectFrom('market_objections').innerJoin('organizations', 'organizations.id', 'market_objections.supplier_org_id').selectAll('market_objections').select('organizations.name').where('project_id', '=', id).orderBy('id').execute(),
    db
      .selectFrom('market_contracts')
      .select(['project_id', 'supplier_org_id', 'amount_fen', 'summary', 'published_at', 'published_late', sql<string>`to_char(signed_on, 'YYYY-MM-DD')`.as('signed_on')])
      .where('project_id', '=', id)
      .executeTakeFirst(),
    db.selectFrom('market_draws').select(['id', 'purpose', 'sequence', 'reason', 'committed_at', 'drawn_at']).where('project_id', '=', id).orderBy('committed_at').execute(),
    db.selectFrom('audit_log').select(['id', 'at', 'action', 'actor_label', 'payload']).where('entity_type', '=', 'market_project').where('entity_id', '=', String(id)).orderBy('id').execute(),
    dbNow(db),
  ])
  const opened = quotes.some((q) => q.opened_at !== null)
  const exclusions = settingsOf(p).affiliateExclusions ?? []
  const orgIds = [
    ...new Set([...(p.result_order ?? []), ...(settingsOf(p).choiceList ?? []), ...(settingsOf(p).bigListIds ?? []), ...exclusions.flatMap((e) => [e.id, e.keptInstead])]),
  ]
  const names = await orgLabels(db, orgIds)
  const scores = await creditScores(db, orgIds)
  const { projectPanelView } = await import('./experts.server')
  const panel = p.method === 'proposal' ? await projectPanelView(db, actor, p) : null
  return {
    project: { ...p, budget_fen: Number(p.budget_fen), awarded_amount_fen: p.awarded_amount_fen === null ? null : Number(p.awarded_amount_fen), settings: publicSettings(settingsOf(p)) },
    viewer: { isBuyer, isOfficial, isCentre: actor?.role === 'center_admin', supplierOrgId: myOrg, registered: registrations.some((r) => r.supplier_org_id === myOrg) },
    registrations,
    quotes: opened
      ? quotes.map((q) => ({ ...q, amount_fen: q.amount_fen === null ? null : Number(q.amount_fen) })).sort((a, b) => (a.amount_fen ?? 0) - (b.amount_fen ?? 0))
      : [],
    quoteCount: quotes.length,
    myQuote: myOrg ? (quotes.find((q) => q.supplier_org_id === myOrg) ?? null) : null,
    offers,
    objections,
    contract: contract ? { ...contract, amount_fen: Number(contract.amount_fen) } : null,
    draws,
    timeline,
    names,
    credit: Object.fromEntries(scores),
    panel,
    now,
  }
}

function publicSettings(s: ProjectSettings) {
  return s
}

/** /results: every finished or awarded project, with every opened quote and score. */
export async function listResults(db: DB, limit = 100) {
  const projects = await db
    .selectFrom('market_projects')
    .innerJoin('organizations as buyer', 'buyer.id', 'market_projects.purchaser_org_id')
    .innerJoin('categories', 'categories.code', 'market_projects.category_code')
    .leftJoin('organizations as winner', 'winner.id', 'market_projects.awarded_org_id')
    .leftJoin('market_contracts', 'market_contracts.project_id', 'market_projects.id')
    .select([
      'market_projects.id',
      'market_projects.code',
      'market_projects.title',
      'market_projects.method',
      'market_projects.status',
      'market_projects.budget_fen',
      'market_projects.awarded_amount_fen',
      'market_projects.failure_reason',
      'market_contracts.published_late as contract_published_late',
      'market_projects.pool_hash',
      'market_projects.finished_at',
      'market_projects.publicity_ends_at',
      'buyer.name as buyer_name',
      'categories.name_zh as category_zh',
      'categories.name_en as category_en',
      'winner.name as winner_name',
    ])
    .where('market_projects.status', 'in', ['publicity', 'contracting', 'contracted', 'failed'])
    .orderBy('market_projects.updated_at', 'desc')
    .limit(limit)
    .execute()
  const ids = projects.map((p) => p.id)
  const [quotes, draws, scores] = ids.length
    ? await Promise.all([
        db
          .selectFrom('market_quotes')
          .innerJoin('organizations', 'organizations.id', 'market_quotes.supplier_org_id')
          .select(['market_quotes.project_id', 'organizations.name', 'market_quotes.amount_fen', 'market_quotes.abnormally_low', 'market_quotes.commitment'])
          .where('market_quotes.project_id', 'in', ids)
          .where('market_quotes.opened_at', 'is not', null)
          .orderBy('market_quotes.amount_fen')
          .execute(),
        db.selectFrom('market_draws').select(['id', 'project_id', 'purpose', 'sequence']).where('project_id', 'in', ids).where('drawn_at', 'is not', null).execute(),
        db
          .selectFrom('market_scores')
          .innerJoin('organizations', 'organizations.id', 'market_scores.supplier_org_id')
          .select(['market_scores.project_id', 'organizations.name', sql<number>`sum(market_scores.total)::int`.as('sum'), sql<number>`count(*)::int`.as('sheets')])
          .where('market_scores.project_id', 'in', ids)
          .where('market_scores.locked_at', 'is not', null)
          .groupBy(['market_scores.project_id', 'organizations.name'])
          .orderBy('sum', 'desc')
          .execute(),
      ])
    : [[], [], []]
  return projects.map((p) => ({
    ...p,
    budget_fen: Number(p.budget_fen),
    awarded_amount_fen: p.awarded_amount_fen === null ? null : Number(p.awarded_amount_fen),
    quotes: quotes.filter((q) => q.project_id === p.id).map((q) => ({ ...q, amount_fen: Number(q.amount_fen) })),
    draws: draws.filter((d) => d.project_id === p.id),
    scores: scores.filter((s) => s.project_id === p.id),
  }))
}

/** Used by the merit path: the ranking becomes the ordered result and the first is offered the job. */
export async function startOfferFromOrder(trx: Trx, projectId: number, order: number[], event: ProjectEvent) {
  const p = await lockProject(trx, projectId)
  await setStatus(trx, p, step(p, event), { result_order: JSON.stringify(order) })
  await startOffer(trx, { ...p, status: 'offering', result_order: order }, order, 0)
}
