import type { ActionFunctionArgs } from '@remix-run/node'
import { redirect } from '@remix-run/node'
import { clientAddressOf } from '~/lib/context'
import { requireCsrf } from '~/lib/csrf.server'
import { getDb } from '~/lib/db.server'
import { clearSessionCookie, getActor, getSessionId } from '~/lib/session.server'
import { signOut } from '~/services/auth.server'

// Sign-out is a POST with the CSRF token: a link or an image on another site cannot sign anyone out.
export async function loader() {
  return redirect('/')
}

export async function action({ request, context }: ActionFunctionArgs) {
  await requireCsrf(request, await request.formData())
  const sessionId = await getSessionId(request)
  if (sessionId) await signOut(await getDb(), sessionId, { actor: await getActor(request), clientAddress: clientAddressOf(context) })
  return redirect('/', { headers: { 'Set-Cookie': await clearSessionCookie() } })
}
