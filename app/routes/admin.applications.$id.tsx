import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from '@remix-run/node'
import { redirect } from '@remix-run/node'
import { Form, useActionData, useLoaderData, useSearchParams } from '@remix-run/react'
import { GeneralErrorBoundary } from '~/components/error-boundary'
import { ApplicationDetail } from '~/components/catalogue-application'
import { CsrfInput, Field, FormActions, FormError, SelectField } from '~/components/forms'
import { useRootData, useT } from '~/components/i18n'
import { PageHeader } from '~/components/ui'
import { reviewSchema } from '~/domain/catalogue'
import { startOfShanghaiDate, shanghaiDate } from '~/domain/calendar'
import { hasPermission } from '~/domain/permissions'
import { attempt, idParam, invalid, serviceResult } from '~/lib/actions.server'
import { clientAddressOf } from '~/lib/context'
import { requireCsrf } from '~/lib/csrf.server'
import { getDb } from '~/lib/db.server'
import { parseForm } from '~/lib/forms'
import { requirePermission } from '~/lib/session.server'
import { getApplication, reviewApplication } from '~/services/catalogue-applications.server'

export const meta: MetaFunction = () => [{ title: '审核入库申请 · 采购 Caigou' }]

export async function loader({ request, params }: LoaderFunctionArgs) {
  const actor = await requirePermission(request, 'read:catalogue')
  return serviceResult(getApplication(await getDb(), actor, idParam(params.id)))
}

export async function action({ request, params, context }: ActionFunctionArgs) {
  const actor = await requirePermission(request, 'manage:catalogue')
  const id = idParam(params.id)
  const formData = await request.formData()
  await requireCsrf(request, formData)
  const parsed = parseForm(reviewSchema, formData)
  if (!parsed.ok) return invalid(parsed)
  const d = parsed.data
  // The membership runs to the end (24:00 Beijing time) of the chosen date.
  const decision =
    d.decision === 'approve'
      ? { decision: 'approve' as const, reason: d.reason, validUntil: new Date(startOfShanghaiDate(d.validUntil).getTime() + 86_400_000) }
      : { decision: d.decision, reason: d.reason }
  const result = await attempt(reviewApplication(await getDb(), { actor, clientAddress: clientAddressOf(context) }, id, decision), formData)
  if (!result.ok) return invalid(result)
  return redirect(`/admin/applications/${id}?reviewed=1`)
}

export default function ReviewApplication() {
  const data = useLoaderData<typeof loader>()
  const failure = useActionData<typeof action>()
  const [params] = useSearchParams()
  const t = useT()
  const actor = useRootData()?.actor
  const e = failure?.errors ?? {}
  const canReview = actor && hasPermission(actor, 'manage:catalogue') && data.app.status === 'submitted'
  return (
    <>
      <PageHeader title={`${t('cat.app.review')} #${data.app.id} · ${data.org.name}`} crumbs={[{ to: '/admin/applications', label: t('cat.app.listTitle') }]} />
      {params.get('reviewed') ? <div className="alert alert--success" role="status">{t('cat.app.reviewed')}</div> : null}
      <ApplicationDetail data={data} />
      {canReview ? (
        <section className="card" aria-labelledby="review-title">
          <h2 id="review-title">{t('cat.app.review')}</h2>
          <Form method="post" className="form" noValidate>
            <CsrfInput />
            <FormError error={e._form} />
            <div className="form-grid">
              <SelectField
                label={t('cat.app.decision')}
                name="decision"
                required
                defaultValue={failure?.values.decision ?? 'approve'}
                error={e.decision}
                options={[
                  { value: 'approve', label: t('cat.app.approve') },
                  { value: 'return', label: t('cat.app.return') },
                  { value: 'reject', label: t('cat.app.reject') },
                ]}
              />
              <Field label={t('cat.app.validUntil')} name="validUntil" type="date" defaultValue={failure?.values.validUntil ?? shanghaiDate(new Date(data.defaultUntil))} error={e.validUntil} />
              <Field label={t('cat.app.reason')} name="reason" maxLength={1000} defaultValue={failure?.values.reason} error={e.reason} hint={t('cat.app.reasonHint')} />
            </div>
            <FormActions>
              <button type="submit" className="button">{t('common.save')}</button>
            </FormActions>
          </Form>
        </section>
      ) : null}
    </>
  )
}

export const ErrorBoundary = GeneralErrorBoundary
