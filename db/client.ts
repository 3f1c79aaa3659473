import { Kysely, Migrator, PostgresDialect, sql, type MigrationResultSet } from 'kysely'
import pg from 'pg'
import { PGlite } from '@electric-sql/pglite'
import { PGliteDialect } from 'kysely-pglite-dialect'
import { mkdirSync } from 'node:fs'
import type { Database } from './schema'
import { migrations } from './migrations/index'

export type DB = Kysely<Database>

export interface DatabaseHandle {
  db: DB
  kind: 'pglite' | 'postgres'
  close: () => Promise<void>
}

// bigint columns (ids of the audit log, money in fen) come back as JS numbers: every value we store is far below 2^53.
pg.types.setTypeParser(pg.types.builtins.INT8, (v) => Number(v))

/** Opens PostgreSQL when a URL is given, otherwise an embedded PGlite database in `dataDir` (in memory when null). */
export function openDatabase(opts: { databaseUrl?: string; dataDir?: string | null; poolSize?: number }): DatabaseHandle {
  if (opts.databaseUrl) {
    const pool = new pg.Pool({ connectionString: opts.databaseUrl, max: opts.poolSize ?? 10 })
    // Every connection works in UTC so that timestamps are never shifted by the server's zone.
    pool.on('connect', (client) => void client.query(`set timezone = 'UTC'`))
    const db = new Kysely<Database>({ dialect: new PostgresDialect({ pool }) })
    return { db, kind: 'postgres', close: () => db.destroy() }
  }
  if (opts.dataDir) mkdirSync(opts.dataDir, { recursive: true })
  const pglite = new PGlite(opts.dataDir ?? undefined)
  const db = new Kysely<Database>({ dialect: new PGliteDialect(pglite) })
  return {
    db,
    kind: 'pglite',
    close: async () => {
      await db.destroy()
      if (!pglite.closed) await pglite.close()
    },
  }
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- migrations run on any schema
export function migrator(db: Kysely<any>): Migrator {
  return new Migrator({ db, provider: { getMigrations: async () => migrations } })
}

/** Applies every pending migration; throws with the failing migration's name. */
// eslint-disable-next-line @typescript-eslint/no-explicit-any -- migrations run on any schema
export async function migrateToLatest(db: Kysely<any>): Promise<MigrationResultSet['results']> {
  const { error, results } = await migrator(db).migrateToLatest()
  if (error) {
    const failed = results?.find((r) => r.status === 'Error')
    const reason = error instanceof Error ? error.message : String(error)
    throw new Error(`Migration ${failed?.migrationName ?? '(unknown)'} failed: ${reason}`)
  }
  return results
}

export async function databaseIsEmpty(db: DB): Promise<boolean> {
  const row = await db.selectFrom('organizations').select(sql<number>`count(*)::int`.as('n')).executeTakeFirstOrThrow()
  return row.n === 0
}
