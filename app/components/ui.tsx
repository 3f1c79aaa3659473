import type { ReactNode } from 'react'
import { Link, useSearchParams } from '@remix-run/react'
import { useT } from './i18n'
import type { MessageKey } from '~/lib/i18n'

export function PageHeader({ title, lead, actions, crumbs }: { title: string; lead?: ReactNode; actions?: ReactNode; crumbs?: { to: string; label: string }[] }) {
  return (
    <header className="page-header">
      {crumbs?.length ? (
        <nav aria-label="breadcrumb" className="crumbs">
          {crumbs.map((c) => (
            <span key={c.to}>
              <Link to={c.to}>{c.label}</Link>
              <span aria-hidden="true"> / </span>
            </span>
          ))}
        </nav>
      ) : null}
      <div className="page-header__row">
        <h1>{title}</h1>
        {actions ? <div className="page-header__actions">{actions}</div> : null}
      </div>
      {lead ? <p className="page-header__lead">{lead}</p> : null}
    </header>
  )
}

const BADGE_TONES: Record<string, string> = {
  active: 'success',
  disabled: 'muted',
  center_admin: 'brand',
  agency: 'info',
  supplier: 'warn',
  expert: 'violet',
  supervisor: 'danger',
}

export function Badge({ tone, children }: { tone?: string; children: ReactNode }) {
  return <span className={`badge badge--${tone ?? 'muted'}`}>{children}</span>
}

export function StatusBadge({ status }: { status: 'active' | 'disabled' }) {
  const t = useT()
  return <Badge tone={BADGE_TONES[status]}>{t(`status.${status}`)}</Badge>
}

export function RoleBadge({ role }: { role: string }) {
  const t = useT()
  return <Badge tone={BADGE_TONES[role]}>{t(`role.${role}` as MessageKey)}</Badge>
}

/** Page links that keep the current filters. */
export function Pagination({ page, pageSize, total }: { page: number; pageSize: number; total: number }) {
  const t = useT()
  const [params] = useSearchParams()
  const pages = Math.max(1, Math.ceil(total / pageSize))
  const href = (p: number) => {
    const next = new URLSearchParams(params)
    next.set('page', String(p))
    return `?${next.toString()}`
  }
  return (
    <nav className="pagination" aria-label="pagination">
      <span className="pagination__info">{t('common.pageOf', { page, pages, total })}</span>
      {page > 1 ? <Link to={href(page - 1)} rel="prev">{t('common.previous')}</Link> : <span className="disabled">{t('common.previous')}</span>}
      {page < pages ? <Link to={href(page + 1)} rel="next">{t('common.next')}</Link> : <span className="disabled">{t('common.next')}</span>}
    </nav>
  )
}

export function EmptyRow({ colSpan }: { colSpan: number }) {
  const t = useT()
  return (
    <tr>
      <td colSpan={colSpan} className="empty">
        {t('common.noResults')}
      </td>
    </tr>
  )
}

export function StatCard({ label, value, tone }: { label: string; value: ReactNode; tone?: string }) {
  return (
    <div className={`stat stat--${tone ?? 'plain'}`}>
      <div className="stat__value">{value}</div>
      <div className="stat__label">{label}</div>
    </div>
  )
}
