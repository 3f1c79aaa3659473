import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from '@remix-run/node'
import { redirect } from '@remix-run/node'
import { Form, Link, useLoaderData } from '@remix-run/react'
import { GeneralErrorBoundary } from '~/components/error-boundary'
import { CsrfInput } from '~/components/forms'
import { useLocale, useRootData, useT } from '~/components/i18n'
import { BarChart, Money, useCategoryName, useMoney } from '~/components/catalogue-ui'
import { PageHeader, StatCard } from '~/components/ui'
import { hasPermission } from '~/domain/permissions'
import { serviceResult } from '~/lib/actions.server'
import { clientAddressOf } from '~/lib/context'
import { requireCsrf } from '~/lib/csrf.server'
import { getDb } from '~/lib/db.server'
import { badRequest } from '~/lib/http.server'
import { formatDateTime } from '~/lib/i18n'
import { requirePermission } from '~/lib/session.server'
import { decidePriceRise, pendingPriceRises } from '~/services/catalogue-menu.server'
import { catalogueDashboard } from '~/services/catalogue-orders.server'

export const meta: MetaFunction = () => [{ title: '供应商库概览 · 采购 Caigou' }]

export async function loader({ request }: LoaderFunctionArgs) {
  const actor = await requirePermission(request, 'read:catalogue')
  const db = await getDb()
  const [board, rises] = await Promise.all([serviceResult(catalogueDashboard(db, actor)), serviceResult(pendingPriceRises(db, actor))])
  return { board, rises }
}

export async function action({ request, context }: ActionFunctionArgs) {
  const actor = await requirePermission(request, 'manage:catalogue')
  const formData = await request.formData()
  await requireCsrf(request, formData)
  const priceId = Number(formData.get('priceId'))
  const intent = formData.get('intent')
  if (!Number.isInteger(priceId) || (intent !== 'approve' && intent !== 'reject')) throw badRequest()
  await serviceResult(decidePriceRise(await getDb(), { actor, clientAddress: clientAddressOf(context) }, priceId, intent === 'approve'))
  return redirect('/admin/catalogue')
}

export default function CatalogueDashboard() {
  const { board, rises } = useLoaderData<typeof loader>()
  const t = useT()
  const locale = useLocale()
  const name = useCategoryName()
  const money = useMoney()
  const actor = useRootData()?.actor
  const canManage = actor ? hasPermission(actor, 'manage:catalogue') : false
  return (
    <>
      <PageHeader
        title={t('cat.admin.dashboard')}
        actions={
          <>
            <Link to="/admin/applications?status=submitted" className="button">{t('cat.app.listTitle')}</Link>{' '}
            <Link to="/admin/catalogue/members" className="button button--secondary">{t('cat.admin.members')}</Link>{' '}
            <Link to="/catalogue/orders" className="button button--secondary">{t('cat.order.listTitle')}</Link>{' '}
            <Link to="/catalogue/orders?contracts=1" className="button button--secondary">{t('cat.order.contractsTitle')}</Link>{' '}
            {canManage ? <Link to="/admin/categories" className="button button--secondary">{t('cat.category.listTitle')}</Link> : null}
          </>
        }
      />
      <div className="grid grid--stats">
        <StatCard label={t('cat.admin.totalOrders')} value={board.totals.orders} />
        <StatCard label={t('cat.admin.totalContracts')} value={board.totals.contracts} tone="success" />
        <StatCard label={t('cat.admin.totalSpend')} value={<span style={{ fontSize: '0.7em' }}><Money fen={board.totals.spend} /></span>} />
        <StatCard label={t('cat.admin.waiting')} value={<Link to="/admin/applications?status=submitted">{board.waitingApplications}</Link>} tone="warn" />
        <StatCard label={t('cat.admin.expiring')} value={<Link to="/admin/catalogue/members?state=expiring">{board.expiringMemberships}</Link>} tone="warn" />
        <StatCard label={t('cat.admin.pendingRises')} value={board.pendingPriceRises} tone={board.pendingPriceRises ? 'danger' : undefined} />
      </div>
      <div className="grid grid--2">
        <section className="card" aria-labelledby="c1">
          <h2 id="c1">{t('cat.admin.ordersPerCategory')}</h2>
          <BarChart label={t('cat.admin.ordersPerCategory')} rows={board.perCategory.map((c) => ({ key: c.code, label: name(c), value: c.orders, display: c.orders }))} />
        </section>
        <section className="card" aria-labelledby="c2">
          <h2 id="c2">{t('cat.admin.spendPerCategory')}</h2>
          <BarChart alt label={t('cat.admin.spendPerCategory')} rows={board.perCategory.map((c) => ({ key: c.code, label: name(c), value: c.spend, display: money(c.spend) }))} />
        </section>
        <section className="card" aria-labelledby="c3">
          <h2 id="c3">{t('cat.admin.confirmTime')}</h2>
          <BarChart label={t('cat.admin.confirmTime')} rows={board.perCategory.map((c) => ({ key: c.code, label: name(c), value: c.avgConfirmHours ?? 0, display: c.avgConfirmHours === null ? '—' : `${c.avgConfirmHours} h` }))} />
        </section>
        <section className="card" aria-labelledby="c4">
          <h2 id="c4">{t('cat.menu.priceRises')}</h2>
          {rises.length === 0 ? <p className="muted">{t('common.noResults')}</p> : null}
          {rises.length ? (
            <table>
              <thead>
                <tr>
                  <th>{t('cat.order.supplier')}</th>
                  <th>{t('cat.order.item')}</th>
                  <th className="num">{t('cat.menu.oldPrice')}</th>
                  <th className="num">{t('cat.menu.newPrice')}</th>
                  <th>{t('common.actions')}</th>
                </tr>
              </thead>
              <tbody>
                {rises.map((r) => (
                  <tr key={r.id}>
                    <td>{r.supplier_name}</td>
                    <td>{r.name} <small className="muted">{formatDateTime(r.created_at, locale).slice(0, 10)}</small></td>
                    <td className="num"><Money fen={r.old_fen} /></td>
                    <td className="num"><strong><Money fen={r.new_fen} /></strong></td>
                    <td>
                      {canManage ? (
                        <Form method="post" className="inline-form">
                          <CsrfInput />
                          <input type="hidden" name="priceId" value={r.id} />
                          <button type="submit" name="intent" value="approve" className="button button--secondary">{t('cat.menu.approveRise')}</button>{' '}
                          <button type="submit" name="intent" value="reject" className="button button--ghost">{t('cat.menu.rejectRise')}</button>
                        </Form>
                      ) : null}
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          ) : null}
        </section>
      </div>
    </>
  )
}

export const ErrorBoundary = GeneralErrorBoundary
