import { createHash } from 'node:crypto'
import { sql, type Transaction } from 'kysely'
import type { DB } from '../../db/client'
import type { Database } from '../../db/schema'
import { applyAvoidance, seatPanel } from '~/domain/experts'
import type { Actor } from '~/domain/permissions'
import { allScoresLocked, blindLabel, DEFAULT_CRITERIA, expertRatingOpen, rankProposals, scoreTotal, transition, type ExpertRatingInput, type SelectionMethod } from '~/domain/selection'
import { recordAudit, type AuditContext } from './audit.server'
import { commitDraw } from './draws.server'
import { FieldError, ForbiddenError, NotFoundError } from './errors'
import { notifyUser } from './notifications.server'

// Expert panels (评审委员会) for merit by proposal: avoidance, the drawn panel, blind scoring and the reveal.
type Trx = Transaction<Database>
type Ctx = AuditContext & { actor: Actor }
type ProjectLike = { id: number; code: string; title: string; status: string; method: string; purchaser_org_id: number; settings: unknown; pool?: unknown; registration_deadline?: unknown }

const SYSTEM: AuditContext = { actor: null, clientAddress: null }

function panelSizeOf(p: { settings: unknown }): number {
  return ((p.settings ?? {}) as { panelSize?: number }).panelSize ?? 5
}

function topNOf(p: { settings: unknown }): number {
  return ((p.settings ?? {}) as { topN?: number }).topN ?? 0
}

async function audit(trx: Trx, ctx: AuditContext, projectId: number, action: string, payload: Record<string, unknown> = {}) {
  await recordAudit(trx, ctx, { action: `market.${action}`, entityType: 'market_project', entityId: projectId, payload })
}

/** The experts who may sit on a project with these parties, by the avoidance rules, and who was excluded and why. */
export async function eligibleExperts(trx: Trx | DB, partyOrgIds: number[]) {
  const rows = await trx
    .selectFrom('experts')
    .leftJoin('users', 'users.id', 'experts.user_id')
    .selectAll('experts')
    // Experts with an account must have it active; experts without one (taken over from another database) count.
    .where((eb) => eb.or([eb('experts.user_id', 'is', null), eb.and([eb('users.status', '=', 'active'), eb('users.role', '=', 'expert')])]))
    .execute()
  const { rows: nowRows } = await sql<{ now: Date }>`select now() as now`.execute(trx)
  return applyAvoidance(
    rows.map((r) => ({
      userId: r.id,
      employerOrgId: r.employer_org_id,
      employmentHistory: r.employment_history ?? [],
      declaredConflicts: r.declared_conflicts ?? [],
      penalisedUntil: r.penalised_until ? new Date(r.penalised_until) : null,
    })),
    partyOrgIds,
    new Date(nowRows[0]!.now),
  )
}

/** At the close of registration: avoidance applied, the panel draw committed (the centre reveals it with witnesses). */
export async function drawPanelCommitment(trx: Trx, p: ProjectLike, bidders: number[]): Promise<void> {
  const { eligible, excluded } = await eligibleExperts(trx, [p.purchaser_org_id, ...bidders])
  const size = panelSizeOf(p)
  if (eligible.length < size) throw new Error(`too few experts after avoidance: ${eligible.length} < ${size}`)
  const names = await trx.selectFrom('experts').select(['id', 'name']).where('id', 'in', eligible).execute()
  await commitDraw(trx, {
    projectId: p.id,
    purpose: `expert-panel:project/${p.code}`,
    publicInputRule: 'a number entered by the witnesses at the draw / 抽取时见证人现场输入的数字',
    pool: { candidateIds: eligible.map(String), winners: size, labels: Object.fromEntries(names.map((u) => [String(u.id), u.name])) },
  })
  await audit(trx, SYSTEM, p.id, 'panel.avoidance', { eligible: eligible.length, excluded })
}

/** After the panel draw: the first panelSize of the drawn order are seated, the rest wait in order as reserves. */
export async function seatDrawnPanel(trx: Trx, p: ProjectLike, order: number[]) {
  const size = panelSizeOf(p)
  const seated = seatPanel(order, new Set(), size)
  await trx
    .insertInto('market_panel_members')
    .values(seated.map((expertId, i) => ({ project_id: p.id, expert_id: expertId, rank: i, status: 'seated' as const })))
    .execute()
  for (const expertId of seated) await notifyExpert(trx, expertId, p)
  await audit(trx, SYSTEM, p.id, 'panel.seated', { seated })
}

async function drawnPanelOrder(trx: Trx | DB, projectId: number): Promise<number[]> {
  const draw = await trx
    .selectFrom('market_draws')
    .select('draw_order')
    .where('project_id', '=', projectId)
    .where('purpose', 'like', 'expert-panel:%')
    .where('drawn_at', 'is not', null)
    .orderBy('sequence', 'desc')
    .limit(1)
    .executeTakeFirst()
  return (draw?.draw_order ?? []).map(Number)
}

async function lockProposalProject(trx: Trx, id: number) {
  const p = await trx.selectFrom('market_projects').selectAll().where('id', '=', id).forUpdate().executeTakeFirst()
  if (!p || p.method !== 'proposal') throw new NotFoundError()
  return p
}

async function notifyExpert(trx: Trx, expertId: number, p: { id: number; title: string }) {
  const expert = await trx.selectFrom('experts').select('user_id').where('id', '=', expertId).executeTakeFirst()
  if (expert?.user_id) await notifyUser(trx, expert.user_id, 'mkt.notify.panel', `/expert/projects/${p.id}`, { title: p.title })
}

/** The expert record of a signed-in expert. */
async function expertIdOf(trx: Trx | DB, actor: Actor): Promise<number> {
  if (actor.role !== 'expert') throw new ForbiddenError()
  const expert = await trx.selectFrom('experts').select('id').where('user_id', '=', actor.id).executeTakeFirst()
  if (!expert) throw new ForbiddenError()
  return expert.id
}

async function requireSeat(trx: Trx | DB, expertId: number, projectId: number) {
  const seat = await trx.selectFrom('market_panel_members').select('status').where('project_id', '=', projectId).where('expert_id', '=', expertId).executeTakeFirst()
  if (!seat || seat.status !== 'seated') throw new ForbiddenError()
}

/** 专家替补: a seated expert declines; the next in the drawn order who is not already on the panel takes the seat. */
export async function declinePanelSeat(db: DB, ctx: Ctx, projectId: number, reason: string) {
  await db.transaction().execute(async (trx) => {
    const p = await lockProposalProject(trx, projectId)
    const expertId = await expertIdOf(trx, ctx.actor)
    await requireSeat(trx, expertId, projectId)
    if (p.status !== 'scoring') throw new FieldError('_form', 'mkt.err.wrongState')
    const scored = await trx.selectFrom('market_scores').select('project_id').where('project_id', '=', projectId).where('expert_id', '=', expertId).where('locked_at', 'is not', null).executeTakeFirst()
    if (scored) throw new FieldError('_form', 'mkt.err.wrongState')
    await trx.updateTable('market_panel_members').set({ status: 'declined', decline_reason: reason }).where('project_id', '=', projectId).where('expert_id', '=', expertId).execute()
    await trx.deleteFrom('market_scores').where('project_id', '=', projectId).where('expert_id', '=', expertId).execute()
    const members = await trx.selectFrom('market_panel_members').select(['expert_id', 'rank']).where('project_id', '=', projectId).execute()
    const taken = new Set(members.map((m) => m.expert_id))
    const next = (await drawnPanelOrder(trx, projectId)).find((id) => !taken.has(id))
    if (next === undefined) throw new FieldError('_form', 'mkt.err.tooFewExperts')
    await trx.insertInto('market_panel_members').values({ project_id: projectId, expert_id: next, rank: Math.max(...members.map((m) => m.rank)) + 1, status: 'seated' }).execute()
    await notifyExpert(trx, next, p)
    await audit(trx, ctx, projectId, 'panel.replaced', { declined: expertId, replacement: next, reason })
  })
}

/** Blind labels in an order fixed by hashes, so the letters say nothing about who registered first. */
function blindOrder(projectId: number, supplierIds: number[]): number[] {
  const key = (id: number) => createHash('sha256').update(`${projectId}:${id}`).digest('hex')
  return [...supplierIds].sort((a, b) => (key(a) < key(b) ? -1 : 1))
}

function bidderIds(p: { pool?: unknown }): number[] {
  return ((p.pool ?? { candidates: [] }) as { candidates: number[] }).candidates
}

/** What an expert sees: anonymised proposals and their own sheets. */
export async function getScoringSheet(db: DB, actor: Actor, projectId: number) {
  const expertId = await expertIdOf(db, actor)
  await requireSeat(db, expertId, projectId)
  const p = await db.selectFrom('market_projects').selectAll().where('id', '=', projectId).executeTakeFirst()
  if (!p) throw new NotFoundError()
  const bidders = blindOrder(projectId, bidderIds(p))
  const [regs, sheets] = await Promise.all([
    db.selectFrom('market_registrations').select(['supplier_org_id', 'proposal']).where('project_id', '=', projectId).execute(),
    db.selectFrom('market_scores').selectAll().where('project_id', '=', projectId).where('expert_id', '=', expertId).execute(),
  ])
  return {
    project: { id: p.id, code: p.code, title: p.title, scope: p.scope, status: p.status },
    criteria: DEFAULT_CRITERIA,
    proposals: bidders.map((id, i) => {
      const sheet = sheets.find((s) => s.supplier_org_id === id)
      // The supplier id never leaves the server: the form posts the label's index.
      return { label: blindLabel(i), index: i, proposal: regs.find((r) => r.supplier_org_id === id)?.proposal ?? '', scores: sheet?.scores ?? null, total: sheet?.total ?? null, locked: !!sheet?.locked_at }
    }),
  }
}

/** Saves (and with lock, locks) one expert's scores for one anonymised bidder; the last lock reveals and ranks. */
export async function saveScores(db: DB, ctx: Ctx, projectId: number, input: { index: number; scores: Record<string, number>; lock: boolean }) {
  await db.transaction().execute(async (trx) => saveScoresFor(trx, ctx, await expertIdOf(trx, ctx.actor), projectId, input))
}

/** The same for a given expert record (the seed scores for experts without an account). */
export async function saveScoresFor(trx: Trx, ctx: AuditContext, expertId: number, projectId: number, input: { index: number; scores: Record<string, number>; lock: boolean }) {
  {
    const p = await lockProposalProject(trx, projectId)
    await requireSeat(trx, expertId, projectId)
    if (p.status !== 'scoring') throw new FieldError('_form', 'mkt.err.wrongState')
    const supplierId = blindOrder(projectId, bidderIds(p))[input.index]
    if (supplierId === undefined) throw new NotFoundError()
    const total = scoreTotal(DEFAULT_CRITERIA, input.scores)
    if (total === null) throw new FieldError('_form', 'mkt.err.scoreRange')
    const existing = await trx.selectFrom('market_scores').select('locked_at').where('project_id', '=', projectId).where('expert_id', '=', expertId).where('supplier_org_id', '=', supplierId).executeTakeFirst()
    if (existing?.locked_at) throw new FieldError('_form', 'mkt.err.wrongState')
    await trx
      .insertInto('market_scores')
      .values({ project_id: projectId, expert_id: expertId, supplier_org_id: supplierId, scores: JSON.stringify(input.scores), total, locked_at: input.lock ? sql`now()` : null })
      .onConflict((oc) => oc.columns(['project_id', 'expert_id', 'supplier_org_id']).doUpdateSet({ scores: JSON.stringify(input.scores), total, locked_at: input.lock ? sql`now()` : null, updated_at: sql`now()` }))
      .execute()
    await audit(trx, ctx, projectId, input.lock ? 'score.locked' : 'score.saved', { label: blindLabel(input.index), total })
    if (input.lock) await revealIfComplete(trx, p)
  }
}

async function revealIfComplete(trx: Trx, p: Awaited<ReturnType<typeof lockProposalProject>>) {
  const panel = (await trx.selectFrom('market_panel_members').select('expert_id').where('project_id', '=', p.id).where('status', '=', 'seated').execute()).map((m) => m.expert_id)
  const bidders = bidderIds(p)
  const sheets = await trx.selectFrom('market_scores').select(['expert_id', 'supplier_org_id', 'total', 'locked_at']).where('project_id', '=', p.id).where('expert_id', 'in', panel).execute()
  const locked = sheets.filter((s) => s.locked_at).map((s) => ({ expertId: s.expert_id, supplierId: s.supplier_org_id }))
  if (!allScoresLocked(panel, bidders, locked)) return
  const ranking = rankProposals(sheets.map((s) => ({ supplierId: s.supplier_org_id, expertId: s.expert_id, total: s.total })))
  const order = ranking.map((r) => r.supplierId)
  await audit(trx, SYSTEM, p.id, 'scores.revealed', { ranking })
  const topN = topNOf(p)
  const { startOfferAfterScoring } = await import('./projects-merit.server')
  if (topN > 0) {
    // 评定分离: the committee recommends the top N; the buyer decides and records why.
    const to = transition(p.method as SelectionMethod, p.status, 'choose')
    const settings = { ...((p.settings ?? {}) as object), choiceList: order.slice(0, topN) }
    await trx.updateTable('market_projects').set({ status: to, settings: JSON.stringify(settings), result_order: JSON.stringify(order), updated_at: sql`now()` }).where('id', '=', p.id).execute()
    await audit(trx, SYSTEM, p.id, 'project.status', { from: p.status, to })
  } else {
    await startOfferAfterScoring(trx, p.id, order)
  }
}

/**
 * 一标一评: the buying unit rates one seated panel expert, once per project. A second rating of the same expert changes
 * nothing and says so.
 */
export async function rateExpert(db: DB, ctx: Ctx, projectId: number, input: ExpertRatingInput) {
  await db.transaction().execute(async (trx) => {
    const p = await lockProposalProject(trx, projectId)
    if (ctx.actor.role !== 'agency' || ctx.actor.organizationId !== p.purchaser_org_id) throw new ForbiddenError()
    if (!expertRatingOpen({ method: p.method, status: p.status, scored: p.result_order !== null })) throw new FieldError('_form', 'mkt.err.wrongState')
    await requireSeat(trx, input.expertId, projectId)
    const row = await trx
      .insertInto('market_expert_ratings')
      .values({ project_id: projectId, expert_id: input.expertId, rating: input.rating, comment: input.comment, rated_by: ctx.actor.id })
      .onConflict((oc) => oc.columns(['project_id', 'expert_id']).doNothing())
      .returning('expert_id')
      .executeTakeFirst()
    if (!row) throw new FieldError('_form', 'mkt.rating.already')
    await audit(trx, ctx, projectId, 'expert.rated', { expertId: input.expertId, rating: input.rating, comment: input.comment })
  })
}

/** The ratings an expert received (一标一评), newest first; only their own. */
export async function listMyRatings(db: DB, actor: Actor) {
  if (actor.role !== 'expert') throw new ForbiddenError()
  const expert = await db.selectFrom('experts').select('id').where('user_id', '=', actor.id).executeTakeFirst()
  if (!expert) return []
  return db
    .selectFrom('market_expert_ratings')
    .innerJoin('market_projects', 'market_projects.id', 'market_expert_ratings.project_id')
    .select(['market_projects.id', 'market_projects.code', 'market_projects.title', 'market_expert_ratings.rating', 'market_expert_ratings.comment', 'market_expert_ratings.rated_at'])
    .where('market_expert_ratings.expert_id', '=', expert.id)
    .orderBy('market_expert_ratings.rated_at', 'desc')
    .execute()
}

/** The panel as shown on the project page: names to the centre and supervisor; scores by bidder only once revealed. */
export async function projectPanelView(db: DB, actor: Actor | null, p: { id: number; status: string; method: string; purchaser_org_id: number; result_order: number[] | null }) {
  const members = await db
    .selectFrom('market_panel_members')
    .innerJoin('experts', 'experts.id', 'market_panel_members.expert_id')
    .select(['market_panel_members.expert_id', 'market_panel_members.status', 'market_panel_members.rank', 'experts.name as display_name'])
    .where('project_id', '=', p.id)
    .orderBy('rank')
    .execute()
  const revealed = !['registering', 'scoring', 'draft', 'review'].includes(p.status)
  const official = actor?.role === 'center_admin' || actor?.role === 'supervisor'
  const scores = revealed
    ? await db
        .selectFrom('market_scores')
        .innerJoin('organizations', 'organizations.id', 'market_scores.supplier_org_id')
        .select(['market_scores.supplier_org_id', 'organizations.name', 'market_scores.expert_id', 'market_scores.total', 'market_scores.scores'])
        .where('project_id', '=', p.id)
        .where('locked_at', 'is not', null)
        .execute()
    : []
  const lockedCount = await db.selectFrom('market_scores').select(sql<number>`count(*)::int`.as('n')).where('project_id', '=', p.id).where('locked_at', 'is not', null).executeTakeFirstOrThrow()
  // The buyer's ratings of the panel (一标一评): to the buyer and the officials.
  const isBuyer = actor?.role === 'agency' && actor.organizationId === p.purchaser_org_id
  const ratings =
    isBuyer || official
      ? await db.selectFrom('market_expert_ratings').select(['expert_id', 'rating', 'comment', 'rated_at']).where('project_id', '=', p.id).execute()
      : []
  return {
    members: members.map((m, i) => ({ ...m, display_name: official || revealed ? m.display_name : `专家${i + 1}` })),
    scores,
    revealed,
    lockedCount: lockedCount.n,
    ratings,
    canRate: isBuyer && expertRatingOpen({ method: p.method, status: p.status, scored: p.result_order !== null }),
  }
}

/** The projects an expert sits on (and only those). */
export async function listMyPanels(db: DB, actor: Actor) {
  if (actor.role !== 'expert') throw new ForbiddenError()
  const expert = await db.selectFrom('experts').select('id').where('user_id', '=', actor.id).executeTakeFirst()
  if (!expert) return []
  return db
    .selectFrom('market_panel_members')
    .innerJoin('market_projects', 'market_projects.id', 'market_panel_members.project_id')
    .select(['market_projects.id', 'market_projects.code', 'market_projects.title', 'market_projects.status', 'market_panel_members.status as seat'])
    .where('market_panel_members.expert_id', '=', expert.id)
    .orderBy('market_projects.id', 'desc')
    .execute()
}
