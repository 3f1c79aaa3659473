import { Link } from '@remix-run/react'
import { FilterBar, FilterSelect, FilterText } from './filters'
import { useLocale, useT } from './i18n'
import { Badge, EmptyRow, Pagination, StatusBadge } from './ui'
import type { MessageKey } from '~/lib/i18n'
import { ORGANIZATION_KINDS } from '../../db/schema'
import type { loadOrganizationList } from '~/lib/organization-list.server'

type ListData = Awaited<ReturnType<typeof loadOrganizationList>>

const KIND_TONE: Record<string, string> = { center: 'brand', purchaser: 'info', supplier: 'warn', regulator: 'danger' }

/** Filters (kept in the URL, so a filtered list can be bookmarked) and the table of organisations. */
export function OrganizationTable({ data, linkTo }: { data: ListData; linkTo: (id: number) => string }) {
  const t = useT()
  const locale = useLocale()
  const { filters } = data
  return (
    <>
      <FilterBar>
        <FilterText label={t('common.search')} name="q" defaultValue={filters.q} placeholder={t('org.searchPlaceholder')} />
        <FilterSelect label={t('org.kind')} name="kind" defaultValue={filters.kind} options={ORGANIZATION_KINDS.map((k) => ({ value: k, label: t(`orgKind.${k}` as MessageKey) }))} />
        <FilterSelect label={t('common.status')} name="status" defaultValue={filters.status} options={[{ value: 'active', label: t('status.active') }, { value: 'disabled', label: t('status.disabled') }]} />
        <FilterText label={t('org.region')} name="region" defaultValue={filters.region} placeholder="广东省深圳市" />
      </FilterBar>
      <div className="table-wrap">
        <table>
          <thead>
            <tr>
              <th>{t('org.name')}</th>
              <th>{t('org.kind')}</th>
              <th>{t('org.creditCode')}</th>
              <th>{t('org.region')}</th>
              <th>{t('org.mainCategory')}</th>
              <th className="num">{t('org.users')}</th>
              <th>{t('common.status')}</th>
            </tr>
          </thead>
          <tbody>
            {data.rows.map((o) => (
              <tr key={o.id}>
                <td><Link to={linkTo(o.id)}>{o.name}</Link></td>
                <td><Badge tone={KIND_TONE[o.kind]}>{t(`orgKind.${o.kind}` as MessageKey)}</Badge></td>
                <td className="mono">{o.credit_code}</td>
                <td>{o.region}</td>
                <td>{(locale === 'en' ? o.category_name_en : o.category_name_zh) ?? <span className="muted">—</span>}</td>
                <td className="num">{o.user_count}</td>
                <td><StatusBadge status={o.status} /></td>
              </tr>
            ))}
            {data.rows.length === 0 ? <EmptyRow colSpan={7} /> : null}
          </tbody>
        </table>
      </div>
      <Pagination page={filters.page} pageSize={filters.pageSize} total={data.total} />
    </>
  )
}
