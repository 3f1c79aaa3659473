import { vitePlugin as remix } from '@remix-run/dev'
import { defineConfig } from 'vite'
import remixConfig from './remix.config.js'

declare module '@remix-run/node' {
  interface Future {
    v3_singleFetch: true
  }
}

export default defineConfig({
  resolve: { alias: { '~': new URL('./app', import.meta.url).pathname } },
  // Native and wasm-backed packages stay outside the server bundle.
  ssr: { external: ['@electric-sql/pglite', 'pg', 'kysely-pglite-dialect'] },
  plugins: [remix(remixConfig)],
})
