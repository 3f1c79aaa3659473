import type { LoaderFunctionArgs, MetaFunction } from '@remix-run/node'
import { Link, useLoaderData } from '@remix-run/react'
import { GeneralErrorBoundary } from '~/components/error-boundary'
import { useT } from '~/components/i18n'
import { Money, useCategoryName } from '~/components/catalogue-ui'
import { Badge, PageHeader } from '~/components/ui'
import { getDb } from '~/lib/db.server'
import type { MessageKey } from '~/lib/i18n'
import { requirePermission } from '~/lib/session.server'
import { listCatalogueCategories } from '~/services/catalogue.server'

export const meta: MetaFunction = () => [{ title: '品目管理 · 采购 Caigou' }]

export async function loader({ request }: LoaderFunctionArgs) {
  await requirePermission(request, 'manage:catalogue')
  return { categories: await listCatalogueCategories(await getDb()) }
}

export default function AdminCategories() {
  const { categories } = useLoaderData<typeof loader>()
  const t = useT()
  const name = useCategoryName()
  return (
    <>
      <PageHeader title={t('cat.category.listTitle')} crumbs={[{ to: '/admin/catalogue', label: t('cat.admin.title') }]} actions={<Link to="/admin/categories/new" className="button">+ {t('cat.category.new')}</Link>} />
      <div className="table-wrap">
        <table>
          <thead>
            <tr>
              <th>{t('cat.category.code')}</th>
              <th>{t('cat.app.category')}</th>
              <th>{t('cat.category.kind')}</th>
              <th>{t('cat.category.market')}</th>
              <th>{t('cat.category.allocation')}</th>
              <th className="num">{t('cat.category.orderCeiling')}</th>
              <th className="num">{t('cat.category.members')}</th>
              <th className="num">{t('cat.category.offers')}</th>
            </tr>
          </thead>
          <tbody>
            {categories.map((c) => (
              <tr key={c.code}>
                <td className="mono"><Link to={`/admin/categories/${c.code}`}>{c.code}</Link></td>
                <td><Link to={`/admin/categories/${c.code}`}>{name(c)}</Link></td>
                <td>{t(`categoryKind.${c.kind}` as MessageKey)}</td>
                <td><Badge tone={c.market === 'catalogue' ? 'info' : 'warn'}>{t(`market.${c.market}` as MessageKey)}</Badge></td>
                <td>{t(`cat.allocation.${c.allocation ?? 'free'}` as MessageKey)}</td>
                <td className="num">{c.order_ceiling_fen === null ? t('cat.unlimited') : <Money fen={c.order_ceiling_fen} />}</td>
                <td className="num">{c.members}</td>
                <td className="num">{c.offers}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </>
  )
}

export const ErrorBoundary = GeneralErrorBoundary
