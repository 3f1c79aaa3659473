import { sql } from 'kysely'
import type { JobHandlers } from './jobs.server'
import { expireConfirmation } from './catalogue-orders.server'
import { endSuspensions } from './memberships.server'

// Background work of the catalogue, spread into app/services/job-handlers.server.ts.
export const catalogueJobHandlers: JobHandlers = {
  // A supplier that did not confirm in time is passed over, as if it had declined.
  'catalogue.order_deadline': async (trx, payload) => expireConfirmation(trx, payload),
  // Writes back suspensions that have ended (eligibility already ignores them) and schedules the next sweep.
  'catalogue.end_suspensions': async (trx) => {
    await endSuspensions(trx)
    const next = (await sql<{ at: Date; day: string }>`select date_trunc('hour', now()) + interval '1 hour' as at, to_char(now(), 'YYYYMMDDHH24') as day`.execute(trx)).rows[0]!
    await trx
      .insertInto('jobs')
      .values({ kind: 'catalogue.end_suspensions', run_at: next.at, payload: '{}', dedupe_key: `catalogue.end_suspensions:${next.day}` })
      .onConflict((oc) => oc.column('dedupe_key').doNothing())
      .execute()
  },
}
