import type { LoaderFunctionArgs, MetaFunction } from '@remix-run/node'
import { Link, useLoaderData } from '@remix-run/react'
import { GeneralErrorBoundary } from '~/components/error-boundary'
import { useLocale, useT } from '~/components/i18n'
import { ApplicationStatusBadge, MembershipStateBadge, useCategoryName } from '~/components/catalogue-ui'
import { Badge, EmptyRow, PageHeader } from '~/components/ui'
import { loadApplications } from '~/lib/catalogue-lists.server'
import { getDb } from '~/lib/db.server'
import { formatDateTime, type MessageKey } from '~/lib/i18n'
import { requireRole } from '~/lib/session.server'
import { myMenu } from '~/services/catalogue-menu.server'

export const meta: MetaFunction = () => [{ title: '我的入库与菜单 · 采购 Caigou' }]

export async function loader({ request }: LoaderFunctionArgs) {
  const actor = await requireRole(request, ['supplier'])
  const [menu, applications] = await Promise.all([myMenu(await getDb(), actor), loadApplications(actor, new URL(request.url), 50)])
  return { memberships: menu.memberships, applications }
}

export default function SupplierCatalogue() {
  const { memberships, applications } = useLoaderData<typeof loader>()
  const t = useT()
  const locale = useLocale()
  const name = useCategoryName()
  const date = (d: Date | string | null) => (d ? formatDateTime(d, locale).slice(0, 10) : '—')
  return (
    <>
      <PageHeader title={t('cat.menu.title')} actions={<Link to="/supplier/applications/new" className="button">+ {t('cat.app.new')}</Link>} />
      {memberships.map((m) =>
        m.state === 'suspended' ? (
          <div key={m.id} className="alert alert--error" role="alert">
            {name(m)}: {t('cat.menu.suspendedBanner', { until: date(m.suspended_until), reason: m.suspension_reason ?? '' })}
          </div>
        ) : m.state === 'expiring' ? (
          <div key={m.id} className="alert alert--info">
            {name(m)}: {t('cat.menu.expiringBanner', { until: date(m.valid_until) })} <Link to={`/supplier/applications/new?category=${m.category_code}`}>{t('cat.app.renew')}</Link>
          </div>
        ) : m.state === 'removed' ? (
          <div key={m.id} className="alert alert--error">{name(m)}: {t('cat.menu.removedBanner', { reason: m.removal_reason ?? '' })}</div>
        ) : null,
      )}
      <section className="card" aria-labelledby="m-title">
        <h2 id="m-title">{t('cat.supplier.memberships')}</h2>
        <div className="table-wrap">
          <table>
            <thead>
              <tr>
                <th>{t('cat.app.category')}</th>
                <th>{t('cat.category.market')}</th>
                <th>{t('cat.public.validFrom')}</th>
                <th>{t('cat.public.validUntil')}</th>
                <th>{t('common.status')}</th>
                <th>{t('common.actions')}</th>
              </tr>
            </thead>
            <tbody>
              {memberships.map((m) => (
                <tr key={m.id}>
                  <td>{m.category_code} {name(m)}</td>
                  <td><Badge>{t(`market.${m.market}` as MessageKey)}</Badge></td>
                  <td>{date(m.valid_from)}</td>
                  <td>{date(m.valid_until)}</td>
                  <td><MembershipStateBadge state={m.state} /></td>
                  <td>
                    {m.market === 'catalogue' && m.state !== 'removed' ? <Link to={`/supplier/catalogue/${m.category_code}`}>{t('cat.menu.manage')}</Link> : null}{' '}
                    {m.state === 'expiring' || m.state === 'expired' ? <Link to={`/supplier/applications/new?category=${m.category_code}`}>{t('cat.app.renew')}</Link> : null}
                  </td>
                </tr>
              ))}
              {memberships.length === 0 ? <tr><td colSpan={6} className="empty">{t('cat.menu.noMemberships')}</td></tr> : null}
            </tbody>
          </table>
        </div>
      </section>
      <section className="card" aria-labelledby="a-title">
        <h2 id="a-title">{t('cat.app.myTitle')}</h2>
        <div className="table-wrap">
          <table>
            <thead>
              <tr>
                <th>#</th>
                <th>{t('cat.app.category')}</th>
                <th>{t('cat.app.kind.new')}/{t('cat.app.kind.renewal')}</th>
                <th>{t('cat.app.submittedAt')}</th>
                <th>{t('common.status')}</th>
                <th>{t('cat.app.reason')}</th>
              </tr>
            </thead>
            <tbody>
              {applications.rows.map((a) => (
                <tr key={a.id}>
                  <td><Link to={`/supplier/applications/${a.id}`}>#{a.id}</Link></td>
                  <td>{a.category_code} {name(a)}</td>
                  <td>{t(`cat.app.kind.${a.kind}` as MessageKey)}</td>
                  <td>{date(a.created_at)}</td>
                  <td><ApplicationStatusBadge status={a.status} /></td>
                  <td>{a.status === 'returned' || a.status === 'rejected' ? a.decision_reason : ''}</td>
                </tr>
              ))}
              {applications.rows.length === 0 ? <EmptyRow colSpan={6} /> : null}
            </tbody>
          </table>
        </div>
      </section>
    </>
  )
}

export const ErrorBoundary = GeneralErrorBoundary
