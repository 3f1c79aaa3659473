import { categorySchema, parseCriteriaLines, parseFieldLines, parseQualificationLines } from '~/domain/catalogue'
import type { CategoryInput } from '~/services/catalogue.server'
import { parseForm, formValues, type FieldErrors, type FormValues } from './forms'

/** The category form: the zod schema, then the three line-per-definition text areas. */
export function parseCategoryForm(formData: FormData): { ok: true; data: CategoryInput } | { ok: false; errors: FieldErrors; values: FormValues; line?: Record<string, number> } {
  const parsed = parseForm(categorySchema, formData)
  if (!parsed.ok) return parsed
  const d = parsed.data
  const quals = parseQualificationLines(d.qualifications)
  const fields = parseFieldLines(d.itemFields)
  const criteria = parseCriteriaLines(d.ratingCriteria)
  const errors: FieldErrors = {}
  const line: Record<string, number> = {}
  if (!quals.ok) {
    errors.qualifications = 'cat.category.linesInvalid'
    line.qualifications = quals.line
  }
  if (!fields.ok) {
    errors.itemFields = 'cat.category.linesInvalid'
    line.itemFields = fields.line
  }
  if (!criteria.ok) {
    errors.ratingCriteria = 'cat.category.linesInvalid'
    line.ratingCriteria = criteria.line
  }
  if (!quals.ok || !fields.ok || !criteria.ok) return { ok: false, errors, values: formValues(formData), line }
  return {
    ok: true,
    data: {
      code: d.code,
      nameZh: d.nameZh,
      nameEn: d.nameEn,
      kind: d.kind,
      market: d.market,
      qualifications: quals.items,
      itemFields: fields.fields,
      ratingCriteria: criteria.items,
      orderCeilingFen: d.orderCeiling,
      annualCeilingFen: d.annualCeiling,
      allocation: d.allocation,
      confirmDays: d.confirmDays,
      passOnDecline: d.passOnDecline,
      priceRiseApproval: d.priceRiseApproval,
      validityMonths: d.validityMonths,
      description: d.description,
    },
  }
}
