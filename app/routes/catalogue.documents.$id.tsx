import type { LoaderFunctionArgs } from '@remix-run/node'
import { idParam, serviceResult } from '~/lib/actions.server'
import { getDb } from '~/lib/db.server'
import { notFound } from '~/lib/http.server'
import { requireActor } from '~/lib/session.server'
import { readStored } from '~/lib/storage.server'
import { getDocument } from '~/services/catalogue-applications.server'

// A qualification document, for the centre, the supervisor and the applicant only; served with its checked type.
export async function loader({ request, params }: LoaderFunctionArgs) {
  const actor = await requireActor(request)
  const doc = await serviceResult(getDocument(await getDb(), actor, idParam(params.id)))
  const bytes = await readStored(doc.storage_key)
  if (!bytes) throw notFound()
  return new Response(new Uint8Array(bytes), {
    headers: {
      'Content-Type': doc.content_type,
      'Content-Length': String(bytes.length),
      'Content-Disposition': `inline; filename*=UTF-8''${encodeURIComponent(doc.file_name)}`,
      'X-Content-Type-Options': 'nosniff',
      'Cache-Control': 'private, max-age=0',
    },
  })
}
