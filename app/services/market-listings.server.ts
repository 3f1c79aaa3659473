import { sql } from 'kysely'
import type { DB } from '../../db/client'
import type { Actor } from '~/domain/permissions'
import type { ListingInput } from '~/domain/selection'
import { recordAudit, type AuditContext } from './audit.server'
import { creditScores } from './credit.server'
import { FieldError, ForbiddenError } from './errors'
import { isEligibleMember } from './memberships.server'

// 服务清单: an agency admitted to a supermarket category lists its services there; the public browses them at /market.

export async function listListings(db: DB, f: { categoryCode?: string }) {
  const rows = await db
    .selectFrom('market_listings')
    .innerJoin('organizations', 'organizations.id', 'market_listings.organization_id')
    .innerJoin('categories', 'categories.code', 'market_listings.category_code')
    .selectAll('market_listings')
    .select(['organizations.name', 'organizations.region', 'categories.name_zh as category_zh', 'categories.name_en as category_en'])
    .where('organizations.status', '=', 'active')
    .$if(!!f.categoryCode, (q) => q.where('market_listings.category_code', '=', f.categoryCode!))
    .orderBy('market_listings.category_code')
    .orderBy('organizations.name')
    .execute()
  const credit = await creditScores(db, [...new Set(rows.map((r) => r.organization_id))])
  return rows.map((r) => ({ ...r, credit: credit.get(r.organization_id) ?? 100 }))
}

/** The supermarket categories the supplier's organisation is admitted to, with its listing in each. */
export async function myListings(db: DB, actor: Actor) {
  if (actor.role !== 'supplier' || !actor.organizationId) throw new ForbiddenError()
  const categories = await db
    .selectFrom('memberships')
    .innerJoin('categories', 'categories.code', 'memberships.category_code')
    .select(['categories.code', 'categories.name_zh', 'categories.name_en'])
    .where('memberships.organization_id', '=', actor.organizationId)
    .where('categories.market', '=', 'supermarket')
    .where('memberships.status', '!=', 'removed')
    .where('memberships.valid_until', '>', sql<Date>`now()`)
    .orderBy('categories.code')
    .execute()
  const listings = await db.selectFrom('market_listings').selectAll().where('organization_id', '=', actor.organizationId).execute()
  return { categories, listings }
}

export async function saveListing(db: DB, ctx: AuditContext & { actor: Actor }, input: ListingInput) {
  const orgId = ctx.actor.organizationId
  if (ctx.actor.role !== 'supplier' || !orgId) throw new ForbiddenError()
  await db.transaction().execute(async (trx) => {
    if (!(await isEligibleMember(trx, orgId, input.categoryCode))) throw new FieldError('categoryCode', 'mkt.listing.notAdmitted')
    const values = {
      organization_id: orgId,
      category_code: input.categoryCode,
      scope: input.scope,
      qualifications: input.qualifications,
      fee_standard: input.feeStandard,
      service_area: input.serviceArea,
      staff_count: input.staffCount,
      typical_days: input.typicalDays,
    }
    await trx
      .insertInto('market_listings')
      .values(values)
      .onConflict((oc) => oc.columns(['organization_id', 'category_code']).doUpdateSet({ ...values, updated_at: sql`now()` }))
      .execute()
    await recordAudit(trx, ctx, { action: 'market.listing.saved', entityType: 'organization', entityId: orgId, payload: values })
  })
}
