import pg from 'pg'

// Drops the databases this run created on the PostgreSQL server (caigou_test_<run>_<worker>).
export async function teardown() {
  const url = process.env.TEST_DATABASE_URL
  const runId = process.env.TEST_RUN_ID
  if (!url || !runId) return
  const client = new pg.Client({ connectionString: url })
  await client.connect()
  try {
    const { rows } = await client.query<{ datname: string }>('select datname from pg_database where datname like $1', [`caigou_test_${runId}_%`])
    for (const { datname } of rows) await client.query(`drop database if exists "${datname}" with (force)`)
  } finally {
    await client.end()
  }
}
