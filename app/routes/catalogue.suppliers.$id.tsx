import type { LoaderFunctionArgs, MetaFunction } from '@remix-run/node'
import { Link, useLoaderData } from '@remix-run/react'
import { GeneralErrorBoundary } from '~/components/error-boundary'
import { useLocale, useT } from '~/components/i18n'
import { MembershipStateBadge, Rating, useCategoryName } from '~/components/catalogue-ui'
import { EmptyRow, PageHeader } from '~/components/ui'
import { idParam, serviceResult } from '~/lib/actions.server'
import { getDb } from '~/lib/db.server'
import { formatDateTime } from '~/lib/i18n'
import { supplierProfile } from '~/services/catalogue.server'

export const meta: MetaFunction = () => [{ title: '供应商 · 预选供应商库 · 采购 Caigou' }]

// Public: a supplier's categories with validity, and the ratings buyers gave after each contract (一标一评).
export async function loader({ params }: LoaderFunctionArgs) {
  return serviceResult(supplierProfile(await getDb(), idParam(params.id)))
}

export default function SupplierPage() {
  const { org, memberships, ratings, summary } = useLoaderData<typeof loader>()
  const t = useT()
  const locale = useLocale()
  const name = useCategoryName()
  const date = (d: Date | string) => formatDateTime(d, locale).slice(0, 10)
  return (
    <>
      <PageHeader title={org.name} crumbs={[{ to: '/catalogue', label: t('cat.browse.title') }]} lead={<>{org.region} · <span className="mono">{org.credit_code}</span> · {t('cat.rating.overall')}: <Rating value={summary.avg} count={summary.n} /></>} />
      <div className="grid grid--2">
        <section className="card" aria-labelledby="s-m">
          <h2 id="s-m">{t('cat.supplier.memberships')}</h2>
          <table>
            <tbody>
              {memberships.map((m) => (
                <tr key={m.category_code}>
                  <td><Link to={`/catalogue/${m.category_code}`}>{m.category_code} {name(m)}</Link></td>
                  <td>{t('cat.public.validUntil')} {date(m.valid_until)}</td>
                  <td><MembershipStateBadge state={m.state} /></td>
                </tr>
              ))}
              {memberships.length === 0 ? <EmptyRow colSpan={3} /> : null}
            </tbody>
          </table>
        </section>
        <section className="card" aria-labelledby="s-r">
          <h2 id="s-r">{t('cat.supplier.title')}</h2>
          <table>
            <thead>
              <tr>
                <th>{t('cat.order.contractNo')}</th>
                <th>{t('cat.order.buyer')}</th>
                <th>{t('cat.rating.overall')}</th>
                <th>{t('cat.rating.comment')}</th>
              </tr>
            </thead>
            <tbody>
              {ratings.map((r) => (
                <tr key={r.id}>
                  <td><span className="mono">{r.contract_no}</span><br /><small className="muted">{r.item_name} · {date(r.created_at)}</small></td>
                  <td>{r.buyer_name}</td>
                  <td><Rating value={r.overall} /></td>
                  <td>{r.comment}</td>
                </tr>
              ))}
              {ratings.length === 0 ? <EmptyRow colSpan={4} /> : null}
            </tbody>
          </table>
        </section>
      </div>
    </>
  )
}

export const ErrorBoundary = GeneralErrorBoundary
