import type { LinksFunction, LoaderFunctionArgs, MetaFunction } from '@remix-run/node'
import { Link, useLoaderData } from '@remix-run/react'
import { GeneralErrorBoundary } from '~/components/error-boundary'
import { useT } from '~/components/i18n'
import { MethodBadge, Money, ProjectStateBadge, When } from '~/components/market-ui'
import marketCss from '~/components/market-styles.css?url'
import { Badge, PageHeader } from '~/components/ui'
import { purposeKey } from '~/components/market-ui'
import { getDb } from '~/lib/db.server'
import { listResults } from '~/services/projects.server'

export const links: LinksFunction = () => [{ rel: 'stylesheet', href: marketCss }]
export const meta: MetaFunction = () => [{ title: '结果公示 · 采购 Caigou' }]

// /results: public, for everyone: each project's outcome with every opened quote and every locked score.
export async function loader(_: LoaderFunctionArgs) {
  return { results: await listResults(await getDb()) }
}

export default function Results() {
  const { results } = useLoaderData<typeof loader>()
  const t = useT()
  return (
    <>
      <PageHeader title={t('mkt.results.title')} lead={`${t('mkt.results.lead')} ${t('mkt.results.count', { n: results.length })}`} />
      {results.map((r) => (
        <section className="card" key={r.id} aria-labelledby={`r-${r.id}`}>
          <div style={{ display: 'flex', justifyContent: 'space-between', gap: 12, flexWrap: 'wrap' }}>
            <h2 id={`r-${r.id}`} style={{ margin: 0 }}>
              <Link to={`/projects/${r.id}`}>{r.title}</Link>
            </h2>
            <span style={{ display: 'inline-flex', gap: 6, alignItems: 'center' }}>
              <code>{r.code}</code> <MethodBadge method={r.method} /> <ProjectStateBadge status={r.status} />
              {r.contract_published_late ? <Badge tone="danger">{t('mkt.contract.late')}</Badge> : null}
            </span>
          </div>
          <p className="muted" style={{ margin: '6px 0 10px' }}>
            {r.buyer_name} · {t('mkt.col.budget')} <Money fen={r.budget_fen} />
            {r.winner_name ? (
              <>
                {' '}
                · {t('mkt.col.winner')} <strong>{r.winner_name}</strong>
                {r.awarded_amount_fen ? (
                  <>
                    {' '}
                    · <Money fen={r.awarded_amount_fen} />
                  </>
                ) : null}
              </>
            ) : null}
            {r.status === 'failed' ? <> · {t('mkt.state.failed')}</> : null}
            {r.finished_at ? (
              <>
                {' '}
                · <When at={r.finished_at} />
              </>
            ) : null}
          </p>
          {r.quotes.length > 0 ? (
            <div className="table-wrap" style={{ marginBottom: 10 }}>
              <table aria-label={t('mkt.results.allQuotes')}>
                <thead>
                  <tr>
                    <th>{t('mkt.col.agency')}</th>
                    <th className="num">{t('mkt.col.quote')}</th>
                    <th>{t('mkt.col.receipt')}</th>
                  </tr>
                </thead>
                <tbody>
                  {r.quotes.map((q) => (
                    <tr key={q.commitment}>
                      <td>
                        {q.name} {q.name === r.winner_name ? <Badge tone="success">{t('mkt.draw.winner')}</Badge> : null}{' '}
                        {q.abnormally_low ? <Badge tone="warn">{t('mkt.project.abnormal')}</Badge> : null}
                      </td>
                      <td className="num">
                        <Money fen={q.amount_fen} />
                      </td>
                      <td className="mono">{q.commitment.slice(0, 16)}…</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
          ) : null}
          {r.scores.length > 0 ? (
            <div className="table-wrap" style={{ marginBottom: 10 }}>
              <table aria-label={t('mkt.project.scores')}>
                <thead>
                  <tr>
                    <th>{t('mkt.col.agency')}</th>
                    <th className="num">{t('mkt.col.score')}</th>
                  </tr>
                </thead>
                <tbody>
                  {r.scores.map((s) => (
                    <tr key={s.name}>
                      <td>{s.name}</td>
                      <td className="num">
                        {s.sum} <span className="muted">/ {s.sheets * 100}</span>
                      </td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
          ) : null}
          {r.draws.length > 0 ? (
            <p style={{ margin: 0 }}>
              {r.draws.map((d) => (
                <Link key={d.id} to={`/draws/${d.id}`} style={{ marginRight: 12 }}>
                  {t('mkt.draw.title')} · {t(purposeKey(d.purpose))}
                </Link>
              ))}
            </p>
          ) : null}
        </section>
      ))}
    </>
  )
}

export const ErrorBoundary = GeneralErrorBoundary
