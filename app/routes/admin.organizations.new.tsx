import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from '@remix-run/node'
import { redirect } from '@remix-run/node'
import { useActionData, useLoaderData } from '@remix-run/react'
import { GeneralErrorBoundary } from '~/components/error-boundary'
import { useT } from '~/components/i18n'
import { OrganizationForm } from '~/components/organization-form'
import { PageHeader } from '~/components/ui'
import { organizationSchema } from '~/domain/schemas'
import { attempt, invalid } from '~/lib/actions.server'
import { clientAddressOf } from '~/lib/context'
import { requireCsrf } from '~/lib/csrf.server'
import { getDb } from '~/lib/db.server'
import { parseForm } from '~/lib/forms'
import { requirePermission } from '~/lib/session.server'
import { createOrganization, listCategories } from '~/services/organizations.server'

export const meta: MetaFunction = () => [{ title: '新建单位 · 采购 Caigou' }]

export async function loader({ request }: LoaderFunctionArgs) {
  await requirePermission(request, 'manage:organizations')
  return { categories: await listCategories(await getDb()) }
}

export async function action({ request, context }: ActionFunctionArgs) {
  const actor = await requirePermission(request, 'manage:organizations')
  const formData = await request.formData()
  await requireCsrf(request, formData)
  const parsed = parseForm(organizationSchema, formData)
  if (!parsed.ok) return invalid(parsed)
  const result = await attempt(createOrganization(await getDb(), { actor, clientAddress: clientAddressOf(context) }, parsed.data), formData)
  if (!result.ok) return invalid(result)
  return redirect(`/admin/organizations/${result.value}?created=1`)
}

export default function NewOrganization() {
  const { categories } = useLoaderData<typeof loader>()
  const failure = useActionData<typeof action>()
  const t = useT()
  return (
    <>
      <PageHeader title={t('org.new')} crumbs={[{ to: '/admin/organizations', label: t('org.listTitle') }]} />
      <section className="card">
        <OrganizationForm categories={categories} failure={failure} submitLabel={t('common.create')} />
      </section>
    </>
  )
}

export const ErrorBoundary = GeneralErrorBoundary
