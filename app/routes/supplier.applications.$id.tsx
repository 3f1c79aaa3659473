import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from '@remix-run/node'
import { redirect } from '@remix-run/node'
import { Form, useActionData, useLoaderData, useSearchParams } from '@remix-run/react'
import { GeneralErrorBoundary } from '~/components/error-boundary'
import { CsrfInput, Field, FormActions } from '~/components/forms'
import { useT } from '~/components/i18n'
import { ApplicationDetail } from '~/components/catalogue-application'
import { DocumentInputs } from '~/components/catalogue-documents'
import { PageHeader } from '~/components/ui'
import { answerSchema } from '~/domain/catalogue'
import { attempt, idParam, invalid, serviceResult } from '~/lib/actions.server'
import { collectDocuments } from '~/lib/catalogue-uploads.server'
import { clientAddressOf } from '~/lib/context'
import { requireCsrf } from '~/lib/csrf.server'
import { getDb } from '~/lib/db.server'
import { formValues, parseForm } from '~/lib/forms'
import { requireRole } from '~/lib/session.server'
import { answerApplication, getApplication } from '~/services/catalogue-applications.server'

export const meta: MetaFunction = () => [{ title: '入库申请 · 采购 Caigou' }]

// A supplier's own application: another supplier's gets a 403.
export async function loader({ request, params }: LoaderFunctionArgs) {
  const actor = await requireRole(request, ['supplier'])
  return serviceResult(getApplication(await getDb(), actor, idParam(params.id)))
}

export async function action({ request, params, context }: ActionFunctionArgs) {
  const actor = await requireRole(request, ['supplier'])
  const id = idParam(params.id)
  const formData = await request.formData()
  await requireCsrf(request, formData)
  const parsed = parseForm(answerSchema, formData)
  const docs = await collectDocuments(formData)
  if (!parsed.ok || !docs.ok) return invalid({ ok: false, errors: { ...(parsed.ok ? {} : parsed.errors), ...(docs.ok ? {} : docs.errors) }, values: formValues(formData) })
  const result = await attempt(answerApplication(await getDb(), { actor, clientAddress: clientAddressOf(context) }, id, { reply: parsed.data.reply, documents: docs.documents }), formData)
  if (!result.ok) return invalid(result)
  return redirect(`/supplier/applications/${id}?answered=1`)
}

export default function SupplierApplication() {
  const data = useLoaderData<typeof loader>()
  const failure = useActionData<typeof action>()
  const [params] = useSearchParams()
  const t = useT()
  const e = failure?.errors ?? {}
  return (
    <>
      <PageHeader title={`${t('cat.app.myTitle')} #${data.app.id}`} crumbs={[{ to: '/supplier/catalogue', label: t('cat.menu.title') }]} />
      {params.get('submitted') ? <div className="alert alert--success" role="status">{t('cat.app.submitted')}</div> : null}
      {params.get('answered') ? <div className="alert alert--success" role="status">{t('cat.app.answered')}</div> : null}
      {data.app.status === 'returned' ? (
        <section className="card" aria-labelledby="answer-title">
          <div className="alert alert--info">{t('cat.app.returnedBanner')} <strong>{data.app.decision_reason}</strong></div>
          <h2 id="answer-title">{t('cat.app.note.returned')}</h2>
          <Form method="post" encType="multipart/form-data" className="form" noValidate>
            <CsrfInput />
            <Field label={t('cat.app.reply')} name="reply" required maxLength={2000} defaultValue={failure?.values.reply} error={e.reply ?? e._form} />
            <div className="form-grid">
              <DocumentInputs qualifications={data.rules.qualifications} errors={e} requireAll={false} />
            </div>
            <FormActions>
              <button type="submit" className="button">{t('cat.app.replySubmit')}</button>
            </FormActions>
          </Form>
        </section>
      ) : null}
      <ApplicationDetail data={data} />
    </>
  )
}

export const ErrorBoundary = GeneralErrorBoundary
