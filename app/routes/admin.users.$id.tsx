import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from '@remix-run/node'
import { redirect } from '@remix-run/node'
import { Form, useActionData, useLoaderData, useSearchParams } from '@remix-run/react'
import { CsrfInput, Field, FormActions, FormError } from '~/components/forms'
import { GeneralErrorBoundary } from '~/components/error-boundary'
import { useLocale, useT } from '~/components/i18n'
import { PageHeader, RoleBadge, StatusBadge } from '~/components/ui'
import { RoleAndOrganizationFields } from '~/components/user-fields'
import { resetPasswordSchema, userUpdateSchema } from '~/domain/schemas'
import { attempt, idParam, invalid, serviceResult } from '~/lib/actions.server'
import { clientAddressOf } from '~/lib/context'
import { requireCsrf } from '~/lib/csrf.server'
import { getDb } from '~/lib/db.server'
import { parseForm } from '~/lib/forms'
import { badRequest } from '~/lib/http.server'
import { formatDateTime } from '~/lib/i18n'
import { requirePermission } from '~/lib/session.server'
import { getUser, resetPassword, setUserStatus, updateUser } from '~/services/users.server'

export const meta: MetaFunction = () => [{ title: '编辑用户 · 采购 Caigou' }]

export async function loader({ request, params }: LoaderFunctionArgs) {
  const actor = await requirePermission(request, 'manage:users')
  const db = await getDb()
  const [user, organizations] = await Promise.all([
    serviceResult(getUser(db, actor, idParam(params.id))),
    db.selectFrom('organizations').select(['id', 'name', 'kind']).orderBy('kind').orderBy('name').execute(),
  ])
  return { user, organizations, isSelf: user.id === actor.id }
}

export async function action({ request, params, context }: ActionFunctionArgs) {
  const actor = await requirePermission(request, 'manage:users')
  const id = idParam(params.id)
  const formData = await request.formData()
  await requireCsrf(request, formData)
  const db = await getDb()
  const ctx = { actor, clientAddress: clientAddressOf(context) }
  const intent = formData.get('intent')
  if (intent === 'disable' || intent === 'enable') {
    const r = await attempt(setUserStatus(db, ctx, id, intent === 'disable' ? 'disabled' : 'active'), formData)
    if (!r.ok) return invalid({ ...r, errors: { _status: r.errors.status } })
    return redirect(`/admin/users/${id}`)
  }
  if (intent === 'reset-password') {
    const parsed = parseForm(resetPasswordSchema, formData)
    if (!parsed.ok) return invalid(parsed)
    await serviceResult(resetPassword(db, ctx, id, parsed.data.newPassword))
    return redirect(`/admin/users/${id}?reset=1`)
  }
  if (intent !== 'save') throw badRequest()
  const parsed = parseForm(userUpdateSchema, formData)
  if (!parsed.ok) return invalid(parsed)
  const r = await attempt(updateUser(db, ctx, id, parsed.data), formData)
  if (!r.ok) return invalid(r)
  return redirect(`/admin/users/${id}?saved=1`)
}

export default function EditUser() {
  const { user, organizations, isSelf } = useLoaderData<typeof loader>()
  const failure = useActionData<typeof action>()
  const [params] = useSearchParams()
  const t = useT()
  const locale = useLocale()
  const e = failure?.errors ?? {}
  const v = failure?.values ?? {}
  return (
    <>
      <PageHeader
        title={`${user.display_name}（${user.username}）`}
        crumbs={[{ to: '/admin/users', label: t('user.listTitle') }]}
        lead={<><RoleBadge role={user.role} /> <StatusBadge status={user.status} /> · {t('user.lastLogin')}: {formatDateTime(user.last_login_at, locale) || t('user.never')}</>}
        actions={
          isSelf ? null : (
            <Form method="post">
              <CsrfInput />
              <button type="submit" name="intent" value={user.status === 'active' ? 'disable' : 'enable'} className={`button ${user.status === 'active' ? 'button--danger' : 'button--secondary'}`}>
                {user.status === 'active' ? t('user.disable') : t('user.enable')}
              </button>
            </Form>
          )
        }
      />
      {params.get('created') ? <div className="alert alert--success" role="status">{t('user.created')}</div> : null}
      {params.get('saved') ? <div className="alert alert--success" role="status">{t('common.saved')}</div> : null}
      {params.get('reset') ? <div className="alert alert--success" role="status">{t('user.passwordReset')}</div> : null}
      <FormError error={e._status} />
      <div className="grid grid--2">
        <section className="card" aria-labelledby="edit-title">
          <h2 id="edit-title">{t('user.editTitle')}</h2>
          <Form method="post" className="form" noValidate>
            <CsrfInput />
            <input type="hidden" name="intent" value="save" />
            <Field label={t('user.displayName')} name="displayName" required defaultValue={v.displayName ?? user.display_name} error={e.displayName} />
            <RoleAndOrganizationFields organizations={organizations} role={v.role ?? user.role} organizationId={v.organizationId ?? (user.organization_id ? String(user.organization_id) : '')} errors={e} />
            <FormActions>
              <button type="submit" className="button">{t('common.save')}</button>
            </FormActions>
          </Form>
        </section>
        <section className="card" aria-labelledby="reset-title">
          <h2 id="reset-title">{t('user.resetPassword')}</h2>
          <Form method="post" className="form" noValidate>
            <CsrfInput />
            <input type="hidden" name="intent" value="reset-password" />
            <Field label={t('user.newPassword')} name="newPassword" type="password" required autoComplete="new-password" minLength={10} error={e.newPassword} hint={t('field.passwordTooShort')} />
            <FormActions>
              <button type="submit" className="button button--secondary">{t('user.resetPassword')}</button>
            </FormActions>
          </Form>
        </section>
      </div>
    </>
  )
}

export const ErrorBoundary = GeneralErrorBoundary
