import type { LoaderFunctionArgs } from '@remix-run/node'
import { idParam, serviceResult } from '~/lib/actions.server'
import { getDb } from '~/lib/db.server'
import { notFound } from '~/lib/http.server'
import { requireActor } from '~/lib/session.server'
import { getOrder } from '~/services/catalogue-orders.server'

// The published draw that chose this order's supplier among equal offers, in the format `npm run verify-draw` reads.
export async function loader({ request, params }: LoaderFunctionArgs) {
  const actor = await requireActor(request)
  const { order } = await serviceResult(getOrder(await getDb(), actor, idParam(params.id)))
  if (!order.draw) throw notFound()
  return new Response(JSON.stringify(order.draw, null, 2), { headers: { 'Content-Type': 'application/json; charset=utf-8', 'Cache-Control': 'private, no-store' } })
}
