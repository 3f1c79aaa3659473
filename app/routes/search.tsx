import type { LoaderFunctionArgs, MetaFunction } from '@remix-run/node'
import { data as response } from '@remix-run/node'
import { Link, useLoaderData, useNavigation } from '@remix-run/react'
import { GeneralErrorBoundary } from '~/components/error-boundary'
import { useT } from '~/components/i18n'
import { SearchBox } from '~/components/search-box'
import { SearchFacets, SearchHitCard } from '~/components/search-results'
import { PageHeader } from '~/components/ui'
import { getDb } from '~/lib/db.server'
import { getLocale } from '~/lib/locale.server'
import { getSearchEngine } from '~/lib/search.server'
import { searchPage } from '~/services/search.server'
import { SearchEngineError } from '../../search/engine'
import { regionLabel } from '../../search/regions'

export const meta: MetaFunction<typeof loader> = ({ data }) => [
  { title: data?.q ? `${data.q} · 搜索 · 采购 Caigou` : '搜索 · 采购 Caigou' },
]

// Public: the catalogue and the supermarket are open to everyone. GET only, so no CSRF token is involved.
export async function loader({ request }: LoaderFunctionArgs) {
  const [db, engine, locale] = await Promise.all([getDb(), getSearchEngine(), getLocale(request)])
  try {
    return await searchPage(db, engine, new URL(request.url), locale)
  } catch (err) {
    // Meilisearch unreachable or failing: say so rather than show an empty list.
    if (err instanceof SearchEngineError || (err instanceof Error && /meilisearch|fetch failed/i.test(`${err.name} ${err.message}`))) {
      console.error('Search failed:', err.message)
      throw response({ messageKey: 'search.unavailable' }, { status: 503 })
    }
    throw err
  }
}

export default function Search() {
  const data = useLoaderData<typeof loader>()
  const t = useT()
  const navigation = useNavigation()
  const busy = navigation.state === 'loading' && navigation.location.pathname === '/search'
  return (
    <div className="search-page">
      <PageHeader title={t('search.title')} lead={t('search.lead')} />
      <SearchBox key={data.q} defaultValue={data.q} keep={data.keep} />
      <div className="search-layout">
        <aside className="search-layout__side">
          <SearchFacets groups={data.facets} priceForm={data.priceForm} />
        </aside>
        <section className="search-layout__main" aria-labelledby="results-heading" aria-busy={busy}>
          <div className="results-bar">
            <h2 id="results-heading" className="results-bar__count" aria-live="polite">
              {data.q ? t('search.resultsFor', { q: data.q, total: data.total }) : t('search.results', { total: data.total })}
            </h2>
            <nav className="sorts" aria-label={t('search.sort')}>
              <span className="muted">{t('search.sort')}：</span>
              {data.sorts.map((s) => (
                <Link key={s.value} to={s.href} className={s.selected ? 'sorts__item is-selected' : 'sorts__item'} aria-current={s.selected ? 'true' : undefined}>
                  {s.label}
                </Link>
              ))}
            </nav>
          </div>
          {data.chips.length > 0 ? (
            <ul className="chips" aria-label={t('search.filters')}>
              {data.chips.map((c) => (
                <li key={c.href}>
                  <Link to={c.href} className="chip" aria-label={t('search.removeFilter', { label: c.label })}>
                    {c.label} <span aria-hidden="true">×</span>
                  </Link>
                </li>
              ))}
              {data.clearHref ? (
                <li>
                  <Link to={data.clearHref} className="chips__clear">
                    {t('search.clearAll')}
                  </Link>
                </li>
              ) : null}
            </ul>
          ) : null}
          <p className="shuffle-note">{t('search.shuffleNote')}</p>
          <div className={busy ? 'hits is-busy' : 'hits'}>
            {data.hits.length === 0 ? (
              <div className="hits__empty">
                <p>
                  <strong>{t('search.none')}</strong>
                </p>
                <p className="muted">{t('search.noneHint')}</p>
              </div>
            ) : (
              data.hits.map((hit) => <SearchHitCard key={hit.document.id} hit={hit} regionLabel={regionLabel} categoryNames={data.categoryNames} />)
            )}
          </div>
          {data.totalPages > 1 ? (
            <nav className="pagination" aria-label="pagination">
              <span className="pagination__info">{t('search.page', { page: data.page, pages: data.totalPages })}</span>
              {data.prevHref ? (
                <Link to={data.prevHref} rel="prev">
                  {t('search.previous')}
                </Link>
              ) : (
                <span className="disabled">{t('search.previous')}</span>
              )}
              {data.nextHref ? (
                <Link to={data.nextHref} rel="next">
                  {t('search.next')}
                </Link>
              ) : (
                <span className="disabled">{t('search.next')}</span>
              )}
            </nav>
          ) : null}
        </section>
      </div>
    </div>
  )
}

export const ErrorBoundary = GeneralErrorBoundary
