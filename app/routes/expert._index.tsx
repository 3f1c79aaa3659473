import type { LinksFunction, LoaderFunctionArgs, MetaFunction } from '@remix-run/node'
import { Link, useLoaderData } from '@remix-run/react'
import { GeneralErrorBoundary } from '~/components/error-boundary'
import { useT } from '~/components/i18n'
import { ProjectStateBadge } from '~/components/market-ui'
import marketCss from '~/components/market-styles.css?url'
import { Badge, EmptyRow, PageHeader } from '~/components/ui'
import { When } from '~/components/market-ui'
import { serviceResult } from '~/lib/actions.server'
import { getDb } from '~/lib/db.server'
import { requireRole } from '~/lib/session.server'
import { listMyPanels, listMyRatings } from '~/services/experts.server'

export const links: LinksFunction = () => [{ rel: 'stylesheet', href: marketCss }]
export const meta: MetaFunction = () => [{ title: '我的评审 · 采购 Caigou' }]

// /expert: the projects this expert sits on, and only those; and the ratings the buyers gave them (一标一评).
export async function loader({ request }: LoaderFunctionArgs) {
  const actor = await requireRole(request, ['expert'])
  const db = await getDb()
  const [panels, ratings] = await Promise.all([serviceResult(listMyPanels(db, actor)), serviceResult(listMyRatings(db, actor))])
  return { panels, ratings }
}

export default function ExpertHome() {
  const { panels, ratings } = useLoaderData<typeof loader>()
  const t = useT()
  return (
    <>
      <PageHeader title={t('mkt.expert.title')} lead={t('mkt.expert.blind')} />
      <div className="table-wrap">
        <table>
          <thead>
            <tr>
              <th>{t('mkt.col.code')}</th>
              <th>{t('mkt.col.title')}</th>
              <th>{t('mkt.col.status')}</th>
            </tr>
          </thead>
          <tbody>
            {panels.length === 0 ? <EmptyRow colSpan={3} /> : null}
            {panels.map((p) => (
              <tr key={p.id}>
                <td className="mono">{p.code}</td>
                <td>
                  {p.seat === 'seated' ? <Link to={`/expert/projects/${p.id}`}>{p.title}</Link> : p.title} {p.seat === 'declined' ? <Badge tone="muted">{t('mkt.tl.replaced')}</Badge> : null}
                </td>
                <td>
                  <ProjectStateBadge status={p.status} />
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      <section className="card">
        <h2>{t('mkt.rating.mine')}</h2>
        <div className="table-wrap">
          <table>
            <thead>
              <tr>
                <th>{t('mkt.col.code')}</th>
                <th>{t('mkt.col.title')}</th>
                <th className="num">{t('mkt.rating.score')}</th>
                <th>{t('mkt.rating.comment')}</th>
                <th>{t('mkt.admin.recordedAt')}</th>
              </tr>
            </thead>
            <tbody>
              {ratings.length === 0 ? <EmptyRow colSpan={5} /> : null}
              {ratings.map((r) => (
                <tr key={r.id}>
                  <td className="mono">{r.code}</td>
                  <td>{r.title}</td>
                  <td className="num">{r.rating}</td>
                  <td>{r.comment || '—'}</td>
                  <td>
                    <When at={r.rated_at} />
                  </td>
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
