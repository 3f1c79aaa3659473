import type { LoaderFunctionArgs } from '@remix-run/node'
import { getDb } from '~/lib/db.server'
import { NotFoundError } from '~/services/errors'
import { publishedDraw } from '~/services/draws.server'

// /draws/<id>.json: the published record of a revealed draw (docs/draw-algorithm.md §9), for anyone to verify.
export async function loader({ params }: LoaderFunctionArgs) {
  const id = params.id ?? ''
  try {
    const record = await publishedDraw(await getDb(), id)
    if (!record) return Response.json({ error: 'not drawn yet' }, { status: 404 })
    return Response.json(record, { headers: { 'Cache-Control': 'public, max-age=60', 'Access-Control-Allow-Origin': '*' } })
  } catch (err) {
    if (err instanceof NotFoundError) return Response.json({ error: 'no such draw' }, { status: 404 })
    throw err
  }
}
