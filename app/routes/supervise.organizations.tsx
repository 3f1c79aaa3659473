import type { LoaderFunctionArgs, MetaFunction } from '@remix-run/node'
import { useLoaderData } from '@remix-run/react'
import { GeneralErrorBoundary } from '~/components/error-boundary'
import { useT } from '~/components/i18n'
import { OrganizationTable } from '~/components/organization-table'
import { PageHeader } from '~/components/ui'
import { loadOrganizationList } from '~/lib/organization-list.server'
import { requireRole } from '~/lib/session.server'

export const meta: MetaFunction = () => [{ title: '单位 · 监管 · 采购 Caigou' }]

// The supervisor reads every organisation; the page has no buttons that change anything.
export async function loader({ request }: LoaderFunctionArgs) {
  const actor = await requireRole(request, ['supervisor'])
  return loadOrganizationList(request, actor)
}

export default function SuperviseOrganizations() {
  const data = useLoaderData<typeof loader>()
  const t = useT()
  return (
    <>
      <PageHeader title={t('org.listTitle')} lead={t('org.count', { n: data.total })} />
      <OrganizationTable data={data} linkTo={(id) => `/organizations/${id}`} />
    </>
  )
}

export const ErrorBoundary = GeneralErrorBoundary
