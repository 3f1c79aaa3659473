import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from '@remix-run/node'
import { redirect } from '@remix-run/node'
import { Form, useActionData, useLoaderData, useSearchParams } from '@remix-run/react'
import { GeneralErrorBoundary } from '~/components/error-boundary'
import { CsrfInput, Field, FormActions, FormError, TextAreaField } from '~/components/forms'
import { useLocale, useT } from '~/components/i18n'
import { PageHeader } from '~/components/ui'
import { listingSchema } from '~/domain/selection'
import { attempt, invalid, serviceResult, type ActionFailure } from '~/lib/actions.server'
import { clientAddressOf } from '~/lib/context'
import { requireCsrf } from '~/lib/csrf.server'
import { getDb } from '~/lib/db.server'
import { parseForm } from '~/lib/forms'
import { requireRole } from '~/lib/session.server'
import { myListings, saveListing } from '~/services/market-listings.server'

export const meta: MetaFunction = () => [{ title: '服务信息 · 采购 Caigou' }]

// /market/listing: an agency keeps its listing in each supermarket category it is admitted to.
export async function loader({ request }: LoaderFunctionArgs) {
  const actor = await requireRole(request, ['supplier'])
  return serviceResult(myListings(await getDb(), actor))
}

export async function action({ request, context }: ActionFunctionArgs) {
  const actor = await requireRole(request, ['supplier'])
  const formData = await request.formData()
  await requireCsrf(request, formData)
  const parsed = parseForm(listingSchema, formData)
  if (!parsed.ok) return invalid(parsed)
  const result = await attempt(saveListing(await getDb(), { actor, clientAddress: clientAddressOf(context) }, parsed.data), formData)
  if (!result.ok) return invalid(result)
  return redirect('/market/listing?saved=1')
}

export default function MyListing() {
  const { categories, listings } = useLoaderData<typeof loader>()
  const failure = useActionData<typeof action>() as ActionFailure | undefined
  const t = useT()
  const locale = useLocale()
  const [params] = useSearchParams()
  return (
    <>
      <PageHeader title={t('mkt.listings.mine')} crumbs={[{ to: '/market', label: t('mkt.listings.title') }]} />
      {params.get('saved') ? <div className="alert alert--success">{t('mkt.listings.saved')}</div> : null}
      {categories.length === 0 ? <p className="muted">{t('mkt.listing.none')}</p> : null}
      {categories.map((c) => {
        const l = listings.find((x) => x.category_code === c.code)
        const mine = failure?.values.categoryCode === c.code ? failure : undefined
        const v = (key: string, fallback: string | number | undefined) => mine?.values[key] ?? (fallback === undefined ? '' : String(fallback))
        return (
          <section className="card" key={c.code}>
            <h2>{locale === 'en' ? c.name_en : c.name_zh}</h2>
            <Form method="post" className="form" style={{ maxWidth: 900 }}>
              <CsrfInput />
              <input type="hidden" name="categoryCode" value={c.code} />
              <FormError error={mine?.errors.categoryCode ?? mine?.errors._form} />
              <TextAreaField label={t('mkt.listing.scope')} name="scope" required rows={3} defaultValue={v('scope', l?.scope)} error={mine?.errors.scope} />
              <TextAreaField label={t('mkt.listing.qualifications')} name="qualifications" rows={2} defaultValue={v('qualifications', l?.qualifications)} error={mine?.errors.qualifications} />
              <div className="form-grid">
                <Field label={t('mkt.listing.fee')} name="feeStandard" required defaultValue={v('feeStandard', l?.fee_standard)} error={mine?.errors.feeStandard} />
                <Field label={t('mkt.listing.area')} name="serviceArea" required defaultValue={v('serviceArea', l?.service_area)} error={mine?.errors.serviceArea} />
                <Field label={t('mkt.listing.staff')} name="staffCount" required inputMode="numeric" defaultValue={v('staffCount', l?.staff_count)} error={mine?.errors.staffCount} />
                <Field label={t('mkt.listing.days')} name="typicalDays" required inputMode="numeric" defaultValue={v('typicalDays', l?.typical_days)} error={mine?.errors.typicalDays} />
              </div>
              <FormActions>
                <button type="submit" className="button">
                  {t('common.save')}
                </button>
              </FormActions>
            </Form>
          </section>
        )
      })}
    </>
  )
}

export const ErrorBoundary = GeneralErrorBoundary
