// Every migration, in order. A static list (not a folder scan) so that the same migrations run from the Vite server
// bundle and from the scripts; test/unit/migrations.test.ts checks that no file in this folder is missing here.
import type { Migration } from 'kysely'
import * as foundation from './20261122000100_foundation'
import * as jobs from './20261122000200_jobs'
import * as catalogue from './20261122001000_catalogue'
import * as market from './20261122002000_market'
import * as search from './20261122003000_search'

export const migrations: Record<string, Migration> = {
  '20261122000100_foundation': foundation,
  '20261122000200_jobs': jobs,
  '20261122001000_catalogue': catalogue,
  '20261122002000_market': market,
  '20261122003000_search': search,
}
