import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from '@remix-run/node'
import { redirect } from '@remix-run/node'
import { Form, Link, useActionData, useLoaderData, useSearchParams } from '@remix-run/react'
import { GeneralErrorBoundary } from '~/components/error-boundary'
import { CsrfInput, Field, FormActions, FormError } from '~/components/forms'
import { useLocale, useRootData, useT } from '~/components/i18n'
import { Money, OrderStatusBadge, Rating, useCategoryName } from '~/components/catalogue-ui'
import { PageHeader } from '~/components/ui'
import { declineSchema, ratingCommentSchema, type RatingCriterion } from '~/domain/catalogue'
import { attempt, idParam, invalid, serviceResult } from '~/lib/actions.server'
import { clientAddressOf } from '~/lib/context'
import { requireCsrf } from '~/lib/csrf.server'
import { getDb } from '~/lib/db.server'
import { parseForm } from '~/lib/forms'
import { badRequest } from '~/lib/http.server'
import { formatDateTime, type MessageKey } from '~/lib/i18n'
import { requireActor } from '~/lib/session.server'
import { acceptOrder, cancelOrder, confirmOrder, declineOrder, getOrder, rateOrder } from '~/services/catalogue-orders.server'

export const meta: MetaFunction = () => [{ title: '订单 · 采购 Caigou' }]

export async function loader({ request, params }: LoaderFunctionArgs) {
  const actor = await requireActor(request)
  return serviceResult(getOrder(await getDb(), actor, idParam(params.id)))
}

export async function action({ request, params, context }: ActionFunctionArgs) {
  const actor = await requireActor(request)
  const id = idParam(params.id)
  const formData = await request.formData()
  await requireCsrf(request, formData)
  const db = await getDb()
  const ctx = { actor, clientAddress: clientAddressOf(context) }
  const intent = formData.get('intent')
  let work: Promise<void>
  if (intent === 'confirm') work = confirmOrder(db, ctx, id)
  else if (intent === 'accept') work = acceptOrder(db, ctx, id)
  else if (intent === 'cancel') work = cancelOrder(db, ctx, id)
  else if (intent === 'decline') {
    const parsed = parseForm(declineSchema, formData)
    if (!parsed.ok) return invalid(parsed)
    work = declineOrder(db, ctx, id, parsed.data.reason)
  } else if (intent === 'rate') {
    const parsed = parseForm(ratingCommentSchema, formData)
    if (!parsed.ok) return invalid(parsed)
    const scores: Record<string, number> = {}
    for (const [k, v] of formData) if (k.startsWith('score.') && typeof v === 'string' && /^[1-5]$/.test(v)) scores[k.slice(6)] = Number(v)
    work = rateOrder(db, ctx, id, { scores, comment: parsed.data.comment })
  } else throw badRequest()
  const result = await attempt(work, formData)
  if (!result.ok) return invalid(result)
  return redirect(`/catalogue/orders/${id}?done=${String(intent)}`)
}

export default function OrderPage() {
  const { order, rating, rules, deadlinePassed, candidates } = useLoaderData<typeof loader>()
  const failure = useActionData<typeof action>()
  const [params] = useSearchParams()
  const t = useT()
  const locale = useLocale()
  const name = useCategoryName()
  const actor = useRootData()?.actor
  const e = failure?.errors ?? {}
  const isSupplier = actor?.role === 'supplier' && actor.organizationId === order.supplier_org_id
  const isBuyer = actor?.role === 'agency' && actor.organizationId === order.purchaser_org_id
  const criteria = rules.ratingCriteria as RatingCriterion[]
  const declines = (order.decline_reasons ?? []) as unknown as { supplierId: number; reason: string; timedOut: boolean; at: string }[]
  const draw = order.draw as unknown as { seed: string; poolHash: string; secret: string; publicInput: string } | null
  const nameOf = (id: number) => candidates.find((c) => c.id === id)?.name ?? String(id)
  const dt = (d: Date | string | null) => (d ? formatDateTime(d, locale) : '—')
  return (
    <>
      <PageHeader
        title={t('cat.order.title', { no: order.order_no })}
        crumbs={[{ to: '/catalogue/orders', label: t('cat.order.listTitle') }]}
        lead={<><OrderStatusBadge status={order.status} /> {name(order)} · {t(`cat.allocation.${order.allocation}` as MessageKey)}</>}
      />
      {params.get('placed') ? <div className="alert alert--success" role="status">{t('cat.order.placed')}</div> : null}
      {params.get('duplicate') ? <div className="alert alert--info" role="status">{t('cat.order.duplicate')}</div> : null}
      {params.get('done') === 'rate' ? <div className="alert alert--success" role="status">{t('cat.rating.saved')}</div> : null}
      <FormError error={e._form} />
      <div className="grid grid--2">
        <section className="card" aria-labelledby="o-title">
          <h2 id="o-title">{t('cat.order.details')}</h2>
          <dl className="details">
            <dt>{t('cat.order.buyer')}</dt>
            <dd>{order.buyer_name}</dd>
            <dt>{t('cat.order.supplier')}</dt>
            <dd><Link to={`/catalogue/suppliers/${order.supplier_org_id}`}>{order.supplier_name}</Link> · {order.supplier_region}</dd>
            <dt>{t('cat.order.item')}</dt>
            <dd>{order.item_name} {order.specification ? `（${order.specification}）` : ''}</dd>
            <dt>{t('cat.order.unitPrice')}</dt>
            <dd><Money fen={order.unit_price_fen} /> / {order.unit}</dd>
            <dt>{t('cat.order.quantity')}</dt>
            <dd>{order.quantity} {order.unit}</dd>
            <dt>{t('cat.order.total')}</dt>
            <dd><strong><Money fen={order.total_fen} /></strong></dd>
            <dt>{t('cat.order.deliveryAddress')}</dt>
            <dd>{order.delivery_address || '—'}</dd>
            <dt>{t('cat.order.note')}</dt>
            <dd>{order.note || '—'}</dd>
            <dt>{t('cat.order.placedAt')}</dt>
            <dd>{dt(order.placed_at)}</dd>
            {order.status === 'placed' ? (
              <>
                <dt>{t('cat.order.deadline')}</dt>
                <dd>{dt(order.confirm_deadline)}</dd>
              </>
            ) : null}
            <dt>{t('cat.order.confirmedAt')}</dt>
            <dd>{dt(order.confirmed_at)}</dd>
            <dt>{t('cat.order.acceptedAt')}</dt>
            <dd>{dt(order.accepted_at)}</dd>
            <dt>{t('cat.order.contractNo')}</dt>
            <dd className="mono">{order.contract_no ?? '—'}</dd>
            <dt>{t('cat.order.publishedAt')}</dt>
            <dd>{dt(order.contract_published_at)}</dd>
          </dl>
        </section>
        <section className="card" aria-labelledby="a-title">
          <h2 id="a-title">{t('common.actions')}</h2>
          {isSupplier && order.status === 'placed' && !deadlinePassed ? (
            <>
              <Form method="post" className="form">
                <CsrfInput />
                <FormActions>
                  <button type="submit" name="intent" value="confirm" className="button">{t('cat.order.confirm')}</button>
                </FormActions>
              </Form>
              <Form method="post" className="form" noValidate>
                <CsrfInput />
                <input type="hidden" name="intent" value="decline" />
                <Field label={t('cat.order.declineReason')} name="reason" required maxLength={500} error={e.reason} defaultValue={failure?.values.reason} />
                <FormActions>
                  <button type="submit" className="button button--danger">{t('cat.order.decline')}</button>
                </FormActions>
              </Form>
            </>
          ) : null}
          {isBuyer && order.status === 'placed' ? (
            <Form method="post">
              <CsrfInput />
              <button type="submit" name="intent" value="cancel" className="button button--secondary">{t('cat.order.cancel')}</button>
            </Form>
          ) : null}
          {isBuyer && order.status === 'confirmed' ? (
            <Form method="post">
              <CsrfInput />
              <button type="submit" name="intent" value="accept" className="button">{t('cat.order.accept')}</button>
            </Form>
          ) : null}
          {isBuyer && order.status === 'accepted' && !rating ? (
            <Form method="post" className="form" noValidate aria-labelledby="r-title">
              <h3 id="r-title">{t('cat.rating.title')}</h3>
              <CsrfInput />
              <input type="hidden" name="intent" value="rate" />
              {criteria.map((c) => {
                const err = e[`score.${c.key}`]
                return (
                  <fieldset key={c.key} className={`field${err ? ' field--invalid' : ''}`} aria-invalid={err ? true : undefined}>
                    <legend>{locale === 'en' ? c.name_en : c.name_zh} <small className="muted">({c.weight})</small></legend>
                    {[5, 4, 3, 2, 1].map((n) => (
                      <label key={n} style={{ marginRight: 12 }}>
                        <input type="radio" name={`score.${c.key}`} value={n} defaultChecked={failure?.values[`score.${c.key}`] === String(n)} /> {n}
                      </label>
                    ))}
                    {err ? <p className="field__error" role="alert">{t(err)}</p> : null}
                  </fieldset>
                )
              })}
              <Field label={t('cat.rating.comment')} name="comment" maxLength={500} error={e.comment} defaultValue={failure?.values.comment} />
              <FormActions>
                <button type="submit" className="button">{t('cat.rating.submit')}</button>
              </FormActions>
            </Form>
          ) : null}
          {rating ? (
            <div>
              <h3>{t('cat.rating.title')}</h3>
              <p>{t('cat.rating.overall')}: <Rating value={rating.overall} /></p>
              <ul>
                {criteria.map((c) => (
                  <li key={c.key}>{locale === 'en' ? c.name_en : c.name_zh}: {(rating.scores as unknown as Record<string, number>)[c.key]}</li>
                ))}
              </ul>
              {rating.comment ? <p>“{rating.comment}”</p> : null}
            </div>
          ) : null}
          {candidates.length > 1 ? (
            <>
              <h3>{t('cat.order.candidates')}</h3>
              <ol>
                {candidates.map((c, i) => (
                  <li key={c.id}>{c.name}{i === order.candidate_index ? ' ←' : ''}</li>
                ))}
              </ol>
            </>
          ) : null}
          {draw ? (
            <p className="muted" style={{ wordBreak: 'break-all' }}>
              {t('cat.order.drawSeed')}: <span className="mono">{draw.seed}</span> · poolHash <span className="mono">{draw.poolHash}</span>. <a href={`/catalogue/orders/${order.id}/draw.json`}>draw.json</a> · {t('cat.order.drawVerify')}
            </p>
          ) : null}
          {declines.length ? (
            <>
              <h3>{t('cat.order.declines')}</h3>
              <ul>
                {declines.map((d, i) => (
                  <li key={i}>{nameOf(d.supplierId)}: {d.timedOut ? t('cat.order.timedOut') : d.reason} <small className="muted">{dt(d.at)}</small></li>
                ))}
              </ul>
            </>
          ) : null}
        </section>
      </div>
    </>
  )
}

export const ErrorBoundary = GeneralErrorBoundary
