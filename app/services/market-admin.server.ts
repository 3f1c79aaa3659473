import { sql } from 'kysely'
import type { DB } from '../../db/client'
import { addWorkingDays } from '~/domain/calendar'
import { hasPermission, type Actor } from '~/domain/permissions'
import { affiliationPair, type AffiliationInput, type AgencyAffiliationInput, type CreditEventInput, type ExpertInput } from '~/domain/selection'
import { recordAudit, type AuditContext } from './audit.server'
import { creditScores, recordCreditEvent } from './credit.server'
import { FieldError, ForbiddenError } from './errors'

// The centre's supervision of the supermarket: affiliations (关联关系), credit events and suspensions (限制进场), and
// the expert pool. The supervisor reads all of it.
type Ctx = AuditContext & { actor: Actor }

function requireManager(actor: Actor) {
  if (!hasPermission(actor, 'manage:market')) throw new ForbiddenError()
}

export async function marketOverview(db: DB, actor: Actor) {
  if (!hasPermission(actor, 'read:market')) throw new ForbiddenError()
  const [affiliations, agencyAffiliations, events, experts, purchasers, suppliers] = await Promise.all([
    db
      .selectFrom('affiliations')
      .innerJoin('organizations as p', 'p.id', 'affiliations.purchaser_org_id')
      .innerJoin('organizations as s', 's.id', 'affiliations.supplier_org_id')
      .select(['affiliations.id', 'affiliations.note', 'affiliations.created_at', 'p.name as purchaser', 's.name as supplier'])
      .orderBy('affiliations.id', 'desc')
      .execute(),
    db
      .selectFrom('agency_affiliations')
      .innerJoin('organizations as a', 'a.id', 'agency_affiliations.first_org_id')
      .innerJoin('organizations as b', 'b.id', 'agency_affiliations.second_org_id')
      .select(['agency_affiliations.id', 'agency_affiliations.reason', 'agency_affiliations.created_at', 'a.name as first', 'b.name as second'])
      .orderBy('agency_affiliations.id', 'desc')
      .execute(),
    db
      .selectFrom('credit_events')
      .innerJoin('organizations', 'organizations.id', 'credit_events.organization_id')
      .select(['credit_events.id', 'credit_events.organization_id', 'organizations.name', 'credit_events.points', 'credit_events.kind', 'credit_events.reason', 'credit_events.suspended_until', 'credit_events.created_at', 'credit_events.project_id'])
      .orderBy('credit_events.id', 'desc')
      .limit(100)
      .execute(),
    db
      .selectFrom('experts')
      .leftJoin('organizations', 'organizations.id', 'experts.employer_org_id')
      .leftJoin('users', 'users.id', 'experts.user_id')
      .select(['experts.id', 'experts.name', 'experts.specialties', 'experts.declared_conflicts', 'experts.employment_history', 'experts.penalised_until', 'organizations.name as employer', 'users.username'])
      .orderBy('experts.id')
      .execute(),
    db.selectFrom('organizations').select(['id', 'name']).where('kind', '=', 'purchaser').orderBy('name').execute(),
    db.selectFrom('organizations').select(['id', 'name']).where('kind', '=', 'supplier').where('main_category_code', 'like', 'S%').orderBy('name').execute(),
  ])
  const scores = await creditScores(db, [...new Set(events.map((e) => e.organization_id))])
  return { affiliations, agencyAffiliations, events: events.map((e) => ({ ...e, score: scores.get(e.organization_id) ?? 100 })), experts, purchasers, suppliers }
}

export async function recordAffiliation(db: DB, ctx: Ctx, input: AffiliationInput) {
  requireManager(ctx.actor)
  await db.transaction().execute(async (trx) => {
    const kinds = await trx.selectFrom('organizations').select(['id', 'kind']).where('id', 'in', [input.purchaserId, input.supplierId]).execute()
    if (kinds.find((k) => k.id === input.purchaserId)?.kind !== 'purchaser') throw new FieldError('purchaserId', 'field.invalidChoice')
    if (kinds.find((k) => k.id === input.supplierId)?.kind !== 'supplier') throw new FieldError('supplierId', 'field.invalidChoice')
    const row = await trx
      .insertInto('affiliations')
      .values({ purchaser_org_id: input.purchaserId, supplier_org_id: input.supplierId, note: input.note })
      .onConflict((oc) => oc.columns(['purchaser_org_id', 'supplier_org_id']).doNothing())
      .returning('id')
      .executeTakeFirst()
    if (!row) throw new FieldError('supplierId', 'mkt.admin.affiliationExists')
    await recordAudit(trx, ctx, { action: 'market.affiliation.recorded', entityType: 'organization', entityId: input.supplierId, payload: { purchaserId: input.purchaserId, note: input.note } })
  })
}

/** 关联企业: two agencies that may enter a frozen pool only once between them. */
export async function recordAgencyAffiliation(db: DB, ctx: Ctx, input: AgencyAffiliationInput) {
  requireManager(ctx.actor)
  await db.transaction().execute(async (trx) => {
    const kinds = await trx.selectFrom('organizations').select(['id', 'kind']).where('id', 'in', [input.firstId, input.secondId]).execute()
    if (kinds.find((k) => k.id === input.firstId)?.kind !== 'supplier') throw new FieldError('firstId', 'field.invalidChoice')
    if (kinds.find((k) => k.id === input.secondId)?.kind !== 'supplier') throw new FieldError('secondId', 'field.invalidChoice')
    const [first, second] = affiliationPair(input.firstId, input.secondId)
    const row = await trx
      .insertInto('agency_affiliations')
      .values({ first_org_id: first, second_org_id: second, reason: input.reason, recorded_by: ctx.actor.id })
      .onConflict((oc) => oc.columns(['first_org_id', 'second_org_id']).doNothing())
      .returning('id')
      .executeTakeFirst()
    if (!row) throw new FieldError('secondId', 'mkt.admin.affiliationExists')
    await recordAudit(trx, ctx, { action: 'market.agency_affiliation.recorded', entityType: 'organization', entityId: first, payload: { firstId: first, secondId: second, reason: input.reason } })
  })
}

/** A deduction (违规扣分) and optionally a suspension counted in working days from today. */
export async function penalise(db: DB, ctx: Ctx, input: CreditEventInput) {
  requireManager(ctx.actor)
  await db.transaction().execute(async (trx) => {
    const org = await trx.selectFrom('organizations').select('kind').where('id', '=', input.organizationId).executeTakeFirst()
    if (org?.kind !== 'supplier') throw new FieldError('organizationId', 'field.invalidChoice')
    const { rows } = await sql<{ now: Date }>`select now() as now`.execute(trx)
    const suspendedUntil = input.suspendDays > 0 ? addWorkingDays(new Date(rows[0]!.now), input.suspendDays) : null
    await recordCreditEvent(trx, ctx, { organizationId: input.organizationId, points: -input.points, kind: input.kind, reason: input.reason, suspendedUntil })
  })
}

export async function addExpert(db: DB, ctx: Ctx, input: ExpertInput) {
  requireManager(ctx.actor)
  await db.transaction().execute(async (trx) => {
    let userId: number | null = null
    if (input.username) {
      const user = await trx.selectFrom('users').select(['id', 'role']).where(sql`lower(username)`, '=', input.username.toLowerCase()).executeTakeFirst()
      if (!user || user.role !== 'expert') throw new FieldError('username', 'mkt.admin.notExpertAccount')
      const taken = await trx.selectFrom('experts').select('id').where('user_id', '=', user.id).executeTakeFirst()
      if (taken) throw new FieldError('username', 'mkt.admin.expertExists')
      userId = user.id
    }
    const row = await trx
      .insertInto('experts')
      .values({
        user_id: userId,
        name: input.name,
        specialties: JSON.stringify(input.specialties),
        employer_org_id: input.employerId ?? null,
        declared_conflicts: JSON.stringify(input.conflicts),
      })
      .returning('id')
      .executeTakeFirstOrThrow()
    await recordAudit(trx, ctx, { action: 'market.expert.added', entityType: 'expert', entityId: row.id, payload: { ...input } })
  })
}
