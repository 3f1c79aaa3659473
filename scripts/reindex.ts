// npm run reindex: rebuilds the search index from the database, with a progress bar, and switches over atomically.
//
// - Meilisearch (MEILI_HOST set): builds `<index>__next`, swaps it in (swap-indexes) and deletes the old one, under
//   an advisory lock so that two rebuilds never run at once. Changes made while it ran are queued again afterwards,
//   so none is lost to the swap.
// - Embedded engine: the index lives inside each running server, which this process cannot reach. The command
//   builds the index here (to check the documents and report the counts) and queues a rebuild in the outbox:
//   every running instance then rebuilds its own index and swaps it in. Every instance also rebuilds at start-up.
//   On the embedded database (no DATABASE_URL) stop the server first: PGlite admits one process at a time.
import { migrateToLatest, openDatabase } from '../db/client'
import { rebuildWithLock } from '../app/lib/search.server'
import { countSupplierOrganizations } from '../app/services/search-documents.server'
import { REBUILD_ENTITY } from '../app/services/search-sync.server'
import { createSearchEngine } from '../search/index'
import { runMain, scriptEnv } from './lib'

/** A progress bar on a terminal; a line every 10% otherwise (CI logs). */
function progressBar(total: number, label: string) {
  const tty = process.stdout.isTTY === true
  const width = 30
  let done = 0
  let documents = 0
  let lastDecile = -1
  const started = Date.now()
  const render = (final = false) => {
    const ratio = total === 0 ? 1 : Math.min(1, done / total)
    const text = `${label} ${String(Math.round(ratio * 100)).padStart(3)}% ${done}/${total} organisations · ${documents} documents`
    if (tty) {
      const filled = Math.round(ratio * width)
      process.stdout.write(`\r[${'█'.repeat(filled)}${'░'.repeat(width - filled)}] ${text}${final ? '\n' : ''}`)
    } else {
      const decile = Math.floor(ratio * 10)
      if (decile !== lastDecile) {
        lastDecile = decile
        console.log(text)
      }
    }
  }
  return {
    tick(organizations: number, docs: number) {
      done += organizations
      documents += docs
      render()
    },
    finish() {
      render(true)
      return (Date.now() - started) / 1000
    },
  }
}

await runMain(async () => {
  const env = scriptEnv()
  const handle = openDatabase({ databaseUrl: env.DATABASE_URL, dataDir: `${env.DATA_DIR}/pglite`, poolSize: 2 })
  try {
    await migrateToLatest(handle.db)
    const engine = createSearchEngine({ MEILI_HOST: env.MEILI_HOST, MEILI_API_KEY: env.MEILI_API_KEY })
    console.log(`Search engine: ${engine.name === 'meilisearch' ? `Meilisearch at ${env.MEILI_HOST}` : 'embedded (in-process)'}`)
    await engine.applySettings()
    const total = await countSupplierOrganizations(handle.db)
    const bar = progressBar(total, 'Indexing')
    const result = await rebuildWithLock(handle.db, engine, { onBatch: (organizations, documents) => bar.tick(organizations, documents) })
    if (!result) {
      console.error('Another rebuild is running (advisory lock held); try again when it has finished.')
      return 1
    }
    const seconds = bar.finish()
    if (engine.name === 'meilisearch') {
      console.log(`Indexed ${result.indexed} documents from ${total} organisations in ${seconds.toFixed(1)} s; the new index is live.`)
      console.log(`Re-queued ${result.requeued} change(s) made during the rebuild.`)
    } else {
      console.log(`Built an embedded index of ${result.indexed} documents from ${total} organisations in ${seconds.toFixed(1)} s.`)
      await handle.db.insertInto('search_outbox').values({ entity_type: REBUILD_ENTITY, entity_id: '*' }).execute()
      console.log('Running instances rebuild their own embedded index from the outbox within a second; new ones build it at start-up.')
    }
  } finally {
    await handle.close()
  }
})
