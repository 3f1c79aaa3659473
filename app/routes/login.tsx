import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from '@remix-run/node'
import { data, redirect } from '@remix-run/node'
import { Form, useActionData, useLoaderData, useNavigation, useSearchParams } from '@remix-run/react'
import { useEffect, useRef } from 'react'
import { CsrfInput, Field, FormError } from '~/components/forms'
import { GeneralErrorBoundary } from '~/components/error-boundary'
import { useT } from '~/components/i18n'
import { RoleBadge } from '~/components/ui'
import { clientAddressOf } from '~/lib/context'
import { requireCsrf } from '~/lib/csrf.server'
import { getDb } from '~/lib/db.server'
import { getEnv } from '~/lib/env.server'
import { parseForm, formValues } from '~/lib/forms'
import type { MessageKey } from '~/lib/i18n'
import { commitSessionId, getActor, getSessionId, safeRedirect } from '~/lib/session.server'
import { signInSchema } from '~/domain/schemas'
import { signIn } from '~/services/auth.server'
import { DEMO_ACCOUNTS, DEMO_PASSWORD } from '../../db/seed-data'

export const meta: MetaFunction = () => [{ title: '登录 · 采购 Caigou' }]

export async function loader({ request }: LoaderFunctionArgs) {
  const redirectTo = safeRedirect(new URL(request.url).searchParams.get('redirectTo'))
  if (await getActor(request)) throw redirect(redirectTo)
  const demo = getEnv().demoMode
  return {
    demoAccounts: demo ? DEMO_ACCOUNTS.map((a) => ({ username: a.username, role: a.role, name: a.display_name })) : [],
    demoPassword: demo ? DEMO_PASSWORD : null,
  }
}

type LoginFailure = { errors: Partial<Record<string, MessageKey>>; formError?: MessageKey; params?: Record<string, number>; values: Record<string, string> }

export async function action({ request, context }: ActionFunctionArgs) {
  const formData = await request.formData()
  await requireCsrf(request, formData)
  const parsed = parseForm(signInSchema, formData)
  if (!parsed.ok) return data<LoginFailure>({ errors: parsed.errors, values: parsed.values }, { status: 400 })

  const result = await signIn(await getDb(), {
    username: parsed.data.username,
    password: parsed.data.password,
    clientAddress: clientAddressOf(context),
    previousSessionId: await getSessionId(request),
  })
  if (!result.ok) {
    const values = formValues(formData)
    if (result.reason === 'throttled') {
      const key = result.scope === 'account' ? 'login.throttledAccount' : 'login.throttledAddress'
      return data<LoginFailure>({ errors: {}, formError: key, params: { minutes: result.retryAfterMinutes }, values }, { status: 429 })
    }
    const key: MessageKey = result.reason === 'disabled' ? 'login.disabled' : 'login.invalid'
    return data<LoginFailure>({ errors: {}, formError: key, values }, { status: 401 })
  }
  // A new session id at every sign-in: a cookie planted before sign-in is worth nothing after it.
  return redirect(safeRedirect(parsed.data.redirectTo), { headers: { 'Set-Cookie': await commitSessionId(result.sessionId) } })
}

export default function Login() {
  const { demoAccounts, demoPassword } = useLoaderData<typeof loader>()
  const failure = useActionData<typeof action>()
  const [params] = useSearchParams()
  const navigation = useNavigation()
  const t = useT()
  const formRef = useRef<HTMLFormElement>(null)
  // After a refused attempt the password field starts empty again, as it does without JavaScript.
  useEffect(() => {
    const field = formRef.current?.elements.namedItem('password')
    if (failure && field instanceof HTMLInputElement) field.value = ''
  }, [failure])
  return (
    <div className="auth">
      <section className="card" aria-labelledby="login-title">
        <h1 id="login-title">{t('login.title')}</h1>
        <p className="muted">{t('app.tagline')}</p>
        {failure?.formError ? (
          <div className="alert alert--error" role="alert">
            {t(failure.formError, failure.params)}
          </div>
        ) : null}
        <Form method="post" className="form" noValidate ref={formRef}>
          <CsrfInput />
          <input type="hidden" name="redirectTo" value={params.get('redirectTo') ?? '/'} />
          <Field label={t('login.username')} name="username" autoComplete="username" required defaultValue={failure?.values.username} error={failure?.errors.username} />
          <Field label={t('login.password')} name="password" type="password" autoComplete="current-password" required error={failure?.errors.password} />
          <FormError error={failure?.errors._form} />
          <button type="submit" className="button" disabled={navigation.state === 'submitting'}>
            {t('login.submit')}
          </button>
        </Form>
      </section>
      {demoAccounts.length > 0 ? (
        <section className="card demo-accounts" aria-labelledby="demo-title">
          <h2 id="demo-title">{t('login.demoTitle')}</h2>
          <p className="muted">{t('login.demoHint', { password: demoPassword ?? '' })}</p>
          <table>
            <thead>
              <tr>
                <th>{t('login.username')}</th>
                <th>{t('user.displayName')}</th>
                <th>{t('user.role')}</th>
              </tr>
            </thead>
            <tbody>
              {demoAccounts.map((a) => (
                <tr key={a.username}>
                  <td className="mono">{a.username}</td>
                  <td className="nowrap">{a.name}</td>
                  <td>
                    <RoleBadge role={a.role} />
                    <div className="muted" style={{ fontSize: 12 }}>{t(`role.${a.role}.does` as MessageKey)}</div>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </section>
      ) : null}
    </div>
  )
}

export const ErrorBoundary = GeneralErrorBoundary
