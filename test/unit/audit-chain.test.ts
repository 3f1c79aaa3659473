import { createHash } from 'node:crypto'
import { describe, expect, it } from 'vitest'
import { auditHashInput, findChainBreak, GENESIS_HASH, type AuditEntry } from '~/domain/audit-chain'
import { canonicalJson } from '~/domain/canonical-json'

const sha = (s: string) => createHash('sha256').update(s).digest('hex')

function chain(n: number) {
  const rows = []
  let prev = GENESIS_HASH
  for (let i = 1; i <= n; i++) {
    const entry: AuditEntry = {
      at: new Date(Date.UTC(2026, 10, 22, 1, 0, i)),
      actorUserId: i,
      actorLabel: `用户${i}`,
      action: 'user.created',
      entityType: 'user',
      entityId: String(i),
      payload: { b: i, a: [1, 2] },
      clientAddress: '127.0.0.1',
    }
    const hash = sha(auditHashInput(prev, entry))
    rows.push({ ...entry, id: i, prevHash: prev, hash })
    prev = hash
  }
  return rows
}

describe('audit hash chain', () => {
  it('accepts an untouched chain', () => {
    expect(findChainBreak(chain(5), sha)).toBeNull()
  })

  it('names the altered row when its content changes', () => {
    const rows = chain(5)
    rows[2] = { ...rows[2]!, payload: { b: 999, a: [1, 2] } }
    expect(findChainBreak(rows, sha)).toEqual({ id: 3, reason: 'hash' })
  })

  it('names the row after a deleted one', () => {
    const rows = chain(5)
    rows.splice(1, 1)
    expect(findChainBreak(rows, sha)).toEqual({ id: 3, reason: 'prev_hash' })
  })

  it('notices a rewritten hash through the next row', () => {
    const rows = chain(4)
    rows[1] = { ...rows[1]!, actorLabel: 'someone else' }
    rows[1]!.hash = sha(auditHashInput(rows[1]!.prevHash, rows[1]!))
    expect(findChainBreak(rows, sha)).toEqual({ id: 3, reason: 'prev_hash' })
  })

  it('hashes payloads independently of key order', () => {
    const [row] = chain(1)
    const a = auditHashInput(GENESIS_HASH, { ...row!, payload: { x: 1, y: { b: 2, a: 1 } } })
    const b = auditHashInput(GENESIS_HASH, { ...row!, payload: { y: { a: 1, b: 2 }, x: 1 } })
    expect(a).toBe(b)
  })
})

describe('canonicalJson', () => {
  it.each([
    [{ b: 1, a: 'x' }, '{"a":"x","b":1}'],
    [[3, { d: null, c: true }], '[3,{"c":true,"d":null}]'],
    ['中文', '"中文"'],
    [{ skip: undefined, keep: 0 }, '{"keep":0}'],
  ])('%j → %s', (value, expected) => {
    expect(canonicalJson(value)).toBe(expected)
  })

  it('refuses numbers JSON cannot carry', () => {
    expect(() => canonicalJson({ n: Number.NaN })).toThrow()
  })
})
