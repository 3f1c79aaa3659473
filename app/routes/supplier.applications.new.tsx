import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from '@remix-run/node'
import { redirect } from '@remix-run/node'
import { Form, useActionData, useLoaderData, useNavigate } from '@remix-run/react'
import { GeneralErrorBoundary } from '~/components/error-boundary'
import { CsrfInput, Field, FormActions, FormError } from '~/components/forms'
import { useLocale, useT } from '~/components/i18n'
import { DocumentInputs } from '~/components/catalogue-documents'
import { PageHeader } from '~/components/ui'
import { applicationSchema } from '~/domain/catalogue'
import { attempt, invalid } from '~/lib/actions.server'
import { collectDocuments } from '~/lib/catalogue-uploads.server'
import { clientAddressOf } from '~/lib/context'
import { requireCsrf } from '~/lib/csrf.server'
import { getDb } from '~/lib/db.server'
import { parseForm, formValues } from '~/lib/forms'
import { requireRole } from '~/lib/session.server'
import { submitApplication } from '~/services/catalogue-applications.server'
import { getRules, listCatalogueCategories } from '~/services/catalogue.server'

export const meta: MetaFunction = () => [{ title: '申请入库 · 采购 Caigou' }]

export async function loader({ request }: LoaderFunctionArgs) {
  const actor = await requireRole(request, ['supplier'])
  const db = await getDb()
  const url = new URL(request.url)
  const categories = await listCatalogueCategories(db)
  const code = url.searchParams.get('category') ?? ''
  const chosen = categories.find((c) => c.code === code) ?? null
  const org = await db.selectFrom('organizations').select(['name', 'contact_name', 'contact_phone', 'address']).where('id', '=', actor.organizationId ?? 0).executeTakeFirst()
  const membership = chosen
    ? await db.selectFrom('memberships').select('status').where('organization_id', '=', actor.organizationId ?? 0).where('category_code', '=', chosen.code).executeTakeFirst()
    : undefined
  return { categories, chosen, rules: chosen ? await getRules(db, chosen.code) : null, org, renewal: !!membership && membership.status !== 'removed' }
}

export async function action({ request, context }: ActionFunctionArgs) {
  const actor = await requireRole(request, ['supplier'])
  const formData = await request.formData()
  await requireCsrf(request, formData)
  const parsed = parseForm(applicationSchema, formData)
  const docs = await collectDocuments(formData)
  if (!parsed.ok || !docs.ok) {
    return invalid({ ok: false, errors: { ...(parsed.ok ? {} : parsed.errors), ...(docs.ok ? {} : docs.errors) }, values: formValues(formData) })
  }
  const d = parsed.data
  const result = await attempt(
    submitApplication(await getDb(), { actor, clientAddress: clientAddressOf(context) }, {
      categoryCode: d.categoryCode,
      company: { contactName: d.contactName, contactPhone: d.contactPhone, address: d.address, introduction: d.introduction },
      commitmentSignedBy: d.commitmentSignedBy,
      documents: docs.documents,
    }),
    formData,
  )
  if (!result.ok) return invalid(result)
  return redirect(`/supplier/applications/${result.value}?submitted=1`)
}

export default function NewApplication() {
  const { categories, chosen, rules, org, renewal } = useLoaderData<typeof loader>()
  const failure = useActionData<typeof action>()
  const t = useT()
  const locale = useLocale()
  const navigate = useNavigate()
  const e = failure?.errors ?? {}
  const v = (k: string, fallback = '') => failure?.values[k] ?? fallback
  return (
    <>
      <PageHeader title={renewal ? t('cat.app.renew') : t('cat.app.new')} crumbs={[{ to: '/supplier/catalogue', label: t('cat.menu.title') }]} />
      <section className="card">
        <Form method="get" className="filters">
          <div className="field">
            <label htmlFor="pick-category">{t('cat.app.category')}</label>
            <select id="pick-category" name="category" defaultValue={chosen?.code ?? ''} onChange={(ev) => navigate(`?category=${ev.currentTarget.value}`)}>
              <option value="">—</option>
              {categories.map((c) => (
                <option key={c.code} value={c.code}>{c.code} {locale === 'en' ? c.name_en : c.name_zh}（{t(`market.${c.market}`)}）</option>
              ))}
            </select>
          </div>
          <noscript>
            <button type="submit" className="button button--secondary">{t('common.view')}</button>
          </noscript>
        </Form>
      </section>
      {chosen && rules ? (
        <Form method="post" encType="multipart/form-data" className="form card" noValidate>
          <CsrfInput />
          <input type="hidden" name="categoryCode" value={chosen.code} />
          <FormError error={e.categoryCode ?? e._form} />
          <h2>{t('cat.app.company')}: {org?.name}</h2>
          <div className="form-grid">
            <Field label={t('cat.app.contactName')} name="contactName" required maxLength={40} defaultValue={v('contactName', org?.contact_name)} error={e.contactName} />
            <Field label={t('cat.app.contactPhone')} name="contactPhone" type="tel" required defaultValue={v('contactPhone', org?.contact_phone)} error={e.contactPhone} />
            <Field label={t('cat.app.address')} name="address" required maxLength={200} defaultValue={v('address', org?.address)} error={e.address} />
            <Field label={t('cat.app.introduction')} name="introduction" maxLength={2000} defaultValue={v('introduction')} error={e.introduction} />
          </div>
          <h2>{t('cat.app.documents')}</h2>
          {renewal ? <p className="muted">{t('cat.app.renewalDocumentsHint')}</p> : null}
          <div className="form-grid">
            <DocumentInputs qualifications={rules.qualifications} errors={e} requireAll={!renewal} />
          </div>
          <h2>{t('cat.app.commitment')}</h2>
          <blockquote className="card" style={{ background: '#f8fafc' }}>{t('cat.app.commitmentText')}</blockquote>
          <div className={`field${e.commitment ? ' field--invalid' : ''}`}>
            <label>
              <input type="checkbox" name="commitment" defaultChecked={v('commitment') === 'on'} aria-invalid={e.commitment ? true : undefined} aria-describedby={e.commitment ? 'commitment-error' : undefined} /> {t('cat.app.commitmentAgree')}
            </label>
            {e.commitment ? <p id="commitment-error" className="field__error" role="alert">{t(e.commitment)}</p> : null}
          </div>
          <Field label={t('cat.app.signedBy')} name="commitmentSignedBy" required maxLength={40} defaultValue={v('commitmentSignedBy')} error={e.commitmentSignedBy} />
          <FormActions>
            <button type="submit" className="button">{t('cat.app.submit')}</button>
          </FormActions>
        </Form>
      ) : null}
    </>
  )
}

export const ErrorBoundary = GeneralErrorBoundary
