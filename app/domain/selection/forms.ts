import { z } from 'zod'
import { tryParseYuan, type Fen } from '../money'
import { DECLINE_REASONS } from './credit'
import { SELECTION_METHODS } from './machine'

// Form schemas of the supermarket. Messages are i18n keys; empty inputs count as missing.
const trimmed = (max: number) => z.string({ error: 'field.required' }).trim().min(1, 'field.required').max(max, 'field.tooLong')
const optionalTrimmed = (max: number) => z.string().trim().max(max, 'field.tooLong').default('')

const yuan = z
  .string({ error: 'field.required' })
  .trim()
  .min(1, 'field.required')
  .transform((v, ctx) => {
    const fen = tryParseYuan(v)
    if (fen === undefined || fen <= 0) {
      ctx.addIssue({ code: 'custom', message: 'mkt.err.budget' })
      return z.NEVER
    }
    return fen as Fen
  })

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
    title: trimmed(120),
    categoryCode: trimmed(20),
    scope: trimmed(4000),
    budget: yuan,
    qualifications: optionalTrimmed(2000),
    method: z.enum(SELECTION_METHODS, { error: 'field.invalidChoice' }),
    deadline: shanghaiDateTime,
    minCandidates: intIn(1, 50),
    confirmationDays: intIn(1, 10),
    publicityDays: intIn(1, 10),
    reviewRequired: z.string().optional().transform((v) => v === 'on' || v === 'true'),
    justification: optionalTrimmed(2000),
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

export const quoteSchema = z.object({ amount: yuan })
export const registerSchema = z.object({ proposal: optionalTrimmed(8000) })
export const publicInputSchema = z.object({ publicInput: z.string({ error: 'field.required' }).min(1, 'field.required').max(200, 'field.tooLong') })
export const redrawSchema = z.object({ reason: trimmed(500) })
export const confirmSchema = z.object({ explanation: optionalTrimmed(2000) })
export const declineSchema = z.object({ reasonKind: z.enum(DECLINE_REASONS, { error: 'field.invalidChoice' }), reason: trimmed(1000) })
export const chooseSchema = z.object({ supplierId: z.coerce.number({ error: 'field.required' }).int().positive('field.required'), note: trimmed(1000) })
export const objectionSchema = z.object({ body: trimmed(4000) })
export const answerSchema = z.object({ objectionId: z.coerce.number().int().positive(), answer: trimmed(4000) })
export const contractSchema = z.object({
  amount: yuan,
  signedOn: z.string({ error: 'field.required' }).trim().regex(/^\d{4}-\d{2}-\d{2}$/, 'field.required'),
  summary: optionalTrimmed(2000),
})

/** 一标一评: the buyer's rating of one panel expert. */
export const expertRatingSchema = z.object({
  expertId: z.coerce.number({ error: 'field.required' }).int().positive('field.required'),
  rating: z.coerce.number({ error: 'mkt.rating.range' }).int('mkt.rating.range').min(1, 'mkt.rating.range').max(5, 'mkt.rating.range'),
  comment: optionalTrimmed(500),
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
export const panelDeclineSchema = z.object({ reason: trimmed(500) })

export const listingSchema = z.object({
  categoryCode: trimmed(20),
  scope: trimmed(4000),
  qualifications: optionalTrimmed(2000),
  feeStandard: trimmed(1000),
  serviceArea: trimmed(200),
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
  note: trimmed(500),
})
export type AffiliationInput = z.infer<typeof affiliationSchema>

/** Two agencies affiliated with each other (关联企业), with the reason the centre found. */
export const agencyAffiliationSchema = z
  .object({
    firstId: z.coerce.number({ error: 'field.required' }).int().positive('field.required'),
    secondId: z.coerce.number({ error: 'field.required' }).int().positive('field.required'),
    reason: trimmed(500),
  })
  .refine((v) => v.firstId !== v.secondId, { message: 'mkt.admin.sameAgency', path: ['secondId'] })
export type AgencyAffiliationInput = z.infer<typeof agencyAffiliationSchema>

export const creditEventSchema = z.object({
  organizationId: z.coerce.number({ error: 'field.required' }).int().positive('field.required'),
  points: z.coerce.number({ error: 'field.invalidChoice' }).int('field.invalidChoice').min(0, 'field.invalidChoice').max(100, 'field.invalidChoice'),
  kind: z.enum(['unjustified-decline', 'late-contract', 'data-error', 'collusion', 'other'], { error: 'field.invalidChoice' }),
  reason: trimmed(1000),
  suspendDays: z.coerce.number({ error: 'field.invalidChoice' }).int('field.invalidChoice').min(0, 'field.invalidChoice').max(260, 'field.invalidChoice'),
})
export type CreditEventInput = z.infer<typeof creditEventSchema>

export const expertSchema = z.object({
  name: trimmed(60),
  username: optionalTrimmed(64),
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
