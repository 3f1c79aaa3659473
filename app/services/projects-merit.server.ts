import type { Transaction } from 'kysely'
import type { Database } from '../../db/schema'
import { startOfferFromOrder } from './projects.server'

// Merit by proposal: once every score is locked (without 评定分离) the ranking goes straight to the offers.
export async function startOfferAfterScoring(trx: Transaction<Database>, projectId: number, order: number[]) {
  await startOfferFromOrder(trx, projectId, order, 'scoresLocked')
}
