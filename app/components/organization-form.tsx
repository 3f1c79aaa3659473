import { Form } from '@remix-run/react'
import { CsrfInput, Field, FormActions, SelectField } from './forms'
import { useLocale, useT } from './i18n'
import type { FieldErrors, FormValues } from '~/lib/forms'
import type { MessageKey } from '~/lib/i18n'
import { ORGANIZATION_KINDS } from '../../db/schema'

export interface OrganizationFormDefaults {
  name: string
  kind: string
  creditCode: string
  region: string
  address: string
  contactName: string
  contactPhone: string
  mainCategoryCode: string
}

/** One form for creating and editing an organisation; the schema behind it is organizationSchema. */
export function OrganizationForm({
  defaults,
  failure,
  categories,
  submitLabel,
}: {
  defaults?: Partial<OrganizationFormDefaults>
  failure?: { errors: FieldErrors; values: FormValues } | null
  categories: { code: string; name_zh: string; name_en: string }[]
  submitLabel: string
}) {
  const t = useT()
  const locale = useLocale()
  const v = (k: keyof OrganizationFormDefaults) => failure?.values[k] ?? defaults?.[k] ?? ''
  const e = failure?.errors ?? {}
  return (
    <Form method="post" className="form" noValidate>
      <CsrfInput />
      <input type="hidden" name="intent" value="save" />
      <div className="form-grid">
        <Field label={t('org.name')} name="name" required maxLength={120} defaultValue={v('name')} error={e.name} />
        <SelectField
          label={t('org.kind')}
          name="kind"
          required
          defaultValue={v('kind') || 'supplier'}
          error={e.kind}
          options={ORGANIZATION_KINDS.map((k) => ({ value: k, label: t(`orgKind.${k}` as MessageKey) }))}
        />
        <Field label={t('org.creditCode')} name="creditCode" required maxLength={18} defaultValue={v('creditCode')} error={e.creditCode} hint="18 位，例如 91440300MA5XXXXXXX" />
        <Field label={t('org.region')} name="region" required defaultValue={v('region')} error={e.region} placeholder="广东省深圳市福田区" />
        <Field label={t('org.address')} name="address" defaultValue={v('address')} error={e.address} />
        <Field label={t('org.contactName')} name="contactName" defaultValue={v('contactName')} error={e.contactName} />
        <Field label={t('org.contactPhone')} name="contactPhone" type="tel" defaultValue={v('contactPhone')} error={e.contactPhone} />
        <SelectField
          label={t('org.mainCategory')}
          name="mainCategoryCode"
          defaultValue={v('mainCategoryCode')}
          error={e.mainCategoryCode}
          options={[{ value: '', label: t('common.none') }, ...categories.map((c) => ({ value: c.code, label: `${c.code} ${locale === 'en' ? c.name_en : c.name_zh}` }))]}
        />
      </div>
      <FormActions>
        <button type="submit" className="button">{submitLabel}</button>
      </FormActions>
    </Form>
  )
}
