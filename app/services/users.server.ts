import { sql } from 'kysely'
import type { DB } from '../../db/client'
import type { Role, Status } from '../../db/schema'
import { hasPermission, roleFitsOrganization, type Actor } from '~/domain/permissions'
import type { UserCreateInput, UserUpdateInput } from '~/domain/schemas'
import { hashPassword, verifyPassword } from '~/lib/password.server'
import { escapeLike, recordAudit, type AuditContext } from './audit.server'
import { FieldError, ForbiddenError, NotFoundError } from './errors'

type Ctx = AuditContext & { actor: Actor }

function requireManager(actor: Actor) {
  if (!hasPermission(actor, 'manage:users')) throw new ForbiddenError()
}

export interface UserFilters {
  q?: string
  role?: Role
  status?: Status
  organizationId?: number
  page: number
  pageSize: number
}

export async function listUsers(db: DB, actor: Actor, f: UserFilters) {
  requireManager(actor)
  const base = db
    .selectFrom('users')
    .leftJoin('organizations', 'organizations.id', 'users.organization_id')
    .$if(!!f.q, (q) =>
      q.where((eb) =>
        eb.or([eb('users.username', 'ilike', `%${escapeLike(f.q!)}%`), eb('users.display_name', 'ilike', `%${escapeLike(f.q!)}%`)]),
      ),
    )
    .$if(!!f.role, (q) => q.where('users.role', '=', f.role!))
    .$if(!!f.status, (q) => q.where('users.status', '=', f.status!))
    .$if(!!f.organizationId, (q) => q.where('users.organization_id', '=', f.organizationId!))
  const [rows, count] = await Promise.all([
    base
      .select([
        'users.id',
        'users.username',
        'users.display_name',
        'users.role',
        'users.status',
        'users.last_login_at',
        'users.organization_id',
        'organizations.name as organization_name',
      ])
      .orderBy('users.id')
      .limit(f.pageSize)
      .offset((f.page - 1) * f.pageSize)
      .execute(),
    base.select(sql<number>`count(*)::int`.as('n')).executeTakeFirstOrThrow(),
  ])
  return { rows, total: count.n }
}

export async function getUser(db: DB, actor: Actor, id: number) {
  requireManager(actor)
  const user = await db
    .selectFrom('users')
    .select(['id', 'username', 'display_name', 'role', 'status', 'organization_id', 'last_login_at', 'created_at'])
    .where('id', '=', id)
    .executeTakeFirst()
  if (!user) throw new NotFoundError()
  return user
}

async function assertRoleFits(db: DB, role: Role, organizationId: number | null) {
  let kind = null
  if (organizationId !== null) {
    const org = await db.selectFrom('organizations').select('kind').where('id', '=', organizationId).executeTakeFirst()
    if (!org) throw new FieldError('organizationId', 'field.unknownOrganization')
    kind = org.kind
  }
  if (!roleFitsOrganization(role, kind)) throw new FieldError('role', 'field.roleMismatch')
}

export async function createUser(db: DB, ctx: Ctx, input: UserCreateInput): Promise<number> {
  requireManager(ctx.actor)
  await assertRoleFits(db, input.role, input.organizationId)
  const passwordHash = await hashPassword(input.password)
  return db
    .transaction()
    .execute(async (trx) => {
      const taken = await trx.selectFrom('users').select('id').where(sql`lower(username)`, '=', input.username).executeTakeFirst()
      if (taken) throw new FieldError('username', 'field.usernameTaken')
      const row = await trx
        .insertInto('users')
        .values({
          username: input.username,
          display_name: input.displayName,
          role: input.role,
          organization_id: input.organizationId,
          password_hash: passwordHash,
        })
        .returning('id')
        .executeTakeFirstOrThrow()
      await recordAudit(trx, ctx, {
        action: 'user.created',
        entityType: 'user',
        entityId: row.id,
        payload: { username: input.username, role: input.role, organizationId: input.organizationId },
      })
      return row.id
    })
    .catch((err: unknown) => {
      if (err instanceof Error && /users_username_lower_idx/.test(err.message)) throw new FieldError('username', 'field.usernameTaken')
      throw err
    })
}

export async function updateUser(db: DB, ctx: Ctx, id: number, input: UserUpdateInput) {
  requireManager(ctx.actor)
  await assertRoleFits(db, input.role, input.organizationId)
  // An admin demoting themselves could leave the centre without any admin.
  if (id === ctx.actor.id && input.role !== ctx.actor.role) throw new FieldError('role', 'field.invalidChoice')
  await db.transaction().execute(async (trx) => {
    const before = await trx.selectFrom('users').select(['display_name', 'role', 'organization_id']).where('id', '=', id).forUpdate().executeTakeFirst()
    if (!before) throw new NotFoundError()
    await trx
      .updateTable('users')
      .set({ display_name: input.displayName, role: input.role, organization_id: input.organizationId, updated_at: sql`now()` })
      .where('id', '=', id)
      .execute()
    // A changed role takes effect now: the user signs in again under it.
    if (before.role !== input.role || before.organization_id !== input.organizationId) {
      await trx.deleteFrom('sessions').where('user_id', '=', id).execute()
    }
    await recordAudit(trx, ctx, {
      action: 'user.updated',
      entityType: 'user',
      entityId: id,
      payload: {
        before: { displayName: before.display_name, role: before.role, organizationId: before.organization_id },
        after: input,
      },
    })
  })
}

export async function setUserStatus(db: DB, ctx: Ctx, id: number, status: Status) {
  requireManager(ctx.actor)
  if (id === ctx.actor.id && status === 'disabled') throw new FieldError('status', 'field.cannotDisableSelf')
  await db.transaction().execute(async (trx) => {
    const user = await trx.selectFrom('users').select(['status']).where('id', '=', id).forUpdate().executeTakeFirst()
    if (!user) throw new NotFoundError()
    if (user.status === status) return
    await trx.updateTable('users').set({ status, updated_at: sql`now()` }).where('id', '=', id).execute()
    if (status === 'disabled') await trx.deleteFrom('sessions').where('user_id', '=', id).execute()
    await recordAudit(trx, ctx, { action: status === 'disabled' ? 'user.disabled' : 'user.enabled', entityType: 'user', entityId: id })
  })
}

export async function resetPassword(db: DB, ctx: Ctx, id: number, newPassword: string) {
  requireManager(ctx.actor)
  const hash = await hashPassword(newPassword)
  await db.transaction().execute(async (trx) => {
    const res = await trx.updateTable('users').set({ password_hash: hash, updated_at: sql`now()` }).where('id', '=', id).executeTakeFirst()
    if (res.numUpdatedRows === 0n) throw new NotFoundError()
    await trx.deleteFrom('sessions').where('user_id', '=', id).execute()
    await recordAudit(trx, ctx, { action: 'user.password_reset', entityType: 'user', entityId: id })
  })
}

/** Any signed-in user changes their own password; every other session of theirs ends. */
export async function changeOwnPassword(
  db: DB,
  ctx: Ctx,
  input: { currentPassword: string; newPassword: string; keepSessionId: string | null },
) {
  const user = await db.selectFrom('users').select(['password_hash']).where('id', '=', ctx.actor.id).executeTakeFirstOrThrow()
  if (!(await verifyPassword(input.currentPassword, user.password_hash))) throw new FieldError('currentPassword', 'field.passwordWrong')
  const hash = await hashPassword(input.newPassword)
  await db.transaction().execute(async (trx) => {
    await trx.updateTable('users').set({ password_hash: hash, updated_at: sql`now()` }).where('id', '=', ctx.actor.id).execute()
    await trx
      .deleteFrom('sessions')
      .where('user_id', '=', ctx.actor.id)
      .$if(!!input.keepSessionId, (q) => q.where('id', '!=', input.keepSessionId!))
      .execute()
    await recordAudit(trx, ctx, { action: 'user.password_changed', entityType: 'user', entityId: ctx.actor.id })
  })
}

export async function getOwnProfile(db: DB, actor: Actor) {
  return db
    .selectFrom('users')
    .leftJoin('organizations', 'organizations.id', 'users.organization_id')
    .select(['users.username', 'users.display_name', 'users.role', 'users.last_login_at', 'organizations.id as organization_id', 'organizations.name as organization_name'])
    .where('users.id', '=', actor.id)
    .executeTakeFirstOrThrow()
}
