import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from '@remix-run/node'
import { redirect } from '@remix-run/node'
import { Form, Link, useLoaderData } from '@remix-run/react'
import { GeneralErrorBoundary } from '~/components/error-boundary'
import { CsrfInput } from '~/components/forms'
import { useLocale, useT } from '~/components/i18n'
import { Badge, EmptyRow, PageHeader } from '~/components/ui'
import { requireCsrf } from '~/lib/csrf.server'
import { getDb } from '~/lib/db.server'
import { formatDateTime, isMessageKey } from '~/lib/i18n'
import { requireActor } from '~/lib/session.server'
import { listNotifications, markAllRead } from '~/services/notifications.server'

export const meta: MetaFunction = () => [{ title: '消息 · 采购 Caigou' }]

export async function loader({ request }: LoaderFunctionArgs) {
  const actor = await requireActor(request)
  return { items: await listNotifications(await getDb(), actor) }
}

export async function action({ request }: ActionFunctionArgs) {
  const actor = await requireActor(request)
  const formData = await request.formData()
  await requireCsrf(request, formData)
  await markAllRead(await getDb(), actor)
  return redirect('/notifications')
}

export default function Notifications() {
  const { items } = useLoaderData<typeof loader>()
  const t = useT()
  const locale = useLocale()
  return (
    <>
      <PageHeader
        title={t('mkt.notifications.title')}
        actions={
          <Form method="post">
            <CsrfInput />
            <button type="submit" className="button button--secondary">
              {t('mkt.notifications.markRead')}
            </button>
          </Form>
        }
      />
      <div className="table-wrap">
        <table>
          <tbody>
            {items.length === 0 ? <EmptyRow colSpan={2} /> : null}
            {items.map((n) => (
              <tr key={n.id}>
                <td className="nowrap muted">{formatDateTime(n.created_at, locale)}</td>
                <td>
                  {!n.read_at ? <Badge tone="info">•</Badge> : null} <Link to={n.link}>{isMessageKey(n.kind) ? t(n.kind, n.params) : n.kind}</Link>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </>
  )
}

export const ErrorBoundary = GeneralErrorBoundary
