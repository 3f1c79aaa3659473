import type { LoaderFunctionArgs, MetaFunction } from '@remix-run/node'
import { Link, useLoaderData } from '@remix-run/react'
import { GeneralErrorBoundary } from '~/components/error-boundary'
import { useT } from '~/components/i18n'
import { OrganizationTable } from '~/components/organization-table'
import { PageHeader } from '~/components/ui'
import { loadOrganizationList } from '~/lib/organization-list.server'
import { requirePermission } from '~/lib/session.server'

export const meta: MetaFunction = () => [{ title: '单位管理 · 采购 Caigou' }]

export async function loader({ request }: LoaderFunctionArgs) {
  const actor = await requirePermission(request, 'manage:organizations')
  return loadOrganizationList(request, actor)
}

export default function AdminOrganizations() {
  const data = useLoaderData<typeof loader>()
  const t = useT()
  return (
    <>
      <PageHeader
        title={t('org.listTitle')}
        lead={t('org.count', { n: data.total })}
        actions={<Link to="/admin/organizations/new" className="button">+ {t('org.new')}</Link>}
      />
      <OrganizationTable data={data} linkTo={(id) => `/admin/organizations/${id}`} />
    </>
  )
}

export const ErrorBoundary = GeneralErrorBoundary
