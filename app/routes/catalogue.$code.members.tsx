import type { LoaderFunctionArgs, MetaFunction } from '@remix-run/node'
import { Link, useLoaderData } from '@remix-run/react'
import { GeneralErrorBoundary } from '~/components/error-boundary'
import { useLocale, useT } from '~/components/i18n'
import { MembershipStateBadge, useCategoryName } from '~/components/catalogue-ui'
import { EmptyRow, PageHeader } from '~/components/ui'
import { serviceResult } from '~/lib/actions.server'
import { getDb } from '~/lib/db.server'
import { formatDateTime } from '~/lib/i18n'
import { publicMembers } from '~/services/catalogue.server'

export const meta: MetaFunction = () => [{ title: '入库公示 · 预选供应商库 · 采购 Caigou' }]

// 公示: the admitted suppliers of a category and their validity, open to anyone without signing in.
export async function loader({ params }: LoaderFunctionArgs) {
  return serviceResult(publicMembers(await getDb(), params.code ?? ''))
}

export default function PublicMembers() {
  const { category, members } = useLoaderData<typeof loader>()
  const t = useT()
  const locale = useLocale()
  const name = useCategoryName()
  const date = (d: Date | string) => formatDateTime(d, locale).slice(0, 10)
  return (
    <>
      <PageHeader
        title={t('cat.public.title', { name: name(category) })}
        lead={t('cat.public.lead')}
        crumbs={[{ to: '/catalogue', label: t('cat.browse.title') }, { to: `/catalogue/${category.code}`, label: name(category) }]}
      />
      <div className="table-wrap">
        <table>
          <thead>
            <tr>
              <th>#</th>
              <th>{t('cat.order.supplier')}</th>
              <th>{t('org.creditCode')}</th>
              <th>{t('org.region')}</th>
              <th>{t('cat.public.validFrom')}</th>
              <th>{t('cat.public.validUntil')}</th>
              <th>{t('common.status')}</th>
            </tr>
          </thead>
          <tbody>
            {members.map((m, i) => (
              <tr key={m.id}>
                <td className="num">{i + 1}</td>
                <td><Link to={`/catalogue/suppliers/${m.id}`}>{m.name}</Link></td>
                <td className="mono">{m.credit_code}</td>
                <td>{m.region}</td>
                <td>{date(m.valid_from)}</td>
                <td>{date(m.valid_until)}</td>
                <td><MembershipStateBadge state={m.state} /></td>
              </tr>
            ))}
            {members.length === 0 ? <EmptyRow colSpan={7} /> : null}
          </tbody>
        </table>
      </div>
    </>
  )
}

export const ErrorBoundary = GeneralErrorBoundary
