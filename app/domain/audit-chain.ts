import { canonicalJson } from './canonical-json'

// Each audit row carries the hash of the row before it, so editing or deleting any row breaks every hash after it.
export const GENESIS_HASH = '0'.repeat(64)

export interface AuditEntry {
  at: Date
  actorUserId: number | null
  actorLabel: string
  action: string
  entityType: string
  entityId: string | null
  payload: unknown
  clientAddress: string | null
}

/** The bytes that are hashed for one row: the previous hash and the row's content, as canonical JSON. */
export function auditHashInput(prevHash: string, entry: AuditEntry): string {
  return canonicalJson({
    prev: prevHash,
    at: entry.at.toISOString(),
    actorUserId: entry.actorUserId,
    actorLabel: entry.actorLabel,
    action: entry.action,
    entityType: entry.entityType,
    entityId: entry.entityId,
    payload: entry.payload ?? {},
    clientAddress: entry.clientAddress,
  })
}

export type ChainBreak = { id: number; reason: 'prev_hash' | 'hash' }

/** Walks rows in id order with a hash function and names the first row whose link or content does not match. */
export function findChainBreak<R extends AuditEntry & { id: number; prevHash: string; hash: string }>(
  rows: Iterable<R>,
  sha256Hex: (input: string) => string,
  startPrevHash = GENESIS_HASH,
): ChainBreak | null {
  let prev = startPrevHash
  for (const row of rows) {
    if (row.prevHash !== prev) return { id: row.id, reason: 'prev_hash' }
    if (sha256Hex(auditHashInput(row.prevHash, row)) !== row.hash) return { id: row.id, reason: 'hash' }
    prev = row.hash
  }
  return null
}
