import { sql } from 'kysely'
import type { JobHandlers } from './jobs.server'
import { marketJobHandlers } from './market-jobs.server'
import { catalogueJobHandlers } from './catalogue-jobs.server'
import { searchJobHandlers } from './search-jobs.server'

// Every kind of background job and the use case that handles it. Each feature adds its kinds here.
export const jobHandlers: JobHandlers = {
  ...marketJobHandlers,
  ...catalogueJobHandlers,
  // Keeps the throttle table small: attempts older than a day no longer count for anything.
  'maintenance.prune_login_attempts': async (trx) => {
    await trx.deleteFrom('login_attempts').where('at', '<', sql<Date>`now() - interval '1 day'`).execute()
  },
  ...searchJobHandlers,
}
