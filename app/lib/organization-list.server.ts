import type { Actor } from '~/domain/permissions'
import { listCategories, listOrganizations } from '~/services/organizations.server'
import { ORGANIZATION_KINDS } from '../../db/schema'
import { oneOf, pageParams, serviceResult } from './actions.server'
import { getDb } from './db.server'

/** The organisation list with the filters in the URL, shared by the centre's and the supervisor's pages. */
export async function loadOrganizationList(request: Request, actor: Actor) {
  const url = new URL(request.url)
  const filters = {
    q: url.searchParams.get('q')?.trim() || undefined,
    kind: oneOf(url.searchParams.get('kind'), ORGANIZATION_KINDS),
    status: oneOf(url.searchParams.get('status'), ['active', 'disabled'] as const),
    region: url.searchParams.get('region')?.trim() || undefined,
    ...pageParams(url),
  }
  const db = await getDb()
  const [list, categories] = await Promise.all([serviceResult(listOrganizations(db, actor, filters)), listCategories(db)])
  return { ...list, filters, categories }
}
