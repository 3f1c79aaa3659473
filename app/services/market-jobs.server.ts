import type { JobHandlers } from './jobs.server'
import { closeRegistration, endPublicity, expireOffer, JOB_CLOSE, JOB_OFFER, JOB_PUBLICITY } from './projects.server'

// The supermarket's timers: registration deadlines (and the sealed-quote opening), confirmation periods, publicity ends.
// Each runs inside the transaction that marks its job done, and re-checks the project's state under its row lock, so a
// timer that fires twice or late does nothing twice.
export const marketJobHandlers: JobHandlers = {
  [JOB_CLOSE]: (trx, payload) => closeRegistration(trx, Number(payload.projectId)),
  [JOB_OFFER]: (trx, payload) => expireOffer(trx, Number(payload.projectId), Number(payload.rank)),
  [JOB_PUBLICITY]: (trx, payload) => endPublicity(trx, Number(payload.projectId)),
}
