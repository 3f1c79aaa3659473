import type { LoaderFunctionArgs, MetaFunction } from '@remix-run/node'
import { Form, Link, useLoaderData } from '@remix-run/react'
import { GeneralErrorBoundary } from '~/components/error-boundary'
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
      <Form method="get" className="filters" role="search">
        <div className="field">
          <label htmlFor="f-q">{t('common.search')}</label>
          <input id="f-q" name="q" defaultValue={filters.q ?? ''} placeholder={t('user.searchPlaceholder')} />
        </div>
        <div className="field">
          <label htmlFor="f-role">{t('user.role')}</label>
          <select id="f-role" name="role" defaultValue={filters.role ?? ''}>
            <option value="">{t('common.all')}</option>
            {ROLES.map((r) => <option key={r} value={r}>{t(`role.${r}` as MessageKey)}</option>)}
          </select>
        </div>
        <div className="field">
          <label htmlFor="f-status">{t('common.status')}</label>
          <select id="f-status" name="status" defaultValue={filters.status ?? ''}>
            <option value="">{t('common.all')}</option>
            <option value="active">{t('status.active')}</option>
            <option value="disabled">{t('status.disabled')}</option>
          </select>
        </div>
        <div className="filters__actions">
          <button type="submit" className="button">{t('common.search')}</button>
          <Link to="?" className="button button--secondary">{t('common.reset')}</Link>
        </div>
      </Form>
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
