import { useLocale, useT } from './i18n'
import { ApplicationStatusBadge } from './catalogue-ui'
import { Badge } from './ui'
import { formatDateTime, type MessageKey } from '~/lib/i18n'
import type { QualificationDef } from '~/domain/catalogue'

interface Data {
  app: { id: number; kind: string; status: string; created_at: Date | string; commitment_signed_by: string; commitment_signed_at: Date | string; granted_until: Date | string | null; company: unknown }
  org: { name: string; credit_code: string; region: string }
  category: { code: string; name_zh: string; name_en: string; market: string }
  documents: { id: number; qualification_key: string; file_name: string; content_type: string; size_bytes: number; sha256: string; created_at: Date | string }[]
  notes: { id: number; kind: string; body: string; at: Date | string; display_name: string | null }[]
  rules: { qualifications: QualificationDef[] }
  history: { id: number; kind: string; status: string; created_at: Date | string; granted_until: Date | string | null }[]
}

/** An application as both sides see it: company data, documents per qualification, the commitment and the dialogue. */
export function ApplicationDetail({ data }: { data: Data }) {
  const t = useT()
  const locale = useLocale()
  const company = (data.app.company ?? {}) as Record<string, string>
  const dt = (d: Date | string | null) => (d ? formatDateTime(d, locale) : '—')
  return (
    <div className="grid grid--2">
      <section className="card" aria-labelledby="app-company">
        <h2 id="app-company">{data.org.name}</h2>
        <dl className="details">
          <dt>{t('cat.app.category')}</dt>
          <dd>{data.category.code} {locale === 'en' ? data.category.name_en : data.category.name_zh} <Badge>{t(`market.${data.category.market}` as MessageKey)}</Badge></dd>
          <dt>{t('common.status')}</dt>
          <dd><ApplicationStatusBadge status={data.app.status} /> <Badge>{t(`cat.app.kind.${data.app.kind}` as MessageKey)}</Badge></dd>
          <dt>{t('org.creditCode')}</dt>
          <dd className="mono">{data.org.credit_code}</dd>
          <dt>{t('cat.app.contactName')}</dt>
          <dd>{company.contactName || '—'} {company.contactPhone || ''}</dd>
          <dt>{t('cat.app.address')}</dt>
          <dd>{company.address || data.org.region}</dd>
          <dt>{t('cat.app.introduction')}</dt>
          <dd>{company.introduction || '—'}</dd>
          <dt>{t('cat.app.submittedAt')}</dt>
          <dd>{dt(data.app.created_at)}</dd>
          <dt>{t('cat.app.commitment')}</dt>
          <dd>✔ {data.app.commitment_signed_by} · {dt(data.app.commitment_signed_at)}</dd>
          {data.app.granted_until ? (
            <>
              <dt>{t('cat.app.grantedUntil')}</dt>
              <dd>{dt(data.app.granted_until).slice(0, 10)}</dd>
            </>
          ) : null}
        </dl>
      </section>
      <section className="card" aria-labelledby="app-docs">
        <h2 id="app-docs">{t('cat.app.documents')}</h2>
        <table>
          <tbody>
            {data.rules.qualifications.map((q) => {
              const docs = data.documents.filter((d) => d.qualification_key === q.key)
              return (
                <tr key={q.key}>
                  <th scope="row">{locale === 'en' ? q.name_en : q.name_zh}</th>
                  <td>
                    {docs.length === 0 ? <Badge tone={q.required ? 'danger' : 'muted'}>{t('cat.app.missing')}</Badge> : null}
                    {docs.map((d) => (
                      <div key={d.id}>
                        <a href={`/catalogue/documents/${d.id}`}>{d.file_name}</a> <small className="muted">{Math.ceil(d.size_bytes / 1024)} KB · {dt(d.created_at).slice(0, 10)} · <span className="mono" title={d.sha256}>{d.sha256.slice(0, 12)}…</span></small>
                      </div>
                    ))}
                  </td>
                </tr>
              )
            })}
          </tbody>
        </table>
        <h2>{t('cat.app.dialogue')}</h2>
        <ol>
          {data.notes.map((n) => (
            <li key={n.id}>
              <strong>{t(`cat.app.note.${n.kind}` as MessageKey)}</strong> <small className="muted">{dt(n.at)} {n.display_name ?? ''}</small>
              {n.body ? <div>{n.body}</div> : null}
            </li>
          ))}
        </ol>
        {data.history.length ? (
          <>
            <h2>{t('cat.app.history')}</h2>
            <ul>
              {data.history.map((h) => (
                <li key={h.id}>#{h.id} {t(`cat.app.kind.${h.kind}` as MessageKey)} · <ApplicationStatusBadge status={h.status} /> · {dt(h.created_at).slice(0, 10)}{h.granted_until ? ` → ${dt(h.granted_until).slice(0, 10)}` : ''}</li>
              ))}
            </ul>
          </>
        ) : null}
      </section>
    </div>
  )
}
