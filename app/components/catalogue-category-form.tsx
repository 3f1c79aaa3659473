import { Form } from '@remix-run/react'
import { useId } from 'react'
import { CsrfInput, Field, FormActions, SelectField } from './forms'
import { useT } from './i18n'
import type { FieldErrors, FormValues } from '~/lib/forms'
import type { MessageKey } from '~/lib/i18n'

export type CategoryFormDefaults = Record<
  'code' | 'nameZh' | 'nameEn' | 'kind' | 'market' | 'qualifications' | 'itemFields' | 'ratingCriteria' | 'orderCeiling' | 'annualCeiling' | 'allocation' | 'confirmDays' | 'validityMonths' | 'description',
  string
> & { passOnDecline: boolean; priceRiseApproval: boolean }

function TextArea({ label, name, hint, error, defaultValue, line, rows = 4 }: { label: string; name: string; hint: string; error?: MessageKey; defaultValue: string; line?: number; rows?: number }) {
  const t = useT()
  const id = useId()
  return (
    <div className={`field${error ? ' field--invalid' : ''}`} style={{ gridColumn: '1 / -1' }}>
      <label htmlFor={id}>{label}</label>
      <textarea id={id} name={name} rows={rows} defaultValue={defaultValue} className="mono" style={{ width: '100%', fontSize: 13 }} aria-invalid={error ? true : undefined} aria-describedby={`${id}-hint${error ? ` ${id}-error` : ''}`} />
      <p id={`${id}-hint`} className="field__hint">{hint}</p>
      {error ? <p id={`${id}-error`} className="field__error" role="alert">{t(error, { line: line ?? '?' })}</p> : null}
    </div>
  )
}

/** Creating and editing a category: names, market, qualifications, item fields, rating criteria and the ordering rules. */
export function CategoryForm({ defaults, failure, isNew }: { defaults: CategoryFormDefaults; failure?: { errors: FieldErrors; values: FormValues; line?: Record<string, number> } | null; isNew: boolean }) {
  const t = useT()
  const e = failure?.errors ?? {}
  const v = (k: keyof CategoryFormDefaults) => (failure ? (failure.values[k] ?? '') : String(defaults[k]))
  const checked = (k: 'passOnDecline' | 'priceRiseApproval') => (failure ? failure.values[k] === 'on' : defaults[k])
  return (
    <Form method="post" className="form" noValidate>
      <CsrfInput />
      <div className="form-grid">
        {isNew ? <Field label={t('cat.category.code')} name="code" required maxLength={10} defaultValue={v('code')} error={e.code} placeholder="C11" /> : <input type="hidden" name="code" value={defaults.code} />}
        <Field label={t('cat.category.nameZh')} name="nameZh" required maxLength={40} defaultValue={v('nameZh')} error={e.nameZh} />
        <Field label={t('cat.category.nameEn')} name="nameEn" required maxLength={80} defaultValue={v('nameEn')} error={e.nameEn} />
        <SelectField label={t('cat.category.kind')} name="kind" required defaultValue={v('kind')} error={e.kind} options={(['goods', 'services', 'works'] as const).map((k) => ({ value: k, label: t(`categoryKind.${k}`) }))} />
        <SelectField label={t('cat.category.market')} name="market" required defaultValue={v('market')} error={e.market} options={(['catalogue', 'supermarket'] as const).map((k) => ({ value: k, label: t(`market.${k}`) }))} />
        <SelectField label={t('cat.category.allocation')} name="allocation" required defaultValue={v('allocation')} error={e.allocation} options={(['free', 'rotation', 'draw'] as const).map((k) => ({ value: k, label: t(`cat.allocation.${k}`) }))} />
        <Field label={t('cat.category.orderCeiling')} name="orderCeiling" inputMode="numeric" defaultValue={v('orderCeiling')} error={e.orderCeiling} hint={t('cat.category.ceilingHint')} />
        <Field label={t('cat.category.annualCeiling')} name="annualCeiling" inputMode="numeric" defaultValue={v('annualCeiling')} error={e.annualCeiling} hint={t('cat.category.ceilingHint')} />
        <Field label={t('cat.category.confirmDays')} name="confirmDays" inputMode="numeric" required defaultValue={v('confirmDays')} error={e.confirmDays} />
        <Field label={t('cat.category.validityMonths')} name="validityMonths" inputMode="numeric" required defaultValue={v('validityMonths')} error={e.validityMonths} />
        <div className="field">
          <label><input type="checkbox" name="passOnDecline" defaultChecked={checked('passOnDecline')} /> {t('cat.category.passOnDecline')}</label>
          <label><input type="checkbox" name="priceRiseApproval" defaultChecked={checked('priceRiseApproval')} /> {t('cat.category.priceRiseApproval')}</label>
        </div>
        <TextArea label={t('cat.category.qualifications')} name="qualifications" hint={t('cat.category.qualificationsHint')} error={e.qualifications} line={failure?.line?.qualifications} defaultValue={v('qualifications')} />
        <TextArea label={t('cat.category.itemFields')} name="itemFields" hint={t('cat.category.itemFieldsHint')} error={e.itemFields} line={failure?.line?.itemFields} defaultValue={v('itemFields')} rows={5} />
        <TextArea label={t('cat.category.ratingCriteria')} name="ratingCriteria" hint={t('cat.category.ratingCriteriaHint')} error={e.ratingCriteria} line={failure?.line?.ratingCriteria} defaultValue={v('ratingCriteria')} rows={3} />
        <TextArea label={t('cat.category.description')} name="description" hint="" error={e.description} defaultValue={v('description')} rows={2} />
      </div>
      <FormActions>
        <button type="submit" className="button">{isNew ? t('common.create') : t('common.save')}</button>
      </FormActions>
    </Form>
  )
}
