import type { Kysely } from 'kysely'

// The catalogue tables (see db/schema-catalogue.ts for their types).
export async function up(_db: Kysely<unknown>): Promise<void> {}

export async function down(_db: Kysely<unknown>): Promise<void> {}
