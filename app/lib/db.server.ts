import { migrateToLatest, openDatabase, databaseIsEmpty, type DatabaseHandle, type DB } from '../../db/client'
import { seed } from '../../db/seed'
import { getEnv } from './env.server'

// One database handle per process, kept on globalThis: the start script and the Remix server bundle each load this
// module, and an embedded PGlite directory must never be opened twice.
const KEY = Symbol.for('caigou.database')
type Holder = { [KEY]?: Promise<DatabaseHandle> }

async function init(): Promise<DatabaseHandle> {
  const env = getEnv()
  const handle = openDatabase({ databaseUrl: env.DATABASE_URL, dataDir: `${env.DATA_DIR}/pglite` })
  await migrateToLatest(handle.db)
  // The embedded database is a demo installation: its first start fills it with demo data.
  if (handle.kind === 'pglite' && (await databaseIsEmpty(handle.db))) {
    await seed(handle.db, { demoAccounts: env.demoMode, log: (m) => console.log(m) })
  }
  return handle
}

export function databaseHandle(): Promise<DatabaseHandle> {
  const holder = globalThis as Holder
  holder[KEY] ??= init().catch((err) => {
    delete holder[KEY]
    throw err
  })
  return holder[KEY]
}

export async function getDb(): Promise<DB> {
  return (await databaseHandle()).db
}

export async function closeDb(): Promise<void> {
  const holder = globalThis as Holder
  const handle = holder[KEY]
  delete holder[KEY]
  if (handle) await (await handle).close()
}
