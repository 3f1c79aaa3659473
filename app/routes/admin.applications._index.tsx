import type { LoaderFunctionArgs, MetaFunction } from '@remix-run/node'
import { Link, useLoaderData, useLocation } from '@remix-run/react'
import { GeneralErrorBoundary } from '~/components/error-boundary'
import { useLocale, useT } from '~/components/i18n'
import { ApplicationStatusBadge, ExportLinks, SortSelect, useCategoryName } from '~/components/catalogue-ui'
import { FilterBar, FilterSelect, FilterText } from '~/components/filters'
import { Badge, EmptyRow, PageHeader, Pagination } from '~/components/ui'
import { loadApplications } from '~/lib/catalogue-lists.server'
import { getDb } from '~/lib/db.server'
import { formatDateTime, type MessageKey } from '~/lib/i18n'
import { requirePermission } from '~/lib/session.server'
import { listCatalogueCategories } from '~/services/catalogue.server'

export const meta: MetaFunction = () => [{ title: '入库申请 · 采购 Caigou' }]

export async function loader({ request }: LoaderFunctionArgs) {
  const actor = await requirePermission(request, 'read:catalogue')
  const [list, categories] = await Promise.all([loadApplications(actor, new URL(request.url)), listCatalogueCategories(await getDb())])
  return { ...list, categories }
}

const STATUSES = ['submitted', 'returned', 'approved', 'rejected'] as const

export default function AdminApplications() {
  const { rows, total, filters, categories } = useLoaderData<typeof loader>()
  const t = useT()
  const locale = useLocale()
  const name = useCategoryName()
  const location = useLocation()
  return (
    <>
      <PageHeader title={t('cat.app.listTitle')} crumbs={[{ to: '/admin/catalogue', label: t('cat.admin.title') }]} lead={<ExportLinks what="applications" search={location.search} />} />
      <FilterBar>
        <FilterText label={t('cat.app.applicant')} name="q" defaultValue={filters.q} />
        <FilterSelect label={t('cat.app.category')} name="category" defaultValue={filters.categoryCode} options={categories.map((c) => ({ value: c.code, label: `${c.code} ${name(c)}` }))} />
        <FilterSelect label={t('common.status')} name="status" defaultValue={filters.status} options={STATUSES.map((s) => ({ value: s, label: t(`cat.app.status.${s}`) }))} />
        <SortSelect value={filters.sort} options={[{ value: 'oldest', label: t('cat.order.sort.oldest') }, { value: 'newest', label: t('cat.order.sort.newest') }]} />
      </FilterBar>
      <div className="table-wrap">
        <table>
          <thead>
            <tr>
              <th>#</th>
              <th>{t('cat.app.applicant')}</th>
              <th>{t('cat.app.category')}</th>
              <th>{t('cat.category.market')}</th>
              <th>{t('cat.app.kind.new')}/{t('cat.app.kind.renewal')}</th>
              <th>{t('cat.app.submittedAt')}</th>
              <th>{t('common.status')}</th>
              <th>{t('cat.app.grantedUntil')}</th>
            </tr>
          </thead>
          <tbody>
            {rows.map((a) => (
              <tr key={a.id}>
                <td><Link to={`/admin/applications/${a.id}`}>#{a.id}</Link></td>
                <td><Link to={`/admin/applications/${a.id}`}>{a.organization_name}</Link></td>
                <td>{a.category_code} {name(a)}</td>
                <td><Badge tone={a.market === 'catalogue' ? 'info' : 'warn'}>{t(`market.${a.market}` as MessageKey)}</Badge></td>
                <td>{t(`cat.app.kind.${a.kind}` as MessageKey)}</td>
                <td className="nowrap">{formatDateTime(a.created_at, locale).slice(0, 16)}</td>
                <td><ApplicationStatusBadge status={a.status} /></td>
                <td>{a.granted_until ? formatDateTime(a.granted_until, locale).slice(0, 10) : '—'}</td>
              </tr>
            ))}
            {rows.length === 0 ? <EmptyRow colSpan={8} /> : null}
          </tbody>
        </table>
      </div>
      <Pagination page={filters.page} pageSize={filters.pageSize} total={total} />
    </>
  )
}

export const ErrorBoundary = GeneralErrorBoundary
