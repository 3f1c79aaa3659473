import { describe, expect, it } from 'vitest'

import { highlight, matchRanges, POST_TAG, PRE_TAG, segmentsFromTagged } from '../../../search/highlight'
import { highlightTerms, parseQuery } from '../../../search/tokenize'

const terms = (q: string) => highlightTerms(parseQuery(q))
const show = (segments: { text: string; match: boolean }[]) => segments.map((s) => (s.match ? `[${s.text}]` : s.text)).join('')

describe('highlight', () => {
  it('marks each occurrence and merges touching matches', () => {
    expect(show(highlight('物业管理和物业服务', terms('物业')))).toBe('[物业]管理和[物业]服务')
    expect(show(highlight('福田区物业', terms('福田区 物业')))).toBe('[福田区物业]')
  })

  it('falls back to the pieces of a phrase that does not occur as such', () => {
    expect(show(highlight('福田区的物业', terms('福田物业')))).toBe('[福田]区的[物业]')
  })

  it('marks the original text (full-width, upper case) found through normalisation', () => {
    expect(show(highlight('通过ＩＳＯ９００１认证', terms('iso9001')))).toBe('通过[ＩＳＯ９００１]认证')
  })

  it('starts Latin matches at a word boundary, digits after letters included', () => {
    expect(show(highlight('data at ISO9001', terms('at ')))).toBe('data [at] ISO9001')
    expect(show(highlight('ISO9001', terms('9001')))).toBe('ISO[9001]')
  })

  it('returns the whole text unmarked without a query', () => {
    expect(highlight('保安服务', [])).toEqual([{ text: '保安服务', match: false }])
    expect(highlight('', terms('x'))).toEqual([])
  })

  it('crops long text around the first match with markers', () => {
    const text = `${'甲'.repeat(100)}物业${'乙'.repeat(100)}`
    const segs = highlight(text, terms('物业'), 40)
    expect(segs[0]).toEqual({ text: '…', match: false })
    expect(segs.at(-1)).toEqual({ text: '…', match: false })
    expect(segs.find((s) => s.match)!.text).toBe('物业')
    expect(segs.map((s) => s.text).join('').length).toBe(42)
    // no match: the beginning
    expect(show(highlight(text, [], 10))).toBe('甲甲甲甲甲甲甲甲甲甲…')
  })

  it('never splits a surrogate pair when cropping', () => {
    const text = '𠀋'.repeat(30)
    for (const s of highlight(text, [], 11)) expect(s.text).not.toMatch(/^[\uDC00-\uDFFF]|[\uD800-\uDBFF]$/)
  })

  it('gives ranges of the original text', () => {
    expect(matchRanges('ab物业cd物业', terms('物业'))).toEqual([
      [2, 4],
      [6, 8],
    ])
  })
})

describe('segmentsFromTagged (Meilisearch _formatted)', () => {
  it('turns private-use tags into segments and crop markers into their own segments', () => {
    expect(segmentsFromTagged(`…提供${PRE_TAG}物业${POST_TAG}服务…`)).toEqual([
      { text: '…', match: false },
      { text: '提供', match: false },
      { text: '物业', match: true },
      { text: '服务', match: false },
      { text: '…', match: false },
    ])
    expect(segmentsFromTagged('无匹配')).toEqual([{ text: '无匹配', match: false }])
    expect(segmentsFromTagged(`${PRE_TAG}全部${POST_TAG}`)).toEqual([{ text: '全部', match: true }])
  })
})
