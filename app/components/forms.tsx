import type { ReactNode } from 'react'
import { useId } from 'react'
import { useRootData, useT } from './i18n'
import type { MessageKey } from '~/lib/i18n'

/** Every form that changes anything carries this browser's CSRF token. */
export function CsrfInput() {
  const token = useRootData()?.csrf ?? ''
  return <input type="hidden" name="csrf" value={token} />
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
  autoFocus?: boolean
  pattern?: string
  inputMode?: 'text' | 'numeric' | 'tel'
}

/** A labelled input whose error sits next to it and is announced: aria-invalid and aria-describedby point at it. */
export function Field({ label, name, error, hint, type = 'text', defaultValue, ...rest }: FieldProps) {
  const t = useT()
  const id = useId()
  const errorId = `${id}-error`
  const hintId = `${id}-hint`
  const describedBy = [error ? errorId : null, hint ? hintId : null].filter(Boolean).join(' ') || undefined
  return (
    <div className={`field${error ? ' field--invalid' : ''}`}>
      <label htmlFor={id}>
        {label}
        {rest.required ? <span className="required" aria-hidden="true"> *</span> : null}
      </label>
      <input
        id={id}
        name={name}
        type={type}
        defaultValue={defaultValue ?? undefined}
        aria-invalid={error ? true : undefined}
        aria-describedby={describedBy}
        {...rest}
      />
      {hint ? <p id={hintId} className="field__hint">{hint}</p> : null}
      {error ? (
        <p id={errorId} className="field__error" role="alert">
          {t(error)}
        </p>
      ) : null}
    </div>
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
  const t = useT()
  const id = useId()
  const errorId = `${id}-error`
  return (
    <div className={`field${error ? ' field--invalid' : ''}`}>
      <label htmlFor={id}>
        {label}
        {required ? <span className="required" aria-hidden="true"> *</span> : null}
      </label>
      <select id={id} name={name} defaultValue={defaultValue ?? ''} required={required} aria-invalid={error ? true : undefined} aria-describedby={error ? errorId : undefined}>
        {options.map((o) => (
          <option key={o.value} value={o.value}>
            {o.label}
          </option>
        ))}
      </select>
      {hint ? <p className="field__hint">{hint}</p> : null}
      {error ? (
        <p id={errorId} className="field__error" role="alert">
          {t(error)}
        </p>
      ) : null}
    </div>
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
