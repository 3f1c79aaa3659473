import type { LoaderFunctionArgs, MetaFunction } from '@remix-run/node'
import { useLoaderData } from '@remix-run/react'
import { GeneralErrorBoundary } from '~/components/error-boundary'
import { useLocale, useT } from '~/components/i18n'
import { PageHeader, RoleBadge, StatusBadge } from '~/components/ui'
import { idParam, serviceResult } from '~/lib/actions.server'
import { getDb } from '~/lib/db.server'
import { formatDateTime, type MessageKey } from '~/lib/i18n'
import { requireActor } from '~/lib/session.server'
import { getOrganization } from '~/services/organizations.server'

export const meta: MetaFunction = () => [{ title: '单位 · 采购 Caigou' }]

// Open to the centre, the supervisor and the organisation's own users; anyone else gets a 403.
export async function loader({ request, params }: LoaderFunctionArgs) {
  const actor = await requireActor(request)
  return serviceResult(getOrganization(await getDb(), actor, idParam(params.id)))
}

export default function OrganizationPage() {
  const { org, users } = useLoaderData<typeof loader>()
  const t = useT()
  const locale = useLocale()
  return (
    <>
      <PageHeader title={org.name} lead={<><StatusBadge status={org.status} /> {t(`orgKind.${org.kind}` as MessageKey)}</>} />
      <div className="grid grid--2">
        <section className="card">
          <h2>{t('org.title')}</h2>
          <dl className="details">
            <dt>{t('org.creditCode')}</dt>
            <dd className="mono">{org.credit_code}</dd>
            <dt>{t('org.region')}</dt>
            <dd>{org.region}</dd>
            <dt>{t('org.address')}</dt>
            <dd>{org.address || '—'}</dd>
            <dt>{t('org.contactName')}</dt>
            <dd>{org.contact_name || '—'}</dd>
            <dt>{t('org.contactPhone')}</dt>
            <dd>{org.contact_phone || '—'}</dd>
            <dt>{t('org.mainCategory')}</dt>
            <dd>{(locale === 'en' ? org.category_name_en : org.category_name_zh) ?? '—'}</dd>
          </dl>
        </section>
        <section className="card">
          <h2>{t('org.users')}</h2>
          <table>
            <tbody>
              {users.map((u) => (
                <tr key={u.id}>
                  <td>{u.display_name}</td>
                  <td><RoleBadge role={u.role} /></td>
                  <td className="muted">{formatDateTime(u.last_login_at, locale) || t('user.never')}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </section>
      </div>
    </>
  )
}

export const ErrorBoundary = GeneralErrorBoundary
