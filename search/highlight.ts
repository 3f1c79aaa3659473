// Highlighting as data: a field becomes a list of {text, match} segments, so the UI renders <mark> elements itself
// and never needs dangerouslySetInnerHTML.

import type { Segment } from './engine'
import { isCjk, normalize, type HighlightTerm } from './tokenize'

export const CROP_MARKER = '…'
/** Descriptions longer than this many UTF-16 units are cropped around the first match. */
export const DESCRIPTION_CROP = 120

const LETTER = /\p{L}/u
const DIGIT = /\p{N}/u

const isLetter = (c: string) => LETTER.test(c) && !isCjk(c.codePointAt(0)!)

/** True when `prev` continues the same Latin word as `first` (letter after letter, digit after digit). */
function sameWord(prev: string, first: string): boolean {
  return (isLetter(prev) && isLetter(first)) || (DIGIT.test(prev) && DIGIT.test(first))
}

function findAll(haystack: string, term: HighlightTerm, into: [number, number][]): boolean {
  if (!term.text) return false
  let found = false
  let from = 0
  for (;;) {
    const at = haystack.indexOf(term.text, from)
    if (at < 0) break
    from = at + 1
    if (term.wordStart && at > 0 && sameWord(haystack[at - 1]!, term.text[0]!)) continue
    into.push([at, at + term.text.length])
    found = true
  }
  return found
}

/** Ranges [start, end) of the original text to mark, merged and sorted. */
export function matchRanges(text: string, terms: readonly (readonly HighlightTerm[])[]): [number, number][] {
  const norm = normalize(text)
  const ranges: [number, number][] = []
  for (const [first, ...fallbacks] of terms) {
    if (first && findAll(norm, first, ranges)) continue
    for (const t of fallbacks) findAll(norm, t, ranges)
  }
  ranges.sort((a, b) => a[0] - b[0] || a[1] - b[1])
  const merged: [number, number][] = []
  for (const r of ranges) {
    const last = merged.at(-1)
    if (last && r[0] <= last[1]) last[1] = Math.max(last[1], r[1])
    else merged.push([r[0], r[1]])
  }
  return merged
}

/** Cuts `text` into segments; `crop` (UTF-16 units) keeps a window around the first match, marked with '…'. */
export function segmentsFromRanges(text: string, ranges: readonly [number, number][], crop?: number): Segment[] {
  let from = 0
  let to = text.length
  if (crop !== undefined && text.length > crop) {
    const first = ranges[0]?.[0] ?? 0
    from = Math.max(0, first - Math.floor(crop / 4))
    to = Math.min(text.length, from + crop)
    from = Math.max(0, to - crop)
    // never split a surrogate pair
    if (from > 0 && isLowSurrogate(text.charCodeAt(from))) from += 1
    if (to < text.length && isLowSurrogate(text.charCodeAt(to))) to -= 1
  }
  const out: Segment[] = []
  const push = (s: string, match: boolean) => {
    if (!s) return
    const last = out.at(-1)
    if (last && last.match === match && s !== CROP_MARKER && last.text !== CROP_MARKER) last.text += s
    else out.push({ text: s, match })
  }
  if (from > 0) push(CROP_MARKER, false)
  let at = from
  for (const [s, e] of ranges) {
    if (e <= from || s >= to) continue
    const start = Math.max(s, from)
    const end = Math.min(e, to)
    push(text.slice(at, start), false)
    push(text.slice(start, end), true)
    at = end
  }
  push(text.slice(at, to), false)
  if (to < text.length) push(CROP_MARKER, false)
  return out
}

function isLowSurrogate(c: number): boolean {
  return c >= 0xdc00 && c <= 0xdfff
}

export function highlight(text: string, terms: readonly (readonly HighlightTerm[])[], crop?: number): Segment[] {
  return segmentsFromRanges(text, terms.length ? matchRanges(text, terms) : [], crop)
}

/**
 * Parses text that an engine marked with private-use tags (Meilisearch's highlightPreTag/PostTag) into segments.
 * The tags are U+E000/U+E001, which `toMeiliDocument` strips from indexed text so they cannot be forged.
 */
export const PRE_TAG = '\uE000'
export const POST_TAG = '\uE001'

export function segmentsFromTagged(tagged: string): Segment[] {
  const out: Segment[] = []
  let match = false
  let buf = ''
  const flush = () => {
    if (buf) {
      const last = out.at(-1)
      if (last && last.match === match) last.text += buf
      else out.push({ text: buf, match })
    }
    buf = ''
  }
  for (const ch of tagged) {
    if (ch === PRE_TAG) {
      flush()
      match = true
    } else if (ch === POST_TAG) {
      flush()
      match = false
    } else buf += ch
  }
  flush()
  return splitCropMarkers(out)
}

/** Meilisearch puts '…' at cropped ends inside the text; give it a segment of its own like the embedded engine. */
function splitCropMarkers(segments: Segment[]): Segment[] {
  const out: Segment[] = []
  segments.forEach((seg, i) => {
    let text = seg.text
    const lead = i === 0 && !seg.match && text.startsWith(CROP_MARKER) && text.length > CROP_MARKER.length
    const trail = i === segments.length - 1 && !seg.match && text.endsWith(CROP_MARKER) && text.length > 1
    if (lead) {
      out.push({ text: CROP_MARKER, match: false })
      text = text.slice(CROP_MARKER.length)
    }
    if (trail) text = text.slice(0, -CROP_MARKER.length)
    if (text) out.push({ text, match: seg.match })
    if (trail) out.push({ text: CROP_MARKER, match: false })
  })
  return out
}
