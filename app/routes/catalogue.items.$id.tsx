import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from '@remix-run/node'
import { redirect } from '@remix-run/node'
import { Form, Link, useActionData, useLoaderData } from '@remix-run/react'
import { GeneralErrorBoundary } from '~/components/error-boundary'
import { CsrfInput, Field, FormActions, FormError } from '~/components/forms'
import { useLocale, useRootData, useT } from '~/components/i18n'
import { Money, Rating, useCategoryName, useMoney } from '~/components/catalogue-ui'
import { PageHeader } from '~/components/ui'
import { formatFieldValue, orderSchema, type FieldValue, type ItemFieldDef } from '~/domain/catalogue'
import { attempt, idParam, invalid, serviceResult } from '~/lib/actions.server'
import { clientAddressOf } from '~/lib/context'
import { requireCsrf } from '~/lib/csrf.server'
import { getDb } from '~/lib/db.server'
import { parseForm } from '~/lib/forms'
import type { MessageKey } from '~/lib/i18n'
import { getActor, requireRole } from '~/lib/session.server'
import { newIdempotencyKey, placeOrder } from '~/services/catalogue-orders.server'
import { getOffer } from '~/services/catalogue.server'

export const meta: MetaFunction = () => [{ title: '项目 · 预选供应商库 · 采购 Caigou' }]

export async function loader({ request, params }: LoaderFunctionArgs) {
  const actor = await getActor(request)
  const offer = await serviceResult(getOffer(await getDb(), idParam(params.id)))
  // Each rendering of the order form carries a fresh key; posting the same form twice places one order.
  return { ...offer, idempotencyKey: actor?.role === 'agency' ? newIdempotencyKey() : null }
}

export async function action({ request, context }: ActionFunctionArgs) {
  const actor = await requireRole(request, ['agency'])
  const formData = await request.formData()
  await requireCsrf(request, formData)
  const parsed = parseForm(orderSchema, formData)
  if (!parsed.ok) return invalid(parsed)
  const result = await attempt(placeOrder(await getDb(), { actor, clientAddress: clientAddressOf(context) }, parsed.data), formData)
  if (!result.ok) return invalid(result)
  return redirect(`/catalogue/orders/${result.value.id}?${result.value.duplicate ? 'duplicate' : 'placed'}=1`)
}

export default function OfferPage() {
  const { item, category, rules, available, comparable, idempotencyKey } = useLoaderData<typeof loader>()
  const failure = useActionData<typeof action>()
  const t = useT()
  const locale = useLocale()
  const name = useCategoryName()
  const money = useMoney()
  const actor = useRootData()?.actor
  const fields = rules.itemFields as ItemFieldDef[]
  const values = (item.fields ?? {}) as unknown as Record<string, FieldValue>
  const e = failure?.errors ?? {}
  const ceilings = [
    rules.orderCeilingFen !== null ? `${t('cat.category.orderCeiling')}: ${money(rules.orderCeilingFen)}` : null,
    rules.annualCeilingFen !== null ? `${t('cat.category.annualCeiling')}: ${money(rules.annualCeilingFen)}` : null,
  ].filter(Boolean).join(' · ')
  return (
    <>
      <PageHeader
        title={item.name}
        crumbs={[{ to: '/catalogue', label: t('cat.browse.title') }, { to: `/catalogue/${category.code}`, label: name(category) }]}
        lead={<><Link to={`/catalogue/suppliers/${item.organization_id}`}>{item.supplier_name}</Link> · {item.region} · <Rating value={item.rating} count={item.ratings} /></>}
      />
      <div className="grid grid--2">
        <section className="card" aria-labelledby="detail-title">
          <h2 id="detail-title">{t('cat.browse.fields')}</h2>
          <dl className="details">
            <dt>{t('cat.menu.specification')}</dt>
            <dd>{item.specification || '—'}</dd>
            <dt>{t('cat.menu.unit')}</dt>
            <dd>{item.unit}</dd>
            <dt>{t('cat.menu.price')}</dt>
            <dd><strong><Money fen={item.price_fen} /></strong> / {item.unit}</dd>
            {fields.map((f) => (
              <div key={f.key} style={{ display: 'contents' }}>
                <dt>{locale === 'en' ? f.label_en : f.label_zh}</dt>
                <dd>{formatFieldValue(f, values[f.key])}</dd>
              </div>
            ))}
          </dl>
        </section>
        <section className="card" aria-labelledby="order-title">
          <h2 id="order-title">{t('cat.order.form')}</h2>
          {!available ? (
            <div className="alert alert--error" role="alert">{t('cat.browse.unavailable')}</div>
          ) : actor?.role !== 'agency' || !idempotencyKey ? (
            <p className="muted">{t('cat.browse.signInToOrder')}</p>
          ) : (
            <Form method="post" className="form" noValidate>
              <CsrfInput />
              <input type="hidden" name="menuItemId" value={item.id} />
              <input type="hidden" name="priceId" value={item.price_id ?? ''} />
              <input type="hidden" name="idempotencyKey" value={failure?.values.idempotencyKey ?? idempotencyKey} />
              <FormError error={e._form} />
              {rules.allocation !== 'free' ? (
                <div className="alert alert--info">{t('cat.order.allocationNote', { method: t(`cat.allocation.${rules.allocation}` as MessageKey) })}</div>
              ) : null}
              <Field label={`${t('cat.order.quantity')}（${item.unit}）`} name="quantity" inputMode="numeric" required defaultValue={failure?.values.quantity ?? '1'} error={e.quantity} hint={ceilings || undefined} />
              <Field label={t('cat.order.deliveryAddress')} name="deliveryAddress" required maxLength={200} defaultValue={failure?.values.deliveryAddress ?? ''} error={e.deliveryAddress} />
              <Field label={t('cat.order.note')} name="note" maxLength={500} defaultValue={failure?.values.note ?? ''} error={e.note} />
              <p>{t('cat.order.unitPrice')}: <strong><Money fen={item.price_fen} /></strong></p>
              <FormActions>
                <button type="submit" className="button">{t('cat.order.place')}</button>
              </FormActions>
            </Form>
          )}
        </section>
      </div>
      <section className="card" aria-labelledby="compare-title">
        <h2 id="compare-title">{t('cat.browse.compare')}</h2>
        <div className="table-wrap">
          <table>
            <thead>
              <tr>
                <th>{t('cat.order.supplier')}</th>
                <th>{t('cat.menu.specification')}</th>
                <th>{t('org.region')}</th>
                <th className="num">{t('cat.menu.price')}</th>
                <th>{t('cat.rating.overall')}</th>
              </tr>
            </thead>
            <tbody>
              <tr>
                <td><strong>{item.supplier_name}</strong></td>
                <td>{item.specification}</td>
                <td>{item.region}</td>
                <td className="num"><strong><Money fen={item.price_fen} /></strong></td>
                <td><Rating value={item.rating} /></td>
              </tr>
              {comparable.map((c) => (
                <tr key={c.id}>
                  <td><Link to={`/catalogue/items/${c.id}`}>{c.supplier_name}</Link></td>
                  <td>{c.specification}</td>
                  <td>{c.region}</td>
                  <td className="num"><Money fen={c.price_fen} /></td>
                  <td><Rating value={c.rating} /></td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      </section>
    </>
  )
}

export const ErrorBoundary = GeneralErrorBoundary
