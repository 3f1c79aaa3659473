import type { LoaderFunctionArgs, MetaFunction } from '@remix-run/node'
import { Link, useLoaderData } from '@remix-run/react'
import { GeneralErrorBoundary } from '~/components/error-boundary'
import { FilterBar, FilterSelect, FilterText } from '~/components/filters'
import { useLocale, useT } from '~/components/i18n'
import { EmptyRow, PageHeader, Pagination, RoleBadge, StatusBadge } from '~/components/ui'
import { oneOf, pageParams, serviceResult } from '~/lib/actions.server'
import { getDb } from '~/lib/db.server'
import { formatDateTime, type MessageKey } from '~/lib/i18n'
import { requirePermission } from '~/lib/session.server'
import { listUsers } from '~/services/users.server'
import { ROLES } from '../../db/schema'

export const meta: MetaFunction = () => [{ title: '用户管理 · 采购 Caigou' }]

export async function loader({ request }: LoaderFunctionArgs) {
  const actor = await requirePermission(request, 'manage:users')
  const url = new URL(request.url)
  const filters = {
    q: url.searchParams.get('q')?.trim() || undefined,
    role: oneOf(url.searchParams.get('role'), ROLES),
    status: oneOf(url.searchParams.get('status'), ['active', 'disabled'] as const),
    ...pageParams(url),
  }
  return { ...(await serviceResult(listUsers(await getDb(), actor, filters))), filters }
}

export default function AdminUsers() {
  const { rows, total, filters } = useLoaderData<typeof loader>()
  const t = useT()
  const locale = useLocale()
  return (
    <>
      <PageHeader title={t('user.listTitle')} actions={<Link to="/admin/users/new" className="button">+ {t('user.new')}</Link>} />
      <FilterBar>
        <FilterText label={t('common.search')} name="q" defaultValue={filters.q} placeholder={t('user.searchPlaceholder')} />
        <FilterSelect label={t('user.role')} name="role" defaultValue={filters.role} options={ROLES.map((r) => ({ value: r, label: t(`role.${r}` as MessageKey) }))} />
        <FilterSelect label={t('common.status')} name="status" defaultValue={filters.status} options={[{ value: 'active', label: t('status.active') }, { value: 'disabled', label: t('status.disabled') }]} />
      </FilterBar>
      <div className="table-wrap">
        <table>
          <thead>
            <tr>
              <th>{t('user.username')}</th>
              <th>{t('user.displayName')}</th>
              <th>{t('user.role')}</th>
              <th>{t('user.organization')}</th>
              <th>{t('user.lastLogin')}</th>
              <th>{t('common.status')}</th>
            </tr>
          </thead>
          <tbody>
            {rows.map((u) => (
              <tr key={u.id}>
                <td className="mono"><Link to={`/admin/users/${u.id}`}>{u.username}</Link></td>
                <td>{u.display_name}</td>
                <td><RoleBadge role={u.role} /></td>
                <td>{u.organization_name ?? <span className="muted">—</span>}</td>
                <td className="nowrap">{formatDateTime(u.last_login_at, locale) || <span className="muted">{t('user.never')}</span>}</td>
                <td><StatusBadge status={u.status} /></td>
              </tr>
            ))}
            {rows.length === 0 ? <EmptyRow colSpan={6} /> : null}
          </tbody>
        </table>
      </div>
      <Pagination page={filters.page} pageSize={filters.pageSize} total={total} />
    </>
  )
}

export const ErrorBoundary = GeneralErrorBoundary
