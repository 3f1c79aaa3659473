// Table types of search; db/schema.ts merges them into Database. db/migrations/20261122003000_search.ts makes them.
import type { ColumnType, Generated } from 'kysely'

type Default<T> = ColumnType<T, T | undefined, T>

/** 'all': rebuild the whole index (queued by `npm run reindex`). */
export type SearchEntityType = 'organization' | 'menu_item' | 'category' | 'all'

/** One queued index update: the entity whose search documents must be rebuilt from the database. */
export interface SearchOutboxTable {
  id: Generated<number>
  entity_type: SearchEntityType
  entity_id: string
  /** Id of the transaction that queued it (bigint). */
  txid: Generated<number>
  status: Default<'pending' | 'done'>
  attempts: Generated<number>
  run_at: Default<Date>
  last_error: string | null
  created_at: Generated<Date>
  applied_at: ColumnType<Date | null, Date | string | null | undefined, Date | string | null>
}

export interface SearchTables {
  search_outbox: SearchOutboxTable
}
