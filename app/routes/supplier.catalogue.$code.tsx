import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from '@remix-run/node'
import { data, redirect } from '@remix-run/node'
import { Form, useActionData, useLoaderData, useSearchParams } from '@remix-run/react'
import { useId } from 'react'
import { GeneralErrorBoundary } from '~/components/error-boundary'
import { CsrfInput, Field, FormActions, FormError } from '~/components/forms'
import { useLocale, useT } from '~/components/i18n'
import { Money, MembershipStateBadge, useCategoryName, useMoney } from '~/components/catalogue-ui'
import { Badge, EmptyRow, PageHeader } from '~/components/ui'
import { formatFieldValue, menuItemSchema, priceSchema, type FieldValue, type ItemFieldDef } from '~/domain/catalogue'
import { toYuanString, fen as toFen } from '~/domain/money'
import { attempt, serviceResult } from '~/lib/actions.server'
import { clientAddressOf } from '~/lib/context'
import { requireCsrf } from '~/lib/csrf.server'
import { getDb } from '~/lib/db.server'
import { parseForm, type FieldErrors } from '~/lib/forms'
import { badRequest, notFound } from '~/lib/http.server'
import { formatDateTime, type MessageKey } from '~/lib/i18n'
import { requireRole } from '~/lib/session.server'
import { addMenuItem, changePrice, myMenu, withdrawMenuItem } from '~/services/catalogue-menu.server'
import { getCategory } from '~/services/catalogue.server'

export const meta: MetaFunction = () => [{ title: '菜单 · 采购 Caigou' }]

export async function loader({ request, params }: LoaderFunctionArgs) {
  const actor = await requireRole(request, ['supplier'])
  const db = await getDb()
  const { category } = await serviceResult(getCategory(db, params.code ?? ''))
  const menu = await myMenu(db, actor, category.code)
  const membership = menu.memberships.find((m) => m.category_code === category.code)
  if (!membership) throw notFound()
  return { category, membership, items: menu.items, rules: menu.rules! }
}

export async function action({ request, params, context }: ActionFunctionArgs) {
  const actor = await requireRole(request, ['supplier'])
  const formData = await request.formData()
  await requireCsrf(request, formData)
  const db = await getDb()
  const ctx = { actor, clientAddress: clientAddressOf(context) }
  const code = params.code ?? ''
  const intent = formData.get('intent')
  if (intent === 'add') {
    const parsed = parseForm(menuItemSchema, formData)
    if (!parsed.ok) return data({ ...parsed, intent: String(intent) }, { status: 400 })
    const fields: Record<string, string | string[]> = {}
    for (const [k, v] of formData) {
      if (!k.startsWith('field.') || typeof v !== 'string') continue
      const key = k.slice(6)
      const prev = fields[key]
      fields[key] = prev === undefined ? v : [...(Array.isArray(prev) ? prev : [prev]), v]
    }
    const result = await attempt(addMenuItem(db, ctx, code, { name: parsed.data.name, specification: parsed.data.specification, unit: parsed.data.unit, priceFen: parsed.data.price, fields }), formData)
    if (!result.ok) return data({ ...result, intent: String(intent) }, { status: 400 })
    return redirect(`/supplier/catalogue/${code}?added=1`)
  }
  if (intent === 'price') {
    const parsed = parseForm(priceSchema, formData)
    if (!parsed.ok) return data({ ...parsed, intent: String(intent) }, { status: 400 })
    const result = await attempt(changePrice(db, ctx, parsed.data.itemId, parsed.data.price), formData)
    if (!result.ok) return data({ ...result, intent: String(intent) }, { status: 400 })
    return redirect(`/supplier/catalogue/${code}?price=${result.value}`)
  }
  if (intent === 'withdraw') {
    const itemId = Number(formData.get('itemId'))
    if (!Number.isInteger(itemId)) throw badRequest()
    await serviceResult(withdrawMenuItem(db, ctx, itemId))
    return redirect(`/supplier/catalogue/${code}`)
  }
  throw badRequest()
}

function ItemFieldInput({ def, error, value }: { def: ItemFieldDef; error?: MessageKey; value?: string }) {
  const t = useT()
  const locale = useLocale()
  const id = useId()
  const label = `${locale === 'en' ? def.label_en : def.label_zh}${def.unit ? `（${def.unit}）` : ''}`
  const describedBy = error ? `${id}-error` : undefined
  return (
    <div className={`field${error ? ' field--invalid' : ''}`}>
      {def.type === 'multiselect' ? (
        <fieldset aria-invalid={error ? true : undefined} aria-describedby={describedBy} style={{ border: 0, padding: 0, margin: 0 }}>
          <legend>{label}{def.required ? <span className="required" aria-hidden="true"> *</span> : null}</legend>
          {def.options?.map((o) => (
            <label key={o} style={{ marginRight: 12, fontWeight: 'normal' }}>
              <input type="checkbox" name={`field.${def.key}`} value={o} /> {o}
            </label>
          ))}
        </fieldset>
      ) : (
        <>
          <label htmlFor={id}>{label}{def.required ? <span className="required" aria-hidden="true"> *</span> : null}</label>
          {def.type === 'select' ? (
            <select id={id} name={`field.${def.key}`} defaultValue={value ?? ''} aria-invalid={error ? true : undefined} aria-describedby={describedBy}>
              <option value="">—</option>
              {def.options?.map((o) => <option key={o} value={o}>{o}</option>)}
            </select>
          ) : (
            <input id={id} name={`field.${def.key}`} inputMode={def.type === 'number' ? 'decimal' : undefined} defaultValue={value ?? ''} aria-invalid={error ? true : undefined} aria-describedby={describedBy} />
          )}
        </>
      )}
      {error ? <p id={`${id}-error`} className="field__error" role="alert">{t(error)}</p> : null}
    </div>
  )
}

export default function SupplierMenu() {
  const { category, membership, items, rules } = useLoaderData<typeof loader>()
  const failure = useActionData<typeof action>() as { errors: FieldErrors; values: Record<string, string>; intent?: string } | undefined
  const [params] = useSearchParams()
  const t = useT()
  const locale = useLocale()
  const name = useCategoryName()
  const money = useMoney()
  const fields = rules.itemFields as ItemFieldDef[]
  const addErrors = failure?.intent === 'add' ? failure.errors : {}
  const priceErrors = failure?.intent === 'price' ? failure.errors : {}
  const canEdit = membership.state === 'active' || membership.state === 'expiring'
  const date = (d: Date | string | null) => (d ? formatDateTime(d, locale).slice(0, 10) : '—')
  return (
    <>
      <PageHeader
        title={t('cat.menu.categoryTitle', { name: `${category.code} ${name(category)}` })}
        crumbs={[{ to: '/supplier/catalogue', label: t('cat.menu.title') }]}
        lead={<><MembershipStateBadge state={membership.state} /> {t('cat.public.validUntil')}: {date(membership.valid_until)} · {t('cat.category.priceRiseApproval')}: {rules.priceRiseApproval ? t('common.yes') : t('common.no')}</>}
      />
      {membership.state === 'suspended' ? (
        <div className="alert alert--error" role="alert">{t('cat.menu.suspendedBanner', { until: date(membership.suspended_until), reason: membership.suspension_reason ?? '' })}</div>
      ) : null}
      {!canEdit && membership.state !== 'suspended' ? <div className="alert alert--error">{t('cat.menu.notMember')}</div> : null}
      {params.get('added') ? <div className="alert alert--success" role="status">{t('cat.menu.itemAdded')}</div> : null}
      {params.get('price') === 'pending' ? <div className="alert alert--info" role="status">{t('cat.menu.pricePending')}</div> : null}
      {params.get('price') === 'active' ? <div className="alert alert--success" role="status">{t('cat.menu.priceChanged')}</div> : null}
      <FormError error={priceErrors._form ?? priceErrors.price} />
      <div className="table-wrap">
        <table>
          <thead>
            <tr>
              <th>{t('cat.menu.name')}</th>
              <th>{t('cat.menu.specification')}</th>
              {fields.map((f) => <th key={f.key}>{locale === 'en' ? f.label_en : f.label_zh}</th>)}
              <th className="num">{t('cat.menu.price')}</th>
              <th>{t('common.status')}</th>
              <th>{t('common.actions')}</th>
            </tr>
          </thead>
          <tbody>
            {items.map((it) => {
              const values = (it.fields ?? {}) as unknown as Record<string, FieldValue>
              return (
                <tr key={it.id}>
                  <td><strong>{it.name}</strong></td>
                  <td>{it.specification}</td>
                  {fields.map((f) => <td key={f.key}>{formatFieldValue(f, values[f.key])}</td>)}
                  <td className="num">
                    <Money fen={it.price_fen} /> <small className="muted">/ {it.unit}</small>
                    {it.pending_fen ? <div><Badge tone="warn">{t('cat.menu.pendingRise', { price: money(it.pending_fen) })}</Badge></div> : null}
                  </td>
                  <td>{it.status === 'active' ? <Badge tone="success">{t('status.active')}</Badge> : <Badge>{t('cat.menu.withdraw')}</Badge>}</td>
                  <td>
                    {canEdit && it.status === 'active' ? (
                      <div style={{ display: 'flex', gap: 8, alignItems: 'center', flexWrap: 'wrap' }}>
                        <Form method="post" className="inline-form" style={{ display: 'flex', gap: 6 }}>
                          <CsrfInput />
                          <input type="hidden" name="intent" value="price" />
                          <input type="hidden" name="itemId" value={it.id} />
                          <input id={`price-${it.id}`} name="price" size={9} inputMode="decimal" defaultValue={it.price_fen === null ? '' : toYuanString(toFen(Number(it.price_fen)))} aria-label={`${t('cat.menu.newPrice')} ${it.name}`} />
                          <button type="submit" className="button button--secondary">{t('cat.menu.changePrice')}</button>
                        </Form>
                        <Form method="post" className="inline-form">
                          <CsrfInput />
                          <input type="hidden" name="itemId" value={it.id} />
                          <button type="submit" name="intent" value="withdraw" className="button button--ghost">{t('cat.menu.withdraw')}</button>
                        </Form>
                      </div>
                    ) : null}
                  </td>
                </tr>
              )
            })}
            {items.length === 0 ? <EmptyRow colSpan={5 + fields.length} /> : null}
          </tbody>
        </table>
      </div>
      {canEdit ? (
        <section className="card" aria-labelledby="add-title">
          <h2 id="add-title">{t('cat.menu.addItem')}</h2>
          <Form method="post" className="form" noValidate>
            <CsrfInput />
            <input type="hidden" name="intent" value="add" />
            <FormError error={addErrors._form} />
            <div className="form-grid">
              <Field label={t('cat.menu.name')} name="name" required maxLength={80} defaultValue={failure?.intent === 'add' ? failure.values.name : ''} error={addErrors.name} />
              <Field label={t('cat.menu.specification')} name="specification" maxLength={200} defaultValue={failure?.intent === 'add' ? failure.values.specification : ''} error={addErrors.specification} />
              <Field label={t('cat.menu.unit')} name="unit" required maxLength={20} defaultValue={failure?.intent === 'add' ? failure.values.unit : ''} error={addErrors.unit} />
              <Field label={t('cat.menu.price')} name="price" required inputMode="numeric" defaultValue={failure?.intent === 'add' ? failure.values.price : ''} error={addErrors.price} />
              {fields.map((f) => (
                <ItemFieldInput key={f.key} def={f} error={addErrors[`field.${f.key}`]} value={failure?.intent === 'add' ? failure.values[`field.${f.key}`] : undefined} />
              ))}
            </div>
            <FormActions>
              <button type="submit" className="button">{t('cat.menu.addItem')}</button>
            </FormActions>
          </Form>
        </section>
      ) : null}
    </>
  )
}

export const ErrorBoundary = GeneralErrorBoundary
