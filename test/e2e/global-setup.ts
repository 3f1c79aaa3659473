// Builds the site, starts it the way `npm start` does on a fresh embedded database, and hands its address to the tests.
import { spawn, spawnSync, type ChildProcess } from 'node:child_process'
import { existsSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs'
import { createServer } from 'node:net'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import type { TestProject } from 'vitest/node'

declare module 'vitest' {
  export interface ProvidedContext {
    baseURL: string
  }
}

export const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium'

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = createServer()
    srv.listen(0, '127.0.0.1', () => {
      const { port } = srv.address() as { port: number }
      srv.close(() => resolve(port))
    })
    srv.on('error', reject)
  })
}

let server: ChildProcess | undefined
let dataDir: string | undefined
let buildDir: string | undefined

export async function setup(project: TestProject) {
  if (!existsSync(CHROMIUM)) {
    throw new Error(`Browser tests need Chromium at ${CHROMIUM}: install Debian's package (apt-get install chromium) or set CHROMIUM_PATH.`)
  }
  dataDir = mkdtempSync(join(tmpdir(), 'caigou-e2e-'))
  // Inside the project, so that the server bundle resolves its dependencies from node_modules.
  mkdirSync('.cache', { recursive: true })
  buildDir = mkdtempSync(join(process.cwd(), '.cache', 'e2e-build-'))
  // Vitest sets NODE_ENV=test; the site under test is the production build, as `npm start` serves it.
  const built = spawnSync('npx', ['remix', 'vite:build'], { stdio: 'inherit', env: { ...process.env, NODE_ENV: 'production', BUILD_DIR: buildDir } })
  if (built.status !== 0) throw new Error('npm run build failed')
  const port = await freePort()
  server = spawn('npx', ['tsx', 'scripts/start.ts'], {
    env: { ...process.env, NODE_ENV: 'production', PORT: String(port), HOST: '127.0.0.1', DATA_DIR: dataDir, BUILD_DIR: buildDir, DATABASE_URL: '', MEILI_HOST: '' },
    stdio: ['ignore', 'pipe', 'pipe'],
    detached: true,
  })
  let log = ''
  server.stdout?.on('data', (d) => (log += d))
  server.stderr?.on('data', (d) => (log += d))
  const baseURL = `http://localhost:${port}`
  const deadline = Date.now() + 180_000
  for (;;) {
    if (server.exitCode !== null) throw new Error(`The site stopped while starting:\n${log}`)
    try {
      const res = await fetch(`${baseURL}/healthz`)
      if (res.ok) break
    } catch {
      // not listening yet
    }
    if (Date.now() > deadline) throw new Error(`The site did not start within 180 s:\n${log}`)
    await new Promise((r) => setTimeout(r, 500))
  }
  project.provide('baseURL', baseURL)
}

export async function teardown() {
  if (server?.pid) {
    try {
      process.kill(-server.pid, 'SIGTERM')
    } catch {
      // already gone
    }
  }
  if (dataDir) rmSync(dataDir, { recursive: true, force: true })
  if (buildDir) rmSync(buildDir, { recursive: true, force: true })
}
