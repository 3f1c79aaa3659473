import type { LinksFunction, LoaderFunctionArgs, MetaFunction } from '@remix-run/node'
import { Link, useLoaderData } from '@remix-run/react'
import { DrawVerifier } from '~/components/draw-verifier'
import { GeneralErrorBoundary } from '~/components/error-boundary'
import { useT } from '~/components/i18n'
import { Badge, PageHeader } from '~/components/ui'
import { Facts, Hash, When } from '~/components/market-ui'
import marketCss from '~/components/market-styles.css?url'
import { serviceResult } from '~/lib/actions.server'
import { getDb } from '~/lib/db.server'
import { getDrawPage } from '~/services/draws.server'

export const links: LinksFunction = () => [{ rel: 'stylesheet', href: marketCss }]
export const meta: MetaFunction = () => [{ title: '可验证抽取 · 采购 Caigou' }]

// The public page of a draw: open to everyone, signed in or not.
export async function loader({ params, request }: LoaderFunctionArgs) {
  const draw = await serviceResult(getDrawPage(await getDb(), params.id ?? ''))
  return { ...draw, origin: new URL(request.url).origin }
}

export default function DrawPage() {
  const d = useLoaderData<typeof loader>()
  const t = useT()
  const label = (id: string) => d.labels[id] ?? id
  const winners = d.pool?.winners ?? 1
  return (
    <>
      <PageHeader
        title={`${t('mkt.draw.title')} · ${t('mkt.draw.sequence', { n: d.sequence })}`}
        lead={t('mkt.draw.lead')}
        crumbs={d.projectId ? [{ to: `/projects/${d.projectId}`, label: d.projectCode ?? '' }] : undefined}
      />
      <section className="card">
        <Facts
          items={[
            [t('mkt.draw.purpose'), <code key="p">{d.purpose}</code>],
            ...(d.projectId ? [[t('mkt.draw.project'), <Link key="l" to={`/projects/${d.projectId}`}>{`${d.projectCode} ${d.projectTitle}`}</Link>] as [string, JSX.Element]] : []),
            ...(d.reason ? [[t('mkt.draw.redrawReason'), <strong key="r">{d.reason}</strong>] as [string, JSX.Element]] : []),
            [t('mkt.draw.committedAt'), <When key="c" at={d.committedAt} />],
            [t('mkt.draw.drawnAt'), <When key="d" at={d.drawnAt} />],
          ]}
        />
      </section>
      <div className="mkt-steps">
        <section className={`mkt-step ${d.pool ? 'mkt-step--done' : 'mkt-step--wait'}`}>
          <h3>{t('mkt.draw.step1')}</h3>
          {d.pool ? (
            <>
              <p className="muted">{t('mkt.draw.candidates', { n: d.pool.candidates.length })}</p>
              <ul>
                {d.pool.candidates.map((c) => (
                  <li key={c}>
                    <code>{c}</code> {label(c)}
                  </li>
                ))}
              </ul>
              <p>
                {t('mkt.draw.poolHash')}
                <br />
                <Hash value={d.poolHash} />
              </p>
            </>
          ) : (
            <p className="muted">{t('mkt.draw.notFrozen')}</p>
          )}
        </section>
        <section className="mkt-step mkt-step--done">
          <h3>{t('mkt.draw.step2')}</h3>
          <p>
            {t('mkt.draw.secretHash')}
            <br />
            <Hash value={d.secretHash} />
          </p>
          <p className="muted">
            {t('mkt.draw.publicInputRule')}: {d.publicInputRule}
          </p>
        </section>
        <section className={`mkt-step ${d.publicInput ? 'mkt-step--done' : 'mkt-step--wait'}`}>
          <h3>{t('mkt.draw.step3')}</h3>
          {d.publicInput ? <Hash value={d.publicInput} /> : <p className="muted">{t('mkt.draw.notYet')}</p>}
        </section>
        <section className={`mkt-step ${d.secret ? 'mkt-step--done' : 'mkt-step--wait'}`}>
          <h3>{t('mkt.draw.step4')}</h3>
          {d.secret ? (
            <>
              <p>
                {t('mkt.draw.secret')}
                <br />
                <Hash value={d.secret} />
              </p>
              {d.seed ? (
                <p>
                  {t('mkt.draw.seed')}
                  <br />
                  <Hash value={d.seed} />
                </p>
              ) : (
                <p className="muted">{t('mkt.draw.superseded')}</p>
              )}
            </>
          ) : (
            <p className="muted">{t('mkt.draw.notYet')}</p>
          )}
        </section>
      </div>
      {d.order ? (
        <section className="card" style={{ marginTop: 20 }}>
          <h2>{t('mkt.draw.order')}</h2>
          <p className="muted">{t('mkt.draw.winners', { n: winners })}</p>
          <ol className="mkt-order" aria-label={t('mkt.draw.order')}>
            {d.order.map((id, i) => (
              <li key={id} className={i < winners ? 'mkt-order__winner' : undefined}>
                <Badge tone={i < winners ? 'danger' : 'muted'}>{i < winners ? t('mkt.draw.winner') : t('mkt.draw.alternate')}</Badge>
                <span>{label(id)}</span>
                <code className="muted">{id}</code>
              </li>
            ))}
          </ol>
          <DrawVerifier drawId={d.id} />
          <p className="muted" style={{ marginTop: 12 }}>
            <a href={`/draws/${d.id}.json`}>{t('mkt.draw.json')}</a> · {t('mkt.draw.cli')} <code>npm run verify-draw -- {d.origin}/draws/{d.id}.json</code>
          </p>
        </section>
      ) : null}
      {d.siblings.length > 1 ? (
        <section className="card" style={{ marginTop: 20 }}>
          <h2>{t('mkt.draw.history')}</h2>
          <div className="table-wrap">
            <table>
              <tbody>
                {d.siblings.map((s) => (
                  <tr key={s.id}>
                    <td>
                      <Link to={`/draws/${s.id}`}>{t('mkt.draw.sequence', { n: s.sequence })}</Link>
                    </td>
                    <td>{s.reason ?? '—'}</td>
                    <td>
                      <When at={s.committedAt} />
                    </td>
                    <td>{s.drawnAt ? <When at={s.drawnAt} /> : s.sequence < d.siblings.length ? t('mkt.draw.superseded') : t('mkt.draw.notYet')}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        </section>
      ) : null}
    </>
  )
}

export const ErrorBoundary = GeneralErrorBoundary
