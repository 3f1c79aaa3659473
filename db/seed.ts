import { sql } from 'kysely'
import type { DB } from './client'
import { hashPassword } from '../app/lib/password.server'
import { recordAudit } from '../app/services/audit.server'
import { DEMO_ACCOUNTS, DEMO_PASSWORD, SEED_CATEGORIES, demoOrganizations } from './seed-data'
import { seedCatalogue } from './seed-catalogue'
import { seedMarket } from './seed-market'

export interface SeedOptions {
  /** Create the five demo accounts (password caigou-demo). Never by default in production. */
  demoAccounts: boolean
  log?: (message: string) => void
}

export interface SeedResult {
  categories: number
  organizations: number
  users: number
}

/** Fills the database with demo data in one transaction; what is already there (by code, credit code, username) is kept. */
export async function seed(db: DB, opts: SeedOptions): Promise<SeedResult> {
  const log = opts.log ?? (() => {})
  const orgs = demoOrganizations()
  // Hash outside the transaction: it is slow on purpose, and one hash serves all five demo accounts' first set-up.
  const passwordHashes = opts.demoAccounts ? await Promise.all(DEMO_ACCOUNTS.map(() => hashPassword(DEMO_PASSWORD))) : []

  const result = await db.transaction().execute(async (trx) => {
    const categories = await trx
      .insertInto('categories')
      .values(SEED_CATEGORIES.map(({ code, name_zh, name_en, kind, market }) => ({ code, name_zh, name_en, kind, market })))
      .onConflict((oc) => oc.column('code').doNothing())
      .returning('id')
      .execute()

    const existingNames = new Set(
      (await trx.selectFrom('organizations').select('name').execute()).map((o) => o.name),
    )
    const fresh = orgs.filter((o) => !existingNames.has(o.name))
    let organizations = 0
    for (let i = 0; i < fresh.length; i += 100) {
      const inserted = await trx
        .insertInto('organizations')
        .values(fresh.slice(i, i + 100))
        .onConflict((oc) => oc.column('credit_code').doNothing())
        .returning('id')
        .execute()
      organizations += inserted.length
    }

    let users = 0
    if (opts.demoAccounts) {
      const firstSupplier = orgs.find((o) => o.kind === 'supplier')!.name
      for (const [i, account] of DEMO_ACCOUNTS.entries()) {
        const exists = await trx
          .selectFrom('users')
          .select('id')
          .where(sql`lower(username)`, '=', account.username)
          .executeTakeFirst()
        if (exists) continue
        const orgName = account.org === 'first-supplier' ? firstSupplier : account.org
        const org = orgName
          ? await trx.selectFrom('organizations').select('id').where('name', '=', orgName).executeTakeFirstOrThrow()
          : null
        await trx
          .insertInto('users')
          .values({
            username: account.username,
            display_name: account.display_name,
            role: account.role,
            organization_id: org?.id ?? null,
            password_hash: passwordHashes[i]!,
          })
          .execute()
        users++
      }
    }

    const catalogue = await seedCatalogue(trx)
    const market = await seedMarket(trx)

    if (categories.length + organizations + users > 0) {
      await recordAudit(trx, { actor: null, clientAddress: null }, {
        action: 'seed.applied',
        entityType: 'system',
        payload: { categories: categories.length, organizations, users, demoAccounts: opts.demoAccounts, catalogue, market },
      })
    }
    return { categories: categories.length, organizations, users }
  })
  log(
    `Seed: ${result.categories} categories, ${result.organizations} organisations, ${result.users} demo accounts added` +
      (opts.demoAccounts ? '' : ' (demo accounts not requested)'),
  )
  return result
}
