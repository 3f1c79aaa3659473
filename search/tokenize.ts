// Text analysis shared by both engines.
//
// - `normalize` maps full-width ASCII to half-width, the ideographic space to a space and letters to lower case,
//   one UTF-16 unit for one (offsets in the normalised text are offsets in the original, which highlighting needs).
// - Documents are indexed as overlapping two-character slices (bigrams) of every CJK run plus Latin words and
//   numbers (`indexTokens`); see STACK.md for why bigrams rather than a word segmenter.
// - Queries are parsed into groups (`parseQuery`): every group must match (AND); a group matches when any of its
//   alternatives does (synonyms); an alternative matches when all its tokens do, and its `prefix`, if any, matches
//   the beginning of some indexed token (prefix search on the last word while the user is typing).

import { synonymIndex, SYNONYM_GROUPS } from './synonyms'

/** Queries are cut to this many characters and this many groups (Meilisearch also reads only ten words). */
export const MAX_QUERY_LENGTH = 200
export const MAX_QUERY_GROUPS = 10
const MAX_ALTERNATIVES = 16

export function normalize(text: string): string {
  let out: string[] | null = null
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i)
    let m = c
    if (c >= 0xff01 && c <= 0xff5e) m = c - 0xfee0
    else if (c === 0x3000) m = 0x20
    if (m >= 0x41 && m <= 0x5a) m += 0x20
    else if (m >= 0xc0 && m < 0x2e80 && !(m >= 0xd800 && m <= 0xdfff)) {
      const lower = String.fromCharCode(m).toLowerCase()
      if (lower.length === 1) m = lower.charCodeAt(0)
    }
    if (m !== c && out === null) out = text.slice(0, i).split('')
    if (out !== null) out.push(String.fromCharCode(m))
  }
  return out === null ? text : out.join('')
}

export function isCjk(cp: number): boolean {
  return (
    (cp >= 0x4e00 && cp <= 0x9fff) ||
    (cp >= 0x3400 && cp <= 0x4dbf) ||
    (cp >= 0x20000 && cp <= 0x323af) ||
    (cp >= 0xf900 && cp <= 0xfaff) ||
    (cp >= 0x3040 && cp <= 0x30ff) || // kana
    (cp >= 0xac00 && cp <= 0xd7af) || // hangul
    cp === 0x3005 // 々
  )
}

const LETTER_OR_NUMBER = /[\p{L}\p{N}]/u

function isWordChar(cp: number): boolean {
  if (cp < 0x80) return (cp >= 0x61 && cp <= 0x7a) || (cp >= 0x30 && cp <= 0x39) || (cp >= 0x41 && cp <= 0x5a)
  return !isCjk(cp) && LETTER_OR_NUMBER.test(String.fromCodePoint(cp))
}

export type Run = { type: 'cjk' | 'word'; text: string; start: number }

/** Splits (normalised) text into CJK runs and Latin/number words; everything else separates. */
export function runs(text: string): Run[] {
  const out: Run[] = []
  let type: Run['type'] | null = null
  let start = 0
  let i = 0
  while (i < text.length) {
    const cp = text.codePointAt(i)!
    const size = cp > 0xffff ? 2 : 1
    const t: Run['type'] | null = isCjk(cp) ? 'cjk' : isWordChar(cp) ? 'word' : null
    if (t !== type) {
      if (type !== null) out.push({ type, text: text.slice(start, i), start })
      type = t
      start = i
    }
    i += size
  }
  if (type !== null) out.push({ type, text: text.slice(start), start })
  return out
}

/** Overlapping two-character slices of a CJK run (by code point); a one-character run is its own token. */
export function bigrams(run: string): string[] {
  const chars = Array.from(run)
  if (chars.length === 1) return [chars[0]!]
  const out: string[] = []
  for (let i = 0; i + 1 < chars.length; i++) out.push(chars[i]! + chars[i + 1]!)
  return out
}

/** A mixed word such as iso9001 is also indexed as iso and 9001, so that "9001" finds "ISO9001". */
function wordParts(word: string): string[] {
  const parts = word.match(/\p{N}+|[^\p{N}]+/gu)
  return parts && parts.length > 1 ? parts : []
}

/** Tokens to index for a piece of text (already normalised or not: it is normalised here). Deduplicated. */
export function indexTokens(text: string, into: Set<string> = new Set()): Set<string> {
  for (const run of runs(normalize(text))) {
    if (run.type === 'cjk') for (const t of bigrams(run.text)) into.add(t)
    else {
      into.add(run.text)
      for (const p of wordParts(run.text)) into.add(p)
    }
  }
  return into
}

export interface QueryAlternative {
  /** The normalised text this alternative stands for (used for highlighting). */
  text: string
  /** All must be present (exact tokens). */
  tokens: string[]
  /** If set, some indexed token must start with it. */
  prefix?: string
}

export interface QueryGroup {
  /** What the user typed for this group (normalised). */
  source: string
  alternatives: QueryAlternative[]
}

export interface ParsedQuery {
  /** The normalised, trimmed query text. */
  text: string
  groups: QueryGroup[]
}

const SYNONYMS = synonymIndex(SYNONYM_GROUPS)
const CJK_SYNONYM_KEYS = [...SYNONYMS.keys()]
  .filter((k) => runs(k).every((r) => r.type === 'cjk'))
  .sort((a, b) => b.length - a.length)

function tokensOfSegments(segments: string[]): string[] {
  const tokens = new Set<string>()
  segments.forEach((seg, i) => {
    const chars = Array.from(seg)
    if (chars.length >= 2) {
      for (const t of bigrams(seg)) tokens.add(t)
    } else if (i > 0) {
      // a lone character joins the last character of the previous segment (物业|费 → 业费)
      tokens.add(Array.from(segments[i - 1]!).at(-1)! + seg)
    } else if (i + 1 < segments.length) {
      tokens.add(seg + Array.from(segments[i + 1]!)[0]!)
    } else {
      tokens.add(seg)
    }
  })
  return [...tokens]
}

/** Alternatives for a CJK run of two or more characters: the run, with each synonym it contains substituted. */
function cjkAlternatives(run: string): QueryAlternative[] {
  type Piece = { text: string; choices: string[] | null }
  const pieces: Piece[] = []
  let plain = ''
  let p = 0
  while (p < run.length) {
    const key = CJK_SYNONYM_KEYS.find((k) => run.startsWith(k, p))
    if (key) {
      if (plain) pieces.push({ text: plain, choices: null })
      plain = ''
      pieces.push({ text: key, choices: SYNONYMS.get(key)! })
      p += key.length
    } else {
      plain += run[p]
      p += 1
    }
  }
  if (plain) pieces.push({ text: plain, choices: null })

  let variants: string[][] = [[]]
  for (const piece of pieces) {
    const choices = piece.choices ? [piece.text, ...piece.choices.filter((c) => c !== piece.text)] : [piece.text]
    const next: string[][] = []
    for (const v of variants) for (const c of choices) if (next.length < MAX_ALTERNATIVES) next.push([...v, c])
    variants = next
  }
  const alts = variants.map((segments) => ({
    text: segments.join(''),
    tokens: tokensOfSegments(segments),
  }))
  return pruneSupersets(alts)
}

/** An alternative whose tokens include all of another's can only match a subset of its documents: drop it. */
function pruneSupersets(alts: QueryAlternative[]): QueryAlternative[] {
  const kept: QueryAlternative[] = []
  const sorted = [...alts].sort((a, b) => a.tokens.length - b.tokens.length)
  for (const alt of sorted) {
    const set = new Set(alt.tokens)
    const covered = kept.some((k) => !k.prefix && k.tokens.every((t) => set.has(t)))
    if (!covered) kept.push(alt)
  }
  // keep the user's own wording first
  return kept.sort((a, b) => alts.indexOf(a) - alts.indexOf(b))
}

export function parseQuery(raw: string): ParsedQuery {
  const normalized = normalize(raw.slice(0, MAX_QUERY_LENGTH))
  const units = runs(normalized)
  // prefix matching only for the last word, and only while it is being typed (nothing after it)
  const last = units.at(-1)
  const typing = last !== undefined && last.start + last.text.length === normalized.length
  const groups: QueryGroup[] = []
  units.slice(0, MAX_QUERY_GROUPS).forEach((unit, u, all) => {
    const isLast = u === all.length - 1 && all.length === units.length
    if (unit.type === 'word') {
      const synonyms = SYNONYMS.get(unit.text) ?? []
      const alternatives: QueryAlternative[] = [
        isLast && typing
          ? { text: unit.text, tokens: [], prefix: unit.text }
          : { text: unit.text, tokens: [unit.text] },
      ]
      for (const s of synonyms) {
        if (s !== unit.text) alternatives.push({ text: s, tokens: [s] })
      }
      groups.push({ source: unit.text, alternatives })
    } else if (Array.from(unit.text).length === 1) {
      // a single character can only be matched as the beginning of a bigram
      groups.push({ source: unit.text, alternatives: [{ text: unit.text, tokens: [], prefix: unit.text }] })
    } else {
      groups.push({ source: unit.text, alternatives: cjkAlternatives(unit.text) })
    }
  })
  return { text: normalized.trim(), groups }
}

export interface HighlightTerm {
  text: string
  /** Latin terms must start at a word boundary (no "at" inside "data"). */
  wordStart: boolean
}

/**
 * What to mark in results for a parsed query: one list per alternative, the alternative's own text first and its
 * tokens (two characters or more) as fall-backs when the text does not occur as such.
 */
export function highlightTerms(query: ParsedQuery): HighlightTerm[][] {
  return query.groups.flatMap((g) =>
    g.alternatives.map((alt) => {
      const latin = runs(alt.text).every((r) => r.type === 'word')
      const fallbacks = alt.tokens.filter((t) => t !== alt.text && (latin || Array.from(t).length >= 2))
      return [alt.text, ...fallbacks].map((t) => ({ text: t, wordStart: latin }))
    }),
  )
}
