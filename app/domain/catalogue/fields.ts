// A category says which fields a menu item in it has (a fuel station's address and grades, a guard count…), which
// qualifications an applicant must hold, and on which criteria buyers rate suppliers. These are pure definitions and
// the validation of values against them.
import { z } from 'zod'

export const FIELD_TYPES = ['text', 'number', 'select', 'multiselect'] as const
export type FieldType = (typeof FIELD_TYPES)[number]

export interface ItemFieldDef {
  key: string
  label_zh: string
  label_en: string
  type: FieldType
  required: boolean
  options?: string[]
  unit?: string
  min?: number
  max?: number
}

export interface QualificationDef {
  key: string
  name_zh: string
  name_en: string
  required: boolean
}

export interface RatingCriterion {
  key: string
  name_zh: string
  name_en: string
  weight: number
}

const key = z.string().regex(/^[a-z][a-z0-9_]{0,39}$/)
const label = z.string().trim().min(1).max(60)

export const itemFieldDefSchema = z
  .object({
    key,
    label_zh: label,
    label_en: label,
    type: z.enum(FIELD_TYPES),
    required: z.boolean(),
    options: z.array(z.string().trim().min(1).max(60)).max(40).optional(),
    unit: z.string().max(20).optional(),
    min: z.number().optional(),
    max: z.number().optional(),
  })
  .refine((f) => (f.type === 'select' || f.type === 'multiselect' ? (f.options?.length ?? 0) > 0 : true), { message: 'options' })

export const qualificationDefSchema = z.object({ key, name_zh: label, name_en: label, required: z.boolean() })
export const ratingCriterionSchema = z.object({ key, name_zh: label, name_en: label, weight: z.number().int().min(1).max(100) })

const uniqueKeys = <T extends { key: string }>(items: T[]) => new Set(items.map((i) => i.key)).size === items.length

export const itemFieldsSchema = z.array(itemFieldDefSchema).max(20).refine(uniqueKeys, { message: 'duplicate key' })
export const qualificationsSchema = z.array(qualificationDefSchema).max(20).refine(uniqueKeys, { message: 'duplicate key' })
export const ratingCriteriaSchema = z.array(ratingCriterionSchema).min(1).max(10).refine(uniqueKeys, { message: 'duplicate key' })

/**
 * Parses the compact text an administrator writes, one definition per line:
 *   key | 中文名 | English | type | required? | option1,option2 | unit
 * e.g. `grades | 油品 | Fuel grades | multiselect | required | 92#,95#,98#,0#柴油`.
 */
export function parseFieldLines(text: string): { ok: true; fields: ItemFieldDef[] } | { ok: false; line: number } {
  const fields: ItemFieldDef[] = []
  const lines = text.split(/\r?\n/)
  for (const [i, raw] of lines.entries()) {
    if (!raw.trim()) continue
    const [k = '', zh = '', en = '', type = 'text', req = '', options = '', unit = ''] = raw.split('|').map((s) => s.trim())
    const candidate = {
      key: k,
      label_zh: zh,
      label_en: en || zh,
      type,
      required: /^(required|必填|yes|是|true)$/i.test(req),
      ...(options ? { options: options.split(/[,，]/).map((o) => o.trim()).filter(Boolean) } : {}),
      ...(unit ? { unit } : {}),
    }
    const parsed = itemFieldDefSchema.safeParse(candidate)
    if (!parsed.success) return { ok: false, line: i + 1 }
    fields.push(parsed.data)
  }
  if (!uniqueKeys(fields)) return { ok: false, line: lines.length }
  return { ok: true, fields }
}

export function fieldLines(fields: readonly ItemFieldDef[]): string {
  return fields
    .map((f) => [f.key, f.label_zh, f.label_en, f.type, f.required ? 'required' : 'optional', (f.options ?? []).join(','), f.unit ?? ''].join(' | ').replace(/( \| )+$/, ''))
    .join('\n')
}

/** `key | 中文名 | English | required?` per line. */
export function parseQualificationLines(text: string): { ok: true; items: QualificationDef[] } | { ok: false; line: number } {
  const items: QualificationDef[] = []
  const lines = text.split(/\r?\n/)
  for (const [i, raw] of lines.entries()) {
    if (!raw.trim()) continue
    const [k = '', zh = '', en = '', req = 'required'] = raw.split('|').map((s) => s.trim())
    const parsed = qualificationDefSchema.safeParse({ key: k, name_zh: zh, name_en: en || zh, required: !/^(optional|选填|no|否|false)$/i.test(req) })
    if (!parsed.success) return { ok: false, line: i + 1 }
    items.push(parsed.data)
  }
  if (!uniqueKeys(items)) return { ok: false, line: lines.length }
  return { ok: true, items }
}

export function qualificationLines(items: readonly QualificationDef[]): string {
  return items.map((q) => [q.key, q.name_zh, q.name_en, q.required ? 'required' : 'optional'].join(' | ')).join('\n')
}

/** `key | 中文名 | English | weight` per line. */
export function parseCriteriaLines(text: string): { ok: true; items: RatingCriterion[] } | { ok: false; line: number } {
  const items: RatingCriterion[] = []
  const lines = text.split(/\r?\n/)
  for (const [i, raw] of lines.entries()) {
    if (!raw.trim()) continue
    const [k = '', zh = '', en = '', w = '1'] = raw.split('|').map((s) => s.trim())
    const parsed = ratingCriterionSchema.safeParse({ key: k, name_zh: zh, name_en: en || zh, weight: Number(w) })
    if (!parsed.success) return { ok: false, line: i + 1 }
    items.push(parsed.data)
  }
  if (items.length === 0 || !uniqueKeys(items)) return { ok: false, line: Math.max(1, lines.length) }
  return { ok: true, items }
}

export function criteriaLines(items: readonly RatingCriterion[]): string {
  return items.map((c) => [c.key, c.name_zh, c.name_en, String(c.weight)].join(' | ')).join('\n')
}

export type FieldValue = string | number | string[]
export type FieldProblem = 'required' | 'number' | 'range' | 'choice' | 'tooLong'

/**
 * Checks a menu item's own fields against its category's definition. Raw values come from a form: `field.<key>`
 * entries, several for a multiselect. Unknown keys are dropped.
 */
export function validateItemFields(
  defs: readonly ItemFieldDef[],
  raw: Record<string, string | string[] | undefined>,
): { ok: true; values: Record<string, FieldValue> } | { ok: false; errors: Record<string, FieldProblem> } {
  const values: Record<string, FieldValue> = {}
  const errors: Record<string, FieldProblem> = {}
  for (const def of defs) {
    const input = raw[def.key]
    const list = (Array.isArray(input) ? input : input === undefined ? [] : [input]).map((v) => v.trim()).filter(Boolean)
    if (list.length === 0) {
      if (def.required) errors[def.key] = 'required'
      continue
    }
    if (def.type === 'multiselect') {
      if (!list.every((v) => def.options?.includes(v))) errors[def.key] = 'choice'
      else values[def.key] = [...new Set(list)]
      continue
    }
    const value = list[0]!
    if (def.type === 'number') {
      const n = Number(value)
      if (!/^-?\d+(\.\d+)?$/.test(value) || !Number.isFinite(n)) errors[def.key] = 'number'
      else if ((def.min !== undefined && n < def.min) || (def.max !== undefined && n > def.max)) errors[def.key] = 'range'
      else values[def.key] = n
    } else if (def.type === 'select') {
      if (!def.options?.includes(value)) errors[def.key] = 'choice'
      else values[def.key] = value
    } else if (value.length > 200) errors[def.key] = 'tooLong'
    else values[def.key] = value
  }
  return Object.keys(errors).length ? { ok: false, errors } : { ok: true, values }
}

export function formatFieldValue(def: ItemFieldDef, value: FieldValue | undefined): string {
  if (value === undefined || value === '') return '—'
  const text = Array.isArray(value) ? value.join('、') : String(value)
  return def.unit ? `${text} ${def.unit}` : text
}

/** The weighted overall rating (1–5, two decimals) of scores per criterion; every criterion must be scored 1–5. */
export function overallRating(criteria: readonly RatingCriterion[], scores: Record<string, number>): number | null {
  let sum = 0
  let weights = 0
  for (const c of criteria) {
    const s = scores[c.key]
    if (s === undefined || !Number.isInteger(s) || s < 1 || s > 5) return null
    sum += s * c.weight
    weights += c.weight
  }
  if (weights === 0) return null
  return Math.round((sum / weights) * 100) / 100
}
