import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from '@remix-run/node'
import { redirect } from '@remix-run/node'
import { Form, useActionData, useLoaderData, useSearchParams } from '@remix-run/react'
import { CsrfInput, Field, FormActions } from '~/components/forms'
import { GeneralErrorBoundary } from '~/components/error-boundary'
import { useT } from '~/components/i18n'
import { PageHeader } from '~/components/ui'
import { RoleAndOrganizationFields } from '~/components/user-fields'
import { userCreateSchema } from '~/domain/schemas'
import { attempt, invalid } from '~/lib/actions.server'
import { clientAddressOf } from '~/lib/context'
import { requireCsrf } from '~/lib/csrf.server'
import { getDb } from '~/lib/db.server'
import { parseForm } from '~/lib/forms'
import { requirePermission } from '~/lib/session.server'
import { createUser } from '~/services/users.server'

export const meta: MetaFunction = () => [{ title: '新建用户 · 采购 Caigou' }]

export async function loader({ request }: LoaderFunctionArgs) {
  await requirePermission(request, 'manage:users')
  const db = await getDb()
  const organizations = await db.selectFrom('organizations').select(['id', 'name', 'kind']).where('status', '=', 'active').orderBy('kind').orderBy('name').execute()
  return { organizations }
}

export async function action({ request, context }: ActionFunctionArgs) {
  const actor = await requirePermission(request, 'manage:users')
  const formData = await request.formData()
  await requireCsrf(request, formData)
  const parsed = parseForm(userCreateSchema, formData)
  if (!parsed.ok) return invalid(parsed)
  const result = await attempt(createUser(await getDb(), { actor, clientAddress: clientAddressOf(context) }, parsed.data), formData)
  if (!result.ok) return invalid(result)
  return redirect(`/admin/users/${result.value}?created=1`)
}

export default function NewUser() {
  const { organizations } = useLoaderData<typeof loader>()
  const failure = useActionData<typeof action>()
  const [params] = useSearchParams()
  const t = useT()
  const e = failure?.errors ?? {}
  const v = failure?.values ?? {}
  return (
    <>
      <PageHeader title={t('user.new')} crumbs={[{ to: '/admin/users', label: t('user.listTitle') }]} />
      <section className="card">
        <Form method="post" className="form" noValidate>
          <CsrfInput />
          <div className="form-grid">
            <Field label={t('user.username')} name="username" required autoComplete="off" defaultValue={v.username} error={e.username} hint={t('field.usernameFormat')} />
            <Field label={t('user.displayName')} name="displayName" required defaultValue={v.displayName} error={e.displayName} />
            <RoleAndOrganizationFields organizations={organizations} role={v.role ?? 'supplier'} organizationId={v.organizationId ?? params.get('organizationId') ?? ''} errors={e} />
            <Field label={t('user.password')} name="password" type="password" required autoComplete="new-password" minLength={10} error={e.password} hint={t('field.passwordTooShort')} />
          </div>
          <FormActions>
            <button type="submit" className="button">{t('common.create')}</button>
          </FormActions>
        </Form>
      </section>
    </>
  )
}

export const ErrorBoundary = GeneralErrorBoundary
