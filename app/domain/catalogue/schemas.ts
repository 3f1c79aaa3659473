import { z } from 'zod'
import { optionalPositiveYuan, optionalText, positiveYuan, requiredText } from '../schemas'

// Form schemas of the catalogue; messages are i18n keys.
// Re-exported under the name the catalogue's forms and tests know it by.
export const yuan = positiveYuan

const intIn = (min: number, max: number) =>
  z
    .string({ error: 'field.required' })
    .trim()
    .min(1, 'field.required')
    .regex(/^\d+$/, 'cat.field.number')
    .transform(Number)
    .refine((n) => n >= min && n <= max, 'cat.field.range')

const checkbox = z
  .string()
  .optional()
  .transform((v) => v === 'on' || v === 'true')

export const categorySchema = z.object({
  code: z.string({ error: 'field.required' }).trim().toUpperCase().regex(/^[A-Z][A-Z0-9]{1,9}$/, 'cat.field.code'),
  nameZh: requiredText(40),
  nameEn: requiredText(80),
  kind: z.enum(['goods', 'services', 'works'], { error: 'field.invalidChoice' }),
  market: z.enum(['catalogue', 'supermarket'], { error: 'field.invalidChoice' }),
  qualifications: z.string().default(''),
  itemFields: z.string().default(''),
  ratingCriteria: z.string().default(''),
  orderCeiling: optionalPositiveYuan,
  annualCeiling: optionalPositiveYuan,
  allocation: z.enum(['free', 'rotation', 'draw'], { error: 'field.invalidChoice' }),
  confirmDays: intIn(1, 30),
  passOnDecline: checkbox,
  priceRiseApproval: checkbox,
  validityMonths: intIn(1, 60),
  description: optionalText(500),
})

export const applicationSchema = z.object({
  categoryCode: requiredText(10),
  contactName: requiredText(40),
  contactPhone: z.string({ error: 'field.required' }).trim().regex(/^[0-9+\-() ]{7,20}$/, 'field.phoneFormat'),
  address: requiredText(200),
  introduction: optionalText(2000),
  commitmentSignedBy: requiredText(40),
  commitment: z.literal('on', { error: 'cat.app.commitmentRequired' }),
})

export const reviewSchema = z
  .object({
    decision: z.enum(['approve', 'reject', 'return'], { error: 'field.invalidChoice' }),
    reason: optionalText(1000),
    validUntil: z.string().trim().default(''),
  })
  .superRefine((v, ctx) => {
    if (v.decision !== 'approve' && !v.reason) ctx.addIssue({ code: 'custom', path: ['reason'], message: 'field.required' })
    if (v.decision === 'approve' && !/^\d{4}-\d{2}-\d{2}$/.test(v.validUntil)) ctx.addIssue({ code: 'custom', path: ['validUntil'], message: 'cat.field.date' })
  })

export const answerSchema = z.object({ reply: requiredText(2000) })

export const menuItemSchema = z.object({
  name: requiredText(80),
  specification: optionalText(200),
  unit: requiredText(20),
  price: yuan,
})

export const priceSchema = z.object({ itemId: z.string().regex(/^\d+$/, 'field.invalidChoice').transform(Number), price: yuan })

export const orderSchema = z.object({
  menuItemId: z.string().regex(/^\d+$/, 'field.invalidChoice').transform(Number),
  priceId: z.string().regex(/^\d+$/, 'field.invalidChoice').transform(Number),
  quantity: intIn(1, 1_000_000),
  deliveryAddress: requiredText(200),
  note: optionalText(500),
  idempotencyKey: z.string().regex(/^[A-Za-z0-9_-]{16,64}$/, 'field.invalidChoice'),
})

export const declineSchema = z.object({ reason: requiredText(500) })

export const suspendSchema = z.object({
  until: z.string({ error: 'field.required' }).trim().regex(/^\d{4}-\d{2}-\d{2}$/, 'cat.field.date'),
  reason: requiredText(500),
})

export const removeSchema = z.object({ reason: requiredText(500) })

export const ratingCommentSchema = z.object({ comment: optionalText(500) })
