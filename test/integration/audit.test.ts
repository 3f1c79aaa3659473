import { sql } from 'kysely'
import { describe, expect, it } from 'vitest'
import { recordAudit, verifyAuditChain, listAudit } from '~/services/audit.server'
import { makeUser, testDb } from '../support/db'

async function writeEvents(n: number) {
  const db = await testDb()
  const actor = await makeUser(db, 'center_admin')
  for (let i = 0; i < n; i++) {
    await db.transaction().execute((trx) =>
      recordAudit(trx, { actor, clientAddress: '127.0.0.1' }, { action: 'test.event', entityType: 'thing', entityId: i, payload: { i, 名称: `第${i}项` } }),
    )
  }
  return db
}

/** What an operator with superuser rights could do by hand: switch the guard off, edit, switch it on again. */
async function tamper(statement: string) {
  const db = await testDb()
  await db.connection().execute(async (c) => {
    await sql`alter table audit_log disable trigger audit_log_no_update_delete`.execute(c)
    await sql.raw(statement).execute(c)
    await sql`alter table audit_log enable trigger audit_log_no_update_delete`.execute(c)
  })
}

describe('audit trail', () => {
  it('links every row to the one before and verifies end to end', async () => {
    const db = await writeEvents(12)
    const rows = await db.selectFrom('audit_log').selectAll().orderBy('id').execute()
    for (let i = 1; i < rows.length; i++) expect(rows[i]!.prev_hash).toBe(rows[i - 1]!.hash)
    expect(await verifyAuditChain(db, 5)).toEqual({ ok: true, checked: 12, firstBreak: null })
  })

  it('stamps events with the database clock', async () => {
    const db = await writeEvents(1)
    const row = await db
      .selectFrom('audit_log')
      .select(sql<boolean>`abs(extract(epoch from (now() - at))) < 60`.as('recent'))
      .executeTakeFirstOrThrow()
    expect(row.recent).toBe(true)
  })

  it.each([
    ['update', `update audit_log set action = 'x' where id = 1`],
    ['delete', `delete from audit_log where id = 1`],
    ['truncate', `truncate audit_log`],
  ])('refuses %s of audit rows', async (_name, statement) => {
    const db = await writeEvents(2)
    await expect(sql.raw(statement).execute(db)).rejects.toThrow(/append-only/)
    expect(await db.selectFrom('audit_log').select('id').execute()).toHaveLength(2)
  })

  it('names the first row whose content was altered by hand', async () => {
    const db = await writeEvents(6)
    await tamper(`update audit_log set payload = '{"i": 99}' where id = 4`)
    expect(await verifyAuditChain(db, 2)).toMatchObject({ ok: false, checked: 3, firstBreak: { id: 4, reason: 'hash' } })
  })

  it('names the row after one that was deleted', async () => {
    const db = await writeEvents(5)
    await tamper(`delete from audit_log where id = 2`)
    expect(await verifyAuditChain(db)).toMatchObject({ ok: false, firstBreak: { id: 3, reason: 'prev_hash' } })
  })

  it('keeps one unbroken chain when many transactions append at once', async () => {
    const db = await testDb()
    const actor = await makeUser(db, 'center_admin')
    await Promise.all(
      Array.from({ length: 16 }, (_, i) =>
        db.transaction().execute((trx) => recordAudit(trx, { actor, clientAddress: null }, { action: 'race', entityType: 'thing', entityId: i })),
      ),
    )
    expect(await verifyAuditChain(db)).toMatchObject({ ok: true, checked: 16 })
  })

  it('an event written in a transaction that fails is not kept', async () => {
    const db = await testDb()
    await expect(
      db.transaction().execute(async (trx) => {
        await recordAudit(trx, { actor: null, clientAddress: null }, { action: 'doomed', entityType: 'thing' })
        throw new Error('the use case failed')
      }),
    ).rejects.toThrow('the use case failed')
    expect(await db.selectFrom('audit_log').select('id').execute()).toHaveLength(0)
  })

  it('filters the trail by action, entity and actor', async () => {
    const db = await writeEvents(3)
    await db.transaction().execute((trx) => recordAudit(trx, { actor: null, clientAddress: null }, { action: 'other.thing', entityType: 'user', entityId: 9 }))
    const byAction = await listAudit(db, { action: 'test.', page: 1, pageSize: 10 })
    expect(byAction.total).toBe(3)
    const byEntity = await listAudit(db, { entityType: 'user', entityId: '9', page: 1, pageSize: 10 })
    expect(byEntity.rows.map((r) => r.action)).toEqual(['other.thing'])
    const bySystem = await listAudit(db, { actor: 'system', page: 1, pageSize: 10 })
    expect(bySystem.total).toBe(1)
    const wildcard = await listAudit(db, { action: '%', page: 1, pageSize: 10 })
    expect(wildcard.total).toBe(0)
  })
})
