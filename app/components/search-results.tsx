import { Form, Link } from '@remix-run/react'
import type { FacetGroupView, SearchPageData } from '~/services/search.server'
import type { SearchHit, Segment } from '../../search/engine'
import { fen, formatFen } from '~/domain/money'
import { useLocale, useT } from './i18n'
import { Badge } from './ui'

/** Highlighted text: matched pieces in <mark>, no HTML from the index. */
export function Highlighted({ segments }: { segments: Segment[] }) {
  return (
    <>
      {segments.map((s, i) =>
        s.match ? <mark key={i}>{s.text}</mark> : <span key={i}>{s.text}</span>,
      )}
    </>
  )
}

/** Lowest and highest price typed in yuan: a GET form that keeps every other filter. */
function PriceRangeForm({ form }: { form: SearchPageData['priceForm'] }) {
  const t = useT()
  return (
    <Form method="get" action="/search" className="facet facet--range" aria-label={t('search.priceRange')}>
      <h2>{t('search.priceRange')}</h2>
      {form.keep.map(([k, v], i) => (
        <input key={`${k}:${v}:${i}`} type="hidden" name={k} value={v} />
      ))}
      <div className="facet__range">
        <input name="priceMin" inputMode="decimal" aria-label={t('search.priceMin')} placeholder="¥ min" defaultValue={form.min} size={6} />
        <span aria-hidden="true">–</span>
        <input name="priceMax" inputMode="decimal" aria-label={t('search.priceMax')} placeholder="¥ max" defaultValue={form.max} size={6} />
        <button type="submit" className="button button--secondary">
          {t('search.apply')}
        </button>
      </div>
    </Form>
  )
}

export function SearchFacets({ groups, priceForm }: { groups: FacetGroupView[]; priceForm: SearchPageData['priceForm'] }) {
  const t = useT()
  return (
    <nav className="facets" aria-label={t('search.filters')}>
      {groups.map((g) => (
        <section key={g.field} className="facet" aria-labelledby={`facet-${g.field}`}>
          <h2 id={`facet-${g.field}`}>{g.title}</h2>
          <ul>
            {g.values.slice(0, 12).map((v) => (
              <li key={v.value}>
                <Link to={v.href} className={v.selected ? 'facet__value is-selected' : 'facet__value'} aria-current={v.selected ? 'true' : undefined} preventScrollReset>
                  <span className="facet__check" aria-hidden="true">
                    {v.selected ? '✓' : ''}
                  </span>
                  <span className="facet__label">{v.label}</span>
                  <span className="facet__count">{v.count}</span>
                </Link>
              </li>
            ))}
          </ul>
        </section>
      ))}
      <PriceRangeForm key={`${priceForm.min}-${priceForm.max}`} form={priceForm} />
    </nav>
  )
}

const KIND_TONE: Record<string, string> = { catalogue_supplier: 'brand', catalogue_item: 'info', service_listing: 'violet' }
const STATUS_TONE: Record<string, string> = { active: 'success', suspended: 'warn', expired: 'muted', removed: 'danger' }

function Stars({ rating }: { rating: number }) {
  const full = Math.round(rating)
  return (
    <span className="stars" aria-hidden="true">
      {'★'.repeat(full)}
      <span className="stars__off">{'★'.repeat(5 - full)}</span>
    </span>
  )
}

export function SearchHitCard({ hit, regionLabel, categoryNames }: { hit: SearchHit; regionLabel: (r: string) => string; categoryNames: Record<string, string> }) {
  const t = useT()
  const locale = useLocale()
  const d = hit.document
  return (
    <article className="hit" aria-labelledby={`hit-${d.id}`}>
      <div className="hit__main">
        <div className="hit__badges">
          <Badge tone={KIND_TONE[d.kind]}>{t(`search.kind.${d.kind}`)}</Badge>
          <Badge tone={STATUS_TONE[d.status]}>{t(`search.status.${d.status}`)}</Badge>
          <span className="hit__category">{categoryNames[d.categoryCode] ?? d.categoryName}</span>
        </div>
        <h3 id={`hit-${d.id}`} className="hit__title">
          <Highlighted segments={hit.highlight.title} />
        </h3>
        <p className="hit__desc">
          <Highlighted segments={hit.highlight.description} />
        </p>
        <dl className="hit__meta">
          {d.kind === 'catalogue_item' ? (
            <div>
              <dt>{t('search.supplier')}</dt>
              <dd>{d.supplierName}</dd>
            </div>
          ) : null}
          <div>
            <dt>{t('search.region')}</dt>
            <dd>{regionLabel(d.region)}</dd>
          </div>
          {d.qualifications.length > 0 ? (
            <div>
              <dt>{t('search.facet.qualifications')}</dt>
              <dd>{d.qualifications.join('、')}</dd>
            </div>
          ) : null}
        </dl>
      </div>
      <div className="hit__side">
        {d.priceFen !== null ? <div className="hit__price">{formatFen(fen(d.priceFen), locale)}</div> : null}
        <div className="hit__rating">
          {d.rating !== null ? (
            <>
              <Stars rating={d.rating} /> <span>{d.rating.toFixed(1)}</span>
            </>
          ) : (
            <span className="muted">{t('search.notRated')}</span>
          )}
        </div>
        <div className="hit__credit">
          {t('search.credit')} <strong>{d.credit}</strong>
        </div>
      </div>
    </article>
  )
}
