import { describe, expect, it } from 'vitest'

import { bigrams, highlightTerms, indexTokens, normalize, parseQuery, runs } from '../../../search/tokenize'

describe('normalize', () => {
  it('maps full-width ASCII and the ideographic space, lower-cases, keeps the length', () => {
    const cases: [string, string][] = [
      ['ＩＳＯ９００１', 'iso9001'],
      ['ＡＢＣ　ｄｅｆ', 'abc def'],
      ['深圳ABC', '深圳abc'],
      ['ÉCOLE', 'école'],
      ['物业管理', '物业管理'],
      ['（保安）', '(保安)'],
    ]
    for (const [input, expected] of cases) {
      expect(normalize(input)).toBe(expected)
      expect(normalize(input).length).toBe(input.length)
    }
  })

  it('returns the same string when nothing changes', () => {
    const s = '福田区物业'
    expect(normalize(s)).toBe(s)
  })
})

describe('runs and tokens', () => {
  it('splits CJK runs from Latin words and numbers', () => {
    expect(runs('gb/t 19001认证，深圳市')).toEqual([
      { type: 'word', text: 'gb', start: 0 },
      { type: 'word', text: 't', start: 3 },
      { type: 'word', text: '19001', start: 5 },
      { type: 'cjk', text: '认证', start: 10 },
      { type: 'cjk', text: '深圳市', start: 13 },
    ])
  })

  it('cuts CJK runs into overlapping bigrams, by code point', () => {
    expect(bigrams('物业管理')).toEqual(['物业', '业管', '管理'])
    expect(bigrams('印')).toEqual(['印'])
    expect(bigrams('𠀋物')).toEqual(['𠀋物'])
  })

  it('indexes bigrams, words and the parts of mixed words, once each', () => {
    expect([...indexTokens('ISO9001认证 认证')]).toEqual(['iso9001', 'iso', '9001', '认证'])
    expect([...indexTokens('保安服务')]).toEqual(['保安', '安服', '服务'])
  })
})

describe('parseQuery', () => {
  it('makes one group per word; the last word is a prefix while typed', () => {
    const q = parseQuery('深圳 iso')
    expect(q.text).toBe('深圳 iso')
    expect(q.groups.map((g) => g.alternatives)).toEqual([
      [{ text: '深圳', tokens: ['深圳'] }],
      [{ text: 'iso', tokens: [], prefix: 'iso' }],
    ])
    expect(parseQuery('iso ').groups[0]!.alternatives).toEqual([{ text: 'iso', tokens: ['iso'] }])
  })

  it('expands synonyms and drops alternatives that can only match less', () => {
    // 物业管理 and 物业服务 contain 物业: documents with them already match 物业
    expect(parseQuery('物业').groups[0]!.alternatives.map((a) => a.text)).toEqual(['物业'])
    expect(parseQuery('电商').groups[0]!.alternatives.map((a) => a.text)).toEqual(['电商', '电子商务', '网上商城'])
  })

  it('substitutes synonyms inside a longer run and keeps the seam for a lone character', () => {
    const alts = parseQuery('物业费').groups[0]!.alternatives
    expect(alts.map((a) => a.text)).toEqual(['物业费', '物业管理费', '物业服务费'])
    expect(alts[1]!.tokens).toEqual(['物业', '业管', '管理', '理费'])
    const platform = parseQuery('电商平台').groups[0]!.alternatives
    expect(platform.map((a) => [a.text, a.tokens])).toEqual([
      ['电商平台', ['电商', '平台']],
      ['电子商务平台', ['电子', '子商', '商务', '平台']],
      ['网上商城平台', ['网上', '上商', '商城', '平台']],
    ])
  })

  it('matches a single Chinese character as a prefix', () => {
    expect(parseQuery('印').groups[0]!.alternatives).toEqual([{ text: '印', tokens: [], prefix: '印' }])
  })

  it('ignores punctuation, limits length and number of groups', () => {
    expect(parseQuery('  "物业"  ,, ').groups).toHaveLength(1)
    expect(parseQuery('').groups).toEqual([])
    expect(parseQuery('a b c d e f g h i j k l m').groups).toHaveLength(10)
    expect(parseQuery('物'.repeat(500)).text).toHaveLength(200)
  })
})

describe('highlightTerms', () => {
  it('lists each alternative with its tokens as fall-backs', () => {
    expect(highlightTerms(parseQuery('福田物业 iso'))).toEqual([
      [
        { text: '福田物业', wordStart: false },
        { text: '福田', wordStart: false },
        { text: '物业', wordStart: false }, // 物业 has synonyms: the run is cut there, no 田物
      ],
      [{ text: 'iso', wordStart: true }],
    ])
  })
})
