import type { ActionFunctionArgs, LinksFunction, LoaderFunctionArgs, MetaFunction } from '@remix-run/node'
import { redirect } from '@remix-run/node'
import { Form, useActionData, useLoaderData, useSearchParams } from '@remix-run/react'
import type { z } from 'zod'
import { GeneralErrorBoundary } from '~/components/error-boundary'
import { CsrfInput, Field, FormActions, FormError, SelectField } from '~/components/forms'
import { useT } from '~/components/i18n'
import { When } from '~/components/market-ui'
import marketCss from '~/components/market-styles.css?url'
import { Badge, EmptyRow, PageHeader } from '~/components/ui'
import { hasPermission } from '~/domain/permissions'
import { affiliationSchema, agencyAffiliationSchema, creditEventSchema, expertSchema } from '~/domain/selection'
import { attempt, invalid, serviceResult, type ActionFailure } from '~/lib/actions.server'
import { clientAddressOf } from '~/lib/context'
import { requireCsrf } from '~/lib/csrf.server'
import { getDb } from '~/lib/db.server'
import { parseForm } from '~/lib/forms'
import { badRequest } from '~/lib/http.server'
import { requirePermission } from '~/lib/session.server'
import { addExpert, marketOverview, penalise, recordAffiliation, recordAgencyAffiliation } from '~/services/market-admin.server'

export const links: LinksFunction = () => [{ rel: 'stylesheet', href: marketCss }]
export const meta: MetaFunction = () => [{ title: '中介超市监管 · 采购 Caigou' }]

// /admin/market: the centre records affiliations, deductions and suspensions, and keeps the expert pool; the
// supervisor reads the same page without the forms.
export async function loader({ request }: LoaderFunctionArgs) {
  const actor = await requirePermission(request, 'read:market')
  const overview = await serviceResult(marketOverview(await getDb(), actor))
  return { ...overview, canManage: hasPermission(actor, 'manage:market') }
}

type Db = Awaited<ReturnType<typeof getDb>>
type Ctx = Parameters<typeof penalise>[1]
const INTENTS: Record<string, { schema: z.ZodType; run: (db: Db, ctx: Ctx, input: never) => Promise<unknown> }> = {
  affiliation: { schema: affiliationSchema, run: (db, ctx, input: z.infer<typeof affiliationSchema>) => recordAffiliation(db, ctx, input) },
  agencyAffiliation: {
    schema: agencyAffiliationSchema,
    run: (db, ctx, input: z.infer<typeof agencyAffiliationSchema>) => recordAgencyAffiliation(db, ctx, input),
  },
  penalise: { schema: creditEventSchema, run: (db, ctx, input: z.infer<typeof creditEventSchema>) => penalise(db, ctx, input) },
  expert: { schema: expertSchema, run: (db, ctx, input: z.infer<typeof expertSchema>) => addExpert(db, ctx, input) },
}

export async function action({ request, context }: ActionFunctionArgs) {
  const actor = await requirePermission(request, 'manage:market')
  const formData = await request.formData()
  await requireCsrf(request, formData)
  const handler = INTENTS[String(formData.get('intent') ?? '')]
  if (!handler) throw badRequest()
  const parsed = parseForm(handler.schema, formData)
  if (!parsed.ok) return invalid(parsed)
  const result = await attempt(handler.run(await getDb(), { actor, clientAddress: clientAddressOf(context) }, parsed.data as never), formData)
  if (!result.ok) return invalid(result)
  return redirect('/admin/market?saved=1')
}

function useFailure(intent: string) {
  const failure = useActionData<typeof action>() as ActionFailure | undefined
  return failure && failure.values.intent === intent ? failure : { errors: {} as ActionFailure['errors'], values: {} as ActionFailure['values'] }
}

export default function AdminMarket() {
  const d = useLoaderData<typeof loader>()
  const t = useT()
  const [params] = useSearchParams()
  const aff = useFailure('affiliation')
  const agAff = useFailure('agencyAffiliation')
  const pen = useFailure('penalise')
  const exp = useFailure('expert')
  const suppliers = [{ value: '', label: '—' }, ...d.suppliers.map((s) => ({ value: String(s.id), label: `${s.name}（${s.id}）` }))]
  return (
    <>
      <PageHeader title={t('mkt.admin.title')} lead={t('mkt.admin.lead')} />
      {params.get('saved') ? <div className="alert alert--success">{t('mkt.admin.saved')}</div> : null}
      <section className="card">
        <h2>{t('mkt.admin.credit')}</h2>
        <div className="table-wrap">
          <table>
            <thead>
              <tr>
                <th>{t('mkt.col.agency')}</th>
                <th className="num">{t('mkt.admin.points')}</th>
                <th>{t('mkt.admin.kind')}</th>
                <th>{t('mkt.field.reason')}</th>
                <th>{t('mkt.admin.suspendedUntil')}</th>
                <th className="num">{t('mkt.col.credit')}</th>
              </tr>
            </thead>
            <tbody>
              {d.events.length === 0 ? <EmptyRow colSpan={6} /> : null}
              {d.events.map((e) => (
                <tr key={e.id}>
                  <td>{e.name}</td>
                  <td className="num">{e.points > 0 ? `+${e.points}` : e.points}</td>
                  <td>
                    <Badge tone={e.points < 0 ? 'danger' : 'success'}>{e.kind}</Badge>
                  </td>
                  <td>{e.reason}</td>
                  <td>{e.suspended_until ? <When at={e.suspended_until} /> : '—'}</td>
                  <td className="num">{e.score}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
        {d.canManage ? (
          <Form method="post" className="form" style={{ marginTop: 16, maxWidth: 900 }}>
            <h3>{t('mkt.admin.penalise')}</h3>
            <CsrfInput />
            <input type="hidden" name="intent" value="penalise" />
            <FormError error={pen.errors._form} />
            <div className="form-grid">
              <SelectField label={t('mkt.admin.supplier')} name="organizationId" required options={suppliers} defaultValue={pen.values.organizationId} error={pen.errors.organizationId} />
              <Field label={t('mkt.admin.points')} name="points" required inputMode="numeric" defaultValue={pen.values.points ?? '5'} error={pen.errors.points} />
              <SelectField
                label={t('mkt.admin.kind')}
                name="kind"
                required
                defaultValue={pen.values.kind}
                error={pen.errors.kind}
                options={['unjustified-decline', 'late-contract', 'data-error', 'collusion', 'other'].map((k) => ({ value: k, label: k }))}
              />
              <Field label={t('mkt.admin.suspendDays')} name="suspendDays" required inputMode="numeric" defaultValue={pen.values.suspendDays ?? '0'} error={pen.errors.suspendDays} />
            </div>
            <Field label={t('mkt.field.reason')} name="reason" required defaultValue={pen.values.reason} error={pen.errors.reason} />
            <FormActions>
              <button type="submit" className="button button--danger">
                {t('mkt.admin.penalise')}
              </button>
            </FormActions>
          </Form>
        ) : null}
      </section>
      <section className="card">
        <h2>{t('mkt.admin.affiliations')}</h2>
        <div className="table-wrap">
          <table>
            <thead>
              <tr>
                <th>{t('mkt.admin.purchaser')}</th>
                <th>{t('mkt.admin.supplier')}</th>
                <th>{t('mkt.admin.note')}</th>
              </tr>
            </thead>
            <tbody>
              {d.affiliations.length === 0 ? <EmptyRow colSpan={3} /> : null}
              {d.affiliations.map((a) => (
                <tr key={a.id}>
                  <td>{a.purchaser}</td>
                  <td>{a.supplier}</td>
                  <td>{a.note}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
        {d.canManage ? (
          <Form method="post" className="form" style={{ marginTop: 16, maxWidth: 900 }}>
            <h3>{t('mkt.admin.addAffiliation')}</h3>
            <CsrfInput />
            <input type="hidden" name="intent" value="affiliation" />
            <div className="form-grid">
              <SelectField
                label={t('mkt.admin.purchaser')}
                name="purchaserId"
                required
                options={[{ value: '', label: '—' }, ...d.purchasers.map((p) => ({ value: String(p.id), label: p.name }))]}
                defaultValue={aff.values.purchaserId}
                error={aff.errors.purchaserId}
              />
              <SelectField label={t('mkt.admin.supplier')} name="supplierId" required options={suppliers} defaultValue={aff.values.supplierId} error={aff.errors.supplierId} />
            </div>
            <Field label={t('mkt.admin.note')} name="note" required defaultValue={aff.values.note} error={aff.errors.note} />
            <FormActions>
              <button type="submit" className="button">
                {t('mkt.admin.addAffiliation')}
              </button>
            </FormActions>
          </Form>
        ) : null}
      </section>
      <section className="card">
        <h2>{t('mkt.admin.agencyAffiliations')}</h2>
        <p className="muted">{t('mkt.admin.agencyAffiliationsLead')}</p>
        <div className="table-wrap">
          <table>
            <thead>
              <tr>
                <th>{t('mkt.admin.firstAgency')}</th>
                <th>{t('mkt.admin.secondAgency')}</th>
                <th>{t('mkt.field.reason')}</th>
                <th>{t('mkt.admin.recordedAt')}</th>
              </tr>
            </thead>
            <tbody>
              {d.agencyAffiliations.length === 0 ? <EmptyRow colSpan={4} /> : null}
              {d.agencyAffiliations.map((a) => (
                <tr key={a.id}>
                  <td>{a.first}</td>
                  <td>{a.second}</td>
                  <td>{a.reason}</td>
                  <td>
                    <When at={a.created_at} />
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
        {d.canManage ? (
          <Form method="post" className="form" style={{ marginTop: 16, maxWidth: 900 }}>
            <h3>{t('mkt.admin.addAgencyAffiliation')}</h3>
            <CsrfInput />
            <input type="hidden" name="intent" value="agencyAffiliation" />
            <FormError error={agAff.errors._form} />
            <div className="form-grid">
              <SelectField label={t('mkt.admin.firstAgency')} name="firstId" required options={suppliers} defaultValue={agAff.values.firstId} error={agAff.errors.firstId} />
              <SelectField label={t('mkt.admin.secondAgency')} name="secondId" required options={suppliers} defaultValue={agAff.values.secondId} error={agAff.errors.secondId} />
            </div>
            <Field label={t('mkt.field.reason')} name="reason" required defaultValue={agAff.values.reason} error={agAff.errors.reason} />
            <FormActions>
              <button type="submit" className="button">
                {t('mkt.admin.addAgencyAffiliation')}
              </button>
            </FormActions>
          </Form>
        ) : null}
      </section>
      <section className="card">
        <h2>{t('mkt.admin.experts')}</h2>
        <div className="table-wrap">
          <table>
            <thead>
              <tr>
                <th>{t('mkt.admin.expertName')}</th>
                <th>{t('mkt.admin.specialties')}</th>
                <th>{t('mkt.admin.employer')}</th>
                <th>{t('mkt.admin.conflicts')}</th>
                <th>{t('mkt.admin.expertAccount')}</th>
              </tr>
            </thead>
            <tbody>
              {d.experts.length === 0 ? <EmptyRow colSpan={5} /> : null}
              {d.experts.map((e) => (
                <tr key={e.id}>
                  <td>{e.name}</td>
                  <td>{(e.specialties ?? []).join('、')}</td>
                  <td>{e.employer ?? '—'}</td>
                  <td>{(e.declared_conflicts ?? []).join(', ') || '—'}</td>
                  <td>{e.username ?? '—'}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
        {d.canManage ? (
          <Form method="post" className="form" style={{ marginTop: 16, maxWidth: 900 }}>
            <h3>{t('mkt.admin.addExpert')}</h3>
            <CsrfInput />
            <input type="hidden" name="intent" value="expert" />
            <div className="form-grid">
              <Field label={t('mkt.admin.expertName')} name="name" required defaultValue={exp.values.name} error={exp.errors.name} />
              <Field label={t('mkt.admin.expertAccount')} name="username" defaultValue={exp.values.username} error={exp.errors.username} />
              <Field label={t('mkt.admin.specialties')} name="specialties" defaultValue={exp.values.specialties} error={exp.errors.specialties} />
              <SelectField label={t('mkt.admin.employer')} name="employerId" options={suppliers} defaultValue={exp.values.employerId} error={exp.errors.employerId} />
            </div>
            <Field label={t('mkt.admin.conflicts')} name="conflicts" defaultValue={exp.values.conflicts} error={exp.errors.conflicts} />
            <FormActions>
              <button type="submit" className="button">
                {t('mkt.admin.addExpert')}
              </button>
            </FormActions>
          </Form>
        ) : null}
      </section>
    </>
  )
}

export const ErrorBoundary = GeneralErrorBoundary
