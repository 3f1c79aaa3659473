import { isRouteErrorResponse, Link, useRouteError } from '@remix-run/react'
import { useT } from './i18n'
import { isMessageKey, type MessageKey } from '~/lib/i18n'

const TITLES: Record<number, MessageKey> = {
  400: 'error.badRequest.title',
  403: 'error.forbidden.title',
  404: 'error.notFound.title',
}
const BODIES: Record<number, MessageKey> = {
  400: 'error.badRequest.body',
  403: 'error.forbidden.body',
  404: 'error.notFound.body',
}

/** Every route exports this: a refusal or a missing page is explained in the user's language, inside the layout. */
export function GeneralErrorBoundary() {
  const error = useRouteError()
  const t = useT()
  let status = 500
  let body: MessageKey = 'error.server.body'
  if (isRouteErrorResponse(error)) {
    status = error.status
    const key = (error.data as { messageKey?: string } | undefined)?.messageKey
    body = key && isMessageKey(key) ? key : (BODIES[status] ?? 'error.server.body')
  } else {
    console.error(error)
  }
  return (
    <section className="error-page" aria-labelledby="error-title">
      <div className="error-page__code">{status}</div>
      <h1 id="error-title">{t(TITLES[status] ?? 'error.title')}</h1>
      <p>{t(body)}</p>
      <p className="error-page__links">
        <Link to="/">{t('error.goHome')}</Link>
      </p>
    </section>
  )
}
