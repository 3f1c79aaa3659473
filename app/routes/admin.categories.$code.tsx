import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from '@remix-run/node'
import { data, redirect } from '@remix-run/node'
import { Link, useActionData, useLoaderData, useSearchParams } from '@remix-run/react'
import { GeneralErrorBoundary } from '~/components/error-boundary'
import { CategoryForm } from '~/components/catalogue-category-form'
import { useT } from '~/components/i18n'
import { useCategoryName } from '~/components/catalogue-ui'
import { PageHeader } from '~/components/ui'
import { criteriaLines, fieldLines, qualificationLines } from '~/domain/catalogue'
import { toYuanString, fen as toFen } from '~/domain/money'
import { attempt, invalid, serviceResult } from '~/lib/actions.server'
import { parseCategoryForm } from '~/lib/catalogue-category-form.server'
import { clientAddressOf } from '~/lib/context'
import { requireCsrf } from '~/lib/csrf.server'
import { getDb } from '~/lib/db.server'
import { requirePermission } from '~/lib/session.server'
import { getCategory, saveCategory } from '~/services/catalogue.server'

export const meta: MetaFunction = () => [{ title: '编辑品目 · 采购 Caigou' }]

export async function loader({ request, params }: LoaderFunctionArgs) {
  await requirePermission(request, 'manage:catalogue')
  return serviceResult(getCategory(await getDb(), params.code ?? ''))
}

export async function action({ request, params, context }: ActionFunctionArgs) {
  const actor = await requirePermission(request, 'manage:catalogue')
  const formData = await request.formData()
  await requireCsrf(request, formData)
  const parsed = parseCategoryForm(formData)
  if (!parsed.ok) return data(parsed, { status: 400 })
  const result = await attempt(saveCategory(await getDb(), { actor, clientAddress: clientAddressOf(context) }, parsed.data, params.code), formData)
  if (!result.ok) return invalid(result)
  return redirect(`/admin/categories/${result.value}?saved=1`)
}

export default function EditCategory() {
  const { category, rules } = useLoaderData<typeof loader>()
  const failure = useActionData<typeof action>()
  const [params] = useSearchParams()
  const t = useT()
  const name = useCategoryName()
  const yuan = (f: number | null) => (f === null ? '' : toYuanString(toFen(f)))
  return (
    <>
      <PageHeader
        title={`${category.code} ${name(category)}`}
        crumbs={[{ to: '/admin/categories', label: t('cat.category.listTitle') }]}
        actions={<Link to={`/catalogue/${category.code}/members`} className="button button--secondary">{t('cat.browse.publicList')}</Link>}
      />
      {params.get('saved') ? <div className="alert alert--success" role="status">{t('cat.category.saved')}</div> : null}
      <section className="card">
        <CategoryForm
          key={JSON.stringify(rules)}
          isNew={false}
          failure={failure}
          defaults={{
            code: category.code, nameZh: category.name_zh, nameEn: category.name_en, kind: category.kind, market: category.market, allocation: rules.allocation,
            orderCeiling: yuan(rules.orderCeilingFen), annualCeiling: yuan(rules.annualCeilingFen), confirmDays: String(rules.confirmDays), validityMonths: String(rules.validityMonths),
            description: rules.description, qualifications: qualificationLines(rules.qualifications), itemFields: fieldLines(rules.itemFields), ratingCriteria: criteriaLines(rules.ratingCriteria),
            passOnDecline: rules.passOnDecline, priceRiseApproval: rules.priceRiseApproval,
          }}
        />
      </section>
    </>
  )
}

export const ErrorBoundary = GeneralErrorBoundary
