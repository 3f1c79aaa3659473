import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from '@remix-run/node'
import { data, redirect } from '@remix-run/node'
import { useActionData } from '@remix-run/react'
import { GeneralErrorBoundary } from '~/components/error-boundary'
import { CategoryForm } from '~/components/catalogue-category-form'
import { useT } from '~/components/i18n'
import { PageHeader } from '~/components/ui'
import { criteriaLines, DEFAULT_RULES, qualificationLines } from '~/domain/catalogue'
import { attempt, invalid } from '~/lib/actions.server'
import { parseCategoryForm } from '~/lib/catalogue-category-form.server'
import { clientAddressOf } from '~/lib/context'
import { requireCsrf } from '~/lib/csrf.server'
import { getDb } from '~/lib/db.server'
import { requirePermission } from '~/lib/session.server'
import { saveCategory } from '~/services/catalogue.server'

export const meta: MetaFunction = () => [{ title: '新建品目 · 采购 Caigou' }]

export async function loader({ request }: LoaderFunctionArgs) {
  await requirePermission(request, 'manage:catalogue')
  return null
}

export async function action({ request, context }: ActionFunctionArgs) {
  const actor = await requirePermission(request, 'manage:catalogue')
  const formData = await request.formData()
  await requireCsrf(request, formData)
  const parsed = parseCategoryForm(formData)
  if (!parsed.ok) return data(parsed, { status: 400 })
  const result = await attempt(saveCategory(await getDb(), { actor, clientAddress: clientAddressOf(context) }, parsed.data), formData)
  if (!result.ok) return invalid(result)
  return redirect(`/admin/categories/${result.value}?saved=1`)
}

export default function NewCategory() {
  const failure = useActionData<typeof action>()
  const t = useT()
  return (
    <>
      <PageHeader title={t('cat.category.new')} crumbs={[{ to: '/admin/categories', label: t('cat.category.listTitle') }]} />
      <section className="card">
        <CategoryForm
          isNew
          failure={failure}
          defaults={{
            code: '', nameZh: '', nameEn: '', kind: 'goods', market: 'catalogue', allocation: 'free', orderCeiling: '', annualCeiling: '',
            confirmDays: String(DEFAULT_RULES.confirmDays), validityMonths: String(DEFAULT_RULES.validityMonths), description: '',
            qualifications: qualificationLines(DEFAULT_RULES.qualifications), itemFields: '', ratingCriteria: criteriaLines(DEFAULT_RULES.ratingCriteria),
            passOnDecline: true, priceRiseApproval: false,
          }}
        />
      </section>
    </>
  )
}

export const ErrorBoundary = GeneralErrorBoundary
