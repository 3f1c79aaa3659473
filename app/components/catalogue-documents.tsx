import { useId } from 'react'
import { useLocale, useT } from './i18n'
import type { FieldErrors } from '~/lib/forms'
import type { QualificationDef } from '~/domain/catalogue'

/** One file input per qualification the category asks for, each with its own error. */
export function DocumentInputs({ qualifications, errors, requireAll }: { qualifications: QualificationDef[]; errors: FieldErrors; requireAll: boolean }) {
  const t = useT()
  const locale = useLocale()
  const base = useId()
  return (
    <>
      {qualifications.map((q) => {
        const id = `${base}-${q.key}`
        const err = errors[`doc.${q.key}`]
        const required = requireAll && q.required
        return (
          <div key={q.key} className={`field${err ? ' field--invalid' : ''}`}>
            <label htmlFor={id}>
              {locale === 'en' ? q.name_en : q.name_zh}
              {required ? <span className="required" aria-hidden="true"> *</span> : null}
            </label>
            <input id={id} type="file" name={`doc.${q.key}`} accept=".pdf,.png,.jpg,.jpeg,application/pdf,image/png,image/jpeg" aria-invalid={err ? true : undefined} aria-describedby={err ? `${id}-error` : `${id}-hint`} />
            <p id={`${id}-hint`} className="field__hint">{t('cat.app.documentsHint')}</p>
            {err ? <p id={`${id}-error`} className="field__error" role="alert">{t(err)}</p> : null}
          </div>
        )
      })}
    </>
  )
}
