import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from '@remix-run/node'
import { data, redirect } from '@remix-run/node'
import { Form, Link, useActionData, useLoaderData, useLocation, useSearchParams } from '@remix-run/react'
import { GeneralErrorBoundary } from '~/components/error-boundary'
import { CsrfInput, FormError } from '~/components/forms'
import { FilterBar, FilterSelect, FilterText } from '~/components/filters'
import { useLocale, useRootData, useT } from '~/components/i18n'
import { ExportLinks, MembershipStateBadge, SortSelect, useCategoryName } from '~/components/catalogue-ui'
import { EmptyRow, PageHeader, Pagination } from '~/components/ui'
import { removeSchema, suspendSchema } from '~/domain/catalogue'
import { startOfShanghaiDate } from '~/domain/calendar'
import { hasPermission } from '~/domain/permissions'
import { attempt } from '~/lib/actions.server'
import { loadMemberships } from '~/lib/catalogue-lists.server'
import { clientAddressOf } from '~/lib/context'
import { requireCsrf } from '~/lib/csrf.server'
import { getDb } from '~/lib/db.server'
import { parseForm } from '~/lib/forms'
import { badRequest } from '~/lib/http.server'
import { formatDateTime, type MessageKey } from '~/lib/i18n'
import { requirePermission } from '~/lib/session.server'
import { listCatalogueCategories } from '~/services/catalogue.server'
import { liftSuspension, removeMembership, suspendMembership } from '~/services/memberships.server'

export const meta: MetaFunction = () => [{ title: '在库供应商 · 采购 Caigou' }]

export async function loader({ request }: LoaderFunctionArgs) {
  const actor = await requirePermission(request, 'read:catalogue')
  const [list, categories] = await Promise.all([loadMemberships(actor, new URL(request.url)), listCatalogueCategories(await getDb())])
  return { ...list, categories }
}

export async function action({ request, context }: ActionFunctionArgs) {
  const actor = await requirePermission(request, 'manage:catalogue')
  const formData = await request.formData()
  await requireCsrf(request, formData)
  const id = Number(formData.get('membershipId'))
  if (!Number.isInteger(id) || id <= 0) throw badRequest()
  const db = await getDb()
  const ctx = { actor, clientAddress: clientAddressOf(context) }
  const intent = formData.get('intent')
  const fail = (f: { errors: Record<string, MessageKey | undefined>; values: Record<string, string> }) => data({ ...f, membershipId: id }, { status: 400 })
  if (intent === 'suspend') {
    const parsed = parseForm(suspendSchema, formData)
    if (!parsed.ok) return fail(parsed)
    // Suspended to the end (24:00 Beijing time) of the chosen date.
    const until = new Date(startOfShanghaiDate(parsed.data.until).getTime() + 86_400_000)
    const r = await attempt(suspendMembership(db, ctx, id, { until, reason: parsed.data.reason }), formData)
    if (!r.ok) return fail(r)
  } else if (intent === 'remove') {
    const parsed = parseForm(removeSchema, formData)
    if (!parsed.ok) return fail(parsed)
    const r = await attempt(removeMembership(db, ctx, id, parsed.data.reason), formData)
    if (!r.ok) return fail(r)
  } else if (intent === 'lift') {
    const r = await attempt(liftSuspension(db, ctx, id), formData)
    if (!r.ok) return fail(r)
  } else throw badRequest()
  const back = new URL(request.url).searchParams
  back.delete('act')
  return redirect(`/admin/catalogue/members?${back.toString()}`)
}

const STATES = ['active', 'expiring', 'suspended', 'expired', 'removed'] as const

export default function Members() {
  const { rows, total, filters, categories } = useLoaderData<typeof loader>()
  const failure = useActionData<typeof action>()
  const [params] = useSearchParams()
  const location = useLocation()
  const t = useT()
  const locale = useLocale()
  const name = useCategoryName()
  const actor = useRootData()?.actor
  const canManage = actor ? hasPermission(actor, 'manage:catalogue') : false
  const date = (d: Date | string | null) => (d ? formatDateTime(d, locale).slice(0, 10) : '—')
  const open = Number(params.get('act')) || failure?.membershipId
  return (
    <>
      <PageHeader title={t('cat.admin.members')} crumbs={[{ to: '/admin/catalogue', label: t('cat.admin.title') }]} lead={<>{t('common.pageOf', { page: filters.page, pages: Math.max(1, Math.ceil(total / filters.pageSize)), total })} · <ExportLinks what="members" search={location.search} /></>} />
      <FilterBar>
        <FilterText label={t('cat.order.supplier')} name="q" defaultValue={filters.q} />
        <FilterSelect label={t('cat.app.category')} name="category" defaultValue={filters.categoryCode} options={categories.map((c) => ({ value: c.code, label: `${c.code} ${name(c)}` }))} />
        <FilterSelect label={t('cat.admin.state')} name="state" defaultValue={filters.state} options={STATES.map((s) => ({ value: s, label: t(`cat.state.${s}`) }))} />
        <SortSelect value={filters.sort} options={(['valid_until', 'name', 'category'] as const).map((s) => ({ value: s, label: t(`cat.admin.sort.${s}`) }))} />
      </FilterBar>
      <div className="table-wrap">
        <table>
          <thead>
            <tr>
              <th>{t('cat.order.supplier')}</th>
              <th>{t('cat.app.category')}</th>
              <th>{t('cat.public.validFrom')}</th>
              <th>{t('cat.public.validUntil')}</th>
              <th>{t('cat.admin.state')}</th>
              <th>{t('cat.admin.reason')}</th>
              {canManage ? <th>{t('common.actions')}</th> : null}
            </tr>
          </thead>
          <tbody>
            {rows.map((m) => (
              <tr key={m.id}>
                <td><Link to={`/catalogue/suppliers/${m.organization_id}`}>{m.organization_name}</Link></td>
                <td>{m.category_code} {name(m)}</td>
                <td>{date(m.valid_from)}</td>
                <td>{date(m.valid_until)}</td>
                <td><MembershipStateBadge state={m.state} />{m.state === 'suspended' ? <small className="muted"> → {date(m.suspended_until)}</small> : null}</td>
                <td>{m.state === 'suspended' ? m.suspension_reason : m.state === 'removed' ? m.removal_reason : ''}</td>
                {canManage ? (
                  <td>
                    {m.state === 'removed' ? null : open === m.id ? (
                      <div style={{ display: 'grid', gap: 6 }}>
                        <FormError error={failure?.membershipId === m.id ? failure.errors._form : undefined} />
                        <Form method="post" className="inline-form" style={{ display: 'flex', gap: 6, flexWrap: 'wrap', alignItems: 'flex-start' }}>
                          <CsrfInput />
                          <input type="hidden" name="membershipId" value={m.id} />
                          <label>{t('cat.admin.suspendUntil')} <input type="date" name="until" aria-invalid={failure?.errors.until ? true : undefined} /></label>
                          <label>{t('cat.admin.reason')} <input name="reason" maxLength={500} aria-invalid={failure?.errors.reason ? true : undefined} /></label>
                          <button type="submit" name="intent" value="suspend" className="button button--secondary">{t('cat.admin.suspend')}</button>
                          <button type="submit" name="intent" value="remove" className="button button--danger">{t('cat.admin.remove')}</button>
                          {failure?.membershipId === m.id && (failure.errors.until || failure.errors.reason) ? (
                            <p className="field__error" role="alert" style={{ width: '100%' }}>{t((failure.errors.until ?? failure.errors.reason)!)}</p>
                          ) : null}
                        </Form>
                      </div>
                    ) : (
                      <span className="nowrap">
                        <Link to={`?${new URLSearchParams({ ...Object.fromEntries(params), act: String(m.id) }).toString()}`}>{t('cat.admin.suspend')} / {t('cat.admin.remove')}</Link>
                        {m.state === 'suspended' ? (
                          <Form method="post" className="inline-form">
                            <CsrfInput />
                            <input type="hidden" name="membershipId" value={m.id} />
                            <button type="submit" name="intent" value="lift" className="link-button">{t('cat.admin.lift')}</button>
                          </Form>
                        ) : null}
                      </span>
                    )}
                  </td>
                ) : null}
              </tr>
            ))}
            {rows.length === 0 ? <EmptyRow colSpan={canManage ? 7 : 6} /> : null}
          </tbody>
        </table>
      </div>
      <Pagination page={filters.page} pageSize={filters.pageSize} total={total} />
    </>
  )
}

export const ErrorBoundary = GeneralErrorBoundary
