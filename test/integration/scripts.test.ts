import { execFile } from 'node:child_process'
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { promisify } from 'node:util'
import { sql } from 'kysely'
import { afterAll, describe, expect, it } from 'vitest'
import { openDatabase, type DB } from '../../db/client'
import { testDatabase, usingPostgres } from '../support/db'

// The command-line scripts, run as a newcomer or an operator would, against this project's database.
const run = promisify(execFile)
const dataDir = mkdtempSync(join(tmpdir(), 'caigou-scripts-'))
afterAll(() => rmSync(dataDir, { recursive: true, force: true }))

async function script(name: string, env: Record<string, string> = {}, args: string[] = []) {
  const url = (await testDatabase()).url
  const base: Record<string, string> = { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '', DATA_DIR: dataDir, NODE_ENV: 'development' }
  if (url) Object.assign(base, { DATABASE_URL: url, SESSION_SECRET: 'x'.repeat(40) })
  try {
    const { stdout, stderr } = await run('npx', ['tsx', `scripts/${name}.ts`, ...args], { env: { ...base, ...env } as NodeJS.ProcessEnv, timeout: 240_000 })
    return { code: 0, out: stdout + stderr }
  } catch (err) {
    const e = err as { code?: number; stdout?: string; stderr?: string }
    return { code: e.code ?? -1, out: (e.stdout ?? '') + (e.stderr ?? '') }
  }
}

/** The script's database, opened only while no script runs (an embedded directory takes one process at a time). */
async function withScriptDb<T>(work: (db: DB) => Promise<T>): Promise<T> {
  if (usingPostgres()) return work((await testDatabase()).db)
  const handle = openDatabase({ dataDir: join(dataDir, 'pglite') })
  try {
    return await work(handle.db)
  } finally {
    await handle.close()
  }
}

// Each test starts real processes (tsx, a database, the whole demo seed): minutes on a busy two-core machine.
describe('npm run seed, db:migrate and audit:verify', { timeout: 300_000 }, () => {
  it('seed refuses demo accounts in production unless asked, then creates them when asked', async () => {
    const prod = await script('seed', { NODE_ENV: 'production' })
    expect(prod.code).toBe(0)
    expect(prod.out).toMatch(/demo accounts not requested/)
    expect(await withScriptDb((db) => db.selectFrom('users').select('id').execute())).toHaveLength(0)

    const asked = await script('seed', { NODE_ENV: 'production' }, ['--demo-accounts'])
    expect(asked.code).toBe(0)
    expect(await withScriptDb((db) => db.selectFrom('users').select('username').execute())).toHaveLength(5)
  })

  it('db:migrate reports an up-to-date database', async () => {
    const r = await script('migrate')
    expect(r.code).toBe(0)
    expect(r.out).toMatch(/applied .* 20261122000100_foundation/)
  })

  it('audit:verify passes, then names the row altered by hand', async () => {
    await script('seed')
    const ok = await script('audit-verify')
    expect(ok.out).toMatch(/Audit chain intact: \d+ rows verified/)
    expect(ok.code).toBe(0)

    const id = await withScriptDb(async (db) => {
      const row = await db.selectFrom('audit_log').select('id').orderBy('id').limit(1).executeTakeFirstOrThrow()
      await db.connection().execute(async (c) => {
        await sql`alter table audit_log disable trigger audit_log_no_update_delete`.execute(c)
        await sql`update audit_log set payload = '{"forged": true}' where id = ${row.id}`.execute(c)
        await sql`alter table audit_log enable trigger audit_log_no_update_delete`.execute(c)
      })
      return row.id
    })
    const broken = await script('audit-verify')
    expect(broken.code).toBe(1)
    expect(broken.out).toContain(`BROKEN at audit_log row id ${id}`)
  })

  it('a wrong setting stops a script with a message naming the variable', async () => {
    const r = await script('migrate', { PORT: 'eighty' })
    expect(r.code).toBe(2)
    expect(r.out).toMatch(/PORT: expected a port number/)
  })
})
