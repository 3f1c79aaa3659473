// Verifies a published draw from a file or a URL: tsx scripts/verify-draw.ts <file | http(s) URL>
// Exit status: 0 verified, 1 not verified (or the record could not be read), 2 bad usage.
import { readFile } from 'node:fs/promises'
import { resolve } from 'node:path'
import { fileURLToPath } from 'node:url'
import { verifyDraw } from '../app/domain/draw/index'
import type { DrawVerification } from '../app/domain/draw/index'

export interface CliOutput {
  out: (line: string) => void
  err: (line: string) => void
}

const consoleOutput: CliOutput = {
  out: (line) => console.log(line),
  err: (line) => console.error(line),
}

const USAGE = `Usage: tsx scripts/verify-draw.ts <file | http(s)://…/draws/<id>.json>

Recomputes a published Caigou draw (pool hash, secret commitment, seed and order) and reports any mismatch.
Exit status: 0 verified, 1 not verified or unreadable, 2 bad usage.`

const FETCH_TIMEOUT_MS = 30_000

async function loadText(source: string): Promise<string> {
  if (/^https?:\/\//i.test(source)) {
    const response = await fetch(source, {
      headers: { accept: 'application/json' },
      signal: AbortSignal.timeout(FETCH_TIMEOUT_MS),
    })
    if (!response.ok) throw new Error(`GET ${source} answered ${response.status} ${response.statusText}`.trim())
    return response.text()
  }
  return readFile(source, 'utf8')
}

function field(record: unknown, ...path: string[]): unknown {
  let value = record
  for (const key of path) {
    value = typeof value === 'object' && value !== null ? (value as Record<string, unknown>)[key] : undefined
  }
  return value
}

function show(value: unknown): string {
  return value === undefined ? '(missing)' : typeof value === 'string' ? value : JSON.stringify(value)
}

function report(source: string, record: unknown, result: DrawVerification, print: (line: string) => void): void {
  const candidates = field(record, 'pool', 'candidates')
  const recomputed = result.recomputed
  print(`Draw:          ${show(field(record, 'drawId'))} (${show(field(record, 'algorithmVersion'))})`)
  print(`Source:        ${source}`)
  print(`Purpose:       ${show(field(record, 'pool', 'purpose'))}`)
  print(
    `Pool:          ${Array.isArray(candidates) ? candidates.length : '?'} candidates, ` +
      `${show(field(record, 'pool', 'winners'))} winner(s)`,
  )
  print(`Public input:  ${JSON.stringify(field(record, 'publicInput')) ?? '(missing)'}`)
  print(`Pool hash:     published  ${show(field(record, 'poolHash'))}`)
  if (recomputed) print(`               recomputed ${recomputed.poolHash}`)
  print(`Secret hash:   published  ${show(field(record, 'secretHash'))}`)
  if (recomputed) print(`               recomputed ${recomputed.secretHash}`)
  if (recomputed) {
    print(`Seed:          recomputed ${recomputed.seed}`)
    const winners = field(record, 'pool', 'winners')
    const winnerCount = typeof winners === 'number' ? winners : 0
    print('Recomputed order:')
    recomputed.order.forEach((id, index) => {
      print(`  ${String(index + 1).padStart(4)}. ${id}${index < winnerCount ? '  (winner 中选)' : ''}`)
    })
  }
  print('')
  if (result.ok) {
    print('VERIFIED: the published order is exactly the one the published data produces.')
  } else {
    print(`NOT VERIFIED: ${result.problems.length} problem(s)`)
    for (const problem of result.problems) print(`  - [${problem.code}] ${problem.message}`)
  }
}

/** Runs the verifier on command-line arguments (without node and the script) and returns the exit status. */
export async function main(argv: readonly string[], output: CliOutput = consoleOutput): Promise<number> {
  if (argv.length === 1 && (argv[0] === '--help' || argv[0] === '-h')) {
    output.out(USAGE)
    return 0
  }
  const [source] = argv
  if (argv.length !== 1 || source === undefined || source === '' || source.startsWith('-')) {
    output.err(USAGE)
    return 2
  }
  let record: unknown
  try {
    record = JSON.parse(await loadText(source))
  } catch (error) {
    output.err(`Cannot read a draw record from ${source}: ${error instanceof Error ? error.message : String(error)}`)
    return 1
  }
  const result = await verifyDraw(record)
  report(source, record, result, output.out)
  return result.ok ? 0 : 1
}

const invokedDirectly = process.argv[1] !== undefined && resolve(process.argv[1]) === fileURLToPath(import.meta.url)
if (invokedDirectly) process.exitCode = await main(process.argv.slice(2))
