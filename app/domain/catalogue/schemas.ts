import { z } from 'zod'
import { tryParseYuan } from '../money'

// Form schemas of the catalogue; messages are i18n keys.
const text = (max: number) => z.string({ error: 'field.required' }).trim().min(1, 'field.required').max(max, 'field.tooLong')
const optionalText = (max: number) => z.string().trim().max(max, 'field.tooLong').default('')

/** Yuan as typed ('1,234.50'), to integer fen; > 0. */
export const yuan = z
  .string({ error: 'field.required' })
  .trim()
  .min(1, 'field.required')
  .transform((v, ctx) => {
    const fen = tryParseYuan(v)
    if (fen === undefined || fen <= 0) {
      ctx.addIssue({ code: 'custom', message: 'cat.field.money' })
      return z.NEVER
    }
    return fen as number
  })

const optionalYuan = z
  .string()
  .trim()
  .default('')
  .transform((v, ctx) => {
    if (v === '') return null
    const fen = tryParseYuan(v)
    if (fen === undefined || fen <= 0) {
      ctx.addIssue({ code: 'custom', message: 'cat.field.money' })
      return z.NEVER
    }
    return fen as number
  })

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
  nameZh: text(40),
  nameEn: text(80),
  kind: z.enum(['goods', 'services', 'works'], { error: 'field.invalidChoice' }),
  market: z.enum(['catalogue', 'supermarket'], { error: 'field.invalidChoice' }),
  qualifications: z.string().default(''),
  itemFields: z.string().default(''),
  ratingCriteria: z.string().default(''),
  orderCeiling: optionalYuan,
  annualCeiling: optionalYuan,
  allocation: z.enum(['free', 'rotation', 'draw'], { error: 'field.invalidChoice' }),
  confirmDays: intIn(1, 30),
  passOnDecline: checkbox,
  priceRiseApproval: checkbox,
  validityMonths: intIn(1, 60),
  description: optionalText(500),
})

export const applicationSchema = z.object({
  categoryCode: text(10),
  contactName: text(40),
  contactPhone: z.string({ error: 'field.required' }).trim().regex(/^[0-9+\-() ]{7,20}$/, 'field.phoneFormat'),
  address: text(200),
  introduction: optionalText(2000),
  commitmentSignedBy: text(40),
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

export const answerSchema = z.object({ reply: text(2000) })

export const menuItemSchema = z.object({
  name: text(80),
  specification: optionalText(200),
  unit: text(20),
  price: yuan,
})

export const priceSchema = z.object({ itemId: z.string().regex(/^\d+$/, 'field.invalidChoice').transform(Number), price: yuan })

export const orderSchema = z.object({
  menuItemId: z.string().regex(/^\d+$/, 'field.invalidChoice').transform(Number),
  priceId: z.string().regex(/^\d+$/, 'field.invalidChoice').transform(Number),
  quantity: intIn(1, 1_000_000),
  deliveryAddress: text(200),
  note: optionalText(500),
  idempotencyKey: z.string().regex(/^[A-Za-z0-9_-]{16,64}$/, 'field.invalidChoice'),
})

export const declineSchema = z.object({ reason: text(500) })

export const suspendSchema = z.object({
  until: z.string({ error: 'field.required' }).trim().regex(/^\d{4}-\d{2}-\d{2}$/, 'cat.field.date'),
  reason: text(500),
})

export const removeSchema = z.object({ reason: text(500) })

export const ratingCommentSchema = z.object({ comment: optionalText(500) })
