import { sql } from 'kysely'
import type { DB } from '../../db/client'
import { hasPermission, type Actor } from '~/domain/permissions'

/** The public front page: how many suppliers and purchasing units, and how suppliers spread over the categories. */
export async function publicOverview(db: DB) {
  const [kinds, categories] = await Promise.all([
    db
      .selectFrom('organizations')
      .select(['kind', sql<number>`count(*)::int`.as('n')])
      .where('status', '=', 'active')
      .groupBy('kind')
      .execute(),
    db
      .selectFrom('categories')
      .leftJoin('organizations', (j) =>
        j.onRef('organizations.main_category_code', '=', 'categories.code').on('organizations.status', '=', 'active'),
      )
      .select(['categories.code', 'categories.name_zh', 'categories.name_en', 'categories.kind', 'categories.market', sql<number>`count(organizations.id)::int`.as('suppliers')])
      .groupBy(['categories.code', 'categories.name_zh', 'categories.name_en', 'categories.kind', 'categories.market'])
      .orderBy('categories.code')
      .execute(),
  ])
  const count = (k: string) => kinds.find((r) => r.kind === k)?.n ?? 0
  return { suppliers: count('supplier'), purchasers: count('purchaser'), categories }
}

/** The signed-in home: the centre and the supervisor see the whole trail; everyone else sees their own steps. */
export async function dashboard(db: DB, actor: Actor) {
  const seesAll = hasPermission(actor, 'read:audit')
  const recent = await db
    .selectFrom('audit_log')
    .select(['id', 'at', 'actor_label', 'action', 'entity_type', 'entity_id'])
    .$if(!seesAll, (q) => q.where('actor_user_id', '=', actor.id))
    .orderBy('id', 'desc')
    .limit(8)
    .execute()
  if (!seesAll) return { recent, stats: null }
  const stats = await db
    .selectNoFrom([
      sql<number>`(select count(*)::int from organizations where status = 'active')`.as('organizations'),
      sql<number>`(select count(*)::int from users where status = 'active')`.as('users'),
      // "Today" is the calendar day in Shanghai, decided by the database clock.
      sql<number>`(select count(*)::int from audit_log where at >= date_trunc('day', now() at time zone 'Asia/Shanghai') at time zone 'Asia/Shanghai')`.as('auditToday'),
    ])
    .executeTakeFirstOrThrow()
  return { recent, stats }
}
