import type { LoaderFunctionArgs, MetaFunction } from '@remix-run/node'
import { Link, useLoaderData, useLocation } from '@remix-run/react'
import { GeneralErrorBoundary } from '~/components/error-boundary'
import { FilterBar, FilterSelect, FilterText } from '~/components/filters'
import { useLocale, useT } from '~/components/i18n'
import { ExportLinks, Money, OrderStatusBadge, SortSelect, useCategoryName } from '~/components/catalogue-ui'
import { Badge, EmptyRow, PageHeader, Pagination } from '~/components/ui'
import { loadOrders } from '~/lib/catalogue-lists.server'
import { getDb } from '~/lib/db.server'
import { formatDateTime, type MessageKey } from '~/lib/i18n'
import { requireActor } from '~/lib/session.server'
import { listCatalogueCategories } from '~/services/catalogue.server'

export const meta: MetaFunction = () => [{ title: '订单与合同 · 采购 Caigou' }]

// The centre and the supervisor see every order; a purchasing unit its own; a supplier the ones offered to it.
export async function loader({ request }: LoaderFunctionArgs) {
  const actor = await requireActor(request)
  const [list, categories] = await Promise.all([loadOrders(actor, new URL(request.url)), listCatalogueCategories(await getDb(), 'catalogue')])
  return { ...list, categories }
}

const STATUSES = ['placed', 'confirmed', 'accepted', 'declined', 'cancelled'] as const

export default function Orders() {
  const { rows, total, filters, categories } = useLoaderData<typeof loader>()
  const t = useT()
  const locale = useLocale()
  const name = useCategoryName()
  const location = useLocation()
  return (
    <>
      <PageHeader title={t('cat.order.listTitle')} lead={<>{t('common.pageOf', { page: filters.page, pages: Math.max(1, Math.ceil(total / filters.pageSize)), total })} · <ExportLinks what="orders" search={location.search} /></>} />
      <FilterBar>
        <FilterText label={t('cat.browse.filter.q')} name="q" defaultValue={filters.q} />
        <FilterSelect label={t('cat.app.category')} name="category" defaultValue={filters.categoryCode} options={categories.map((c) => ({ value: c.code, label: `${c.code} ${name(c)}` }))} />
        <FilterSelect label={t('common.status')} name="status" defaultValue={filters.status} options={STATUSES.map((s) => ({ value: s, label: t(`cat.order.status.${s}` as MessageKey) }))} />
        <FilterSelect label={t('cat.order.contractOnly')} name="contracts" defaultValue={filters.contractsOnly ? '1' : ''} emptyLabel={t('common.no')} options={[{ value: '1', label: t('common.yes') }]} />
        <SortSelect value={filters.sort} options={(['newest', 'oldest', 'amount'] as const).map((s) => ({ value: s, label: t(`cat.order.sort.${s}`) }))} />
      </FilterBar>
      <div className="table-wrap">
        <table>
          <thead>
            <tr>
              <th>{t('cat.order.no')}</th>
              <th>{t('cat.app.category')}</th>
              <th>{t('cat.order.item')}</th>
              <th>{t('cat.order.buyer')}</th>
              <th>{t('cat.order.supplier')}</th>
              <th className="num">{t('cat.order.total')}</th>
              <th>{t('cat.order.placedAt')}</th>
              <th>{t('common.status')}</th>
              <th>{t('cat.order.contractNo')}</th>
            </tr>
          </thead>
          <tbody>
            {rows.map((o) => (
              <tr key={o.id}>
                <td className="mono"><Link to={`/catalogue/orders/${o.id}`}>{o.order_no}</Link></td>
                <td>{name(o)}</td>
                <td>{o.item_name} × {o.quantity} {o.unit}</td>
                <td>{o.buyer_name}</td>
                <td>{o.supplier_name}</td>
                <td className="num"><Money fen={o.total_fen} /></td>
                <td className="nowrap">{formatDateTime(o.placed_at, locale).slice(0, 16)}</td>
                <td><OrderStatusBadge status={o.status} /></td>
                <td className="mono">{o.contract_no ?? <Badge>—</Badge>}</td>
              </tr>
            ))}
            {rows.length === 0 ? <EmptyRow colSpan={9} /> : null}
          </tbody>
        </table>
      </div>
      <Pagination page={filters.page} pageSize={filters.pageSize} total={total} />
    </>
  )
}

export const ErrorBoundary = GeneralErrorBoundary
