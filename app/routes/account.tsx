import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from '@remix-run/node'
import { Form, Link, useActionData, useLoaderData } from '@remix-run/react'
import { CsrfInput, Field, FormActions } from '~/components/forms'
import { GeneralErrorBoundary } from '~/components/error-boundary'
import { useLocale, useT } from '~/components/i18n'
import { PageHeader, RoleBadge } from '~/components/ui'
import { changePasswordSchema } from '~/domain/schemas'
import { attempt, invalid } from '~/lib/actions.server'
import { clientAddressOf } from '~/lib/context'
import { requireCsrf } from '~/lib/csrf.server'
import { getDb } from '~/lib/db.server'
import { parseForm } from '~/lib/forms'
import { formatDateTime } from '~/lib/i18n'
import { getSessionId, requireActor } from '~/lib/session.server'
import { changeOwnPassword, getOwnProfile } from '~/services/users.server'

export const meta: MetaFunction = () => [{ title: '我的账户 · 采购 Caigou' }]

export async function loader({ request }: LoaderFunctionArgs) {
  const actor = await requireActor(request)
  return { profile: await getOwnProfile(await getDb(), actor) }
}

export async function action({ request, context }: ActionFunctionArgs) {
  const actor = await requireActor(request)
  const formData = await request.formData()
  await requireCsrf(request, formData)
  const parsed = parseForm(changePasswordSchema, formData)
  if (!parsed.ok) return invalid(parsed)
  const result = await attempt(
    changeOwnPassword(await getDb(), { actor, clientAddress: clientAddressOf(context) }, {
      currentPassword: parsed.data.currentPassword,
      newPassword: parsed.data.newPassword,
      keepSessionId: await getSessionId(request),
    }),
    formData,
  )
  if (!result.ok) return invalid(result)
  return { ok: true as const }
}

export default function Account() {
  const { profile } = useLoaderData<typeof loader>()
  const result = useActionData<typeof action>()
  const failure = result && !result.ok ? result : null
  const t = useT()
  const locale = useLocale()
  return (
    <>
      <PageHeader title={t('account.title')} />
      <div className="grid grid--2">
        <section className="card" aria-labelledby="profile-title">
          <h2 id="profile-title">{t('account.profile')}</h2>
          <dl className="details">
            <dt>{t('user.username')}</dt>
            <dd className="mono">{profile.username}</dd>
            <dt>{t('account.displayName')}</dt>
            <dd>{profile.display_name}</dd>
            <dt>{t('user.role')}</dt>
            <dd><RoleBadge role={profile.role} /></dd>
            <dt>{t('account.organization')}</dt>
            <dd>{profile.organization_id ? <Link to={`/organizations/${profile.organization_id}`}>{profile.organization_name}</Link> : t('common.none')}</dd>
            <dt>{t('account.lastLogin')}</dt>
            <dd>{formatDateTime(profile.last_login_at, locale) || t('user.never')}</dd>
          </dl>
        </section>
        <section className="card" aria-labelledby="pw-title">
          <h2 id="pw-title">{t('account.changePassword')}</h2>
          {result?.ok ? <div className="alert alert--success" role="status">{t('account.passwordChanged')}</div> : null}
          <Form method="post" className="form" noValidate>
            <CsrfInput />
            <Field label={t('account.currentPassword')} name="currentPassword" type="password" autoComplete="current-password" required error={failure?.errors.currentPassword} />
            <Field label={t('account.newPassword')} name="newPassword" type="password" autoComplete="new-password" required minLength={10} error={failure?.errors.newPassword} hint={t('field.passwordTooShort')} />
            <Field label={t('account.confirmPassword')} name="confirmPassword" type="password" autoComplete="new-password" required error={failure?.errors.confirmPassword} />
            <FormActions>
              <button type="submit" className="button">{t('common.save')}</button>
            </FormActions>
          </Form>
        </section>
      </div>
    </>
  )
}

export const ErrorBoundary = GeneralErrorBoundary
