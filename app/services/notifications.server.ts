import { sql, type ExpressionBuilder, type Transaction } from 'kysely'
import type { DB } from '../../db/client'
import type { Database } from '../../db/schema'
import type { Actor } from '~/domain/permissions'
import type { MessageKey } from '~/lib/i18n'

// In-app notifications (站内消息) for organisations (every user of the organisation sees them) or single users.
type Trx = Transaction<Database>

export async function notifyOrganizations(trx: Trx, orgIds: readonly number[], kind: MessageKey, link: string, params: Record<string, string | number>) {
  if (orgIds.length === 0) return
  for (let i = 0; i < orgIds.length; i += 200) {
    await trx
      .insertInto('notifications')
      .values(orgIds.slice(i, i + 200).map((id) => ({ organization_id: id, kind, link, params: JSON.stringify(params) })))
      .execute()
  }
}

export async function notifyUser(trx: Trx, userId: number, kind: MessageKey, link: string, params: Record<string, string | number>) {
  await trx.insertInto('notifications').values({ user_id: userId, kind, link, params: JSON.stringify(params) }).execute()
}

function mine(actor: Actor) {
  return (eb: ExpressionBuilder<Database, 'notifications'>) =>
    eb.or([eb('user_id', '=', actor.id), ...(actor.organizationId ? [eb('organization_id', '=', actor.organizationId)] : [])])
}

export async function unreadCount(db: DB, actor: Actor): Promise<number> {
  const row = await db.selectFrom('notifications').select(sql<number>`count(*)::int`.as('n')).where(mine(actor)).where('read_at', 'is', null).executeTakeFirstOrThrow()
  return row.n
}

export async function listNotifications(db: DB, actor: Actor, limit = 100) {
  return db.selectFrom('notifications').selectAll().where(mine(actor)).orderBy('id', 'desc').limit(limit).execute()
}

export async function markAllRead(db: DB, actor: Actor) {
  await db.updateTable('notifications').set({ read_at: sql`now()` }).where(mine(actor)).where('read_at', 'is', null).execute()
}
