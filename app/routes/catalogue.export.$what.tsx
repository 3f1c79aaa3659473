import type { LoaderFunctionArgs } from '@remix-run/node'
import { toYuanString, fen as toFen } from '~/domain/money'
import { loadApplications, loadMemberships, loadOrders } from '~/lib/catalogue-lists.server'
import { notFound, forbidden } from '~/lib/http.server'
import { formatDateTime, translate, type MessageKey } from '~/lib/i18n'
import { getLocale } from '~/lib/locale.server'
import { requireActor } from '~/lib/session.server'
import { hasPermission } from '~/domain/permissions'
import { toCsv, toXlsx, type Table } from '~/services/catalogue-export.server'

// /catalogue/export/<orders|contracts|applications|members>.<csv|xlsx>?<the list's filters>: the same rows the list
// shows to this user (the centre all, a unit or a supplier its own), every page of them.
const MAX_ROWS = 10_000

export async function loader({ request, params }: LoaderFunctionArgs) {
  const actor = await requireActor(request)
  const match = /^(orders|contracts|applications|members)\.(csv|xlsx)$/.exec(params.what ?? '')
  if (!match) throw notFound()
  const [, what, format] = match as unknown as [string, 'orders' | 'contracts' | 'applications' | 'members', 'csv' | 'xlsx']
  const locale = await getLocale(request)
  const t = (k: MessageKey) => translate(locale, k)
  const url = new URL(request.url)
  url.searchParams.set('page', '1')
  if (what === 'contracts') url.searchParams.set('contracts', '1')
  const date = (d: Date | string | null) => (d ? formatDateTime(d, locale) : '')
  const yuan = (f: number | string) => Number(toYuanString(toFen(Number(f))))
  const cat = (r: { name_zh: string; name_en: string }) => (locale === 'en' ? r.name_en : r.name_zh)
  let table: Table
  if (what === 'orders' || what === 'contracts') {
    const { rows } = await loadOrders(actor, url, MAX_ROWS)
    table = {
      sheet: t(what === 'contracts' ? 'cat.order.contractsTitle' : 'cat.order.listTitle'),
      header: [t('cat.order.no'), t('cat.order.contractNo'), t('cat.app.category'), t('cat.order.item'), t('cat.order.quantity'), t('cat.menu.unit'), t('cat.order.unitPrice'), t('cat.order.total'), t('cat.order.buyer'), t('cat.order.supplier'), t('common.status'), t('cat.order.placedAt'), t('cat.order.publishedAt')],
      rows: rows.map((o) => [o.order_no, o.contract_no, cat(o), o.item_name, o.quantity, o.unit, yuan(o.unit_price_fen), yuan(o.total_fen), o.buyer_name, o.supplier_name, t(`cat.order.status.${o.status}` as MessageKey), date(o.placed_at), date(o.contract_published_at)]),
    }
  } else if (what === 'applications') {
    if (!hasPermission(actor, 'read:catalogue') && actor.role !== 'supplier') throw forbidden()
    const { rows } = await loadApplications(actor, url, MAX_ROWS)
    table = {
      sheet: t('cat.app.listTitle'),
      header: ['#', t('cat.app.applicant'), t('cat.category.code'), t('cat.app.category'), t('cat.app.kind.new'), t('common.status'), t('cat.app.submittedAt'), t('cat.app.reviewedAt'), t('cat.app.grantedUntil'), t('cat.app.reason')],
      rows: rows.map((a) => [a.id, a.organization_name, a.category_code, cat(a), t(`cat.app.kind.${a.kind}` as MessageKey), t(`cat.app.status.${a.status}` as MessageKey), date(a.created_at), date(a.reviewed_at), date(a.granted_until), a.decision_reason]),
    }
  } else {
    if (!hasPermission(actor, 'read:catalogue') && actor.role !== 'supplier') throw forbidden()
    const { rows } = await loadMemberships(actor, url, MAX_ROWS)
    table = {
      sheet: t('cat.admin.members'),
      header: [t('cat.order.supplier'), t('org.region'), t('cat.category.code'), t('cat.app.category'), t('common.status'), t('cat.public.validFrom'), t('cat.public.validUntil'), t('cat.admin.suspendUntil'), t('cat.admin.reason')],
      rows: rows.map((m) => [m.organization_name, m.region, m.category_code, cat(m), t(`cat.state.${m.state}` as MessageKey), date(m.valid_from), date(m.valid_until), date(m.suspended_until), m.suspension_reason ?? m.removal_reason]),
    }
  }
  const stamp = new Date().toISOString().slice(0, 10)
  const filename = `caigou-${what}-${stamp}.${format}`
  const body = format === 'csv' ? toCsv(table) : new Uint8Array(toXlsx(table))
  return new Response(body, {
    headers: {
      'Content-Type': format === 'csv' ? 'text/csv; charset=utf-8' : 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
      'Content-Disposition': `attachment; filename="${filename}"`,
      'Cache-Control': 'private, no-store',
    },
  })
}
