import { sql } from 'kysely'
import { describe, expect, it } from 'vitest'
import { openDatabase } from '../../db/client'
import { FieldError } from '~/services/errors'
import { runDueJobs } from '~/services/jobs.server'
import { marketJobHandlers } from '~/services/market-jobs.server'
import { confirmOffer, registerForProject, runProjectDraw, submitSealedQuote } from '~/services/projects.server'
import { testDatabase, testDb, usingPostgres } from '../support/db'
import { ctx, passDeadline, project, publishedProject, world, yuan } from './market-support'

// Races that only a real PostgreSQL server with several connections can show.
describe.runIf(usingPostgres())('supermarket races on PostgreSQL', () => {
  it('two confirmations at once (two tabs, two instances) award once', async () => {
    const db = await testDb()
    const { buyer, centre, agencies } = await world(db, 3)
    const id = await publishedProject(db, buyer, 'random')
    for (const a of agencies) await registerForProject(db, ctx(a), id, { proposal: '' })
    await passDeadline(db, id)
    await runProjectDraw(db, ctx(centre), id, '1')
    const p = await project(db, id)
    const onOffer = agencies.find((a) => a.organizationId === p.result_order![0])!
    const second = openDatabase({ databaseUrl: (await testDatabase()).url!, poolSize: 4 })
    try {
      const outcomes = await Promise.allSettled([
        confirmOffer(db, ctx(onOffer), id, { explanation: '' }),
        confirmOffer(second.db, ctx(onOffer), id, { explanation: '' }),
        confirmOffer(db, ctx(onOffer), id, { explanation: '' }),
      ])
      expect(outcomes.filter((o) => o.status === 'fulfilled')).toHaveLength(1)
      for (const o of outcomes) if (o.status === 'rejected') expect(o.reason).toBeInstanceOf(FieldError)
      expect(await db.selectFrom('market_offers').select('outcome').where('outcome', '=', 'confirmed').execute()).toHaveLength(1)
      expect(await db.selectFrom('jobs').select('id').where('dedupe_key', '=', `market.publicity:${id}`).execute()).toHaveLength(1)
    } finally {
      await second.close()
    }
  })

  it('a quote racing the opening is either opened with the others or refused, never accepted after the opening', async () => {
    const db = await testDb()
    const { buyer, agencies } = await world(db, 3)
    for (let round = 0; round < 5; round++) {
      const id = await publishedProject(db, buyer, 'bidding')
      for (const a of agencies) await registerForProject(db, ctx(a), id, { proposal: '' })
      await submitSealedQuote(db, ctx(agencies[0]!), id, yuan(50_000))
      await submitSealedQuote(db, ctx(agencies[1]!), id, yuan(60_000))
      // The deadline is a few milliseconds away: the late quote and the opening race for the project row.
      await db.updateTable('market_projects').set({ registration_deadline: sql<Date>`clock_timestamp() + interval '15 milliseconds'` }).where('id', '=', id).execute()
      await db.updateTable('jobs').set({ run_at: sql<Date>`clock_timestamp() + interval '15 milliseconds'` }).where('dedupe_key', '=', `market.close:${id}`).execute()
      const second = openDatabase({ databaseUrl: (await testDatabase()).url!, poolSize: 2 })
      try {
        const wait = (ms: number) => new Promise((r) => setTimeout(r, ms))
        const opener = (async () => {
          for (let i = 0; i < 20; i++) {
            if ((await runDueJobs(second.db, marketJobHandlers)).ran > 0) return
            await wait(2)
          }
        })()
        const quote = (async () => {
          await wait(round * 4)
          return submitSealedQuote(db, ctx(agencies[2]!), id, yuan(40_000)).then(
            () => 'accepted',
            (e: unknown) => (e instanceof FieldError ? e.messageKey : 'error'),
          )
        })()
        const [, outcome] = await Promise.all([opener, quote])
        const p = await project(db, id)
        expect(p.status).toBe('offering')
        const rows = await db.selectFrom('market_quotes').select(['supplier_org_id', 'opened_at']).where('project_id', '=', id).execute()
        // Whatever happened, no quote exists that was not opened.
        expect(rows.every((r) => r.opened_at !== null)).toBe(true)
        if (outcome === 'accepted') expect(rows).toHaveLength(3)
        else {
          expect(outcome).toBe('mkt.err.deadlinePassed')
          expect(rows).toHaveLength(2)
        }
      } finally {
        await second.close()
      }
    }
  })

  it('two workers racing for one registration-close timer run it once', async () => {
    const db = await testDb()
    const { buyer, agencies } = await world(db, 3)
    const id = await publishedProject(db, buyer, 'random')
    for (const a of agencies) await registerForProject(db, ctx(a), id, { proposal: '' })
    await db.updateTable('market_projects').set({ registration_deadline: sql<Date>`now() - interval '1 second'` }).where('id', '=', id).execute()
    await db.updateTable('jobs').set({ run_at: sql<Date>`now() - interval '1 second'` }).execute()
    const second = openDatabase({ databaseUrl: (await testDatabase()).url!, poolSize: 4 })
    try {
      const results = await Promise.all([runDueJobs(db, marketJobHandlers), runDueJobs(second.db, marketJobHandlers)])
      expect(results.reduce((n, r) => n + r.ran, 0)).toBe(1)
      expect(await db.selectFrom('market_draws').select('id').where('project_id', '=', id).execute()).toHaveLength(1)
      expect(await db.selectFrom('audit_log').select('id').where('action', '=', 'market.pool.frozen').execute()).toHaveLength(1)
    } finally {
      await second.close()
    }
  })
})
