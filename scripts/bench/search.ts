// npm run bench:search — the embedded search engine against plain PostgreSQL ILIKE queries.
//
// Indexes BENCH_DOCS (default 100,000) generated Chinese documents, then runs a mix of queries with filters, facets
// and sorts, and prints indexing time, memory and latency percentiles. The same queries (a subset, see
// BENCH_BASELINE_QUERIES) run as ILIKE queries on PGlite, or on PostgreSQL when DATABASE_URL is set.
// Tests never assert timings; this script only prints them.
//
//   BENCH_DOCS=100000 BENCH_QUERIES=1000 BENCH_BASELINE_QUERIES=100 npm run bench:search

import v8 from 'node:v8'
import vm from 'node:vm'

import { EmbeddedSearchEngine } from '../../search/embedded'
import type { SearchDocument, SearchFilter, SearchQuery, SearchSort } from '../../search/engine'
import { priceBandOf, ratingBandOf } from '../../search/bands'
import { parseQuery } from '../../search/tokenize'
import { generateDocuments, generateQueries } from './search-data'

const DOCS = Number(process.env.BENCH_DOCS ?? 100_000)
const QUERIES = Number(process.env.BENCH_QUERIES ?? 1_000)
const BASELINE_QUERIES = Number(process.env.BENCH_BASELINE_QUERIES ?? 100)

v8.setFlagsFromString('--expose-gc')
const gc = vm.runInNewContext('gc') as () => void

function memory() {
  gc()
  gc()
  const m = process.memoryUsage()
  return { heap: m.heapUsed, external: m.external + m.arrayBuffers, rss: m.rss }
}

const mb = (bytes: number) => `${(bytes / 1024 / 1024).toFixed(0)} MB`
const ms = (x: number) => `${x.toFixed(x < 10 ? 2 : 1)} ms`

function percentiles(samples: number[]) {
  const s = [...samples].sort((a, b) => a - b)
  const at = (p: number) => s[Math.min(s.length - 1, Math.ceil((p / 100) * s.length) - 1)]!
  return { p50: at(50), p95: at(95), p99: at(99), max: s.at(-1)!, mean: s.reduce((a, b) => a + b, 0) / s.length }
}

function row(label: string, samples: number[]) {
  const p = percentiles(samples)
  console.log(
    `  ${label.padEnd(34)} n=${String(samples.length).padStart(5)}  p50 ${ms(p.p50).padStart(9)}  p95 ${ms(p.p95).padStart(9)}  p99 ${ms(p.p99).padStart(9)}  max ${ms(p.max).padStart(9)}`,
  )
}

// ---------------------------------------------------------------------------------------------------------------
// Baseline: the same queries as ILIKE on PostgreSQL (PGlite unless DATABASE_URL is set)

interface Sql {
  name: string
  query(text: string, params: unknown[]): Promise<{ rows: Record<string, unknown>[] }>
  exec(text: string): Promise<void>
  close(): Promise<void>
}

async function openSql(): Promise<Sql> {
  if (process.env.DATABASE_URL) {
    const pg = (await import('pg')).default
    const client = new pg.Client({ connectionString: process.env.DATABASE_URL })
    await client.connect()
    return {
      name: 'PostgreSQL (DATABASE_URL)',
      query: (t, p) => client.query(t, p),
      exec: async (t) => void (await client.query(t)),
      close: () => client.end(),
    }
  }
  const { PGlite } = await import('@electric-sql/pglite')
  const db = await PGlite.create()
  return {
    name: 'PGlite (in-process PostgreSQL 17)',
    query: (t, p) => db.query(t, p),
    exec: async (t) => void (await db.exec(t)),
    close: () => db.close(),
  }
}

const COLUMNS: Record<string, string> = {
  kind: 'kind',
  market: 'market',
  categoryCode: 'category_code',
  region: 'region',
  qualificationLevel: 'qualification_level',
  supplierId: 'supplier_id',
  priceBand: 'price_band',
  ratingBand: 'rating_band',
  priceFen: 'price_fen',
  rating: 'rating',
  credit: 'credit',
}

async function loadBaseline(sql: Sql, docs: SearchDocument[]) {
  // a temporary table, so that running against a real DATABASE_URL leaves nothing behind
  await sql.exec(`
    CREATE TEMP TABLE bench_search_docs (
      id text PRIMARY KEY, kind text, title text, description text, category_code text, category_name text,
      market text, qualifications text[], qualifications_text text, qualification_level text, region text,
      price_fen bigint, rating real, credit integer, status text, supplier_id text, supplier_name text,
      updated_at timestamptz, price_band text, rating_band text
    )`)
  const batch = 500
  for (let i = 0; i < docs.length; i += batch) {
    const chunk = docs.slice(i, i + batch)
    const cols = [
      chunk.map((d) => d.id), chunk.map((d) => d.kind), chunk.map((d) => d.title), chunk.map((d) => d.description),
      chunk.map((d) => d.categoryCode), chunk.map((d) => d.categoryName), chunk.map((d) => d.market),
      chunk.map((d) => JSON.stringify(d.qualifications)), chunk.map((d) => d.qualifications.join(' ')),
      chunk.map((d) => d.qualificationLevel), chunk.map((d) => d.region), chunk.map((d) => d.priceFen),
      chunk.map((d) => d.rating), chunk.map((d) => d.credit), chunk.map((d) => d.status), chunk.map((d) => d.supplierId),
      chunk.map((d) => d.supplierName), chunk.map((d) => d.updatedAt), chunk.map((d) => priceBandOf(d.priceFen)),
      chunk.map((d) => ratingBandOf(d.rating)),
    ]
    await sql.query(
      `INSERT INTO bench_search_docs
       SELECT id, kind, title, description, category_code, category_name, market,
              ARRAY(SELECT jsonb_array_elements_text(quals::jsonb)), qualifications_text, qualification_level, region,
              price_fen, rating, credit, status, supplier_id, supplier_name, updated_at, price_band, rating_band
       FROM unnest($1::text[], $2::text[], $3::text[], $4::text[], $5::text[], $6::text[], $7::text[], $8::text[],
                   $9::text[], $10::text[], $11::text[], $12::bigint[], $13::real[], $14::int[], $15::text[], $16::text[],
                   $17::text[], $18::timestamptz[], $19::text[], $20::text[])
         AS t(id, kind, title, description, category_code, category_name, market, quals, qualifications_text,
              qualification_level, region, price_fen, rating, credit, status, supplier_id, supplier_name, updated_at,
              price_band, rating_band)`,
      cols,
    )
  }
  await sql.exec('ANALYZE bench_search_docs')
}

const likeEscape = (s: string) => s.replace(/[\\%_]/g, (c) => `\\${c}`)
const TEXT_COLUMNS = ['title', 'category_name', 'qualifications_text', 'supplier_name', 'region', 'description']

function toSql(q: SearchQuery): { where: string; params: unknown[]; order: string } {
  const params: unknown[] = []
  const p = (v: unknown) => {
    params.push(v)
    return `$${params.length}`
  }
  const where = [`status = 'active'`]
  for (const g of parseQuery(q.q ?? '').groups) {
    const alts = g.alternatives.map((a) => {
      const pattern = p(`%${likeEscape(a.text)}%`)
      return TEXT_COLUMNS.map((c) => `${c} ILIKE ${pattern}`).join(' OR ')
    })
    where.push(`(${alts.join(' OR ')})`)
  }
  for (const f of (q.filters ?? []) as SearchFilter[]) {
    if (f.field === 'qualifications') {
      where.push(f.op === 'eq' ? `${p(f.value)} = ANY(qualifications)` : f.op === 'in' ? `qualifications && ${p(f.values)}::text[]` : 'true')
      continue
    }
    const col = COLUMNS[f.field]!
    if (f.op === 'eq') where.push(`${col} = ${p(f.value)}`)
    else if (f.op === 'in') where.push(`${col} = ANY(${p(f.values)}::text[])`)
    else {
      if (f.gte !== undefined) where.push(`${col} >= ${p(f.gte)}`)
      if (f.gt !== undefined) where.push(`${col} > ${p(f.gt)}`)
      if (f.lte !== undefined) where.push(`${col} <= ${p(f.lte)}`)
      if (f.lt !== undefined) where.push(`${col} < ${p(f.lt)}`)
    }
  }
  const orders: Record<SearchSort, string> = {
    relevance: 'id',
    price_asc: 'price_fen ASC NULLS LAST, id',
    price_desc: 'price_fen DESC NULLS LAST, id',
    rating_desc: 'rating DESC NULLS LAST, id',
    credit_desc: 'credit DESC, id',
    newest: 'updated_at DESC, id',
  }
  return { where: where.join(' AND '), params, order: orders[q.sort ?? 'relevance'] }
}

/** One search as ILIKE: the page, then total and facet counts in one grouped scan. */
async function baselineSearch(sql: Sql, q: SearchQuery): Promise<number> {
  const { where, params, order } = toSql(q)
  const perPage = q.perPage ?? 20
  const offset = ((q.page ?? 1) - 1) * perPage
  await sql.query(`SELECT * FROM bench_search_docs WHERE ${where} ORDER BY ${order} LIMIT ${perPage} OFFSET ${offset}`, params)
  const facets = await sql.query(
    `SELECT category_code, region, qualification_level, price_band, rating_band, count(*)::int AS n,
            GROUPING(category_code, region, qualification_level, price_band, rating_band) AS g
     FROM bench_search_docs WHERE ${where}
     GROUP BY GROUPING SETS ((), (category_code), (region), (qualification_level), (price_band), (rating_band))`,
    params,
  )
  const total = facets.rows.find((r) => Number(r.g) === 31) // the () grouping set
  return Number(total?.n ?? 0)
}

// ---------------------------------------------------------------------------------------------------------------

function describe(q: SearchQuery): string {
  const text = q.q ? 'text' : 'browse'
  const filters = (q.filters ?? []).length > 0 ? '+filters' : ''
  return `${text}${filters}`
}

async function main() {
  console.log(`search benchmark: ${DOCS.toLocaleString('en')} documents, ${QUERIES} queries (baseline: ${BASELINE_QUERIES})`)
  console.log(`node ${process.version}, ${process.platform}/${process.arch}`)

  let t = performance.now()
  const docs = generateDocuments(DOCS)
  const queries = generateQueries(QUERIES)
  console.log(`generated in ${ms(performance.now() - t)}`)

  const before = memory()
  const engine = new EmbeddedSearchEngine()
  t = performance.now()
  const batches = function* () {
    for (let i = 0; i < docs.length; i += 1_000) yield docs.slice(i, i + 1_000)
  }
  await engine.rebuild(batches())
  const indexMs = performance.now() - t
  const after = memory()
  console.log(`\nembedded engine (FlexSearch + typed columns)`)
  console.log(`  indexing: ${(indexMs / 1000).toFixed(1)} s (${Math.round(DOCS / (indexMs / 1000)).toLocaleString('en')} docs/s)`)
  console.log(
    `  memory held by the engine (the generated input array excluded): heap +${mb(after.heap - before.heap)}, typed arrays/external +${mb(after.external - before.external)}; process RSS ${mb(after.rss)}`,
  )

  // warm-up, then measure
  for (const q of queries.slice(0, 50)) engine.searchSync(q)
  const times: number[] = []
  const byType = new Map<string, number[]>()
  const totals: number[] = []
  for (const q of queries) {
    const s = performance.now()
    const r = engine.searchSync(q)
    const d = performance.now() - s
    times.push(d)
    totals.push(r.total)
    const k = describe(q)
    byType.set(k, [...(byType.get(k) ?? []), d])
  }
  console.log(`  latency (all queries ask for 5 facets; ${queries.filter((q) => (q.filters ?? []).length).length} have filters):`)
  row('all', times)
  for (const [k, v] of [...byType].sort()) row(k, v)
  const filteredFacets = times.filter((_, i) => (queries[i]!.filters ?? []).length > 0)
  row('with filters and facets', filteredFacets)
  console.log(`  mean total hits per query: ${Math.round(totals.reduce((a, b) => a + b, 0) / totals.length)}`)

  // baseline
  console.log(`\nbaseline: plain ILIKE on PostgreSQL`)
  const sql = await openSql()
  try {
    t = performance.now()
    await loadBaseline(sql, docs)
    console.log(`  ${sql.name}; loaded in ${(Math.round(performance.now() - t) / 1000).toFixed(1)} s`)
    const subset = queries.slice(0, BASELINE_QUERIES)
    await baselineSearch(sql, subset[0]!)
    const base: number[] = []
    const mine: number[] = []
    let agree = 0
    let embeddedMore = 0
    let embeddedLess = 0
    for (const q of subset) {
      let s = performance.now()
      const n = Math.min(await baselineSearch(sql, q), 10_000)
      base.push(performance.now() - s)
      s = performance.now()
      const r = engine.searchSync(q)
      mine.push(performance.now() - s)
      if (r.total === n) agree++
      else if (r.total > n) embeddedMore++
      else embeddedLess++
    }
    row('ILIKE (page + grouped facet counts)', base)
    row('embedded, same queries', mine)
    const pb = percentiles(base)
    const pm = percentiles(mine)
    console.log(`  speed-up: p50 ×${(pb.p50 / pm.p50).toFixed(0)}, p95 ×${(pb.p95 / pm.p95).toFixed(0)}`)
    console.log(
      `  totals: equal in ${agree}/${subset.length}; embedded more in ${embeddedMore} (bigrams need not be adjacent, prefix vs substring), fewer in ${embeddedLess}`,
    )
  } finally {
    await sql.close()
  }

  const p = percentiles(filteredFacets)
  console.log(`\naim: embedded p95 < 15 ms with filters and facets at 100,000 documents → ${p.p95 < 15 ? 'met' : 'NOT met'} (${ms(p.p95)})`)
}

await main()
