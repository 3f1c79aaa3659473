import type { ActionFunctionArgs, LinksFunction, LoaderFunctionArgs, MetaFunction } from '@remix-run/node'
import { redirect } from '@remix-run/node'
import { Form, useActionData, useLoaderData } from '@remix-run/react'
import { GeneralErrorBoundary } from '~/components/error-boundary'
import { CsrfInput, Field, FormError, TextAreaField } from '~/components/forms'
import { useT } from '~/components/i18n'
import { ProjectStateBadge } from '~/components/market-ui'
import marketCss from '~/components/market-styles.css?url'
import { Badge, PageHeader } from '~/components/ui'
import { panelDeclineSchema, scoreSheetSchema } from '~/domain/selection'
import { attempt, idParam, invalid, serviceResult, type ActionFailure } from '~/lib/actions.server'
import { clientAddressOf } from '~/lib/context'
import { requireCsrf } from '~/lib/csrf.server'
import { getDb } from '~/lib/db.server'
import { parseForm } from '~/lib/forms'
import { badRequest } from '~/lib/http.server'
import { requireRole } from '~/lib/session.server'
import { declinePanelSeat, getScoringSheet, saveScores } from '~/services/experts.server'

export const links: LinksFunction = () => [{ rel: 'stylesheet', href: marketCss }]
export const meta: MetaFunction = () => [{ title: '评审 · 采购 Caigou' }]

export async function loader({ request, params }: LoaderFunctionArgs) {
  const actor = await requireRole(request, ['expert'])
  return serviceResult(getScoringSheet(await getDb(), actor, idParam(params.id)))
}

export async function action({ request, params, context }: ActionFunctionArgs) {
  const actor = await requireRole(request, ['expert'])
  const id = idParam(params.id)
  const formData = await request.formData()
  await requireCsrf(request, formData)
  const ctx = { actor, clientAddress: clientAddressOf(context) }
  const intent = formData.get('intent')
  if (intent === 'decline') {
    const parsed = parseForm(panelDeclineSchema, formData)
    if (!parsed.ok) return invalid(parsed)
    const result = await attempt(declinePanelSeat(await getDb(), ctx, id, parsed.data.reason), formData)
    if (!result.ok) return invalid(result)
    return redirect('/expert')
  }
  if (intent !== 'save' && intent !== 'lock') throw badRequest()
  const parsed = parseForm(scoreSheetSchema, formData)
  if (!parsed.ok) return invalid(parsed)
  const { index, ...scores } = parsed.data
  const result = await attempt(saveScores(await getDb(), ctx, id, { index, scores, lock: intent === 'lock' }), formData)
  if (!result.ok) return invalid(result)
  return redirect(`/expert/projects/${id}`)
}

export default function ScoringSheet() {
  const d = useLoaderData<typeof loader>()
  const failure = useActionData<typeof action>() as ActionFailure | undefined
  const t = useT()
  return (
    <>
      <PageHeader
        title={d.project.title}
        crumbs={[{ to: '/expert', label: t('mkt.expert.title') }]}
        lead={
          <>
            <code>{d.project.code}</code> <ProjectStateBadge status={d.project.status} /> {t('mkt.expert.blind')}
          </>
        }
      />
      {d.proposals.map((p) => {
        const mine = failure && failure.values.index === String(p.index) ? failure : undefined
        const value = (key: string) => mine?.values[key] ?? (p.scores ? String(p.scores[key] ?? '') : '')
        return (
          <section className="card" key={p.label} aria-labelledby={`bidder-${p.label}`}>
            <h2 id={`bidder-${p.label}`}>
              投标人{p.label} {p.locked ? <Badge tone="success">{t('mkt.expert.locked')}</Badge> : null}
            </h2>
            <div className="mkt-proposal">{p.proposal || '—'}</div>
            <Form method="post" style={{ marginTop: 12 }}>
              <CsrfInput />
              <input type="hidden" name="index" value={p.index} />
              <FormError error={mine?.errors._form} />
              <div className="form-grid">
                {d.criteria.map((c) => (
                  <Field
                    key={c.key}
                    label={`${c.name}（0–${c.weight}）`}
                    name={c.key}
                    inputMode="numeric"
                    required
                    defaultValue={value(c.key)}
                    error={mine?.errors[c.key]}
                  />
                ))}
              </div>
              {p.locked ? null : (
                <div className="form-actions">
                  <button type="submit" name="intent" value="save" className="button button--secondary">
                    {t('mkt.expert.save')}
                  </button>
                  <button type="submit" name="intent" value="lock" className="button">
                    {t('mkt.expert.lock')}
                  </button>
                </div>
              )}
            </Form>
          </section>
        )
      })}
      {d.project.status === 'scoring' && !d.proposals.some((p) => p.locked) ? (
        <section className="card">
          <Form method="post">
            <CsrfInput />
            <input type="hidden" name="intent" value="decline" />
            <TextAreaField label={t('mkt.field.reason')} name="reason" rows={2} error={failure?.values.intent === 'decline' ? failure.errors.reason : undefined} />
            <button type="submit" className="button button--danger">
              {t('mkt.expert.decline')}
            </button>
          </Form>
        </section>
      ) : null}
    </>
  )
}

export const ErrorBoundary = GeneralErrorBoundary
