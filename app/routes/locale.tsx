import type { ActionFunctionArgs } from '@remix-run/node'
import { redirect } from '@remix-run/node'
import { requireCsrf } from '~/lib/csrf.server'
import { parseLocale } from '~/lib/i18n'
import { localeCookie } from '~/lib/locale.server'
import { safeRedirect } from '~/lib/session.server'

// The language switch: a form post (works without JavaScript) that remembers the choice in a cookie.
export async function loader() {
  return redirect('/')
}

export async function action({ request }: ActionFunctionArgs) {
  const formData = await request.formData()
  await requireCsrf(request, formData)
  const locale = parseLocale(formData.get('locale'))
  return redirect(safeRedirect(formData.get('redirectTo')), { headers: { 'Set-Cookie': await localeCookie.serialize(locale) } })
}
