import type { LoaderFunctionArgs, MetaFunction } from '@remix-run/node'
import { Link, useLoaderData } from '@remix-run/react'
import { GeneralErrorBoundary } from '~/components/error-boundary'
import { FilterBar, FilterSelect, FilterText } from '~/components/filters'
import { useLocale, useRootData, useT } from '~/components/i18n'
import { Money, Rating, SortSelect, useCategoryName } from '~/components/catalogue-ui'
import { Pagination, PageHeader, EmptyRow } from '~/components/ui'
import { formatFieldValue, type FieldValue, type ItemFieldDef } from '~/domain/catalogue'
import { tryParseYuan } from '~/domain/money'
import { oneOf, pageParams, serviceResult } from '~/lib/actions.server'
import { getDb } from '~/lib/db.server'
import type { MessageKey } from '~/lib/i18n'
import { browseOffers } from '~/services/catalogue.server'

export const meta: MetaFunction = () => [{ title: '品目 · 预选供应商库 · 采购 Caigou' }]

// The offers of a category: only admitted, unsuspended, in-date suppliers appear. Filters live in the URL.
export async function loader({ request, params }: LoaderFunctionArgs) {
  const url = new URL(request.url)
  const s = (k: string) => url.searchParams.get(k)?.trim() || undefined
  const minRating = Number(s('minRating'))
  const filters = {
    q: s('q'),
    region: s('region'),
    minPriceFen: s('minPrice') ? tryParseYuan(s('minPrice')!) : undefined,
    maxPriceFen: s('maxPrice') ? tryParseYuan(s('maxPrice')!) : undefined,
    minRating: minRating >= 1 && minRating <= 5 ? minRating : undefined,
    sort: oneOf(url.searchParams.get('sort'), ['price', 'rating', 'name'] as const),
    ...pageParams(url, 25),
  }
  const data = await serviceResult(browseOffers(await getDb(), params.code ?? '', filters))
  return { ...data, filters, raw: Object.fromEntries(url.searchParams) }
}

export default function CategoryOffers() {
  const { category, rules, rows, total, regions, filters, raw } = useLoaderData<typeof loader>()
  const t = useT()
  const locale = useLocale()
  const name = useCategoryName()
  const actor = useRootData()?.actor
  const fields = rules.itemFields as ItemFieldDef[]
  const label = (f: ItemFieldDef) => (locale === 'en' ? f.label_en : f.label_zh)
  return (
    <>
      <PageHeader
        title={`${category.code} ${name(category)}`}
        crumbs={[{ to: '/catalogue', label: t('cat.browse.title') }]}
        lead={
          <>
            {t('cat.category.allocation')}: {t(`cat.allocation.${rules.allocation}` as MessageKey)} · {t('cat.category.orderCeiling')}:{' '}
            {rules.orderCeilingFen === null ? t('cat.unlimited') : <Money fen={rules.orderCeilingFen} />} · {t('cat.category.confirmDays')}: {rules.confirmDays}
          </>
        }
        actions={<Link to={`/catalogue/${category.code}/members`} className="button button--secondary">{t('cat.browse.publicList')}</Link>}
      />
      {!actor ? <div className="alert alert--info">{t('cat.browse.signInToOrder')}</div> : null}
      <FilterBar>
        <FilterText label={t('cat.browse.filter.q')} name="q" defaultValue={raw.q} />
        <FilterSelect label={t('cat.browse.filter.region')} name="region" defaultValue={raw.region} options={regions.map((r) => ({ value: r, label: r }))} />
        <FilterText label={t('cat.browse.filter.minPrice')} name="minPrice" inputMode="decimal" defaultValue={raw.minPrice} size={8} />
        <FilterText label={t('cat.browse.filter.maxPrice')} name="maxPrice" inputMode="decimal" defaultValue={raw.maxPrice} size={8} />
        <FilterSelect label={t('cat.browse.filter.minRating')} name="minRating" defaultValue={raw.minRating} options={['4.5', '4', '3'].map((r) => ({ value: r, label: `≥ ${r}` }))} />
        <SortSelect value={filters.sort} options={[{ value: 'price', label: t('cat.browse.sort.price') }, { value: 'rating', label: t('cat.browse.sort.rating') }]} />
      </FilterBar>
      <div className="table-wrap">
        <table>
          <thead>
            <tr>
              <th>{t('cat.menu.name')}</th>
              <th>{t('cat.menu.specification')}</th>
              {fields.slice(0, 3).map((f) => <th key={f.key}>{label(f)}</th>)}
              <th>{t('cat.order.supplier')}</th>
              <th>{t('cat.browse.filter.region')}</th>
              <th className="num">{t('cat.menu.price')}</th>
              <th>{t('cat.rating.overall')}</th>
              <th>{t('common.actions')}</th>
            </tr>
          </thead>
          <tbody>
            {rows.map((r) => {
              const values = (r.fields ?? {}) as unknown as Record<string, FieldValue>
              return (
                <tr key={r.id}>
                  <td><strong>{r.name}</strong></td>
                  <td>{r.specification}</td>
                  {fields.slice(0, 3).map((f) => <td key={f.key}>{formatFieldValue(f, values[f.key])}</td>)}
                  <td><Link to={`/catalogue/suppliers/${r.organization_id}`}>{r.supplier_name}</Link></td>
                  <td>{r.region}</td>
                  <td className="num"><Money fen={r.price_fen} /> <small className="muted">/ {r.unit}</small></td>
                  <td><Rating value={r.rating} count={r.ratings} /></td>
                  <td><Link to={`/catalogue/items/${r.id}`} className="button button--secondary nowrap">{actor?.role === 'agency' ? t('cat.browse.order') : t('common.view')}</Link></td>
                </tr>
              )
            })}
            {rows.length === 0 ? <EmptyRow colSpan={8 + Math.min(3, fields.length)} /> : null}
          </tbody>
        </table>
      </div>
      <Pagination page={filters.page} pageSize={filters.pageSize} total={total} />
    </>
  )
}

export const ErrorBoundary = GeneralErrorBoundary
