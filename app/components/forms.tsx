import type { ReactNode } from 'react'
import { useId } from 'react'
import { useRootData, useT } from './i18n'
import type { MessageKey } from '~/lib/i18n'

/** Every form that changes anything carries this browser's CSRF token. */
export function CsrfInput() {
  const token = useRootData()?.csrf ?? ''
  return <input type="hidden" name="csrf" value={token} />
}

/** The label, hint and error around one control; the control gets the ids to point at them (aria-describedby). */
function FieldShell({
  label,
  required,
  hint,
  error,
  children,
}: {
  label: string
  required?: boolean
  hint?: string
  error?: MessageKey
  children: (ids: { id: string; describedBy: string | undefined; invalid: true | undefined }) => ReactNode
}) {
  const t = useT()
  const id = useId()
  const errorId = `${id}-error`
  const hintId = `${id}-hint`
  const describedBy = [error ? errorId : null, hint ? hintId : null].filter(Boolean).join(' ') || undefined
  return (
    <div className={`field${error ? ' field--invalid' : ''}`}>
      <label htmlFor={id}>
        {label}
        {required ? <span className="required" aria-hidden="true"> *</span> : null}
      </label>
      {children({ id, describedBy, invalid: error ? true : undefined })}
      {hint ? <p id={hintId} className="field__hint">{hint}</p> : null}
      {error ? (
        <p id={errorId} className="field__error" role="alert">
          {t(error)}
        </p>
      ) : null}
    </div>
  )
}

interface FieldProps {
  label: string
  name: string
  error?: MessageKey
  hint?: string
  type?: string
  defaultValue?: string | number | null
  required?: boolean
  autoComplete?: string
  maxLength?: number
  minLength?: number
  placeholder?: string
  pattern?: string
  inputMode?: 'text' | 'numeric' | 'tel'
}

/** A labelled input whose error sits next to it and is announced: aria-invalid and aria-describedby point at it. */
export function Field({ label, name, error, hint, type = 'text', defaultValue, ...rest }: FieldProps) {
  return (
    <FieldShell label={label} required={rest.required} hint={hint} error={error}>
      {({ id, describedBy, invalid }) => (
        <input id={id} name={name} type={type} defaultValue={defaultValue ?? undefined} aria-invalid={invalid} aria-describedby={describedBy} {...rest} />
      )}
    </FieldShell>
  )
}

interface SelectFieldProps {
  label: string
  name: string
  options: readonly { value: string; label: string }[]
  error?: MessageKey
  defaultValue?: string | null
  required?: boolean
  hint?: string
}

export function SelectField({ label, name, options, error, defaultValue, required, hint }: SelectFieldProps) {
  return (
    <FieldShell label={label} required={required} hint={hint} error={error}>
      {({ id, describedBy, invalid }) => (
        <select id={id} name={name} defaultValue={defaultValue ?? ''} required={required} aria-invalid={invalid} aria-describedby={describedBy}>
          {options.map((o) => (
            <option key={o.value} value={o.value}>
              {o.label}
            </option>
          ))}
        </select>
      )}
    </FieldShell>
  )
}

/** A labelled textarea whose error sits next to it, like Field. */
export function TextAreaField({
  label,
  name,
  error,
  defaultValue,
  required,
  hint,
  rows = 4,
}: {
  label: string
  name: string
  error?: MessageKey
  defaultValue?: string | null
  required?: boolean
  hint?: string
  rows?: number
}) {
  return (
    <FieldShell label={label} required={required} hint={hint} error={error}>
      {({ id, describedBy, invalid }) => (
        <textarea id={id} name={name} rows={rows} defaultValue={defaultValue ?? undefined} required={required} aria-invalid={invalid} aria-describedby={describedBy} />
      )}
    </FieldShell>
  )
}

/** An error that belongs to the whole form rather than one field. */
export function FormError({ error }: { error?: MessageKey }) {
  const t = useT()
  if (!error) return null
  return (
    <div className="alert alert--error" role="alert">
      {t(error)}
    </div>
  )
}

export function FormActions({ children }: { children: ReactNode }) {
  return <div className="form-actions">{children}</div>
}
