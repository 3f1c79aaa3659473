import type { ReactNode } from 'react'
import { Badge } from './ui'
import { useLocale, useT } from './i18n'
import type { MessageKey } from '~/lib/i18n'
import { formatDateTime } from '~/lib/i18n'
import { formatFen, fen } from '~/domain/money'

const STATE_TONES: Record<string, string> = {
  draft: 'muted',
  review: 'violet',
  registering: 'info',
  drawing: 'warn',
  scoring: 'warn',
  choosing: 'warn',
  offering: 'brand',
  publicity: 'violet',
  contracting: 'brand',
  contracted: 'success',
  failed: 'danger',
  cancelled: 'muted',
}

export function ProjectStateBadge({ status }: { status: string }) {
  const t = useT()
  return <Badge tone={STATE_TONES[status]}>{t(`mkt.state.${status}` as MessageKey)}</Badge>
}

export function MethodBadge({ method }: { method: string }) {
  const t = useT()
  return <Badge tone="brand">{t(`mkt.method.${method}` as MessageKey)}</Badge>
}

export function Money({ fen: amount }: { fen: number | null | undefined }) {
  const locale = useLocale()
  if (amount === null || amount === undefined) return <span className="muted">—</span>
  return <span className="nowrap">{formatFen(fen(amount), locale)}</span>
}

export function When({ at }: { at: Date | string | null | undefined }) {
  const locale = useLocale()
  if (!at) return <span className="muted">—</span>
  return <time dateTime={new Date(at).toISOString()}>{formatDateTime(at, locale)}</time>
}

export function Hash({ value }: { value: string | null | undefined }) {
  if (!value) return <span className="muted">—</span>
  return <code className="mkt-hash">{value}</code>
}

export function Facts({ items }: { items: [string, ReactNode][] }) {
  return (
    <dl className="mkt-facts">
      {items.map(([k, v]) => (
        <div key={k} style={{ display: 'contents' }}>
          <dt>{k}</dt>
          <dd>{v}</dd>
        </div>
      ))}
    </dl>
  )
}

/** A timeline of a project's audited steps, oldest first. */
export function Timeline({ events }: { events: { id: number; at: Date | string; action: string; actor_label: string; payload: unknown }[] }) {
  const t = useT()
  if (events.length === 0) return <p className="muted">{t('mkt.timeline.empty')}</p>
  return (
    <ol className="mkt-timeline">
      {events.map((e) => (
        <li key={e.id}>
          <div>
            {t(timelineKey(e.action))}
            {e.action === 'market.project.status' ? (
              <>
                {' → '}
                <ProjectStateBadge status={String((e.payload as { to?: string } | null)?.to ?? '')} />
              </>
            ) : null}
          </div>
          <span className="mkt-timeline__at">
            <When at={e.at} />
          </span>
          <span className="mkt-timeline__who">{e.actor_label === 'system' ? t('mkt.timeline.system') : e.actor_label}</span>
        </li>
      ))}
    </ol>
  )
}

const TIMELINE_KEYS: Record<string, MessageKey> = {
  'market.project.created': 'mkt.tl.created',
  'market.project.submitted_for_review': 'mkt.tl.submitted',
  'market.project.approved': 'mkt.tl.approved',
  'market.project.rejected': 'mkt.tl.rejected',
  'market.project.published': 'mkt.tl.published',
  'market.registration.added': 'mkt.tl.registered',
  'market.quote.sealed': 'mkt.tl.quoteSealed',
  'market.pool.frozen': 'mkt.tl.poolFrozen',
  'market.project.failed': 'mkt.tl.failed',
  'market.project.status': 'mkt.tl.status',
  'market.draw.revealed': 'mkt.tl.drawn',
  'market.draw.recommitted': 'mkt.tl.recommitted',
  'market.quotes.opened': 'mkt.tl.opened',
  'market.credit.big_list': 'mkt.tl.bigList',
  'market.candidate.chosen': 'mkt.tl.chosen',
  'market.offer.made': 'mkt.tl.offered',
  'market.offer.confirmed': 'mkt.tl.confirmed',
  'market.offer.declined': 'mkt.tl.declined',
  'market.offer.expired': 'mkt.tl.expired',
  'market.objection.filed': 'mkt.tl.objection',
  'market.objection.answered': 'mkt.tl.answered',
  'market.contract.recorded': 'mkt.tl.contract',
  'market.contract.published_late': 'mkt.tl.contractLate',
  'market.panel.avoidance': 'mkt.tl.avoidance',
  'market.panel.seated': 'mkt.tl.seated',
  'market.panel.replaced': 'mkt.tl.replaced',
  'market.score.saved': 'mkt.tl.scoreSaved',
  'market.score.locked': 'mkt.tl.scoreLocked',
  'market.scores.revealed': 'mkt.tl.scoresRevealed',
  'market.expert.rated': 'mkt.tl.expertRated',
}

function timelineKey(action: string): MessageKey {
  return TIMELINE_KEYS[action] ?? 'mkt.tl.other'
}

/** The kind of a draw from its purpose, e.g. 'tie-break:project/ZJ2026-0006' → 同价抽取. */
export function purposeKey(purpose: string): MessageKey {
  const kind = purpose.split(':')[0]
  if (kind === 'random-selection') return 'mkt.purpose.random'
  if (kind === 'tie-break') return 'mkt.purpose.tie'
  if (kind === 'credit-small-list') return 'mkt.purpose.credit'
  if (kind === 'expert-panel') return 'mkt.purpose.panel'
  return 'mkt.tl.other'
}
