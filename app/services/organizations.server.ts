import { sql } from 'kysely'
import type { DB } from '../../db/client'
import type { OrganizationKind, Status } from '../../db/schema'
import { canViewOrganization, hasPermission, type Actor } from '~/domain/permissions'
import type { OrganizationInput } from '~/domain/schemas'
import { recordAudit, escapeLike, type AuditContext } from './audit.server'
import { FieldError, ForbiddenError, NotFoundError } from './errors'

export interface OrganizationFilters {
  q?: string
  kind?: OrganizationKind
  status?: Status
  region?: string
  page: number
  pageSize: number
}

function requireManager(actor: Actor) {
  if (!hasPermission(actor, 'manage:organizations')) throw new ForbiddenError()
}

export async function listOrganizations(db: DB, actor: Actor, f: OrganizationFilters) {
  if (!hasPermission(actor, 'read:organizations')) throw new ForbiddenError()
  const base = db
    .selectFrom('organizations')
    .$if(!!f.q, (q) =>
      q.where((eb) =>
        eb.or([eb('organizations.name', 'ilike', `%${escapeLike(f.q!)}%`), eb('organizations.credit_code', '=', f.q!.toUpperCase())]),
      ),
    )
    .$if(!!f.kind, (q) => q.where('organizations.kind', '=', f.kind!))
    .$if(!!f.status, (q) => q.where('organizations.status', '=', f.status!))
    .$if(!!f.region, (q) => q.where('organizations.region', 'like', `${escapeLike(f.region!)}%`))
  const [rows, count] = await Promise.all([
    base
      .leftJoin('categories', 'categories.code', 'organizations.main_category_code')
      .selectAll('organizations')
      .select(['categories.name_zh as category_name_zh', 'categories.name_en as category_name_en'])
      .select((eb) =>
        eb.selectFrom('users').whereRef('users.organization_id', '=', 'organizations.id').select(sql<number>`count(*)::int`.as('n')).as('user_count'),
      )
      .orderBy('organizations.kind')
      .orderBy('organizations.id')
      .limit(f.pageSize)
      .offset((f.page - 1) * f.pageSize)
      .execute(),
    base.select(sql<number>`count(*)::int`.as('n')).executeTakeFirstOrThrow(),
  ])
  return { rows, total: count.n }
}

export async function getOrganization(db: DB, actor: Actor, id: number) {
  if (!canViewOrganization(actor, id)) throw new ForbiddenError()
  const org = await db
    .selectFrom('organizations')
    .leftJoin('categories', 'categories.code', 'organizations.main_category_code')
    .selectAll('organizations')
    .select(['categories.name_zh as category_name_zh', 'categories.name_en as category_name_en'])
    .where('organizations.id', '=', id)
    .executeTakeFirst()
  if (!org) throw new NotFoundError()
  const users = await db
    .selectFrom('users')
    .select(['id', 'username', 'display_name', 'role', 'status', 'last_login_at'])
    .where('organization_id', '=', id)
    .orderBy('id')
    .execute()
  return { org, users }
}

async function assertCreditCodeFree(db: DB, code: string, exceptId?: number) {
  const taken = await db
    .selectFrom('organizations')
    .select('id')
    .where('credit_code', '=', code)
    .$if(exceptId !== undefined, (q) => q.where('id', '!=', exceptId!))
    .executeTakeFirst()
  if (taken) throw new FieldError('creditCode', 'field.creditCodeTaken')
}

async function assertCategory(db: DB, code: string | null) {
  if (code === null) return
  const found = await db.selectFrom('categories').select('id').where('code', '=', code).executeTakeFirst()
  if (!found) throw new FieldError('mainCategoryCode', 'field.invalidChoice')
}

function columns(input: OrganizationInput) {
  return {
    name: input.name,
    kind: input.kind,
    credit_code: input.creditCode,
    region: input.region,
    address: input.address,
    contact_name: input.contactName,
    contact_phone: input.contactPhone,
    main_category_code: input.kind === 'supplier' ? input.mainCategoryCode : null,
  }
}

export async function createOrganization(db: DB, ctx: AuditContext & { actor: Actor }, input: OrganizationInput) {
  requireManager(ctx.actor)
  await assertCategory(db, input.mainCategoryCode)
  return db.transaction().execute(async (trx) => {
    await assertCreditCodeFree(trx, input.creditCode)
    const row = await trx.insertInto('organizations').values(columns(input)).returning('id').executeTakeFirstOrThrow()
    await recordAudit(trx, ctx, { action: 'organization.created', entityType: 'organization', entityId: row.id, payload: columns(input) })
    return row.id
  }).catch(rethrowUnique)
}

export async function updateOrganization(db: DB, ctx: AuditContext & { actor: Actor }, id: number, input: OrganizationInput) {
  requireManager(ctx.actor)
  await assertCategory(db, input.mainCategoryCode)
  await db.transaction().execute(async (trx) => {
    const before = await trx.selectFrom('organizations').selectAll().where('id', '=', id).forUpdate().executeTakeFirst()
    if (!before) throw new NotFoundError()
    await assertCreditCodeFree(trx, input.creditCode, id)
    const after = columns(input)
    await trx.updateTable('organizations').set({ ...after, updated_at: sql`now()` }).where('id', '=', id).execute()
    const changed = Object.fromEntries(
      Object.entries(after)
        .filter(([k, v]) => String(before[k as keyof typeof before] ?? '') !== String(v ?? ''))
        .map(([k, v]) => [k, { from: before[k as keyof typeof before], to: v }]),
    )
    await recordAudit(trx, ctx, { action: 'organization.updated', entityType: 'organization', entityId: id, payload: { changed } })
  }).catch(rethrowUnique)
}

export async function setOrganizationStatus(db: DB, ctx: AuditContext & { actor: Actor }, id: number, status: Status) {
  requireManager(ctx.actor)
  await db.transaction().execute(async (trx) => {
    const org = await trx.selectFrom('organizations').select(['id', 'status', 'kind']).where('id', '=', id).forUpdate().executeTakeFirst()
    if (!org) throw new NotFoundError()
    // The centre's own organisation cannot be switched off from inside: that would lock every admin out.
    if (org.kind === 'center' && status === 'disabled') throw new ForbiddenError('center cannot be disabled')
    if (org.status === status) return
    await trx.updateTable('organizations').set({ status, updated_at: sql`now()` }).where('id', '=', id).execute()
    if (status === 'disabled') {
      // Sessions of its users end at once.
      await trx.deleteFrom('sessions').where('user_id', 'in', trx.selectFrom('users').select('id').where('organization_id', '=', id)).execute()
    }
    await recordAudit(trx, ctx, {
      action: status === 'disabled' ? 'organization.disabled' : 'organization.enabled',
      entityType: 'organization',
      entityId: id,
    })
  })
}

export async function listCategories(db: DB) {
  return db.selectFrom('categories').selectAll().orderBy('market').orderBy('code').execute()
}

/** Two requests racing past the pre-check still meet the unique index; answer them with the same field message. */
function rethrowUnique(err: unknown): never {
  if (err instanceof Error && /duplicate key|unique/i.test(err.message) && /credit_code/.test(err.message)) {
    throw new FieldError('creditCode', 'field.creditCodeTaken')
  }
  throw err
}
