// A parser for the part of Meilisearch's filter grammar that `buildFilter` emits, following the server's own rules
// (crates/filter-parser: `quoted_by` unescapes \" inside "…", then the value goes through the `unescaper` crate).
// Used to prove that every value built from user text reads back, on the server's terms, as exactly that text.
//
//   expression = condition ( "AND" condition )*
//   condition  = attribute ( "=" | "!=" | ">" | ">=" | "<" | "<=" ) value | attribute "IN" "[" value ( "," value )* "]"
//   value      = '"' … '"' | "'" … "'" | word          word = ( alphanumeric | _ | - | . )+

export type Condition =
  | { attribute: string; op: '=' | '!=' | '>' | '>=' | '<' | '<='; value: string }
  | { attribute: string; op: 'IN'; values: string[] }

const KEYWORDS = new Set(['AND', 'OR', 'IN', 'NOT', 'TO', 'EXISTS', 'IS', 'NULL', 'EMPTY', 'CONTAINS', 'STARTS', 'WITH'])

/** The `unescaper` crate: \\ \" \' \n \r \t \0 \u{…}; any other escape is an error. */
function unescape(s: string): string {
  let out = ''
  for (let i = 0; i < s.length; i++) {
    const c = s[i]!
    if (c !== '\\') {
      out += c
      continue
    }
    const n = s[++i]
    if (n === undefined) throw new Error('incomplete escape')
    if (n === '\\' || n === '"' || n === "'") out += n
    else if (n === 'n') out += '\n'
    else if (n === 'r') out += '\r'
    else if (n === 't') out += '\t'
    else if (n === '0') out += '\0'
    else if (n === 'u' && s[i + 1] === '{') {
      const end = s.indexOf('}', i)
      out += String.fromCodePoint(parseInt(s.slice(i + 2, end), 16))
      i = end
    } else throw new Error(`invalid escape \\${n}`)
  }
  return out
}

export function parseFilter(input: string): Condition[] {
  let i = 0
  const ws = () => {
    while (i < input.length && /\s/.test(input[i]!)) i++
  }
  const isWordChar = (c: string) => /[\p{L}\p{N}_.-]/u.test(c)
  const word = (): string => {
    const start = i
    while (i < input.length && isWordChar(input[i]!)) i++
    if (i === start) throw new Error(`expected a word at ${start} in ${input}`)
    return input.slice(start, i)
  }
  const value = (): string => {
    ws()
    const q = input[i]
    if (q === '"' || q === "'") {
      i++
      const start = i
      let escaped = false
      for (;;) {
        const c = input[i]
        if (c === undefined) throw new Error('missing closing quote')
        if (c === q) break
        if (c === '\\') {
          i++
          if (input[i] === undefined) throw new Error('malformed value')
          if (input[i] === q) escaped = true
        }
        i++
      }
      let fragment = input.slice(start, i)
      i++ // closing quote
      if (escaped) fragment = fragment.split(`\\${q}`).join(q)
      return unescape(fragment)
    }
    const w = word()
    if (KEYWORDS.has(w)) throw new Error(`reserved keyword ${w} used as a value`)
    return unescape(w)
  }
  const conditions: Condition[] = []
  for (;;) {
    ws()
    const attribute = word()
    ws()
    if (input.startsWith('IN', i) && !isWordChar(input[i + 2] ?? ' ')) {
      i += 2
      ws()
      if (input[i] !== '[') throw new Error('expected [')
      i++
      const values: string[] = []
      ws()
      if (input[i] !== ']') {
        for (;;) {
          values.push(value())
          ws()
          if (input[i] === ',') {
            i++
            ws()
            if (input[i] === ']') break
            continue
          }
          break
        }
      }
      ws()
      if (input[i] !== ']') throw new Error(`expected ] at ${i} in ${input}`)
      i++
      conditions.push({ attribute, op: 'IN', values })
    } else {
      const op = (['>=', '<=', '!=', '=', '>', '<'] as const).find((o) => input.startsWith(o, i))
      if (!op) throw new Error(`expected an operator at ${i} in ${input}`)
      i += op.length
      conditions.push({ attribute, op, value: value() })
    }
    ws()
    if (i >= input.length) return conditions
    if (!input.startsWith('AND', i)) throw new Error(`expected AND at ${i} in ${input}`)
    i += 3
  }
}
