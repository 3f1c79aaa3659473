// The filter expressions sent to Meilisearch: user text is always quoted and escaped so that, read back with the
// server's own rules (see ./meili-filter-parser.ts), every value is exactly what the user gave.

import { describe, expect, it } from 'vitest'

import type { SearchFilter } from '../../../search/engine'
import { buildFilter, formatFilterNumber, meiliSettings, quoteFilterValue } from '../../../search/meilisearch'
import { parseFilter } from './meili-filter-parser'

/** A small seeded generator (mulberry32), so the fuzz cases are the same on every run. */
function rng(seed: number): () => number {
  let a = seed >>> 0
  return () => {
    a = (a + 0x6d2b79f5) >>> 0
    let t = Math.imul(a ^ (a >>> 15), a | 1)
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61)
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296
  }
}

const region = (value: string): SearchFilter => ({ op: 'eq', field: 'region', value })

describe('buildFilter', () => {
  it('restricts to active entries when nothing else is asked', () => {
    expect(buildFilter([])).toBe('status = "active"')
    expect(buildFilter([], undefined)).toBe('status = "active"')
  })

  it('lists other statuses only when asked; an empty list matches nothing', () => {
    expect(buildFilter([], ['active', 'suspended'])).toBe('status IN ["active", "suspended"]')
    expect(buildFilter([], [])).toBe('status IN []')
    expect(() => buildFilter([], ['deleted' as never])).toThrow(/unknown status/)
  })

  it('quotes and escapes user text', () => {
    const cases: [string, string][] = [
      ['深圳市福田区', 'region = "深圳市福田区"'],
      ['say "hi"', 'region = "say \\"hi\\""'],
      ['back\\slash', 'region = "back\\\\slash"'],
      ['end\\', 'region = "end\\\\"'],
      ['\\"', 'region = "\\\\\\""'],
      ["it's", 'region = "it\'s"'],
      ['AND', 'region = "AND"'],
      ['', 'region = ""'],
    ]
    for (const [value, expected] of cases) expect(buildFilter([region(value)])).toBe(`status = "active" AND ${expected}`)
  })

  it('cannot be escaped from: an injection attempt stays one value', () => {
    const attack = '" OR status = "removed'
    const parsed = parseFilter(buildFilter([region(attack)])!)
    expect(parsed).toEqual([
      { attribute: 'status', op: '=', value: 'active' },
      { attribute: 'region', op: '=', value: attack },
    ])
  })

  it('reads back every value exactly as given (fuzzed)', () => {
    const r = rng(2026)
    const alphabet = ['a', 'Z', '0', ' ', '"', "'", '\\', '[', ']', ',', '(', ')', '=', '中', '文', '\n', '\t', '😀', 'n', 'u', '{', '}']
    for (let n = 0; n < 500; n++) {
      const value = Array.from({ length: Math.floor(r() * 12) }, () => alphabet[Math.floor(r() * alphabet.length)]).join('')
      const values = [value, `${value}\\`, `"${value}`]
      const parsed = parseFilter(buildFilter([region(value), { op: 'in', field: 'qualifications', values }])!)
      expect(parsed[1]).toEqual({ attribute: 'region', op: '=', value })
      expect(parsed[2]).toEqual({ attribute: 'qualifications', op: 'IN', values })
    }
  })

  it('builds IN lists, including the empty list (matches nothing)', () => {
    expect(buildFilter([{ op: 'in', field: 'categoryCode', values: ['C01', 'C05'] }])).toBe(
      'status = "active" AND categoryCode IN ["C01", "C05"]',
    )
    expect(buildFilter([{ op: 'in', field: 'categoryCode', values: [] }])).toBe('status = "active" AND categoryCode IN []')
    expect(parseFilter('categoryCode IN []')).toEqual([{ attribute: 'categoryCode', op: 'IN', values: [] }])
  })

  it('builds ranges from the bounds given; no bound means no constraint', () => {
    expect(buildFilter([{ op: 'range', field: 'priceFen', gte: 10_000, lte: 500_000 }])).toBe(
      'status = "active" AND priceFen >= 10000 AND priceFen <= 500000',
    )
    expect(buildFilter([{ op: 'range', field: 'rating', gt: 4.5 }])).toBe('status = "active" AND rating > 4.5')
    expect(buildFilter([{ op: 'range', field: 'credit', lt: -5 }])).toBe('status = "active" AND credit < -5')
    expect(buildFilter([{ op: 'range', field: 'priceFen' }])).toBe('status = "active"')
  })

  it('writes numbers without exponents and refuses non-finite ones', () => {
    expect(formatFilterNumber(1e21)).toBe('1000000000000000000000')
    expect(formatFilterNumber(1e-7)).toBe('0.0000001')
    expect(formatFilterNumber(-0.5)).toBe('-0.5')
    expect(() => buildFilter([{ op: 'range', field: 'rating', gte: Number.NaN }])).toThrow(/finite/)
    expect(() => buildFilter([{ op: 'range', field: 'rating', lte: Number.POSITIVE_INFINITY }])).toThrow(/finite/)
  })

  it('combines several filters with AND and parses back', () => {
    const f = buildFilter([
      { op: 'eq', field: 'market', value: 'supermarket' },
      { op: 'in', field: 'qualificationLevel', values: ['甲级', '乙级'] },
      { op: 'range', field: 'priceFen', gte: 0 },
    ])!
    expect(parseFilter(f)).toEqual([
      { attribute: 'status', op: '=', value: 'active' },
      { attribute: 'market', op: '=', value: 'supermarket' },
      { attribute: 'qualificationLevel', op: 'IN', values: ['甲级', '乙级'] },
      { attribute: 'priceFen', op: '>=', value: '0' },
    ])
  })

  it('refuses fields and operators outside the typed model, and oversized input', () => {
    expect(() => buildFilter([{ op: 'eq', field: 'title' as never, value: 'x' }])).toThrow(/not a keyword field/)
    expect(() => buildFilter([{ op: 'range', field: 'region' as never, gte: 1 }])).toThrow(/not a numeric field/)
    expect(() => buildFilter([{ op: 'like', field: 'region', value: 'x' } as never])).toThrow(/unknown filter op/)
    expect(() => buildFilter([{ op: 'eq', field: 'region', value: 5 as never }])).toThrow(/strings/)
    expect(() => buildFilter([{ op: 'in', field: 'region', values: Array.from({ length: 101 }, String) }])).toThrow(/at most/)
    expect(() => buildFilter([region('x'.repeat(201))])).toThrow(/too long/)
  })

  it('only uses attributes that the settings declare filterable', () => {
    const filterable = new Set(meiliSettings().filterableAttributes as string[])
    const f = buildFilter(
      [
        { op: 'eq', field: 'kind', value: 'catalogue_item' },
        { op: 'eq', field: 'market', value: 'catalogue' },
        { op: 'eq', field: 'categoryCode', value: 'C01' },
        { op: 'eq', field: 'region', value: 'r' },
        { op: 'eq', field: 'qualificationLevel', value: 'l' },
        { op: 'eq', field: 'qualifications', value: 'q' },
        { op: 'eq', field: 'supplierId', value: 's' },
        { op: 'eq', field: 'priceBand', value: 'lt100' },
        { op: 'eq', field: 'ratingBand', value: '4.5+' },
        { op: 'range', field: 'priceFen', gte: 1 },
        { op: 'range', field: 'rating', gte: 1 },
        { op: 'range', field: 'credit', gte: 1 },
      ],
      ['active'],
    )!
    for (const c of parseFilter(f)) expect(filterable.has(c.attribute), c.attribute).toBe(true)
  })

  it('quoteFilterValue is the single place values are quoted', () => {
    expect(quoteFilterValue('a"b\\c')).toBe('"a\\"b\\\\c"')
  })
})
