// npm start: builds the site if there is no build, opens (and on the embedded database, migrates and seeds) the
// database, and serves the production build with Express on PORT.
import { spawnSync } from 'node:child_process'
import { randomBytes } from 'node:crypto'
import { existsSync } from 'node:fs'
import { resolve } from 'node:path'
import { pathToFileURL } from 'node:url'

process.env.NODE_ENV ??= 'production'

const { createRequestHandler } = await import('@remix-run/express')
const { default: express } = await import('express')
const { default: helmet } = await import('helmet')
const { scriptEnv } = await import('./lib')
const { databaseHandle, closeDb } = await import('../app/lib/db.server')
const { sql } = await import('kysely')
const { startJobWorker, scheduleJob } = await import('../app/services/jobs.server')
const { jobHandlers } = await import('../app/services/job-handlers.server')
const { searchRuntime, stopSearchRuntime } = await import('../app/lib/search.server')

const env = scriptEnv()
const buildDir = process.env.BUILD_DIR || 'build'
const serverBuild = resolve(buildDir, 'server/index.js')
if (!existsSync(serverBuild) || process.argv.includes('--build')) {
  console.log('No build found: building the site (npm run build)…')
  const built = spawnSync('npx', ['remix', 'vite:build'], { stdio: 'inherit', env: { ...process.env, NODE_ENV: 'production' } })
  if (built.status !== 0) process.exit(built.status ?? 1)
}

const handle = await databaseHandle()
console.log(`Database: ${handle.kind === 'pglite' ? `embedded PGlite in ${env.DATA_DIR}/pglite` : 'PostgreSQL'}`)

// Timers fire from here; with several instances each polls and every job still runs once.
await scheduleJob(handle.db, { kind: 'maintenance.prune_login_attempts', dedupeKey: `maintenance.prune:${new Date().toISOString().slice(0, 10)}` })
const stopJobs = startJobWorker(handle.db, jobHandlers)
// The search index: built from the database (embedded) or checked (Meilisearch), then kept current from the outbox.
console.log(`Search: ${(await searchRuntime()).engine.name}`)

const app = express()
app.disable('x-powered-by')
app.set('trust proxy', env.TRUST_PROXY)

app.use((_req, res, next) => {
  res.locals.cspNonce = randomBytes(16).toString('base64')
  next()
})
app.use(
  helmet({
    // Remix's inline scripts carry this response's nonce; nothing else may run.
    contentSecurityPolicy: {
      directives: {
        'script-src': ["'self'", (_req, res) => `'nonce-${(res as unknown as { locals: { cspNonce: string } }).locals.cspNonce}'`],
        'connect-src': ["'self'"],
        'img-src': ["'self'", 'data:'],
        'upgrade-insecure-requests': env.cookieSecure ? [] : null,
      },
    },
    strictTransportSecurity: env.cookieSecure,
    // helmet's default (no-referrer) makes browsers send "Origin: null" on form posts, which Remix's CSRF origin check
    // then refuses: plain HTML forms without JavaScript would all fail.
    referrerPolicy: { policy: 'same-origin' },
    crossOriginEmbedderPolicy: false,
  }),
)

app.get('/healthz', async (_req, res) => {
  try {
    await sql`select 1`.execute(handle.db)
    res.json({ ok: true, database: handle.kind })
  } catch (err) {
    res.status(503).json({ ok: false, error: err instanceof Error ? err.message : String(err) })
  }
})

app.use('/assets', express.static(`${buildDir}/client/assets`, { immutable: true, maxAge: '1y' }))
app.use(express.static(`${buildDir}/client`, { maxAge: '1h' }))

const build = await import(pathToFileURL(serverBuild).href)
app.all(
  '*',
  createRequestHandler({
    build,
    mode: 'production',
    getLoadContext: (req, res) => ({ clientAddress: req.ip ?? null, cspNonce: res.locals.cspNonce as string }),
  }),
)

const server = app.listen(env.PORT, env.HOST, () => {
  console.log(`Caigou is running: http://localhost:${env.PORT}`)
})

let closing = false
async function shutdown(signal: string) {
  if (closing) return
  closing = true
  console.log(`${signal}: finishing open requests, then closing the database…`)
  server.close(async () => {
    await stopJobs()
    await stopSearchRuntime()
    await closeDb()
    process.exit(0)
  })
  setTimeout(() => process.exit(1), 10_000).unref()
}
process.on('SIGTERM', () => void shutdown('SIGTERM'))
process.on('SIGINT', () => void shutdown('SIGINT'))
