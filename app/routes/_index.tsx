import type { LoaderFunctionArgs, MetaFunction } from '@remix-run/node'
import { Link, useLoaderData } from '@remix-run/react'
import { GeneralErrorBoundary } from '~/components/error-boundary'
import { useLocale, useRootData, useT } from '~/components/i18n'
import { Badge, RoleBadge, StatCard } from '~/components/ui'
import { getDb } from '~/lib/db.server'
import { formatDateTime, type MessageKey } from '~/lib/i18n'
import { getActor } from '~/lib/session.server'
import { dashboard, publicOverview } from '~/services/overview.server'

export const meta: MetaFunction = () => [{ title: '采购 Caigou · 公共资源交易中心' }]

export async function loader({ request }: LoaderFunctionArgs) {
  const db = await getDb()
  const actor = await getActor(request)
  const [overview, board] = await Promise.all([publicOverview(db), actor ? dashboard(db, actor) : null])
  return { overview, board }
}

function CategoryBars({ rows, market }: { rows: ReturnType<typeof useLoaderData<typeof loader>>['overview']['categories']; market: 'catalogue' | 'supermarket' }) {
  const t = useT()
  const locale = useLocale()
  const list = rows.filter((r) => r.market === market)
  const max = Math.max(1, ...list.map((r) => r.suppliers))
  return (
    <div className="bars" role="list">
      {list.map((r) => (
        <div className="bar" role="listitem" key={r.code}>
          <span>
            {locale === 'en' ? r.name_en : r.name_zh} <Badge>{t(`categoryKind.${r.kind}` as MessageKey)}</Badge>
          </span>
          <span className="bar__track" aria-hidden="true">
            <span className={`bar__fill${market === 'supermarket' ? ' bar__fill--alt' : ''}`} style={{ width: `${(r.suppliers / max) * 100}%`, display: 'block' }} />
          </span>
          <span className="bar__value">{t('home.suppliersInCategory', { n: r.suppliers })}</span>
        </div>
      ))}
    </div>
  )
}

export default function Index() {
  const { overview, board } = useLoaderData<typeof loader>()
  const t = useT()
  const locale = useLocale()
  return (
    <>
      {board ? <Dashboard board={board} /> : (
        <section className="hero">
          <h1>{t('home.publicTitle')}</h1>
          <p>{t('home.publicLead')}</p>
          <div className="grid grid--stats">
            <StatCard label={t('home.statSuppliers')} value={overview.suppliers} />
            <StatCard label={t('home.statPurchasers')} value={overview.purchasers} />
            <StatCard label={t('home.statCategories')} value={overview.categories.length} />
          </div>
        </section>
      )}
      <div className="grid grid--2">
        <section className="card" aria-labelledby="cat-title">
          <h2 id="cat-title">{t('home.catalogueMarket')}</h2>
          <CategoryBars rows={overview.categories} market="catalogue" />
        </section>
        <section className="card" aria-labelledby="sm-title">
          <h2 id="sm-title">{t('home.supermarketMarket')}</h2>
          <CategoryBars rows={overview.categories} market="supermarket" />
          <p className="muted" style={{ marginTop: 16, fontSize: 13 }}>
            {locale === 'en'
              ? 'Selection methods: direct pick · random draw · competitive bidding · merit by proposal · merit by credit'
              : '选取方式：直接选取 · 随机抽取 · 竞价选取 · 方案择优 · 信用择优'}
          </p>
        </section>
      </div>
    </>
  )
}

function Dashboard({ board }: { board: NonNullable<ReturnType<typeof useLoaderData<typeof loader>>['board']> }) {
  const t = useT()
  const locale = useLocale()
  return (
    <>
      <section className="card">
        <h1 style={{ marginBottom: 4 }}>{t('home.dashboardTitle')}</h1>
        <DashboardGreeting />
      </section>
      {board.stats ? (
        <div className="grid grid--stats">
          <StatCard label={t('home.organizations')} value={board.stats.organizations} />
          <StatCard label={t('home.activeUsers')} value={board.stats.users} tone="success" />
          <StatCard label={t('home.auditToday')} value={board.stats.auditToday} tone="warn" />
        </div>
      ) : null}
      <section className="card" aria-labelledby="recent-title">
        <h2 id="recent-title">{t('home.recentActivity')}</h2>
        <div className="table-wrap">
          <table>
            <thead>
              <tr>
                <th>{t('audit.at')}</th>
                <th>{t('audit.actor')}</th>
                <th>{t('audit.action')}</th>
                <th>{t('audit.entity')}</th>
              </tr>
            </thead>
            <tbody>
              {board.recent.map((r) => (
                <tr key={r.id}>
                  <td className="nowrap">{formatDateTime(r.at, locale)}</td>
                  <td>{r.actor_label}</td>
                  <td className="mono">{r.action}</td>
                  <td className="mono">
                    {r.entity_type}
                    {r.entity_id ? ` #${r.entity_id}` : ''}
                  </td>
                </tr>
              ))}
              {board.recent.length === 0 ? (
                <tr>
                  <td colSpan={4} className="empty">{t('common.noResults')}</td>
                </tr>
              ) : null}
            </tbody>
          </table>
        </div>
        {board.stats ? <p><Link to="/supervise/audit">{t('nav.audit')} →</Link></p> : null}
      </section>
    </>
  )
}

function DashboardGreeting() {
  const t = useT()
  const root = useRootData()?.actor ?? null
  if (!root) return null
  return (
    <p className="muted">
      {t('home.welcome', { name: root.displayName })} · <RoleBadge role={root.role} /> {t(`role.${root.role}.does` as MessageKey)}
    </p>
  )
}

export const ErrorBoundary = GeneralErrorBoundary
