// npm run seed [-- --demo-accounts]: fills the database with demo data. Running it twice duplicates nothing.
// In production the demo accounts are created only when asked (DEMO_MODE=true or --demo-accounts).
import { migrateToLatest, openDatabase } from '../db/client'
import { seed } from '../db/seed'
import { runMain, scriptEnv } from './lib'

await runMain(async () => {
  const env = scriptEnv()
  const asked = process.argv.includes('--demo-accounts') || env.DEMO_MODE === true
  const demoAccounts = env.NODE_ENV === 'production' ? asked : true
  const handle = openDatabase({ databaseUrl: env.DATABASE_URL, dataDir: `${env.DATA_DIR}/pglite`, poolSize: 1 })
  try {
    await migrateToLatest(handle.db)
    await seed(handle.db, { demoAccounts, log: console.log })
  } finally {
    await handle.close()
  }
})
