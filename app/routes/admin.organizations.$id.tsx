import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from '@remix-run/node'
import { redirect } from '@remix-run/node'
import { Form, Link, useActionData, useLoaderData, useSearchParams } from '@remix-run/react'
import { CsrfInput } from '~/components/forms'
import { GeneralErrorBoundary } from '~/components/error-boundary'
import { useLocale, useT } from '~/components/i18n'
import { OrganizationForm } from '~/components/organization-form'
import { PageHeader, RoleBadge, StatusBadge } from '~/components/ui'
import { organizationSchema } from '~/domain/schemas'
import { attempt, idParam, invalid, serviceResult } from '~/lib/actions.server'
import { clientAddressOf } from '~/lib/context'
import { requireCsrf } from '~/lib/csrf.server'
import { getDb } from '~/lib/db.server'
import { parseForm } from '~/lib/forms'
import { badRequest } from '~/lib/http.server'
import { formatDateTime } from '~/lib/i18n'
import { requirePermission } from '~/lib/session.server'
import { getOrganization, listCategories, setOrganizationStatus, updateOrganization } from '~/services/organizations.server'

export const meta: MetaFunction = () => [{ title: '编辑单位 · 采购 Caigou' }]

export async function loader({ request, params }: LoaderFunctionArgs) {
  const actor = await requirePermission(request, 'manage:organizations')
  const db = await getDb()
  const [detail, categories] = await Promise.all([serviceResult(getOrganization(db, actor, idParam(params.id))), listCategories(db)])
  return { ...detail, categories }
}

export async function action({ request, params, context }: ActionFunctionArgs) {
  const actor = await requirePermission(request, 'manage:organizations')
  const id = idParam(params.id)
  const formData = await request.formData()
  await requireCsrf(request, formData)
  const ctx = { actor, clientAddress: clientAddressOf(context) }
  const db = await getDb()
  const intent = formData.get('intent')
  if (intent === 'disable' || intent === 'enable') {
    await serviceResult(setOrganizationStatus(db, ctx, id, intent === 'disable' ? 'disabled' : 'active'))
    return redirect(`/admin/organizations/${id}`)
  }
  if (intent !== 'save') throw badRequest()
  const parsed = parseForm(organizationSchema, formData)
  if (!parsed.ok) return invalid(parsed)
  const result = await attempt(updateOrganization(db, ctx, id, parsed.data), formData)
  if (!result.ok) return invalid(result)
  return redirect(`/admin/organizations/${id}?saved=1`)
}

export default function EditOrganization() {
  const { org, users, categories } = useLoaderData<typeof loader>()
  const failure = useActionData<typeof action>()
  const [params] = useSearchParams()
  const t = useT()
  const locale = useLocale()
  return (
    <>
      <PageHeader
        title={org.name}
        crumbs={[{ to: '/admin/organizations', label: t('org.listTitle') }]}
        lead={<StatusBadge status={org.status} />}
        actions={
          org.kind === 'center' ? null : (
            <Form method="post">
              <CsrfInput />
              <button type="submit" name="intent" value={org.status === 'active' ? 'disable' : 'enable'} className={`button ${org.status === 'active' ? 'button--danger' : 'button--secondary'}`}>
                {org.status === 'active' ? t('org.disable') : t('org.enable')}
              </button>
            </Form>
          )
        }
      />
      {params.get('created') ? <div className="alert alert--success" role="status">{t('org.created')}</div> : null}
      {params.get('saved') ? <div className="alert alert--success" role="status">{t('common.saved')}</div> : null}
      {org.status === 'disabled' ? <div className="alert alert--info">{t('org.disabledNote')}</div> : null}
      <section className="card" aria-labelledby="edit-title">
        <h2 id="edit-title">{t('org.editTitle')}</h2>
        <OrganizationForm
          key={org.updated_at.toString()}
          categories={categories}
          failure={failure}
          submitLabel={t('common.save')}
          defaults={{
            name: org.name,
            kind: org.kind,
            creditCode: org.credit_code,
            region: org.region,
            address: org.address,
            contactName: org.contact_name,
            contactPhone: org.contact_phone,
            mainCategoryCode: org.main_category_code ?? '',
          }}
        />
      </section>
      <section className="card" aria-labelledby="users-title">
        <h2 id="users-title">{t('org.users')}</h2>
        <div className="table-wrap">
          <table>
            <thead>
              <tr>
                <th>{t('user.username')}</th>
                <th>{t('user.displayName')}</th>
                <th>{t('user.role')}</th>
                <th>{t('user.lastLogin')}</th>
                <th>{t('common.status')}</th>
              </tr>
            </thead>
            <tbody>
              {users.map((u) => (
                <tr key={u.id}>
                  <td className="mono"><Link to={`/admin/users/${u.id}`}>{u.username}</Link></td>
                  <td>{u.display_name}</td>
                  <td><RoleBadge role={u.role} /></td>
                  <td>{formatDateTime(u.last_login_at, locale) || t('user.never')}</td>
                  <td><StatusBadge status={u.status} /></td>
                </tr>
              ))}
              {users.length === 0 ? <tr><td colSpan={5} className="empty">{t('common.noResults')}</td></tr> : null}
            </tbody>
          </table>
        </div>
        <p><Link to={`/admin/users/new?organizationId=${org.id}`}>+ {t('user.new')}</Link></p>
      </section>
    </>
  )
}

export const ErrorBoundary = GeneralErrorBoundary
