import type { MessageKey } from '~/lib/i18n'

/** A use case refused because of who is asking; routes turn it into a 403 page. */
export class ForbiddenError extends Error {
  constructor(message = 'forbidden') {
    super(message)
  }
}

/** A use case refused because of what was sent; routes show the message next to the field. */
export class FieldError extends Error {
  constructor(
    readonly field: string,
    readonly messageKey: MessageKey,
  ) {
    super(`${field}: ${messageKey}`)
  }
}

export class NotFoundError extends Error {}
