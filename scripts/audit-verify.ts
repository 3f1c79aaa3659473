// npm run audit:verify: re-hashes the whole audit chain; exits 1 and names the first broken row if any was altered.
import { openDatabase } from '../db/client'
import { verifyAuditChain } from '../app/services/audit.server'
import { runMain, scriptEnv } from './lib'

await runMain(async () => {
  const env = scriptEnv()
  const handle = openDatabase({ databaseUrl: env.DATABASE_URL, dataDir: `${env.DATA_DIR}/pglite`, poolSize: 1 })
  try {
    const report = await verifyAuditChain(handle.db)
    if (report.ok) {
      console.log(`Audit chain intact: ${report.checked} rows verified.`)
      return 0
    }
    const b = report.firstBreak!
    const why = b.reason === 'hash' ? 'its content does not match its hash (the row was altered)' : 'its prev_hash does not match the row before it (a row was altered, inserted or deleted before it)'
    console.error(`Audit chain BROKEN at audit_log row id ${b.id}: ${why}. ${report.checked} rows before it verified.`)
    return 1
  } finally {
    await handle.close()
  }
})
