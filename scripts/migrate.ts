// npm run db:migrate [-- --down]: applies pending migrations (or reverts the last one) and prints each one's status.
import { migrator, openDatabase } from '../db/client'
import { runMain, scriptEnv } from './lib'

await runMain(async () => {
  const env = scriptEnv()
  const handle = openDatabase({ databaseUrl: env.DATABASE_URL, dataDir: `${env.DATA_DIR}/pglite`, poolSize: 1 })
  try {
    const m = migrator(handle.db)
    const { error, results } = process.argv.includes('--down') ? await m.migrateDown() : await m.migrateToLatest()
    for (const r of results ?? []) console.log(`${r.status.padEnd(8)} ${r.direction} ${r.migrationName}`)
    if (!results?.length) console.log('Nothing to migrate: the database is up to date.')
    for (const info of await m.getMigrations()) {
      console.log(`  ${info.executedAt ? `applied ${info.executedAt.toISOString()}` : 'pending'.padEnd(32)}  ${info.name}`)
    }
    if (error) {
      console.error('Migration failed:', error instanceof Error ? error.message : error)
      return 1
    }
  } finally {
    await handle.close()
  }
})
