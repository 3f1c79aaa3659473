import type { LinksFunction, LoaderFunctionArgs, MetaFunction } from '@remix-run/node'
import { Link, useLoaderData, useSearchParams } from '@remix-run/react'
import { GeneralErrorBoundary } from '~/components/error-boundary'
import { FilterBar, FilterSelect } from '~/components/filters'
import { useLocale, useT } from '~/components/i18n'
import marketCss from '~/components/market-styles.css?url'
import { Badge, EmptyRow, PageHeader } from '~/components/ui'
import { getDb } from '~/lib/db.server'
import { getActor } from '~/lib/session.server'
import { listListings } from '~/services/market-listings.server'
import { listSupermarketCategories } from '~/services/projects.server'

export const links: LinksFunction = () => [{ rel: 'stylesheet', href: marketCss }]
export const meta: MetaFunction = () => [{ title: '服务机构 · 中介服务超市 · 采购 Caigou' }]

// /market: the agencies' service listings, public.
export async function loader({ request }: LoaderFunctionArgs) {
  const url = new URL(request.url)
  const db = await getDb()
  const categories = await listSupermarketCategories(db)
  const code = url.searchParams.get('category')
  const categoryCode = categories.some((c) => c.code === code) ? code! : undefined
  const actor = await getActor(request)
  return { listings: await listListings(db, { categoryCode }), categories, isSupplier: actor?.role === 'supplier' }
}

export default function Market() {
  const { listings, categories, isSupplier } = useLoaderData<typeof loader>()
  const t = useT()
  const locale = useLocale()
  const [params] = useSearchParams()
  return (
    <>
      <PageHeader
        title={t('mkt.listings.title')}
        lead={`${t('mkt.listings.lead')} ${t('mkt.listings.count', { n: listings.length })}`}
        actions={
          <>
            <Link to="/projects" className="button button--secondary">
              {t('mkt.projects.title')}
            </Link>
            {isSupplier ? (
              <Link to="/market/listing" className="button">
                {t('mkt.listings.mine')}
              </Link>
            ) : null}
          </>
        }
      />
      <FilterBar landmark={false} reset={null}>
        <FilterSelect label={t('mkt.col.category')} name="category" defaultValue={params.get('category')} options={categories.map((c) => ({ value: c.code, label: locale === 'en' ? c.name_en : c.name_zh }))} />
      </FilterBar>
      <div className="table-wrap">
        <table>
          <thead>
            <tr>
              <th>{t('mkt.col.agency')}</th>
              <th>{t('mkt.col.category')}</th>
              <th>{t('mkt.listing.scope')}</th>
              <th>{t('mkt.listing.fee')}</th>
              <th>{t('mkt.listing.area')}</th>
              <th className="num">{t('mkt.listing.staff')}</th>
              <th className="num">{t('mkt.listing.days')}</th>
              <th className="num">{t('mkt.col.credit')}</th>
            </tr>
          </thead>
          <tbody>
            {listings.length === 0 ? <EmptyRow colSpan={8} /> : null}
            {listings.map((l) => (
              <tr key={l.id}>
                <td>
                  <Link to={`/organizations/${l.organization_id}`}>{l.name}</Link>
                  <div className="muted">{l.region}</div>
                </td>
                <td>
                  <Badge tone="brand">{locale === 'en' ? l.category_en : l.category_zh}</Badge>
                </td>
                <td>
                  {l.scope}
                  {l.qualifications ? <div className="muted">{l.qualifications}</div> : null}
                </td>
                <td>{l.fee_standard}</td>
                <td>{l.service_area}</td>
                <td className="num">{l.staff_count}</td>
                <td className="num">{l.typical_days}</td>
                <td className="num">{l.credit}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </>
  )
}

export const ErrorBoundary = GeneralErrorBoundary
