import type { LoaderFunctionArgs, MetaFunction } from '@remix-run/node'
import { Link, useLoaderData } from '@remix-run/react'
import { GeneralErrorBoundary } from '~/components/error-boundary'
import { useT } from '~/components/i18n'
import { Money, useCategoryName } from '~/components/catalogue-ui'
import { Badge, PageHeader, StatCard } from '~/components/ui'
import { getDb } from '~/lib/db.server'
import type { MessageKey } from '~/lib/i18n'
import { listCatalogueCategories } from '~/services/catalogue.server'

export const meta: MetaFunction = () => [{ title: '预选供应商库 · 采购 Caigou' }]

// Open to everyone: which categories there are, how many suppliers are admitted and how many offers they list.
export async function loader(_: LoaderFunctionArgs) {
  return { categories: await listCatalogueCategories(await getDb(), 'catalogue') }
}

export default function Catalogue() {
  const { categories } = useLoaderData<typeof loader>()
  const t = useT()
  const name = useCategoryName()
  return (
    <>
      <PageHeader title={t('cat.browse.title')} lead={t('cat.browse.lead')} />
      <div className="grid grid--stats">
        <StatCard label={t('home.statCategories')} value={categories.length} />
        <StatCard label={t('cat.category.members')} value={categories.reduce((n, c) => n + (c.members ?? 0), 0)} tone="success" />
        <StatCard label={t('cat.category.offers')} value={categories.reduce((n, c) => n + (c.offers ?? 0), 0)} />
      </div>
      <div className="table-wrap">
        <table>
          <thead>
            <tr>
              <th>{t('cat.category.code')}</th>
              <th>{t('cat.app.category')}</th>
              <th>{t('cat.category.kind')}</th>
              <th>{t('cat.category.allocation')}</th>
              <th className="num">{t('cat.category.orderCeiling')}</th>
              <th className="num">{t('cat.category.members')}</th>
              <th className="num">{t('cat.category.offers')}</th>
              <th>{t('cat.browse.publicList')}</th>
            </tr>
          </thead>
          <tbody>
            {categories.map((c) => (
              <tr key={c.code}>
                <td className="mono">{c.code}</td>
                <td><Link to={`/catalogue/${c.code}`}><strong>{name(c)}</strong></Link></td>
                <td><Badge>{t(`categoryKind.${c.kind}` as MessageKey)}</Badge></td>
                <td>{t(`cat.allocation.${c.allocation ?? 'free'}` as MessageKey)}</td>
                <td className="num">{c.order_ceiling_fen === null ? t('cat.unlimited') : <Money fen={c.order_ceiling_fen} />}</td>
                <td className="num">{c.members}</td>
                <td className="num">{c.offers}</td>
                <td><Link to={`/catalogue/${c.code}/members`}>{t('cat.browse.publicList')}</Link></td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </>
  )
}

export const ErrorBoundary = GeneralErrorBoundary
