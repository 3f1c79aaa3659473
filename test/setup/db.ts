import { beforeEach } from 'vitest'
import { resetDb, testDb } from '../support/db'

// Every integration test starts from empty, migrated tables.
beforeEach(async () => {
  await resetDb(await testDb())
})
