import { sql, type Kysely } from 'kysely'

// The search outbox. PostgreSQL is the truth and the search index is derived from it: every change to a row that a
// search document is built from queues (entity_type, entity_id) here, from a trigger, in the same transaction as the
// change, so that no service has to remember it and a rolled-back change queues nothing.
//
// Two ways to follow it (app/services/search-sync.server.ts):
// - Meilisearch (one shared index): any instance claims a pending row with FOR UPDATE SKIP LOCKED, applies it and marks
//   it done; a failure moves run_at back (retried with backoff, never dropped).
// - embedded engine (an index in every process): every instance reads every row, in the order of the writing
//   transactions' ids (txid), up to the oldest transaction still running, so a slow transaction's row is never skipped.
export const SOURCES: readonly { table: string; entity: 'organization' | 'menu_item' | 'category'; column: string }[] = [
  { table: 'organizations', entity: 'organization', column: 'id' },
  { table: 'categories', entity: 'category', column: 'code' },
  { table: 'category_rules', entity: 'category', column: 'category_code' },
  { table: 'memberships', entity: 'organization', column: 'organization_id' },
  { table: 'menu_items', entity: 'organization', column: 'organization_id' },
  { table: 'menu_prices', entity: 'menu_item', column: 'menu_item_id' },
  { table: 'supplier_ratings', entity: 'organization', column: 'supplier_org_id' },
  { table: 'credit_events', entity: 'organization', column: 'organization_id' },
]

export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('search_outbox')
    .addColumn('id', 'bigint', (c) => c.primaryKey().generatedAlwaysAsIdentity())
    .addColumn('entity_type', 'text', (c) => c.notNull())
    .addColumn('entity_id', 'text', (c) => c.notNull())
    // The writing transaction's id: rows are followed in this order, never past a transaction still running.
    .addColumn('txid', 'bigint', (c) => c.notNull().defaultTo(sql`(pg_current_xact_id()::text::bigint)`))
    .addColumn('status', 'text', (c) => c.notNull().defaultTo('pending').check(sql`status in ('pending','done')`))
    .addColumn('attempts', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('run_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addColumn('last_error', 'text')
    .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addColumn('applied_at', 'timestamptz')
    .execute()
  await sql`create index search_outbox_txid_idx on search_outbox (txid)`.execute(db)
  await sql`create index search_outbox_pending_idx on search_outbox (run_at, id) where status = 'pending'`.execute(db)
  await sql`create index search_outbox_entity_idx on search_outbox (entity_type, entity_id) where status = 'pending'`.execute(db)

  // TG_ARGV: entity type, then the column holding the entity id. An update that moves a row to another entity
  // (an item to another organisation) queues both.
  await sql`
    create function search_outbox_enqueue() returns trigger language plpgsql as $$
    declare
      new_id text;
      old_id text;
    begin
      if tg_op <> 'DELETE' then new_id := to_jsonb(new) ->> tg_argv[1]; end if;
      if tg_op <> 'INSERT' then old_id := to_jsonb(old) ->> tg_argv[1]; end if;
      if new_id is not null then
        insert into search_outbox (entity_type, entity_id) values (tg_argv[0], new_id);
      end if;
      if old_id is not null and old_id is distinct from new_id then
        insert into search_outbox (entity_type, entity_id) values (tg_argv[0], old_id);
      end if;
      return null;
    end $$`.execute(db)

  for (const s of SOURCES) {
    // The catalogue's and the market's tables come from their own migrations; attach to those that exist.
    const { rows } = await sql<{ found: string | null }>`select to_regclass(${s.table})::text as found`.execute(db)
    if (!rows[0]?.found) continue
    await sql`create trigger ${sql.raw(`search_outbox_${s.table}`)} after insert or update or delete on ${sql.table(s.table)}
      for each row execute function search_outbox_enqueue(${sql.lit(s.entity)}, ${sql.lit(s.column)})`.execute(db)
  }
}

export async function down(db: Kysely<unknown>): Promise<void> {
  for (const s of SOURCES) {
    await sql`drop trigger if exists ${sql.raw(`search_outbox_${s.table}`)} on ${sql.table(s.table)}`.execute(db).catch(() => undefined)
  }
  await sql`drop function if exists search_outbox_enqueue()`.execute(db)
  await db.schema.dropTable('search_outbox').ifExists().execute()
}
