import { defineConfig } from 'vitest/config'

const alias = { '~': new URL('./app', import.meta.url).pathname }
const pgUrl = process.env.TEST_DATABASE_URL
// Names this run's PostgreSQL test databases (see test/support/db.ts).
process.env.TEST_RUN_ID ??= String(process.pid)
const runId = process.env.TEST_RUN_ID

// Projects: pure rules, services on a real database (PGlite always, PostgreSQL when TEST_DATABASE_URL is set),
// and browser tests against the built site. The Remix Vite plugin is not loaded here on purpose.
export default defineConfig({
  resolve: { alias },
  test: {
    projects: [
      { resolve: { alias }, test: { name: 'unit', include: ['test/unit/**/*.test.ts'], environment: 'node' } },
      {
        resolve: { alias },
        test: {
          name: 'db-pglite',
          include: ['test/integration/**/*.test.ts'],
          env: { TEST_DB: 'pglite' },
          setupFiles: ['test/setup/db.ts'],
          isolate: false,
          testTimeout: 30_000,
          hookTimeout: 60_000,
        },
      },
      ...(pgUrl
        ? [
            {
              resolve: { alias },
              test: {
                name: 'db-postgres',
                include: ['test/integration/**/*.test.ts'],
                env: { TEST_DB: 'postgres', TEST_RUN_ID: runId },
                setupFiles: ['test/setup/db.ts'],
                globalSetup: ['test/setup/postgres-global.ts'],
                isolate: false,
                testTimeout: 30_000,
                hookTimeout: 60_000,
              },
            },
          ]
        : []),
      {
        resolve: { alias },
        test: {
          name: 'e2e',
          include: ['test/e2e/**/*.test.ts'],
          globalSetup: ['test/e2e/global-setup.ts'],
          pool: 'forks',
          poolOptions: { forks: { singleFork: true } },
          testTimeout: 60_000,
          hookTimeout: 240_000,
        },
      },
    ],
  },
})
