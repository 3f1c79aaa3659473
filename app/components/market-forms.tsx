import { useId } from 'react'
import { useT } from './i18n'
import type { MessageKey } from '~/lib/i18n'

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
  const t = useT()
  const id = useId()
  const errorId = `${id}-error`
  return (
    <div className={`field${error ? ' field--invalid' : ''}`}>
      <label htmlFor={id}>
        {label}
        {required ? <span className="required" aria-hidden="true"> *</span> : null}
      </label>
      <textarea id={id} name={name} rows={rows} defaultValue={defaultValue ?? undefined} required={required} aria-invalid={error ? true : undefined} aria-describedby={error ? errorId : undefined} />
      {hint ? <p className="field__hint">{hint}</p> : null}
      {error ? (
        <p id={errorId} className="field__error" role="alert">
          {t(error)}
        </p>
      ) : null}
    </div>
  )
}
