import type { ActionFunctionArgs, LinksFunction, LoaderFunctionArgs, MetaFunction } from '@remix-run/node'
import { redirect } from '@remix-run/node'
import { Form, useActionData, useLoaderData } from '@remix-run/react'
import { useState } from 'react'
import { GeneralErrorBoundary } from '~/components/error-boundary'
import { CsrfInput, Field, FormActions, FormError, SelectField, TextAreaField } from '~/components/forms'
import { useLocale, useT } from '~/components/i18n'
import marketCss from '~/components/market-styles.css?url'
import { PageHeader } from '~/components/ui'
import { projectSchema, SELECTION_METHODS } from '~/domain/selection'
import { attempt, invalid } from '~/lib/actions.server'
import { clientAddressOf } from '~/lib/context'
import { requireCsrf } from '~/lib/csrf.server'
import { getDb } from '~/lib/db.server'
import { parseForm } from '~/lib/forms'
import type { MessageKey } from '~/lib/i18n'
import { requireRole } from '~/lib/session.server'
import { createProject, listSupermarketCategories } from '~/services/projects.server'

export const links: LinksFunction = () => [{ rel: 'stylesheet', href: marketCss }]
export const meta: MetaFunction = () => [{ title: '发布需求 · 采购 Caigou' }]

export async function loader({ request }: LoaderFunctionArgs) {
  await requireRole(request, ['agency'])
  return { categories: await listSupermarketCategories(await getDb()) }
}

export async function action({ request, context }: ActionFunctionArgs) {
  const actor = await requireRole(request, ['agency'])
  const formData = await request.formData()
  await requireCsrf(request, formData)
  const parsed = parseForm(projectSchema, formData)
  if (!parsed.ok) return invalid(parsed)
  const result = await attempt(createProject(await getDb(), { actor, clientAddress: clientAddressOf(context) }, parsed.data), formData)
  if (!result.ok) return invalid(result)
  return redirect(`/projects/${result.value}?created=1`)
}

export default function NewProject() {
  const { categories } = useLoaderData<typeof loader>()
  const failure = useActionData<typeof action>()
  const t = useT()
  const locale = useLocale()
  const v = failure?.values ?? {}
  const e = failure?.errors ?? {}
  const [method, setMethod] = useState(v.method ?? 'random')
  return (
    <>
      <PageHeader title={t('mkt.projects.new')} crumbs={[{ to: '/projects', label: t('mkt.projects.title') }]} />
      <section className="card">
        <Form method="post" className="form" style={{ maxWidth: 900 }}>
          <CsrfInput />
          <FormError error={e._form} />
          <Field label={t('mkt.field.title')} name="title" required maxLength={120} defaultValue={v.title} error={e.title} />
          <div className="form-grid">
            <SelectField
              label={t('mkt.field.category')}
              name="categoryCode"
              required
              defaultValue={v.categoryCode}
              error={e.categoryCode}
              options={[{ value: '', label: '—' }, ...categories.map((c) => ({ value: c.code, label: `${c.code} ${locale === 'en' ? c.name_en : c.name_zh}` }))]}
            />
            <Field label={t('mkt.field.budget')} name="budget" required inputMode="numeric" defaultValue={v.budget} error={e.budget} placeholder="120000.00" />
          </div>
          <TextAreaField label={t('mkt.field.scope')} name="scope" required defaultValue={v.scope} error={e.scope} />
          <TextAreaField label={t('mkt.field.qualifications')} name="qualifications" rows={2} defaultValue={v.qualifications} error={e.qualifications} />
          <div className="form-grid">
            <div className="field">
              <label htmlFor="method">
                {t('mkt.field.method')}
                <span className="required" aria-hidden="true">
                  {' '}
                  *
                </span>
              </label>
              <select id="method" name="method" value={method} onChange={(ev) => setMethod(ev.target.value)} aria-invalid={e.method ? true : undefined}>
                {SELECTION_METHODS.map((m) => (
                  <option key={m} value={m}>
                    {t(`mkt.method.${m}` as MessageKey)}
                  </option>
                ))}
              </select>
              {e.method ? <p className="field__error">{t(e.method)}</p> : null}
            </div>
            <div className={`field${e.deadline ? ' field--invalid' : ''}`}>
              <label htmlFor="deadline">
                {t('mkt.field.deadline')}
                <span className="required" aria-hidden="true">
                  {' '}
                  *
                </span>
              </label>
              {/* Seconds allowed: deadlines are exact instants, compared with the database clock. */}
              <input id="deadline" name="deadline" type="datetime-local" step={1} required defaultValue={v.deadline} aria-invalid={e.deadline ? true : undefined} aria-describedby={e.deadline ? 'deadline-error' : undefined} />
              {e.deadline ? (
                <p id="deadline-error" className="field__error" role="alert">
                  {t(e.deadline)}
                </p>
              ) : null}
            </div>
            <Field label={t('mkt.field.minCandidates')} name="minCandidates" inputMode="numeric" defaultValue={v.minCandidates} error={e.minCandidates} placeholder={method === 'random' ? '3' : '2'} />
            <Field label={t('mkt.field.confirmationDays')} name="confirmationDays" inputMode="numeric" defaultValue={v.confirmationDays} error={e.confirmationDays} placeholder="2" />
            <Field label={t('mkt.field.publicityDays')} name="publicityDays" inputMode="numeric" defaultValue={v.publicityDays} error={e.publicityDays} placeholder="1" />
          </div>
          <fieldset className="card" style={{ boxShadow: 'none' }}>
            <legend>{t('mkt.project.settings')}</legend>
            {/* Every method's settings stay in the form so that it works without JavaScript; the service keeps only the chosen method's. */}
            <TextAreaField label={t('mkt.field.justification')} name="justification" rows={2} defaultValue={v.justification} error={e.justification} hint={t('mkt.method.direct')} />
            <div className="form-grid">
              <Field label={t('mkt.field.abnormalPercent')} name="abnormalPercent" inputMode="numeric" defaultValue={v.abnormalPercent} error={e.abnormalPercent} placeholder="70" hint={t('mkt.method.bidding')} />
              <Field label={t('mkt.field.bigList')} name="bigList" inputMode="numeric" defaultValue={v.bigList} error={e.bigList} placeholder="7" hint={t('mkt.method.credit')} />
              <Field label={t('mkt.field.smallList')} name="smallList" inputMode="numeric" defaultValue={v.smallList} error={e.smallList} placeholder="3" hint={t('mkt.method.credit')} />
              <Field label={t('mkt.field.panelSize')} name="panelSize" inputMode="numeric" defaultValue={v.panelSize} error={e.panelSize} placeholder="5" hint={t('mkt.method.proposal')} />
              <Field label={t('mkt.field.topN')} name="topN" inputMode="numeric" defaultValue={v.topN} error={e.topN} placeholder="0" hint={t('mkt.method.proposal')} />
            </div>
          </fieldset>
          <div className="field">
            <label>
              <input type="checkbox" name="reviewRequired" defaultChecked={v.reviewRequired === 'on'} /> {t('mkt.field.reviewRequired')}
            </label>
          </div>
          <FormActions>
            <button type="submit" className="button">
              {t('common.save')}
            </button>
          </FormActions>
        </Form>
      </section>
    </>
  )
}

export const ErrorBoundary = GeneralErrorBoundary
