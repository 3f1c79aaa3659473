import type { JobHandlers } from './jobs.server'
import { expireConfirmation } from './catalogue-orders.server'
import { endSuspensions } from './memberships.server'

// Background work of the catalogue, spread into app/services/job-handlers.server.ts.
export const catalogueJobHandlers: JobHandlers = {
  // A supplier that did not confirm in time is passed over, as if it had declined.
  'catalogue.order_deadline': async (trx, payload) => expireConfirmation(trx, payload),
  // Scheduled at the end of each suspension: writes back the suspensions that have ended, with an audit event.
  // Eligibility never waits for it (it compares suspended_until with now()); the record just catches up.
  'catalogue.end_suspensions': async (trx) => {
    await endSuspensions(trx)
  },
}
