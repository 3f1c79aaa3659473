import type { ReactNode } from 'react'
import { fen as toFen, formatFen } from '~/domain/money'
import type { MessageKey } from '~/lib/i18n'
import { useLocale, useT } from './i18n'
import { Badge } from './ui'

// Shared pieces of the catalogue pages: status badges, money, bar charts, category names.

const STATE_TONE: Record<string, string> = { active: 'success', expiring: 'warn', suspended: 'danger', removed: 'muted', expired: 'muted' }
export function MembershipStateBadge({ state }: { state: string }) {
  const t = useT()
  return <Badge tone={STATE_TONE[state]}>{t(`cat.state.${state}` as MessageKey)}</Badge>
}

const APP_TONE: Record<string, string> = { submitted: 'info', returned: 'warn', approved: 'success', rejected: 'danger', withdrawn: 'muted' }
export function ApplicationStatusBadge({ status }: { status: string }) {
  const t = useT()
  return <Badge tone={APP_TONE[status]}>{t(`cat.app.status.${status}` as MessageKey)}</Badge>
}

const ORDER_TONE: Record<string, string> = { placed: 'info', confirmed: 'brand', declined: 'danger', accepted: 'success', cancelled: 'muted' }
export function OrderStatusBadge({ status }: { status: string }) {
  const t = useT()
  return <Badge tone={ORDER_TONE[status]}>{t(`cat.order.status.${status}` as MessageKey)}</Badge>
}

export function Money({ fen }: { fen: number | string | null | undefined }) {
  const locale = useLocale()
  if (fen === null || fen === undefined) return <span className="muted">—</span>
  return <span className="nowrap">{formatFen(toFen(Number(fen)), locale)}</span>
}

export function useMoney() {
  const locale = useLocale()
  return (fen: number | string) => formatFen(toFen(Number(fen)), locale)
}

export function Rating({ value, count }: { value: string | number | null | undefined; count?: number }) {
  const t = useT()
  if (value === null || value === undefined) return <span className="muted">{t('cat.rating.none')}</span>
  const n = Number(value)
  return (
    <span className="nowrap" title={count !== undefined ? t('cat.rating.count', { n: count }) : undefined}>
      <span aria-hidden="true" style={{ color: '#d99a00' }}>{'★'.repeat(Math.round(n))}{'☆'.repeat(5 - Math.round(n))}</span> {n.toFixed(2)}
      {count !== undefined ? <small className="muted"> ({count})</small> : null}
    </span>
  )
}

export function useCategoryName() {
  const locale = useLocale()
  return (c: { name_zh: string; name_en: string }) => (locale === 'en' ? c.name_en : c.name_zh)
}

/** A horizontal bar chart in plain HTML and CSS: a label, a bar scaled to the largest value, the value as text. */
export function BarChart({ rows, alt, label }: { rows: { key: string; label: ReactNode; value: number; display: ReactNode }[]; alt?: boolean; label: string }) {
  const max = Math.max(1, ...rows.map((r) => r.value))
  return (
    <div className="bars" role="list" aria-label={label}>
      {rows.map((r) => (
        <div className="bar" role="listitem" key={r.key} style={{ gridTemplateColumns: '120px 1fr 110px' }}>
          <span>{r.label}</span>
          <span className="bar__track" aria-hidden="true">
            <span className={`bar__fill${alt ? ' bar__fill--alt' : ''}`} style={{ width: `${(r.value / max) * 100}%`, display: 'block' }} />
          </span>
          <span className="bar__value">{r.display}</span>
        </div>
      ))}
    </div>
  )
}

/** Links to the same list as CSV and as Excel, keeping the filters. */
export function ExportLinks({ what, search }: { what: string; search: string }) {
  const t = useT()
  const params = new URLSearchParams(search)
  params.delete('page')
  const q = params.toString()
  return (
    <span className="nowrap">
      {t('cat.order.export')}:{' '}
      <a href={`/catalogue/export/${what}.csv${q ? `?${q}` : ''}`} download>CSV</a>{' · '}
      <a href={`/catalogue/export/${what}.xlsx${q ? `?${q}` : ''}`} download>Excel</a>
    </span>
  )
}

export function SortSelect({ name = 'sort', value, options }: { name?: string; value: string | undefined; options: { value: string; label: string }[] }) {
  const t = useT()
  return (
    <div className="field">
      <label htmlFor={`f-${name}`}>{t('cat.browse.sort')}</label>
      <select id={`f-${name}`} name={name} defaultValue={value ?? ''}>
        {options.map((o) => (
          <option key={o.value} value={o.value}>{o.label}</option>
        ))}
      </select>
    </div>
  )
}

