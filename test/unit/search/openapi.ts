// Checks HTTP requests against Meilisearch's own OpenAPI description (1.15.2), with a minimal JSON-schema validator
// for the subset the description uses: type (incl. type lists), properties, required, additionalProperties, items,
// enum, const, oneOf/anyOf/allOf, $ref, minimum/maximum, minItems/maxItems, uniqueItems, propertyNames.
//
// The 1.15.2 description is generated from the Rust types and is wrong in a few places; the errata below correct
// exactly those places, each with the reason. Everything else is checked as published.

import { readFileSync } from 'node:fs'

type Json = null | boolean | number | string | Json[] | { [k: string]: Json }
export type Schema = { [k: string]: Json }

interface Parameter {
  name: string
  in: 'path' | 'query' | 'header'
  required?: boolean
  schema?: Schema
}
interface Operation {
  parameters?: Parameter[]
  requestBody?: { required?: boolean; content: Record<string, { schema: Schema }> }
}
export interface OpenApi {
  paths: Record<string, Record<string, Operation>>
  components: { schemas: Record<string, Schema> }
}

export const SPEC_PATH = process.env.MEILI_OPENAPI_SPEC ?? new URL('../../../../shared/specs/meilisearch-1.15.2-openapi.json', import.meta.url).pathname

const camel = (s: string) => s.replace(/_([a-z])/g, (_, c: string) => c.toUpperCase())

/**
 * Corrections to the published 1.15.2 description, all checked against Meilisearch's source:
 * 1. SearchQuery is deserialised with `rename_all = camelCase` and every field has a default, but the description
 *    lists snake_case names and marks defaulted fields required (fixed upstream by `#[schema(rename_all =
 *    "camelCase")]` and `required = false`). Renamed to camelCase, nothing required.
 * 2. AttributePatterns is `#[serde(transparent)]`: on the wire it is an array of strings, not {patterns: [...]}
 *    (fixed upstream by `#[schema(value_type = Vec<String>)]`).
 * 3. `csvDelimiter` is marked required on the document routes; it only applies to CSV payloads.
 * 4. BrowseQuery (documents/fetch) marks offset, limit and retrieveVectors required; they have defaults.
 * 5. Request payloads are deserialised with `deny_unknown_fields`, so objects that do not say otherwise reject
 *    unknown properties (e.g. swap-indexes' `rename`, which 1.15 does not know but newer clients send).
 */
export function applyErrata(spec: OpenApi): OpenApi {
  const s = structuredClone(spec)
  const schemas = s.components.schemas
  const sq = schemas.SearchQuery!
  sq.properties = Object.fromEntries(Object.entries(sq.properties as Record<string, Json>).map(([k, v]) => [camel(k), v]))
  delete sq.required
  schemas.AttributePatterns = { type: 'array', items: { type: 'string' } }
  delete schemas.BrowseQuery!.required
  for (const ops of Object.values(s.paths)) {
    for (const op of Object.values(ops)) {
      for (const p of op.parameters ?? []) if (p.name === 'csvDelimiter') p.required = false
    }
  }
  const closeObjects = (node: Json) => {
    if (Array.isArray(node)) node.forEach(closeObjects)
    else if (node && typeof node === 'object') {
      if (node.type === 'object' && node.properties && node.additionalProperties === undefined) node.additionalProperties = false
      Object.values(node).forEach(closeObjects)
    }
  }
  closeObjects(schemas as unknown as Json)
  return s
}

export function loadMeiliSpec(): OpenApi {
  let raw: string
  try {
    raw = readFileSync(SPEC_PATH, 'utf8')
  } catch {
    throw new Error(`Meilisearch OpenAPI description not found at ${SPEC_PATH} (set MEILI_OPENAPI_SPEC)`)
  }
  return applyErrata(JSON.parse(raw) as OpenApi)
}

// ---------------------------------------------------------------------------------------------------------------
// JSON schema subset

const typeOf = (v: unknown): string =>
  v === null ? 'null' : Array.isArray(v) ? 'array' : Number.isInteger(v) ? 'integer' : typeof v

function typeMatches(expected: string, v: unknown): boolean {
  const actual = typeOf(v)
  return expected === actual || (expected === 'number' && actual === 'integer')
}

export function validateSchema(schema: Schema, value: unknown, spec: OpenApi, at = '$'): string[] {
  const errors: string[] = []
  if (typeof schema.$ref === 'string') {
    const name = schema.$ref.replace('#/components/schemas/', '')
    const target = spec.components.schemas[name]
    if (!target) return [`${at}: unresolved $ref ${schema.$ref}`]
    return validateSchema(target, value, spec, at)
  }
  if (schema.type !== undefined) {
    const types = Array.isArray(schema.type) ? (schema.type as string[]) : [schema.type as string]
    if (!types.some((t) => typeMatches(t, value))) return [`${at}: expected ${types.join('|')}, got ${typeOf(value)}`]
  }
  if (Array.isArray(schema.enum) && !schema.enum.some((e) => e === value)) {
    errors.push(`${at}: ${JSON.stringify(value)} is not one of ${JSON.stringify(schema.enum)}`)
  }
  if (schema.const !== undefined && schema.const !== value) errors.push(`${at}: must be ${JSON.stringify(schema.const)}`)
  if (typeof value === 'number') {
    if (typeof schema.minimum === 'number' && value < schema.minimum) errors.push(`${at}: below minimum ${schema.minimum}`)
    if (typeof schema.maximum === 'number' && value > schema.maximum) errors.push(`${at}: above maximum ${schema.maximum}`)
  }
  if (Array.isArray(value)) {
    if (schema.items && typeof schema.items === 'object' && !Array.isArray(schema.items)) {
      value.forEach((v, i) => errors.push(...validateSchema(schema.items as Schema, v, spec, `${at}[${i}]`)))
    }
    if (typeof schema.minItems === 'number' && value.length < schema.minItems) errors.push(`${at}: too few items`)
    if (typeof schema.maxItems === 'number' && value.length > schema.maxItems) errors.push(`${at}: too many items`)
    if (schema.uniqueItems === true && new Set(value.map((v) => JSON.stringify(v))).size !== value.length) {
      errors.push(`${at}: items must be unique`)
    }
  }
  if (value && typeof value === 'object' && !Array.isArray(value)) {
    const obj = value as Record<string, unknown>
    const props = (schema.properties ?? {}) as Record<string, Schema>
    for (const r of (schema.required ?? []) as string[]) if (!(r in obj)) errors.push(`${at}: missing required ${r}`)
    for (const [k, v] of Object.entries(obj)) {
      if (schema.propertyNames) errors.push(...validateSchema(schema.propertyNames as Schema, k, spec, `${at}{${k}}`))
      if (props[k]) errors.push(...validateSchema(props[k], v, spec, `${at}.${k}`))
      else if (schema.additionalProperties === false) errors.push(`${at}: unknown property ${k}`)
      else if (schema.additionalProperties && typeof schema.additionalProperties === 'object') {
        errors.push(...validateSchema(schema.additionalProperties as Schema, v, spec, `${at}.${k}`))
      }
    }
  }
  if (Array.isArray(schema.allOf)) for (const s of schema.allOf as Schema[]) errors.push(...validateSchema(s, value, spec, at))
  if (Array.isArray(schema.anyOf)) {
    const results = (schema.anyOf as Schema[]).map((s) => validateSchema(s, value, spec, at))
    if (!results.some((r) => r.length === 0)) errors.push(`${at}: matches none of anyOf (${results.map((r) => r[0]).join('; ')})`)
  }
  if (Array.isArray(schema.oneOf)) {
    const results = (schema.oneOf as Schema[]).map((s) => validateSchema(s, value, spec, at))
    const ok = results.filter((r) => r.length === 0).length
    if (ok !== 1) errors.push(`${at}: matches ${ok} of oneOf (${results.map((r) => r[0] ?? 'ok').join('; ')})`)
  }
  return errors
}

// ---------------------------------------------------------------------------------------------------------------
// Requests

export interface HttpRequestRecord {
  method: string
  /** Path without the query string, e.g. /indexes/caigou_documents/search */
  path: string
  query: URLSearchParams
  /** Parsed JSON body, or undefined when none was sent. */
  body: unknown
  contentType: string | null
}

function templateRegex(template: string): RegExp {
  const src = template
    .split('/')
    .map((seg) => (/^\{.+\}$/.test(seg) ? '([^/]+)' : seg.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')))
    .join('/')
  return new RegExp(`^${src}/?$`)
}

/** The operation a request addresses: literal path segments win over templated ones (…/documents/fetch vs {id}). */
export function findOperation(
  spec: OpenApi,
  method: string,
  path: string,
): { template: string; operation: Operation; params: Record<string, string> } | null {
  const candidates = Object.keys(spec.paths)
    .map((template) => ({ template, literal: template.split('/').filter((s) => s && !s.startsWith('{')).length }))
    .sort((a, b) => b.literal - a.literal)
  for (const { template } of candidates) {
    const m = templateRegex(template).exec(path)
    if (!m) continue
    const operation = spec.paths[template]![method.toLowerCase()]
    if (!operation) continue
    const names = [...template.matchAll(/\{([^}]+)\}/g)].map((x) => x[1]!)
    const params = Object.fromEntries(names.map((n, i) => [n, decodeURIComponent(m[i + 1]!)]))
    return { template, operation, params }
  }
  return null
}

function coerceQueryValue(raw: string, schema: Schema | undefined): unknown {
  const type = Array.isArray(schema?.type) ? (schema.type as string[]).find((t) => t !== 'null') : schema?.type
  if (type === 'integer' || type === 'number') return /^-?\d+(\.\d+)?$/.test(raw) ? Number(raw) : raw
  if (type === 'boolean') return raw === 'true' ? true : raw === 'false' ? false : raw
  if (type === 'array') return raw.split(',')
  return raw
}

/** Every way the request departs from the description; empty when it conforms. */
export function validateRequest(spec: OpenApi, req: HttpRequestRecord): string[] {
  const where = `${req.method} ${req.path}`
  const found = findOperation(spec, req.method, req.path)
  if (!found) return [`${where}: no such operation in the API description`]
  const { operation, params, template } = found
  const errors: string[] = []
  const declared = operation.parameters ?? []
  for (const p of declared) {
    if (p.in === 'path') {
      const v = params[p.name]
      if (v === undefined) errors.push(`${where}: missing path parameter ${p.name}`)
      else if (p.schema) errors.push(...validateSchema(p.schema, v, spec, `${template} {${p.name}}`))
    }
    if (p.in === 'query') {
      const raw = req.query.get(p.name)
      if (raw === null) {
        if (p.required) errors.push(`${where}: missing required query parameter ${p.name}`)
      } else if (p.schema) {
        errors.push(...validateSchema(p.schema, coerceQueryValue(raw, p.schema), spec, `${where} ?${p.name}`))
      }
    }
  }
  for (const key of new Set(req.query.keys())) {
    if (!declared.some((p) => p.in === 'query' && p.name === key)) errors.push(`${where}: unknown query parameter ${key}`)
  }
  const json = operation.requestBody?.content['application/json']
  if (req.body === undefined) {
    if (operation.requestBody?.required) errors.push(`${where}: request body required`)
  } else if (!operation.requestBody) {
    errors.push(`${where}: the operation takes no request body`)
  } else if (!json) {
    errors.push(`${where}: the operation takes no JSON body`)
  } else {
    if (!req.contentType?.startsWith('application/json')) errors.push(`${where}: content-type ${req.contentType}`)
    errors.push(...validateSchema(json.schema, req.body, spec, `${where} body`))
  }
  return errors
}
