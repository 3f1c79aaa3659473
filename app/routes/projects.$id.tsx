import type { ActionFunctionArgs, LinksFunction, LoaderFunctionArgs, MetaFunction } from '@remix-run/node'
import { data, redirect } from '@remix-run/node'
import { Form, Link, useActionData, useLoaderData, useSearchParams } from '@remix-run/react'
import type { z } from 'zod'
import { GeneralErrorBoundary } from '~/components/error-boundary'
import { CsrfInput, Field, FormError, SelectField, TextAreaField } from '~/components/forms'
import { useLocale, useT } from '~/components/i18n'
import { Facts, Hash, MethodBadge, Money, ProjectStateBadge, purposeKey, Timeline, When } from '~/components/market-ui'
import marketCss from '~/components/market-styles.css?url'
import { Badge, PageHeader } from '~/components/ui'
import {
  answerSchema,
  chooseSchema,
  confirmSchema,
  contractSchema,
  DECLINE_REASONS,
  declineSchema,
  expertRatingSchema,
  objectionSchema,
  publicInputSchema,
  quoteSchema,
  redrawSchema,
  registerSchema,
} from '~/domain/selection'
import { attempt, idParam, invalid, serviceResult, type ActionFailure } from '~/lib/actions.server'
import { clientAddressOf } from '~/lib/context'
import { requireCsrf } from '~/lib/csrf.server'
import { getDb } from '~/lib/db.server'
import { parseForm, type FieldErrors, type FormValues } from '~/lib/forms'
import { badRequest } from '~/lib/http.server'
import type { MessageKey } from '~/lib/i18n'
import { getActor, requireActor } from '~/lib/session.server'
import { rateExpert } from '~/services/experts.server'
import {
  answerObjection,
  chooseCandidate,
  confirmOffer,
  declineOffer,
  fileObjection,
  getProject,
  recommitProjectDraw,
  recordContract,
  registerForProject,
  reviewProject,
  runProjectDraw,
  submitProject,
  submitSealedQuote,
} from '~/services/projects.server'

export const links: LinksFunction = () => [{ rel: 'stylesheet', href: marketCss }]
export const meta: MetaFunction<typeof loader> = ({ data: d }) => [{ title: `${d?.project.code ?? ''} ${d?.project.title ?? ''} · 采购 Caigou` }]

export async function loader({ request, params }: LoaderFunctionArgs) {
  const actor = await getActor(request)
  return serviceResult(getProject(await getDb(), actor, idParam(params.id)))
}

type Ctx = Parameters<typeof submitProject>[1]
type Db = Awaited<ReturnType<typeof getDb>>

// One action, one intent per form: each parses its own schema and calls one service.
const INTENTS: Record<string, { schema?: z.ZodType; run: (db: Db, ctx: Ctx, id: number, input: never) => Promise<unknown> }> = {
  submit: { run: (db, ctx, id) => submitProject(db, ctx, id) },
  approve: { run: (db, ctx, id) => reviewProject(db, ctx, id, true) },
  reject: { run: (db, ctx, id) => reviewProject(db, ctx, id, false) },
  register: { schema: registerSchema, run: (db, ctx, id, input: z.infer<typeof registerSchema>) => registerForProject(db, ctx, id, input) },
  quote: { schema: quoteSchema, run: (db, ctx, id, input: z.infer<typeof quoteSchema>) => submitSealedQuote(db, ctx, id, input.amount) },
  draw: { schema: publicInputSchema, run: (db, ctx, id, input: z.infer<typeof publicInputSchema>) => runProjectDraw(db, ctx, id, input.publicInput) },
  redraw: { schema: redrawSchema, run: (db, ctx, id, input: z.infer<typeof redrawSchema>) => recommitProjectDraw(db, ctx, id, input.reason) },
  choose: { schema: chooseSchema, run: (db, ctx, id, input: z.infer<typeof chooseSchema>) => chooseCandidate(db, ctx, id, input) },
  confirm: { schema: confirmSchema, run: (db, ctx, id, input: z.infer<typeof confirmSchema>) => confirmOffer(db, ctx, id, input) },
  decline: { schema: declineSchema, run: (db, ctx, id, input: z.infer<typeof declineSchema>) => declineOffer(db, ctx, id, input) },
  objection: { schema: objectionSchema, run: (db, ctx, id, input: z.infer<typeof objectionSchema>) => fileObjection(db, ctx, id, input.body) },
  answer: { schema: answerSchema, run: (db, ctx, id, input: z.infer<typeof answerSchema>) => answerObjection(db, ctx, id, input) },
  contract: { schema: contractSchema, run: (db, ctx, id, input: z.infer<typeof contractSchema>) => recordContract(db, ctx, id, input) },
  rateExpert: { schema: expertRatingSchema, run: (db, ctx, id, input: z.infer<typeof expertRatingSchema>) => rateExpert(db, ctx, id, input) },
}

export async function action({ request, params, context }: ActionFunctionArgs) {
  const actor = await requireActor(request)
  const id = idParam(params.id)
  const formData = await request.formData()
  await requireCsrf(request, formData)
  const intent = String(formData.get('intent') ?? '')
  const handler = INTENTS[intent]
  if (!handler) throw badRequest()
  let input: unknown = {}
  if (handler.schema) {
    const parsed = parseForm(handler.schema, formData)
    if (!parsed.ok) return invalid(parsed)
    input = parsed.data
  }
  const result = await attempt(handler.run(await getDb(), { actor, clientAddress: clientAddressOf(context) }, id, input as never), formData)
  if (!result.ok) return invalid(result)
  if (intent === 'quote') return data({ ok: true as const, receipt: (result.value as { commitment: string }).commitment })
  if (intent === 'draw' && typeof result.value === 'string') return redirect(`/draws/${result.value}`)
  return redirect(`/projects/${id}?done=${intent}`)
}

type Loaded = ReturnType<typeof useLoaderData<typeof loader>>

/** Errors and values of the form that was posted, only for that form (every form carries its intent). */
function useFormState(intent: string): { e: FieldErrors; v: FormValues } {
  const result = useActionData<typeof action>() as ActionFailure | { ok: true } | undefined
  if (result && !result.ok && result.values.intent === intent) return { e: result.errors, v: result.values }
  return { e: {}, v: {} }
}

function Intent({ value }: { value: string }) {
  return (
    <>
      <CsrfInput />
      <input type="hidden" name="intent" value={value} />
    </>
  )
}

export default function ProjectPage() {
  const d = useLoaderData<typeof loader>()
  const t = useT()
  const locale = useLocale()
  const [params] = useSearchParams()
  const p = d.project
  const name = (id: number | null | undefined) => (id == null ? '—' : (d.names[String(id)] ?? d.registrations.find((r) => r.supplier_org_id === id)?.name ?? `#${id}`))
  const failure = p.failure_reason?.startsWith('too-few:')
    ? t('mkt.failure.tooFew', { min: p.failure_reason.slice(8) })
    : p.failure_reason === 'exhausted'
      ? t('mkt.failure.exhausted')
      : p.failure_reason === 'too-few-experts'
        ? t('mkt.err.tooFewExperts')
        : p.failure_reason
  return (
    <>
      <PageHeader
        title={p.title}
        crumbs={[{ to: '/projects', label: t('mkt.projects.title') }]}
        lead={
          <span style={{ display: 'inline-flex', gap: 8, alignItems: 'center', flexWrap: 'wrap' }}>
            <code>{p.code}</code> <MethodBadge method={p.method} /> <ProjectStateBadge status={p.status} />
            {p.awarded_org_id ? <strong>{t('mkt.project.awarded', { name: name(p.awarded_org_id) })}</strong> : null}
          </span>
        }
      />
      {params.get('created') ? <div className="alert alert--success">{t('mkt.project.created')}</div> : null}
      {p.status === 'failed' && failure ? <div className="alert alert--error">{t('mkt.project.failure', { reason: failure })}</div> : null}
      <div className="mkt-layout">
        <div>
          <section className="card">
            <h2>{t('mkt.project.notice')}</h2>
            <Facts
              items={[
                [t('mkt.col.buyer'), p.buyer_name],
                [t('mkt.col.category'), locale === 'en' ? p.category_en : p.category_zh],
                [t('mkt.col.budget'), <Money key="b" fen={p.budget_fen} />],
                [t('mkt.col.method'), t(`mkt.method.${p.method}` as MessageKey)],
                [t('mkt.col.deadline'), <When key="d" at={p.registration_deadline} />],
                [t('mkt.field.minCandidates'), String(p.min_candidates)],
                [t('mkt.field.confirmationDays'), String(p.confirmation_days)],
                [t('mkt.field.publicityDays'), String(p.publicity_days)],
                [t('mkt.field.scope'), <span key="s" style={{ whiteSpace: 'pre-wrap' }}>{p.scope}</span>],
                ...(p.qualifications ? [[t('mkt.field.qualifications'), p.qualifications] as [string, string]] : []),
                ...(p.settings.justification ? [[t('mkt.field.justification'), p.settings.justification] as [string, string]] : []),
                ...(p.pool_hash ? [[t('mkt.project.poolHash'), <Hash key="h" value={p.pool_hash} />] as [string, JSX.Element]] : []),
              ]}
            />
          </section>
          <Outcome d={d} name={name} />
          <section className="card">
            <h2>{t('mkt.project.registrants', { n: d.registrations.length })}</h2>
            <div className="table-wrap">
              <table>
                <thead>
                  <tr>
                    <th>{t('mkt.col.agency')}</th>
                    <th>{t('mkt.col.registeredAt')}</th>
                    <th className="num">{t('mkt.col.credit')}</th>
                  </tr>
                </thead>
                <tbody>
                  {d.registrations.map((r) => (
                    <tr key={r.supplier_org_id}>
                      <td>{r.name}</td>
                      <td>
                        <When at={r.registered_at} />
                      </td>
                      <td className="num">{d.credit[String(r.supplier_org_id)] ?? '—'}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
            {p.method === 'bidding' && d.quotes.length === 0 && d.quoteCount > 0 ? (
              <p className="muted" style={{ marginTop: 10 }}>
                🔒 {t('mkt.project.sealed')} × {d.quoteCount}
              </p>
            ) : null}
          </section>
        </div>
        <div className="mkt-actions">
          <Actions d={d} name={name} />
          <section className="card">
            <h2>{t('mkt.project.timeline')}</h2>
            <Timeline events={d.timeline} />
          </section>
        </div>
      </div>
    </>
  )
}

function Outcome({ d, name }: { d: Loaded; name: (id: number | null | undefined) => string }) {
  const t = useT()
  const p = d.project
  const order = p.result_order ?? []
  return (
    <>
      {d.quotes.length > 0 ? (
        <section className="card">
          <h2>{t('mkt.project.quotes')}</h2>
          <div className="table-wrap">
            <table>
              <thead>
                <tr>
                  <th>{t('mkt.col.rank')}</th>
                  <th>{t('mkt.col.agency')}</th>
                  <th className="num">{t('mkt.col.quote')}</th>
                  <th>{t('mkt.col.receipt')}</th>
                </tr>
              </thead>
              <tbody>
                {[...d.quotes]
                  .sort((a, b) => order.indexOf(a.supplier_org_id) - order.indexOf(b.supplier_org_id))
                  .map((q) => (
                    <tr key={q.supplier_org_id}>
                      <td>{order.indexOf(q.supplier_org_id) + 1}</td>
                      <td>
                        {q.name} {q.abnormally_low ? <Badge tone="warn">{t('mkt.project.abnormal')}</Badge> : null}{' '}
                        {d.quotes.filter((o) => o.amount_fen === q.amount_fen).length > 1 ? <Badge tone="violet">{t('mkt.project.tie')}</Badge> : null}
                      </td>
                      <td className="num">
                        <Money fen={q.amount_fen} />
                      </td>
                      <td className="mono">{q.commitment.slice(0, 16)}…</td>
                    </tr>
                  ))}
              </tbody>
            </table>
          </div>
        </section>
      ) : null}
      {p.settings.affiliateExclusions?.length ? (
        <section className="card">
          <h2>{t('mkt.project.affiliatesExcluded')}</h2>
          <p className="muted">{t('mkt.project.affiliatesExcludedLead')}</p>
          <ul>
            {p.settings.affiliateExclusions.map((e) => (
              <li key={e.id}>
                {t('mkt.project.affiliateExcluded', { excluded: name(e.id), kept: name(e.keptInstead) })} <span className="muted">{e.via.join(' → ')}</span>
              </li>
            ))}
          </ul>
        </section>
      ) : null}
      {p.settings.bigListIds ? (
        <section className="card">
          <h2>{t('mkt.project.bigList')}</h2>
          <ol className="mkt-order">
            {p.settings.bigListIds.map((id) => (
              <li key={id} className={p.settings.smallListIds?.includes(id) ? 'mkt-order__winner' : undefined}>
                {name(id)} <span className="muted">{t('mkt.col.credit')} {d.credit[String(id)] ?? 100}</span>
                {p.settings.smallListIds?.includes(id) ? <Badge tone="danger">{t('mkt.project.smallList')}</Badge> : null}
              </li>
            ))}
          </ol>
        </section>
      ) : null}
      {d.panel ? <PanelCard d={d} name={name} /> : null}
      {order.length > 0 ? (
        <section className="card">
          <h2>{t('mkt.project.order')}</h2>
          <ol className="mkt-order">
            {order.map((id, i) => {
              const offer = d.offers.find((o) => o.rank === i)
              return (
                <li key={id} className={p.awarded_org_id === id ? 'mkt-order__winner' : undefined}>
                  <span>{name(id)}</span>
                  {offer?.outcome === 'confirmed' ? <Badge tone="success">{t('mkt.tl.confirmed')}</Badge> : null}
                  {offer?.outcome === 'declined' ? <Badge tone="danger">{t('mkt.tl.declined')}</Badge> : null}
                  {offer?.outcome === 'expired' ? <Badge tone="danger">{t('mkt.tl.expired')}</Badge> : null}
                  {offer && !offer.outcome ? (
                    <Badge tone="warn">
                      {t('mkt.state.offering')} · <When at={offer.deadline} />
                    </Badge>
                  ) : null}
                </li>
              )
            })}
          </ol>
        </section>
      ) : null}
      {d.draws.length > 0 ? (
        <section className="card">
          <h2>{t('mkt.project.draws')}</h2>
          <ul>
            {d.draws.map((dr) => (
              <li key={dr.id}>
                <Link to={`/draws/${dr.id}`}>
                  {t(purposeKey(dr.purpose))} · {t('mkt.draw.sequence', { n: dr.sequence })}
                </Link>{' '}
                {dr.drawn_at ? (
                  <Badge tone="success">{t('mkt.draw.done')}</Badge>
                ) : dr.purpose.startsWith('tie-break:') && p.status !== 'registering' ? (
                  <Badge tone="muted">{t('mkt.draw.unused')}</Badge>
                ) : (
                  <Badge tone="warn">{t('mkt.draw.committed')}</Badge>
                )}
                {dr.reason ? <span className="muted"> · {dr.reason}</span> : null}
              </li>
            ))}
          </ul>
        </section>
      ) : null}
      {p.publicity_ends_at && ['publicity', 'contracting', 'contracted'].includes(p.status) ? (
        <section className="card">
          <h2>{t('mkt.project.objections')}</h2>
          <p className="muted">{t('mkt.project.publicityEnds', { at: '' })}<When at={p.publicity_ends_at} /></p>
          {d.objections.length === 0 ? <p className="muted">{t('common.none')}</p> : null}
          {d.objections.map((o) => (
            <div key={o.id} style={{ borderTop: '1px solid var(--line)', padding: '8px 0' }}>
              <div>
                <strong>{o.name}</strong> · <When at={o.filed_at} />
              </div>
              <p style={{ margin: '4px 0' }}>{o.body}</p>
              {o.answer ? (
                <p style={{ margin: 0 }} className="muted">
                  ↳ {o.answer} (<When at={o.answered_at} />)
                </p>
              ) : (
                <Badge tone="warn">{t('mkt.project.answerObjection')}?</Badge>
              )}
            </div>
          ))}
        </section>
      ) : null}
      {d.contract ? (
        <section className="card">
          <h2>
            {t('mkt.project.contract')}{' '}
            {d.contract.published_late ? (
              <span title={t('mkt.contract.lateTitle', { days: p.contract_publication_days })}>
                <Badge tone="danger">{t('mkt.contract.late')}</Badge>
              </span>
            ) : null}
          </h2>
          {d.contract.published_late ? <p className="muted">{t('mkt.contract.lateTitle', { days: p.contract_publication_days })}</p> : null}
          <Facts
            items={[
              [t('mkt.col.agency'), name(d.contract.supplier_org_id)],
              [t('mkt.field.contractAmount'), <Money key="a" fen={d.contract.amount_fen} />],
              [t('mkt.field.signedOn'), d.contract.signed_on],
              [t('mkt.contract.publishedAt'), <When key="pa" at={d.contract.published_at} />],
              [t('mkt.field.summary'), d.contract.summary || '—'],
            ]}
          />
        </section>
      ) : null}
    </>
  )
}

function PanelCard({ d, name }: { d: Loaded; name: (id: number | null | undefined) => string }) {
  const t = useT()
  const panel = d.panel!
  const bidders = [...new Set(panel.scores.map((s) => s.supplier_org_id))]
  const experts = panel.members.filter((m) => m.status === 'seated')
  return (
    <section className="card">
      <h2>{t('mkt.project.panel')}</h2>
      <p>
        {panel.members.map((m) => (
          <span key={m.expert_id} style={{ marginRight: 10 }}>
            {m.display_name} {m.status === 'declined' ? <Badge tone="muted">{t('mkt.tl.replaced')}</Badge> : null}
          </span>
        ))}
      </p>
      {panel.revealed && bidders.length > 0 ? (
        <div className="table-wrap">
          <table>
            <thead>
              <tr>
                <th>{t('mkt.col.agency')}</th>
                {experts.map((m) => (
                  <th key={m.expert_id} className="num">
                    {m.display_name}
                  </th>
                ))}
                <th className="num">{t('mkt.col.score')}</th>
              </tr>
            </thead>
            <tbody>
              {bidders
                .map((b) => ({ b, sum: panel.scores.filter((s) => s.supplier_org_id === b).reduce((n, s) => n + s.total, 0) }))
                .sort((x, y) => y.sum - x.sum)
                .map(({ b, sum }) => (
                  <tr key={b}>
                    <td>{name(b)}</td>
                    {experts.map((m) => (
                      <td key={m.expert_id} className="num">
                        {panel.scores.find((s) => s.supplier_org_id === b && s.expert_id === m.expert_id)?.total ?? '—'}
                      </td>
                    ))}
                    <td className="num">
                      <strong>{sum}</strong>
                    </td>
                  </tr>
                ))}
            </tbody>
          </table>
        </div>
      ) : (
        <p className="muted">
          {t('mkt.expert.blind')} ({panel.lockedCount})
        </p>
      )}
      {panel.canRate || panel.ratings.length > 0 ? <PanelRatings experts={experts} ratings={panel.ratings} canRate={panel.canRate} /> : null}
    </section>
  )
}

/** 一标一评: the buyer rates each seated expert once; the ratings given are shown to the buyer and the officials. */
function PanelRatings({
  experts,
  ratings,
  canRate,
}: {
  experts: { expert_id: number; display_name: string }[]
  ratings: { expert_id: number; rating: number; comment: string }[]
  canRate: boolean
}) {
  const t = useT()
  const { e, v } = useFormState('rateExpert')
  return (
    <>
      <h3>{t('mkt.rating.title')}</h3>
      {canRate ? <p className="muted">{t('mkt.rating.lead')}</p> : null}
      <div className="table-wrap">
        <table>
          <thead>
            <tr>
              <th>{t('mkt.admin.expertName')}</th>
              <th className="num">{t('mkt.rating.score')}</th>
              <th>{t('mkt.rating.comment')}</th>
            </tr>
          </thead>
          <tbody>
            {experts.map((m) => {
              const given = ratings.find((r) => r.expert_id === m.expert_id)
              const mine = v.expertId === String(m.expert_id)
              return (
                <tr key={m.expert_id}>
                  <td>{m.display_name}</td>
                  {given ? (
                    <>
                      <td className="num">{given.rating}</td>
                      <td>{given.comment || '—'}</td>
                    </>
                  ) : canRate ? (
                    <td colSpan={2}>
                      <Form method="post" className="form">
                        <Intent value="rateExpert" />
                        <input type="hidden" name="expertId" value={m.expert_id} />
                        <FormError error={mine ? e._form : undefined} />
                        <div className="form-grid">
                          <SelectField
                            label={t('mkt.rating.score')}
                            name="rating"
                            required
                            options={[{ value: '', label: '—' }, ...[5, 4, 3, 2, 1].map((n) => ({ value: String(n), label: String(n) }))]}
                            defaultValue={mine ? v.rating : undefined}
                            error={mine ? e.rating : undefined}
                          />
                          <Field label={t('mkt.rating.comment')} name="comment" defaultValue={mine ? v.comment : undefined} error={mine ? e.comment : undefined} />
                        </div>
                        <button type="submit" className="button">
                          {t('mkt.rating.submit')}
                        </button>
                      </Form>
                    </td>
                  ) : (
                    <td colSpan={2} className="muted">
                      {t('mkt.rating.none')}
                    </td>
                  )}
                </tr>
              )
            })}
          </tbody>
        </table>
      </div>
    </>
  )
}

function Actions({ d, name }: { d: Loaded; name: (id: number | null | undefined) => string }) {
  const t = useT()
  const p = d.project
  const v = d.viewer
  const result = useActionData<typeof action>()
  const receipt = result && 'receipt' in result ? result.receipt : null
  const currentOffer = d.offers.find((o) => o.rank === p.offer_index && !o.outcome)
  const onOffer = v.supplierOrgId !== null && currentOffer?.supplier_org_id === v.supplierOrgId
  const deadlineOpen = new Date(p.registration_deadline).getTime() > new Date(d.now).getTime()
  const reg = useFormState('register')
  const quote = useFormState('quote')
  const draw = useFormState('draw')
  const redraw = useFormState('redraw')
  const choose = useFormState('choose')
  const confirm = useFormState('confirm')
  const decline = useFormState('decline')
  const objection = useFormState('objection')
  const answer = useFormState('answer')
  const contract = useFormState('contract')
  const submit = useFormState('submit')
  const approve = useFormState('approve')
  const forms: JSX.Element[] = []

  if (v.isBuyer && p.status === 'draft') {
    forms.push(
      <Form method="post" key="submit">
        <Intent value="submit" />
        <FormError error={submit.e._form ?? submit.e.deadline} />
        <button className="button" type="submit">
          {t('mkt.project.submit')}
        </button>
      </Form>,
    )
  }
  if (v.isCentre && p.status === 'review') {
    forms.push(
      <FormError key="review-error" error={approve.e._form ?? approve.e.deadline} />,
      <div key="review" style={{ display: 'flex', gap: 8 }}>
        <Form method="post">
          <Intent value="approve" />
          <button className="button" type="submit">
            {t('mkt.project.approve')}
          </button>
        </Form>
        <Form method="post">
          <Intent value="reject" />
          <button className="button button--danger" type="submit">
            {t('mkt.project.reject')}
          </button>
        </Form>
      </div>,
    )
  }
  if (v.supplierOrgId && p.status === 'registering' && deadlineOpen && !v.registered) {
    forms.push(
      <Form method="post" key="register">
        <Intent value="register" />
        <FormError error={reg.e._form} />
        {p.method === 'proposal' ? <TextAreaField label={t('mkt.field.proposal')} name="proposal" rows={5} defaultValue={reg.v.proposal} error={reg.e.proposal} /> : null}
        <button className="button" type="submit">
          {t('mkt.project.register')}
        </button>
      </Form>,
    )
  }
  if (v.registered && p.status === 'registering') {
    forms.push(
      <p key="registered">
        <Badge tone="success">{t('mkt.project.registered')}</Badge>
      </p>,
    )
  }
  if (v.registered && p.method === 'bidding' && p.status === 'registering' && deadlineOpen) {
    forms.push(
      <Form method="post" key="quote">
        <h3>{t('mkt.project.quote')}</h3>
        <p className="muted">{t('mkt.project.quoteLead')}</p>
        <Intent value="quote" />
        <Field label={t('mkt.field.amount')} name="amount" required inputMode="numeric" defaultValue={quote.v.amount} error={quote.e.amount} />
        <button className="button" type="submit">
          {t('mkt.project.submitQuote')}
        </button>
        {receipt ? (
          <div className="alert alert--success" role="status" style={{ marginTop: 10 }}>
            {t('mkt.project.receipt', { hash: '' })}
            <Hash value={receipt} />
          </div>
        ) : null}
      </Form>,
    )
  }
  if (d.myQuote && !receipt) {
    forms.push(
      <div key="myquote">
        <p className="muted">{t('mkt.project.myReceipt')}</p>
        <Hash value={d.myQuote.commitment} />
      </div>,
    )
  }
  if (v.isCentre && (p.status === 'drawing' || (p.method === 'proposal' && p.status === 'scoring' && !d.panel?.members.length))) {
    forms.push(
      <Form method="post" key="draw">
        <h3>{t('mkt.draw.run')}</h3>
        <Intent value="draw" />
        <Field label={t('mkt.field.publicInput')} name="publicInput" required defaultValue={draw.v.publicInput} error={draw.e.publicInput} />
        <button className="button" type="submit">
          {t('mkt.draw.run')}
        </button>
      </Form>,
      <Form method="post" key="redraw">
        <Intent value="redraw" />
        <TextAreaField label={t('mkt.draw.redrawReason')} name="reason" rows={2} defaultValue={redraw.v.reason} error={redraw.e.reason} />
        <button className="button button--secondary" type="submit">
          {t('mkt.draw.redraw')}
        </button>
      </Form>,
    )
  }
  if (v.isBuyer && p.status === 'choosing') {
    const list = p.settings.choiceList ?? []
    forms.push(
      <Form method="post" key="choose">
        <h3>{t('mkt.project.choose')}</h3>
        <Intent value="choose" />
        <FormError error={choose.e._form} />
        <SelectField
          label={t('mkt.field.choice')}
          name="supplierId"
          required
          defaultValue={choose.v.supplierId}
          error={choose.e.supplierId}
          options={[{ value: '', label: '—' }, ...list.map((id) => ({ value: String(id), label: name(id) }))]}
        />
        <TextAreaField label={t('mkt.field.note')} name="note" required rows={2} defaultValue={choose.v.note} error={choose.e.note} />
        <button className="button" type="submit">
          {t('mkt.project.choose')}
        </button>
      </Form>,
    )
  }
  if (currentOffer) {
    forms.push(
      <p key="offerto" className="muted">
        {t('mkt.project.offerTo', { name: currentOffer.name, deadline: '' })}
        <When at={currentOffer.deadline} />
      </p>,
    )
  }
  if (onOffer) {
    const mine = d.quotes.find((q) => q.supplier_org_id === v.supplierOrgId)
    forms.push(
      <Form method="post" key="confirm">
        <h3>{t('mkt.project.offer')}</h3>
        <Intent value="confirm" />
        <FormError error={confirm.e._form} />
        {mine?.abnormally_low ? <TextAreaField label={t('mkt.field.explanation')} name="explanation" required rows={2} defaultValue={confirm.v.explanation} error={confirm.e.explanation} /> : null}
        <button className="button" type="submit">
          {t('mkt.project.confirm')}
        </button>
      </Form>,
      <Form method="post" key="decline">
        <Intent value="decline" />
        <FormError error={decline.e._form} />
        <SelectField
          label={t('mkt.field.reasonKind')}
          name="reasonKind"
          required
          defaultValue={decline.v.reasonKind}
          error={decline.e.reasonKind}
          options={DECLINE_REASONS.map((r) => ({ value: r, label: t(`mkt.reason.${r}` as MessageKey) }))}
        />
        <TextAreaField label={t('mkt.field.reason')} name="reason" required rows={2} defaultValue={decline.v.reason} error={decline.e.reason} />
        <button className="button button--danger" type="submit">
          {t('mkt.project.decline')}
        </button>
      </Form>,
    )
  }
  if (v.registered && p.status === 'publicity') {
    forms.push(
      <Form method="post" key="objection">
        <h3>{t('mkt.project.fileObjection')}</h3>
        <Intent value="objection" />
        <TextAreaField label={t('mkt.field.objection')} name="body" required rows={3} defaultValue={objection.v.body} error={objection.e.body} />
        <button className="button button--secondary" type="submit">
          {t('mkt.project.fileObjection')}
        </button>
      </Form>,
    )
  }
  if (v.isBuyer) {
    for (const o of d.objections.filter((x) => !x.answer)) {
      forms.push(
        <Form method="post" key={`answer-${o.id}`}>
          <Intent value="answer" />
          <input type="hidden" name="objectionId" value={o.id} />
          <TextAreaField
            label={`${t('mkt.project.answerObjection')}: ${o.body.slice(0, 40)}`}
            name="answer"
            required
            rows={2}
            defaultValue={answer.v.objectionId === String(o.id) ? answer.v.answer : undefined}
            error={answer.v.objectionId === String(o.id) ? answer.e.answer : undefined}
          />
          <button className="button button--secondary" type="submit">
            {t('mkt.project.answerObjection')}
          </button>
        </Form>,
      )
    }
  }
  if (v.isBuyer && p.status === 'contracting') {
    forms.push(
      <Form method="post" key="contract">
        <h3>{t('mkt.project.recordContract')}</h3>
        <Intent value="contract" />
        <FormError error={contract.e._form} />
        <Field label={t('mkt.field.contractAmount')} name="amount" required inputMode="numeric" defaultValue={contract.v.amount ?? (p.awarded_amount_fen ? String(p.awarded_amount_fen / 100) : '')} error={contract.e.amount} />
        <Field label={t('mkt.field.signedOn')} name="signedOn" type="date" required defaultValue={contract.v.signedOn} error={contract.e.signedOn} />
        <TextAreaField label={t('mkt.field.summary')} name="summary" rows={2} defaultValue={contract.v.summary} error={contract.e.summary} />
        <button className="button" type="submit">
          {t('mkt.project.recordContract')}
        </button>
      </Form>,
    )
  }
  if (forms.length === 0) return null
  return (
    <section className="card">
      <h2>{t('common.actions')}</h2>
      <div style={{ display: 'flex', flexDirection: 'column', gap: 16 }}>{forms}</div>
    </section>
  )
}

export const ErrorBoundary = GeneralErrorBoundary
