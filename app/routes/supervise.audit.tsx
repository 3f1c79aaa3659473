import type { LoaderFunctionArgs, MetaFunction } from '@remix-run/node'
import { Link, useLoaderData } from '@remix-run/react'
import { GeneralErrorBoundary } from '~/components/error-boundary'
import { FilterBar, FilterDate, FilterSelect, FilterText } from '~/components/filters'
import { useLocale, useT } from '~/components/i18n'
import { EmptyRow, PageHeader, Pagination } from '~/components/ui'
import { pageParams } from '~/lib/actions.server'
import { getDb } from '~/lib/db.server'
import { formatDateTime } from '~/lib/i18n'
import { requirePermission } from '~/lib/session.server'
import { listAudit, verifyAuditChain } from '~/services/audit.server'

export const meta: MetaFunction = () => [{ title: '审计追踪 · 采购 Caigou' }]

/** A calendar date typed on screen means that day in Shanghai. */
function shanghaiDay(value: string | null, plusDays = 0): Date | undefined {
  if (!value || !/^\d{4}-\d{2}-\d{2}$/.test(value)) return undefined
  const d = new Date(`${value}T00:00:00+08:00`)
  if (Number.isNaN(d.getTime())) return undefined
  return new Date(d.getTime() + plusDays * 86_400_000)
}

export async function loader({ request }: LoaderFunctionArgs) {
  await requirePermission(request, 'read:audit')
  const url = new URL(request.url)
  const sp = url.searchParams
  const filters = {
    action: sp.get('action')?.trim() || undefined,
    entityType: sp.get('entityType')?.trim() || undefined,
    entityId: sp.get('entityId')?.trim() || undefined,
    actor: sp.get('actor')?.trim() || undefined,
    from: shanghaiDay(sp.get('from')),
    to: shanghaiDay(sp.get('to'), 1),
    ...pageParams(url, 50),
  }
  const db = await getDb()
  const [list, chain] = await Promise.all([listAudit(db, filters), sp.get('verify') ? verifyAuditChain(db) : null])
  return { ...list, chain, page: filters.page, pageSize: filters.pageSize, raw: Object.fromEntries(sp) }
}

export default function AuditTrail() {
  const { rows, total, actions, chain, page, pageSize, raw } = useLoaderData<typeof loader>()
  const t = useT()
  const locale = useLocale()
  const verifyHref = `?${new URLSearchParams({ ...raw, verify: '1' }).toString()}`
  return (
    <>
      <PageHeader title={t('audit.title')} lead={t('audit.lead')} actions={<Link to={verifyHref} className="button button--secondary">{t('audit.verify')}</Link>} />
      {chain ? (
        chain.ok ? (
          <div className="alert alert--success" role="status">{t('audit.verifiedOk', { n: chain.checked })}</div>
        ) : (
          <div className="alert alert--error" role="alert">
            {t('audit.verifiedBroken', { id: chain.firstBreak!.id, reason: t(`audit.reason.${chain.firstBreak!.reason}`) })}
          </div>
        )
      ) : null}
      <FilterBar>
        <FilterSelect label={t('audit.action')} name="action" defaultValue={raw.action} options={actions.map((a) => ({ value: a, label: a }))} />
        <FilterText label={t('audit.entityType')} name="entityType" defaultValue={raw.entityType} placeholder="user / organization" />
        <FilterText label={t('audit.entityId')} name="entityId" defaultValue={raw.entityId} />
        <FilterText label={t('audit.actor')} name="actor" defaultValue={raw.actor} />
        <FilterDate label={t('audit.from')} name="from" defaultValue={raw.from} />
        <FilterDate label={t('audit.to')} name="to" defaultValue={raw.to} />
      </FilterBar>
      <div className="table-wrap">
        <table>
          <thead>
            <tr>
              <th className="num">#</th>
              <th>{t('audit.at')}</th>
              <th>{t('audit.actor')}</th>
              <th>{t('audit.action')}</th>
              <th>{t('audit.entity')}</th>
              <th>{t('audit.payload')}</th>
              <th>{t('audit.address')}</th>
              <th>{t('audit.hash')}</th>
            </tr>
          </thead>
          <tbody>
            {rows.map((r) => (
              <tr key={r.id}>
                <td className="num">{r.id}</td>
                <td className="nowrap">{formatDateTime(r.at, locale)}</td>
                <td>{r.actor_label}</td>
                <td className="mono">{r.action}</td>
                <td className="mono nowrap">{r.entity_type}{r.entity_id ? ` #${r.entity_id}` : ''}</td>
                <td><pre className="payload">{JSON.stringify(r.payload)}</pre></td>
                <td className="mono">{r.client_address ?? '—'}</td>
                <td className="mono" title={r.hash}>{r.hash.slice(0, 12)}…</td>
              </tr>
            ))}
            {rows.length === 0 ? <EmptyRow colSpan={8} /> : null}
          </tbody>
        </table>
      </div>
      <Pagination page={page} pageSize={pageSize} total={total} />
    </>
  )
}

export const ErrorBoundary = GeneralErrorBoundary
