import type { Kysely } from 'kysely'

// The market tables (see db/schema-market.ts for their types).
export async function up(_db: Kysely<unknown>): Promise<void> {}

export async function down(_db: Kysely<unknown>): Promise<void> {}
