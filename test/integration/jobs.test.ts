import { sql } from 'kysely'
import { describe, expect, it } from 'vitest'
import { cancelJob, MAX_ATTEMPTS, rescheduleJob, runDueJobs, scheduleJob, type JobHandlers } from '~/services/jobs.server'
import { recordAudit } from '~/services/audit.server'
import { openDatabase } from '../../db/client'
import { testDatabase, testDb, usingPostgres } from '../support/db'

const past = () => new Date(Date.now() - 60_000)

describe('jobs on PostgreSQL', () => {
  it('runs a due job once, with its effects in the same transaction', async () => {
    const db = await testDb()
    const handlers: JobHandlers = {
      'test.audit': (trx, payload) => recordAudit(trx, { actor: null, clientAddress: null }, { action: 'test.fired', entityType: 'job', payload }),
    }
    await scheduleJob(db, { kind: 'test.audit', payload: { n: 1 }, dedupeKey: 'timer:1', runAt: past() })
    await scheduleJob(db, { kind: 'test.audit', payload: { n: 2 }, dedupeKey: 'timer:1', runAt: past() })
    expect(await runDueJobs(db, handlers)).toEqual({ ran: 1, failed: 0 })
    expect(await runDueJobs(db, handlers)).toEqual({ ran: 0, failed: 0 })
    const fired = await db.selectFrom('audit_log').select('payload').where('action', '=', 'test.fired').execute()
    expect(fired.map((f) => f.payload)).toEqual([{ n: 1 }])
  })

  it('leaves a job that is not yet due, and runs it after catching up', async () => {
    const db = await testDb()
    let count = 0
    const handlers: JobHandlers = { tick: async () => void count++ }
    await scheduleJob(db, { kind: 'tick', runAt: new Date(Date.now() + 3_600_000), dedupeKey: 'later' })
    expect((await runDueJobs(db, handlers)).ran).toBe(0)
    // As if the process had been down past the due time.
    await db.updateTable('jobs').set({ run_at: sql`now() - interval '1 day'` }).execute()
    expect((await runDueJobs(db, handlers)).ran).toBe(1)
    expect(count).toBe(1)
  })

  it('rolls back a failed job’s work, retries it later, and gives up after the last attempt', async () => {
    const db = await testDb()
    const handlers: JobHandlers = {
      flaky: async (trx) => {
        await recordAudit(trx, { actor: null, clientAddress: null }, { action: 'half.done', entityType: 'job' })
        throw new Error('provider unavailable')
      },
    }
    await scheduleJob(db, { kind: 'flaky', runAt: past() })
    const errors = console.error
    console.error = () => {}
    try {
      expect(await runDueJobs(db, handlers)).toEqual({ ran: 0, failed: 1 })
      let job = await db.selectFrom('jobs').selectAll().executeTakeFirstOrThrow()
      expect(job).toMatchObject({ status: 'pending', attempts: 1, last_error: 'provider unavailable' })
      expect(await db.selectFrom('audit_log').select('id').execute()).toHaveLength(0)
      for (let i = 1; i < MAX_ATTEMPTS; i++) {
        await db.updateTable('jobs').set({ run_at: sql`now() - interval '1 second'` }).execute()
        await runDueJobs(db, handlers)
      }
      job = await db.selectFrom('jobs').selectAll().executeTakeFirstOrThrow()
      expect(job).toMatchObject({ status: 'failed', attempts: MAX_ATTEMPTS })
    } finally {
      console.error = errors
    }
  })

  it('a cancelled timer does not fire; a rescheduled one fires at its new time', async () => {
    const db = await testDb()
    const seen: string[] = []
    const handlers: JobHandlers = { t: async (_trx, p) => void seen.push(String(p.name)) }
    await scheduleJob(db, { kind: 't', payload: { name: 'a' }, dedupeKey: 'a', runAt: past() })
    await cancelJob(db, 'a')
    await scheduleJob(db, { kind: 't', payload: { name: 'b' }, dedupeKey: 'b', runAt: new Date(Date.now() + 3_600_000) })
    await rescheduleJob(db, 'b', past(), { kind: 't' })
    await runDueJobs(db, handlers)
    expect(seen).toEqual(['b'])
  })

  it.runIf(usingPostgres())('two app instances racing for the same timers run each exactly once', async () => {
    const db = await testDb()
    for (let i = 0; i < 30; i++) await scheduleJob(db, { kind: 'count', payload: { i }, dedupeKey: `race:${i}`, runAt: past() })
    const second = openDatabase({ databaseUrl: (await testDatabase()).url!, poolSize: 4 })
    try {
      const handlers: JobHandlers = {
        count: async (trx, payload) => {
          await sql`select pg_sleep(0.005)`.execute(trx)
          await recordAudit(trx, { actor: null, clientAddress: null }, { action: 'counted', entityType: 'job', entityId: String(payload.i) })
        },
      }
      const results = await Promise.all([runDueJobs(db, handlers), runDueJobs(second.db, handlers), runDueJobs(db, handlers), runDueJobs(second.db, handlers)])
      expect(results.reduce((n, r) => n + r.ran, 0)).toBe(30)
      const counted = await db.selectFrom('audit_log').select('entity_id').where('action', '=', 'counted').execute()
      expect(new Set(counted.map((c) => c.entity_id)).size).toBe(30)
      expect(counted).toHaveLength(30)
    } finally {
      await second.close()
    }
  })
})
