import { sql, type Transaction } from 'kysely'
import type { DB } from '../../db/client'
import type { Database } from '../../db/schema'

// A job queue on PostgreSQL for deadlines, openings, confirmation periods and publicity ends. A job runs inside the
// same transaction that marks it done, so its effects and its completion commit together: exactly once, even with
// several app instances polling. A failing job is retried with backoff and never silently dropped.

export type JobHandler = (trx: Transaction<Database>, payload: Record<string, unknown>, job: { id: number; kind: string; attempts: number }) => Promise<void>
export type JobHandlers = Record<string, JobHandler>

export const MAX_ATTEMPTS = 8

/** Schedules a job in the caller's transaction. With a dedupe key, a second schedule of the same timer is a no-op. */
export async function scheduleJob(
  trx: Transaction<Database> | DB,
  job: { kind: string; runAt?: Date; payload?: Record<string, unknown>; dedupeKey?: string },
): Promise<void> {
  await trx
    .insertInto('jobs')
    .values({
      kind: job.kind,
      run_at: job.runAt ?? sql<Date>`now()`,
      payload: JSON.stringify(job.payload ?? {}),
      dedupe_key: job.dedupeKey ?? null,
    })
    .onConflict((oc) => oc.column('dedupe_key').doNothing())
    .execute()
}

/** Moves a pending timer (a deadline extended, say); schedules it if it was not there. */
export async function rescheduleJob(trx: Transaction<Database> | DB, dedupeKey: string, runAt: Date, job: { kind: string; payload?: Record<string, unknown> }) {
  const updated = await trx.updateTable('jobs').set({ run_at: runAt }).where('dedupe_key', '=', dedupeKey).where('status', '=', 'pending').executeTakeFirst()
  if (updated.numUpdatedRows === 0n) await scheduleJob(trx, { ...job, runAt, dedupeKey })
}

export async function cancelJob(trx: Transaction<Database> | DB, dedupeKey: string): Promise<void> {
  await trx.updateTable('jobs').set({ status: 'cancelled', finished_at: sql`now()` }).where('dedupe_key', '=', dedupeKey).where('status', '=', 'pending').execute()
}

/** Backoff after a failure: 10 s, 20 s, 40 s … capped at one hour. */
export function retryDelaySeconds(attempts: number): number {
  return Math.min(3600, 10 * 2 ** Math.max(0, attempts - 1))
}

/** Claims and runs due jobs one at a time until none is due or `limit` ran. Returns what happened. */
export async function runDueJobs(db: DB, handlers: JobHandlers, opts: { limit?: number } = {}): Promise<{ ran: number; failed: number }> {
  const limit = opts.limit ?? 100
  let ran = 0
  let failed = 0
  while (ran + failed < limit) {
    let claimed: { id: number; kind: string; attempts: number } | null = null
    try {
      const outcome = await db.transaction().execute(async (trx) => {
        const job = await trx
          .selectFrom('jobs')
          .select(['id', 'kind', 'payload', 'attempts'])
          .where('status', '=', 'pending')
          .where('run_at', '<=', sql<Date>`now()`)
          .orderBy('run_at')
          .orderBy('id')
          .limit(1)
          .forUpdate()
          .skipLocked()
          .executeTakeFirst()
        if (!job) return 'idle' as const
        claimed = job
        const handler = handlers[job.kind]
        if (!handler) throw new Error(`no handler for job kind "${job.kind}"`)
        await handler(trx, (job.payload ?? {}) as Record<string, unknown>, job)
        await trx.updateTable('jobs').set({ status: 'done', attempts: job.attempts + 1, finished_at: sql`now()` }).where('id', '=', job.id).execute()
        return 'ran' as const
      })
      if (outcome === 'idle') break
      ran++
    } catch (err) {
      const job = claimed as { id: number; kind: string; attempts: number } | null
      if (!job) throw err
      failed++
      const attempts = job.attempts + 1
      const message = err instanceof Error ? err.message : String(err)
      // The job's own work was rolled back with its transaction; record the failure and try again later.
      await db
        .updateTable('jobs')
        .set({
          attempts,
          last_error: message.slice(0, 2000),
          status: attempts >= MAX_ATTEMPTS ? 'failed' : 'pending',
          run_at: sql<Date>`now() + make_interval(secs => ${retryDelaySeconds(attempts)})`,
          finished_at: attempts >= MAX_ATTEMPTS ? sql<Date>`now()` : null,
        })
        .where('id', '=', job.id)
        .execute()
      console.error(`Job ${job.id} (${job.kind}) failed, attempt ${attempts}: ${message}`)
    }
  }
  return { ran, failed }
}

/** Polls for due jobs in the background; returns a function that stops it and waits for the current round. */
export function startJobWorker(db: DB, handlers: JobHandlers, intervalMs = 1000): () => Promise<void> {
  let stopped = false
  let current: Promise<unknown> = Promise.resolve()
  const tick = () => {
    if (stopped) return
    current = runDueJobs(db, handlers)
      .catch((err) => console.error('Job worker:', err))
      .finally(() => {
        if (!stopped) timer = setTimeout(tick, intervalMs)
      })
  }
  let timer = setTimeout(tick, 0)
  return async () => {
    stopped = true
    clearTimeout(timer)
    await current
  }
}
