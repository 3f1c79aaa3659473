import type { Actor } from '~/domain/permissions'
import { listApplications } from '~/services/catalogue-applications.server'
import { listOrders } from '~/services/catalogue-orders.server'
import { listMemberships } from '~/services/memberships.server'
import { oneOf, pageParams, serviceResult } from './actions.server'
import { getDb } from './db.server'

// The catalogue's lists with their filters read from the URL, shared by the pages and the CSV/Excel exports.
const s = (url: URL, k: string) => url.searchParams.get(k)?.trim() || undefined

export function orderFilters(url: URL, pageSize = 20) {
  return {
    status: oneOf(url.searchParams.get('status'), ['placed', 'confirmed', 'declined', 'accepted', 'cancelled'] as const),
    categoryCode: s(url, 'category'),
    q: s(url, 'q'),
    contractsOnly: url.searchParams.get('contracts') === '1',
    sort: oneOf(url.searchParams.get('sort'), ['newest', 'oldest', 'amount'] as const),
    ...pageParams(url, pageSize),
  }
}

export function applicationFilters(url: URL, pageSize = 20) {
  return {
    status: oneOf(url.searchParams.get('status'), ['submitted', 'returned', 'approved', 'rejected', 'withdrawn'] as const),
    categoryCode: s(url, 'category'),
    q: s(url, 'q'),
    sort: oneOf(url.searchParams.get('sort'), ['oldest', 'newest'] as const),
    ...pageParams(url, pageSize),
  }
}

export function membershipFilters(url: URL, pageSize = 20) {
  return {
    state: oneOf(url.searchParams.get('state'), ['active', 'expiring', 'suspended', 'removed', 'expired'] as const),
    categoryCode: s(url, 'category'),
    q: s(url, 'q'),
    sort: oneOf(url.searchParams.get('sort'), ['valid_until', 'name', 'category'] as const),
    ...pageParams(url, pageSize),
  }
}

export async function loadOrders(actor: Actor, url: URL, pageSize?: number) {
  const filters = orderFilters(url, pageSize)
  return { ...(await serviceResult(listOrders(await getDb(), actor, filters))), filters }
}

export async function loadApplications(actor: Actor, url: URL, pageSize?: number) {
  const filters = applicationFilters(url, pageSize)
  return { ...(await serviceResult(listApplications(await getDb(), actor, filters))), filters }
}

export async function loadMemberships(actor: Actor, url: URL, pageSize?: number) {
  const filters = membershipFilters(url, pageSize)
  return { ...(await serviceResult(listMemberships(await getDb(), actor, filters))), filters }
}
