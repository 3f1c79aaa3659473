import type { LinksFunction, LoaderFunctionArgs, MetaFunction } from '@remix-run/node'
import { Link, useLoaderData, useSearchParams } from '@remix-run/react'
import { GeneralErrorBoundary } from '~/components/error-boundary'
import { FilterBar, FilterSelect } from '~/components/filters'
import { useLocale, useT } from '~/components/i18n'
import { MethodBadge, Money, ProjectStateBadge, When } from '~/components/market-ui'
import marketCss from '~/components/market-styles.css?url'
import { EmptyRow, PageHeader, Pagination } from '~/components/ui'
import { PROJECT_STATES, SELECTION_METHODS } from '~/domain/selection'
import { oneOf, pageParams } from '~/lib/actions.server'
import { getDb } from '~/lib/db.server'
import type { MessageKey } from '~/lib/i18n'
import { getActor } from '~/lib/session.server'
import { listProjects } from '~/services/projects.server'

export const links: LinksFunction = () => [{ rel: 'stylesheet', href: marketCss }]
export const meta: MetaFunction = () => [{ title: '中介服务超市 · 采购 Caigou' }]

// /projects: the public list of selection projects (drafts only for their buyer and the centre).
export async function loader({ request }: LoaderFunctionArgs) {
  const actor = await getActor(request)
  const url = new URL(request.url)
  const filters = {
    status: oneOf(url.searchParams.get('status'), PROJECT_STATES),
    method: oneOf(url.searchParams.get('method'), SELECTION_METHODS),
    mine: url.searchParams.get('mine') === '1',
    ...pageParams(url),
  }
  const data = await listProjects(await getDb(), actor, filters)
  return { ...data, ...filters, canCreate: actor?.role === 'agency' }
}

export default function Projects() {
  const data = useLoaderData<typeof loader>()
  const t = useT()
  const locale = useLocale()
  const [params] = useSearchParams()
  return (
    <>
      <PageHeader
        title={t('mkt.projects.title')}
        lead={`${t('mkt.projects.lead')} ${t('mkt.projects.count', { n: data.total })}`}
        actions={
          <>
            <Link to="/market" className="button button--secondary">
              {t('mkt.listings.title')}
            </Link>
            <Link to="/results" className="button button--secondary">
              {t('mkt.nav.results')}
            </Link>
            {data.canCreate ? (
              <Link to="/projects/new" className="button">
                + {t('mkt.projects.new')}
              </Link>
            ) : null}
          </>
        }
      />
      <FilterBar landmark={false} reset="/projects">
        <FilterSelect label={t('mkt.col.status')} name="status" defaultValue={params.get('status')} options={PROJECT_STATES.map((s) => ({ value: s, label: t(`mkt.state.${s}` as MessageKey) }))} />
        <FilterSelect label={t('mkt.col.method')} name="method" defaultValue={params.get('method')} options={SELECTION_METHODS.map((m) => ({ value: m, label: t(`mkt.method.${m}` as MessageKey) }))} />
        {data.canCreate ? (
          <div className="field">
            <label>
              <input type="checkbox" name="mine" value="1" defaultChecked={data.mine} /> {t('mkt.projects.mine')}
            </label>
          </div>
        ) : null}
      </FilterBar>
      <div className="table-wrap">
        <table>
          <thead>
            <tr>
              <th>{t('mkt.col.code')}</th>
              <th>{t('mkt.col.title')}</th>
              <th>{t('mkt.col.buyer')}</th>
              <th>{t('mkt.col.method')}</th>
              <th className="num">{t('mkt.col.budget')}</th>
              <th>{t('mkt.col.deadline')}</th>
              <th>{t('mkt.col.status')}</th>
              <th>{t('mkt.col.winner')}</th>
            </tr>
          </thead>
          <tbody>
            {data.rows.length === 0 ? <EmptyRow colSpan={8} /> : null}
            {data.rows.map((p) => (
              <tr key={p.id}>
                <td className="mono nowrap">{p.code}</td>
                <td>
                  <Link to={`/projects/${p.id}`}>{p.title}</Link>
                  <div className="muted">{locale === 'en' ? p.category_en : p.category_zh}</div>
                </td>
                <td>{p.buyer_name}</td>
                <td>
                  <MethodBadge method={p.method} />
                </td>
                <td className="num">
                  <Money fen={p.budget_fen} />
                </td>
                <td className="nowrap">
                  <When at={p.registration_deadline} />
                </td>
                <td>
                  <ProjectStateBadge status={p.status} />
                </td>
                <td>{p.winner_name ?? <span className="muted">—</span>}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      <Pagination page={data.page} pageSize={data.pageSize} total={data.total} />
    </>
  )
}

export const ErrorBoundary = GeneralErrorBoundary
