import { z } from 'zod'
import { optionalText, positiveYuan, requiredText } from '../schemas'
import { DECLINE_REASONS } from './credit'
import { SELECTION_METHODS } from './machine'

// Form schemas of the supermarket. Messages are i18n keys; empty inputs count as missing.
const intIn = (min: number, max: number) =>
  z
    .string()
    .trim()
    .default('')
    .transform((v, ctx) => {
      if (v === '') return undefined
      const n = Number(v)
      if (!Number.isInteger(n) || n < min || n > max) {
        ctx.addIssue({ code: 'custom', message: 'field.invalidChoice' })
        return z.NEVER
      }
      return n
    })

/**
 * The deadline as typed in a datetime-local field, in Beijing time ('2026-11-25T17:00'), to a UTC instant.
 * Whether it is in the future is decided by the database clock in the service.
 */
const shanghaiDateTime = z
  .string({ error: 'field.required' })
  .trim()
  .min(1, 'field.required')
  .transform((v, ctx) => {
    const m = /^(\d{4}-\d{2}-\d{2})[T ](\d{2}:\d{2})(:\d{2})?$/.exec(v)
    const d = m ? new Date(`${m[1]}T${m[2]}${m[3] ?? ':00'}+08:00`) : null
    if (!d || Number.isNaN(d.getTime())) {
      ctx.addIssue({ code: 'custom', message: 'field.invalidChoice' })
      return z.NEVER
    }
    return d
  })

export const projectSchema = z
  .object({
    title: requiredText(120),
    categoryCode: requiredText(20),
    scope: requiredText(4000),
    budget: positiveYuan,
    qualifications: optionalText(2000),
    method: z.enum(SELECTION_METHODS, { error: 'field.invalidChoice' }),
    deadline: shanghaiDateTime,
    minCandidates: intIn(1, 50),
    confirmationDays: intIn(1, 10),
    publicityDays: intIn(1, 10),
    reviewRequired: z.string().optional().transform((v) => v === 'on' || v === 'true'),
    justification: optionalText(2000),
    abnormalPercent: intIn(1, 99),
    bigList: intIn(2, 50),
    smallList: intIn(1, 20),
    panelSize: intIn(5, 15),
    topN: intIn(0, 10),
  })
  .superRefine((v, ctx) => {
    if (v.method === 'direct' && v.justification === '') ctx.addIssue({ code: 'custom', path: ['justification'], message: 'field.required' })
    if (v.method === 'proposal' && v.panelSize !== undefined && v.panelSize % 2 === 0) {
      ctx.addIssue({ code: 'custom', path: ['panelSize'], message: 'mkt.err.panelSize' })
    }
    if (v.method === 'credit' && (v.smallList ?? 3) >= (v.bigList ?? 7)) ctx.addIssue({ code: 'custom', path: ['smallList'], message: 'mkt.err.smallList' })
  })
export type ProjectInput = z.infer<typeof projectSchema>

export const quoteSchema = z.object({ amount: positiveYuan })
export const registerSchema = z.object({ proposal: optionalText(8000) })
export const publicInputSchema = z.object({ publicInput: z.string({ error: 'field.required' }).min(1, 'field.required').max(200, 'field.tooLong') })
export const redrawSchema = z.object({ reason: requiredText(500) })
export const confirmSchema = z.object({ explanation: optionalText(2000) })
export const declineSchema = z.object({ reasonKind: z.enum(DECLINE_REASONS, { error: 'field.invalidChoice' }), reason: requiredText(1000) })
export const chooseSchema = z.object({ supplierId: z.coerce.number({ error: 'field.required' }).int().positive('field.required'), note: requiredText(1000) })
export const objectionSchema = z.object({ body: requiredText(4000) })
export const answerSchema = z.object({ objectionId: z.coerce.number().int().positive(), answer: requiredText(4000) })
export const contractSchema = z.object({
  amount: positiveYuan,
  signedOn: z.string({ error: 'field.required' }).trim().regex(/^\d{4}-\d{2}-\d{2}$/, 'field.required'),
  summary: optionalText(2000),
})

/** 一标一评: the buyer's rating of one panel expert. */
export const expertRatingSchema = z.object({
  expertId: z.coerce.number({ error: 'field.required' }).int().positive('field.required'),
  rating: z.coerce.number({ error: 'mkt.rating.range' }).int('mkt.rating.range').min(1, 'mkt.rating.range').max(5, 'mkt.rating.range'),
  comment: optionalText(500),
})
export type ExpertRatingInput = z.infer<typeof expertRatingSchema>

const score = z.coerce.number({ error: 'mkt.err.scoreRange' }).int('mkt.err.scoreRange').min(0, 'mkt.err.scoreRange').max(100, 'mkt.err.scoreRange')
export const scoreSheetSchema = z.object({
  index: z.coerce.number().int().min(0),
  approach: score,
  team: score,
  schedule: score,
  price: score,
})
export const panelDeclineSchema = z.object({ reason: requiredText(500) })

export const listingSchema = z.object({
  categoryCode: requiredText(20),
  scope: requiredText(4000),
  qualifications: optionalText(2000),
  feeStandard: requiredText(1000),
  serviceArea: requiredText(200),
  staffCount: z.coerce.number({ error: 'field.invalidChoice' }).int('field.invalidChoice').min(0, 'field.invalidChoice').max(100_000, 'field.invalidChoice'),
  typicalDays: z.coerce.number({ error: 'field.invalidChoice' }).int('field.invalidChoice').min(1, 'field.invalidChoice').max(3650, 'field.invalidChoice'),
})
export type ListingInput = z.infer<typeof listingSchema>

const idList = z
  .string()
  .trim()
  .default('')
  .transform((v, ctx) => {
    if (v === '') return [] as number[]
    const ids = v.split(/[,，\s]+/).filter(Boolean).map(Number)
    if (ids.some((n) => !Number.isInteger(n) || n <= 0)) {
      ctx.addIssue({ code: 'custom', message: 'field.invalidChoice' })
      return z.NEVER
    }
    return ids
  })

export const affiliationSchema = z.object({
  purchaserId: z.coerce.number({ error: 'field.required' }).int().positive('field.required'),
  supplierId: z.coerce.number({ error: 'field.required' }).int().positive('field.required'),
  note: requiredText(500),
})
export type AffiliationInput = z.infer<typeof affiliationSchema>

/** Two agencies affiliated with each other (关联企业), with the reason the centre found. */
export const agencyAffiliationSchema = z
  .object({
    firstId: z.coerce.number({ error: 'field.required' }).int().positive('field.required'),
    secondId: z.coerce.number({ error: 'field.required' }).int().positive('field.required'),
    reason: requiredText(500),
  })
  .refine((v) => v.firstId !== v.secondId, { message: 'mkt.admin.sameAgency', path: ['secondId'] })
export type AgencyAffiliationInput = z.infer<typeof agencyAffiliationSchema>

export const creditEventSchema = z.object({
  organizationId: z.coerce.number({ error: 'field.required' }).int().positive('field.required'),
  points: z.coerce.number({ error: 'field.invalidChoice' }).int('field.invalidChoice').min(0, 'field.invalidChoice').max(100, 'field.invalidChoice'),
  kind: z.enum(['unjustified-decline', 'late-contract', 'data-error', 'collusion', 'other'], { error: 'field.invalidChoice' }),
  reason: requiredText(1000),
  suspendDays: z.coerce.number({ error: 'field.invalidChoice' }).int('field.invalidChoice').min(0, 'field.invalidChoice').max(260, 'field.invalidChoice'),
})
export type CreditEventInput = z.infer<typeof creditEventSchema>

export const expertSchema = z.object({
  name: requiredText(60),
  username: optionalText(64),
  specialties: z
    .string()
    .trim()
    .default('')
    .transform((v) => v.split(/[,，、\s]+/).filter(Boolean)),
  employerId: z
    .string()
    .trim()
    .default('')
    .transform((v) => (v === '' ? undefined : Number(v))),
  conflicts: idList,
})
export type ExpertInput = z.infer<typeof expertSchema>
