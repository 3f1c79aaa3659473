import { sql, type Transaction } from 'kysely'
import type { DB } from '../../db/client'
import type { Database } from '../../db/schema'
import type { SearchDocument, SearchStatus } from '../../search/engine'

// Search documents, read from the truth. One organisation's documents are always built together (its admissions and
// its menu items share its name, region, rating, credit and standing), so an outbox row names an organisation, and
// applying it means "make the index hold exactly what the database says about this organisation now".
//
// Documents:
// - `member-<membership id>`: an admitted supplier in a catalogue category (kind catalogue_supplier), or an
//   intermediary agency's service listing in a supermarket category (kind service_listing);
// - `item-<menu item id>`: a menu item (kind catalogue_item) with its current active price;
// - `supplier-<organisation id>-<category code>`: a supplier registered with a main category before it holds any
//   membership (the foundation's registration); as soon as it has memberships, only those count.
// Entries that are not admitted right now (membership removed, expired, suspended, or the organisation disabled or
// suspended by a credit penalty) are kept with that status and never appear in public searches.

type Conn = DB | Transaction<Database>

const STARTING_CREDIT = 100

export function memberDocId(membershipId: number): string {
  return `member-${membershipId}`
}
export function itemDocId(itemId: number): string {
  return `item-${itemId}`
}
function registrationDocId(orgId: number, categoryCode: string): string {
  return `supplier-${orgId}-${categoryCode.replace(/[^A-Za-z0-9_-]/g, '_')}`
}

interface CategoryInfo {
  code: string
  name: string
  market: 'catalogue' | 'supermarket'
  qualifications: string[]
}

async function categoryInfo(db: Conn, codes: string[]): Promise<Map<string, CategoryInfo>> {
  const map = new Map<string, CategoryInfo>()
  if (codes.length === 0) return map
  const rows = await db
    .selectFrom('categories')
    .leftJoin('category_rules', 'category_rules.category_code', 'categories.code')
    .select(['categories.code', 'categories.name_zh', 'categories.market', 'category_rules.qualifications'])
    .where('categories.code', 'in', codes)
    .execute()
  for (const r of rows) {
    // Admission means holding every required qualification of the category's rules.
    const defs = Array.isArray(r.qualifications) ? (r.qualifications as { name_zh?: unknown; required?: unknown }[]) : []
    const qualifications = defs.filter((d) => d && d.required !== false && typeof d.name_zh === 'string').map((d) => String(d.name_zh))
    map.set(r.code, { code: r.code, name: r.name_zh, market: r.market, qualifications })
  }
  return map
}

/** Every search document of these organisations, as the database says now (any status). */
export async function documentsForOrganizations(db: Conn, orgIds: readonly number[]): Promise<Map<number, SearchDocument[]>> {
  const out = new Map<number, SearchDocument[]>()
  const ids = [...new Set(orgIds)].filter((id) => Number.isSafeInteger(id))
  if (ids.length === 0) return out

  const orgs = await db
    .selectFrom('organizations')
    .select([
      'id',
      'name',
      'kind',
      'status',
      'region',
      'address',
      'main_category_code',
      'updated_at',
      sql<number>`(select coalesce(sum(points), 0)::int from credit_events ce where ce.organization_id = organizations.id)`.as('credit_delta'),
      sql<boolean>`exists (select 1 from credit_events ce where ce.organization_id = organizations.id and ce.suspended_until > now())`.as(
        'penalised',
      ),
      sql<string | null>`(select round(avg(overall), 2)::text from supplier_ratings sr where sr.supplier_org_id = organizations.id)`.as('rating'),
    ])
    .where('id', 'in', ids)
    .where('kind', '=', 'supplier')
    .execute()
  if (orgs.length === 0) return out
  const supplierIds = orgs.map((o) => o.id)

  const memberships = await db
    .selectFrom('memberships')
    .select([
      'id',
      'organization_id',
      'category_code',
      'updated_at',
      sql<SearchStatus | 'pending'>`case
        when memberships.status = 'removed' then 'removed'
        when memberships.valid_until <= now() then 'expired'
        when memberships.valid_from > now() then 'pending'
        when memberships.status = 'suspended' and (memberships.suspended_until is null or memberships.suspended_until > now()) then 'suspended'
        else 'active' end`.as('state'),
    ])
    .where('organization_id', 'in', supplierIds)
    .orderBy('id')
    .execute()

  const items = await db
    .selectFrom('menu_items')
    .select([
      'id',
      'organization_id',
      'membership_id',
      'category_code',
      'name',
      'specification',
      'unit',
      'fields',
      'status',
      'updated_at',
      sql<number | null>`(select mp.price_fen from menu_prices mp where mp.menu_item_id = menu_items.id and mp.status = 'active'
        order by mp.id desc limit 1)`.as('price_fen'),
    ])
    .where('organization_id', 'in', supplierIds)
    .orderBy('id')
    .execute()

  const codes = new Set<string>()
  for (const o of orgs) if (o.main_category_code) codes.add(o.main_category_code)
  for (const m of memberships) codes.add(m.category_code)
  for (const i of items) codes.add(i.category_code)
  const categories = await categoryInfo(db, [...codes])

  for (const org of orgs) {
    const docs: SearchDocument[] = []
    const standing: SearchStatus = org.status !== 'active' ? 'removed' : org.penalised ? 'suspended' : 'active'
    const rating = org.rating === null ? null : Math.min(5, Math.max(0, Number(org.rating)))
    const credit = STARTING_CREDIT + Number(org.credit_delta)
    const base = {
      region: org.region,
      rating,
      credit,
      supplierId: String(org.id),
      supplierName: org.name,
      qualificationLevel: null,
    }
    const combine = (own: SearchStatus): SearchStatus => (own !== 'active' ? own : standing)
    const own = memberships.filter((m) => m.organization_id === org.id)
    const membershipState = new Map<number, SearchStatus>()

    for (const m of own) {
      const cat = categories.get(m.category_code)
      if (!cat || m.state === 'pending') continue
      const status = combine(m.state)
      membershipState.set(m.id, status)
      docs.push({
        ...base,
        id: memberDocId(m.id),
        kind: cat.market === 'supermarket' ? 'service_listing' : 'catalogue_supplier',
        title: org.name,
        description: `${cat.name} · ${org.address || org.region}`,
        categoryCode: cat.code,
        categoryName: cat.name,
        market: cat.market,
        qualifications: cat.qualifications,
        priceFen: null,
        status,
        updatedAt: latest(org.updated_at, m.updated_at),
      })
    }
    if (own.length === 0 && org.main_category_code) {
      const cat = categories.get(org.main_category_code)
      if (cat) {
        docs.push({
          ...base,
          id: registrationDocId(org.id, cat.code),
          kind: cat.market === 'supermarket' ? 'service_listing' : 'catalogue_supplier',
          title: org.name,
          description: `${cat.name} · ${org.address || org.region}`,
          categoryCode: cat.code,
          categoryName: cat.name,
          market: cat.market,
          qualifications: cat.qualifications,
          priceFen: null,
          status: standing,
          updatedAt: toIso(org.updated_at),
        })
      }
    }
    for (const item of items.filter((i) => i.organization_id === org.id)) {
      const cat = categories.get(item.category_code)
      const admitted = membershipState.get(item.membership_id)
      if (!cat || admitted === undefined) continue
      const status: SearchStatus = item.status !== 'active' ? 'removed' : admitted
      docs.push({
        ...base,
        id: itemDocId(item.id),
        kind: 'catalogue_item',
        title: item.name,
        description: itemDescription(item.specification, item.unit, item.fields),
        categoryCode: cat.code,
        categoryName: cat.name,
        market: cat.market,
        qualifications: cat.qualifications,
        priceFen: item.price_fen === null ? null : Number(item.price_fen),
        qualificationLevel: levelOf(item.fields),
        status,
        updatedAt: latest(org.updated_at, item.updated_at),
      })
    }
    out.set(org.id, docs)
  }
  return out
}

function itemDescription(specification: string, unit: string, fields: unknown): string {
  const values =
    fields && typeof fields === 'object' && !Array.isArray(fields)
      ? Object.values(fields as Record<string, unknown>).filter((v): v is string | number => typeof v === 'string' || typeof v === 'number')
      : []
  return [specification, values.join(' '), unit ? `单位：${unit}` : ''].filter(Boolean).join(' · ')
}

/** A category's item fields may carry a grade (资质等级, 保安员证等级, 食品安全等级): keys named *level or *grade. */
function levelOf(fields: unknown): string | null {
  if (!fields || typeof fields !== 'object' || Array.isArray(fields)) return null
  for (const [key, value] of Object.entries(fields as Record<string, unknown>)) {
    if (/(^|_)(level|grade)$/.test(key) && typeof value === 'string' && value.trim()) return value.trim().slice(0, 50)
  }
  return null
}

function toIso(d: Date | string): string {
  return new Date(d).toISOString()
}

function latest(a: Date | string, b: Date | string): string {
  return new Date(Math.max(new Date(a).getTime(), new Date(b).getTime())).toISOString()
}

/** The organisations whose documents an outbox row concerns. */
export async function organizationsForEntity(db: Conn, type: string, id: string): Promise<number[]> {
  if (type === 'organization') return /^\d+$/.test(id) ? [Number(id)] : []
  if (type === 'menu_item') {
    if (!/^\d+$/.test(id)) return []
    const row = await db.selectFrom('menu_items').select('organization_id').where('id', '=', Number(id)).executeTakeFirst()
    return row ? [row.organization_id] : []
  }
  if (type === 'category') {
    const rows = await db
      .selectFrom('organizations')
      .select('id')
      .where('kind', '=', 'supplier')
      .where((eb) =>
        eb.or([
          eb('main_category_code', '=', id),
          eb.exists(eb.selectFrom('memberships').select(sql`1`.as('one')).whereRef('memberships.organization_id', '=', 'organizations.id').where('memberships.category_code', '=', id)),
        ]),
      )
      .execute()
    return rows.map((r) => r.id)
  }
  return []
}

/** Every document in the database, in batches of organisations (keyset pagination), for a rebuild. */
export async function* allDocuments(db: Conn, opts: { batchSize?: number; onBatch?: (organizations: number, documents: number) => void } = {}): AsyncGenerator<SearchDocument[]> {
  const size = opts.batchSize ?? 200
  let after = 0
  for (;;) {
    const rows = await db.selectFrom('organizations').select('id').where('kind', '=', 'supplier').where('id', '>', after).orderBy('id').limit(size).execute()
    if (rows.length === 0) return
    after = rows[rows.length - 1]!.id
    const docs = await documentsForOrganizations(
      db,
      rows.map((r) => r.id),
    )
    const batch = [...docs.values()].flat()
    opts.onBatch?.(rows.length, batch.length)
    yield batch
  }
}

export async function countSupplierOrganizations(db: Conn): Promise<number> {
  const row = await db.selectFrom('organizations').select(sql<number>`count(*)::int`.as('n')).where('kind', '=', 'supplier').executeTakeFirstOrThrow()
  return row.n
}
