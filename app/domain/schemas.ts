import { z } from 'zod'
import { ORGANIZATION_KINDS, ROLES } from '../../db/schema'
import { creditCodeProblem } from './credit-code'
import { tryParseYuan } from './money'

// Form schemas. Messages are i18n keys (see app/lib/i18n.ts); empty inputs count as missing. The building blocks
// below are shared by every area's schemas (catalogue, supermarket).
export const requiredText = (max: number) =>
  z
    .string({ error: 'field.required' })
    .trim()
    .min(1, 'field.required')
    .max(max, 'field.tooLong')

export const optionalText = (max: number) => z.string().trim().max(max, 'field.tooLong').default('')

/** An amount typed in yuan ('1,234.50') as integer fen, above zero. */
export const positiveYuan = z
  .string({ error: 'field.required' })
  .trim()
  .min(1, 'field.required')
  .transform((v, ctx) => {
    const fen = tryParseYuan(v)
    if (fen === undefined || fen <= 0) {
      ctx.addIssue({ code: 'custom', message: 'field.money' })
      return z.NEVER
    }
    return fen
  })

/** The same, where leaving the field empty means "none" (null). */
export const optionalPositiveYuan = z
  .string()
  .trim()
  .default('')
  .transform((v, ctx) => {
    if (v === '') return null
    const fen = tryParseYuan(v)
    if (fen === undefined || fen <= 0) {
      ctx.addIssue({ code: 'custom', message: 'field.money' })
      return z.NEVER
    }
    return fen
  })

export const username = z
  .string({ error: 'field.required' })
  .trim()
  .toLowerCase()
  .min(1, 'field.required')
  .regex(/^[a-z0-9._-]{3,32}$/, 'field.usernameFormat')

export const newPassword = z.string({ error: 'field.required' }).min(1, 'field.required').min(10, 'field.passwordTooShort').max(200, 'field.tooLong')

export const creditCode = z
  .string({ error: 'field.required' })
  .trim()
  .toUpperCase()
  .min(1, 'field.required')
  .superRefine((code, ctx) => {
    const problem = creditCodeProblem(code)
    if (problem === 'length') ctx.addIssue({ code: 'custom', message: 'field.creditCodeLength' })
    else if (problem === 'characters') ctx.addIssue({ code: 'custom', message: 'field.creditCodeCharacters' })
    else if (problem === 'check') ctx.addIssue({ code: 'custom', message: 'field.creditCodeCheck' })
  })

const phone = z
  .string()
  .trim()
  .regex(/^$|^[0-9+\-() ]{7,20}$/, 'field.phoneFormat')
  .default('')

export const signInSchema = z.object({
  username: z.string({ error: 'field.required' }).trim().min(1, 'field.required').max(64, 'field.tooLong'),
  password: z.string({ error: 'field.required' }).min(1, 'field.required').max(200, 'field.tooLong'),
  redirectTo: z.string().optional(),
})

export const changePasswordSchema = z
  .object({
    currentPassword: z.string({ error: 'field.required' }).min(1, 'field.required'),
    newPassword,
    confirmPassword: z.string({ error: 'field.required' }).min(1, 'field.required'),
  })
  .refine((v) => v.newPassword === v.confirmPassword, { path: ['confirmPassword'], message: 'field.passwordMismatch' })

export const organizationSchema = z.object({
  name: requiredText(120),
  kind: z.enum(ORGANIZATION_KINDS, { error: 'field.invalidChoice' }),
  creditCode,
  region: requiredText(60),
  address: optionalText(200),
  contactName: optionalText(40),
  contactPhone: phone,
  mainCategoryCode: z
    .string()
    .trim()
    .transform((v) => (v === '' ? null : v))
    .nullable()
    .default(null),
})
export type OrganizationInput = z.infer<typeof organizationSchema>

const organizationId = z
  .string()
  .trim()
  .transform((v, ctx) => {
    if (v === '') return null
    const n = Number(v)
    if (!Number.isInteger(n) || n <= 0) {
      ctx.addIssue({ code: 'custom', message: 'field.invalidChoice' })
      return z.NEVER
    }
    return n
  })
  .nullable()
  .default(null)

export const userCreateSchema = z.object({
  username,
  displayName: requiredText(40),
  role: z.enum(ROLES, { error: 'field.invalidChoice' }),
  organizationId,
  password: newPassword,
})
export type UserCreateInput = z.infer<typeof userCreateSchema>

export const userUpdateSchema = z.object({
  displayName: requiredText(40),
  role: z.enum(ROLES, { error: 'field.invalidChoice' }),
  organizationId,
})
export type UserUpdateInput = z.infer<typeof userUpdateSchema>

export const resetPasswordSchema = z.object({ newPassword })
