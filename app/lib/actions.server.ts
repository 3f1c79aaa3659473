import { data } from '@remix-run/node'
import { FieldError, ForbiddenError, NotFoundError } from '~/services/errors'
import { formValues, type FieldErrors, type FormValues } from './forms'
import { forbidden, notFound } from './http.server'

export type ActionFailure = { ok: false; errors: FieldErrors; values: FormValues }

/** Turns a service's refusal into the page a loader answers with: 403 or 404. */
export async function serviceResult<T>(work: Promise<T>): Promise<T> {
  try {
    return await work
  } catch (err) {
    if (err instanceof ForbiddenError) throw forbidden()
    if (err instanceof NotFoundError) throw notFound()
    throw err
  }
}

/** For actions: a refusal about a field comes back as a failure to show beside that field; the rest as serviceResult. */
export async function attempt<T>(work: Promise<T>, formData: FormData): Promise<{ ok: true; value: T } | ActionFailure> {
  try {
    return { ok: true, value: await serviceResult(work) }
  } catch (err) {
    if (err instanceof FieldError) return { ok: false, errors: { [err.field]: err.messageKey }, values: formValues(formData) }
    throw err
  }
}

/** Field errors answered with 400, so the form is shown again with each message beside its field. */
export function invalid(failure: ActionFailure) {
  return data(failure, { status: 400 })
}

export function pageParams(url: URL, pageSize = 20) {
  const page = Math.max(1, Math.min(10_000, Number.parseInt(url.searchParams.get('page') ?? '1', 10) || 1))
  return { page, pageSize }
}

export function idParam(value: string | undefined): number {
  const id = Number(value)
  if (!Number.isInteger(id) || id <= 0) throw notFound()
  return id
}

export function oneOf<T extends string>(value: string | null, allowed: readonly T[]): T | undefined {
  return allowed.includes(value as T) ? (value as T) : undefined
}
