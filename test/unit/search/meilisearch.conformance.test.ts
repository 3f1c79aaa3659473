// The conformance suite against a real Meilisearch, when MEILI_HOST (and MEILI_API_KEY) are set, e.g.
//   MEILI_HOST=http://127.0.0.1:7700 MEILI_API_KEY=… npx vitest run --project unit test/unit/search
// Each test works in its own throw-away index (prefix test_<pid>_<n>_) and deletes it afterwards.

import { describe, it, vi } from 'vitest'

import { MeilisearchEngine } from '../../../search/meilisearch'
import { runConformance } from './conformance'

const host = process.env.MEILI_HOST
let n = 0

if (host) {
  vi.setConfig({ testTimeout: 120_000, hookTimeout: 120_000 })
  runConformance('meilisearch', async (clock) =>
    new MeilisearchEngine({
      host,
      ...(process.env.MEILI_API_KEY && { apiKey: process.env.MEILI_API_KEY }),
      indexPrefix: `test_${process.pid}_${n++}_`,
      now: clock,
    }),
  )
} else {
  describe.skip('search conformance: meilisearch (set MEILI_HOST to run)', () => {
    it('needs a Meilisearch server', () => {})
  })
}
