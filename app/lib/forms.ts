import type { z } from 'zod'
import { isMessageKey, type MessageKey } from './i18n'

// One zod schema per form: its messages are i18n keys, so the action answers with field errors the page can show in
// the user's language next to each field.
export type FieldErrors = Partial<Record<string, MessageKey>>
export type FormValues = Record<string, string>

export type ParsedForm<T> = { ok: true; data: T } | { ok: false; errors: FieldErrors; values: FormValues }

export function formValues(formData: FormData): FormValues {
  const values: FormValues = {}
  for (const [k, v] of formData) {
    // Passwords and the CSRF token are never echoed back into the page.
    if (typeof v === 'string' && !/password|csrf/i.test(k)) values[k] = v
  }
  return values
}

export function parseForm<S extends z.ZodType>(schema: S, formData: FormData): ParsedForm<z.infer<S>> {
  const raw: Record<string, string> = {}
  for (const [k, v] of formData) if (typeof v === 'string') raw[k] = v
  const result = schema.safeParse(raw)
  if (result.success) return { ok: true, data: result.data }
  const errors: FieldErrors = {}
  for (const issue of result.error.issues) {
    const field = String(issue.path[0] ?? '_form')
    if (errors[field]) continue
    errors[field] = isMessageKey(issue.message) ? issue.message : issue.code === 'invalid_type' ? 'field.required' : 'field.invalidChoice'
  }
  return { ok: false, errors, values: formValues(formData) }
}

/** The same shape for an error found after parsing (a taken username, a wrong current password). */
export function fieldError(field: string, key: MessageKey, formData: FormData): { ok: false; errors: FieldErrors; values: FormValues } {
  return { ok: false, errors: { [field]: key }, values: formValues(formData) }
}
