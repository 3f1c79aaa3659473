import { data } from '@remix-run/node'
import type { MessageKey } from './i18n'

// Thrown from loaders and actions; the route's error boundary shows the message in the user's language.
export type ErrorPayload = { messageKey: MessageKey }

export function forbidden(messageKey: MessageKey = 'error.forbidden.body') {
  return data<ErrorPayload>({ messageKey }, { status: 403 })
}

export function notFound(messageKey: MessageKey = 'error.notFound.body') {
  return data<ErrorPayload>({ messageKey }, { status: 404 })
}

export function badRequest(messageKey: MessageKey = 'error.badRequest.body') {
  return data<ErrorPayload>({ messageKey }, { status: 400 })
}
