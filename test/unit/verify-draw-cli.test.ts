import { execFile } from 'node:child_process'
import { mkdtemp, rm, writeFile } from 'node:fs/promises'
import { createServer } from 'node:http'
import type { Server } from 'node:http'
import type { AddressInfo } from 'node:net'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { freezePool, runDraw } from '~/domain/draw'
import type { PublishedDraw } from '~/domain/draw'
import { main } from '../../scripts/verify-draw'

let dir: string
let record: PublishedDraw
let server: Server
let baseUrl: string

function capture() {
  const out: string[] = []
  const err: string[] = []
  return { output: { out: (line: string) => out.push(line), err: (line: string) => err.push(line) }, out, err }
}

async function writeRecord(name: string, value: unknown): Promise<string> {
  const path = join(dir, name)
  await writeFile(path, typeof value === 'string' ? value : JSON.stringify(value, null, 2))
  return path
}

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'verify-draw-'))
  const frozen = await freezePool({ candidateIds: ['S-03', 'S-01', 'S-02', 'S-04'], purpose: 'cli-test', winners: 2 })
  record = await runDraw({ frozen, secret: '5'.repeat(64), publicInput: '2718', drawId: 'cli-draw' })
  // A real HTTP server rather than a mocked fetch: the CLI is exercised as it runs against a live site.
  server = createServer((request, response) => {
    if (request.url === '/draws/cli-draw.json') {
      response.writeHead(200, { 'content-type': 'application/json' })
      response.end(JSON.stringify(record))
    } else {
      response.writeHead(404).end('not found')
    }
  })
  await new Promise<void>((done) => server.listen(0, '127.0.0.1', done))
  baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`
})

afterAll(async () => {
  await new Promise<void>((done) => server.close(() => done()))
  await rm(dir, { recursive: true, force: true })
})

describe('verify-draw CLI', () => {
  it('verifies a good record from a file and prints the report', async () => {
    const { output, out, err } = capture()
    expect(await main([await writeRecord('good.json', record)], output)).toBe(0)
    const text = out.join('\n')
    expect(text).toContain('4 candidates, 2 winner(s)')
    expect(text).toContain(`recomputed ${record.poolHash}`)
    expect(text).toContain(`recomputed ${record.secretHash}`)
    expect(text).toContain(`1. ${record.order[0]}  (winner 中选)`)
    expect(text).toContain(`4. ${record.order[3]}\n`)
    expect(text).toContain('VERIFIED')
    expect(text).not.toContain('NOT VERIFIED')
    expect(err).toEqual([])
  })

  it('fails a tampered record and names the problems', async () => {
    const { output, out } = capture()
    const path = await writeRecord('tampered.json', { ...record, order: [...record.order].reverse() })
    expect(await main([path], output)).toBe(1)
    const text = out.join('\n')
    expect(text).toContain('NOT VERIFIED: 1 problem(s)')
    expect(text).toContain('[order]')
  })

  it('fails a malformed record without a recomputed section', async () => {
    const { output, out } = capture()
    expect(await main([await writeRecord('partial.json', { drawId: 'x' })], output)).toBe(1)
    expect(out.join('\n')).toContain('[format]')
    expect(out.join('\n')).not.toContain('Recomputed order')
  })

  it.each([
    ['a missing file', () => join(dir, 'missing.json')],
    ['invalid JSON', () => join(dir, 'invalid.json')],
  ])('exits 1 on %s', async (_label, path) => {
    await writeRecord('invalid.json', '{ not json')
    const { output, err } = capture()
    expect(await main([path()], output)).toBe(1)
    expect(err.join('\n')).toMatch(/Cannot read a draw record/)
  })

  it('fetches and verifies a record from an http URL', async () => {
    const { output, out } = capture()
    expect(await main([`${baseUrl}/draws/cli-draw.json`], output)).toBe(0)
    expect(out.join('\n')).toContain('VERIFIED')
  })

  it('exits 1 when the URL answers an error status', async () => {
    const { output, err } = capture()
    expect(await main([`${baseUrl}/draws/nope.json`], output)).toBe(1)
    expect(err.join('\n')).toContain('404')
  })

  it.each([[[]], [['a.json', 'b.json']], [['--verbose']], [['']]])('exits 2 on bad usage %j', async (argv) => {
    const { output, err } = capture()
    expect(await main(argv, output)).toBe(2)
    expect(err.join('\n')).toContain('Usage:')
  })

  it('prints the usage and exits 0 on --help', async () => {
    const { output, out } = capture()
    expect(await main(['--help'], output)).toBe(0)
    expect(out.join('\n')).toContain('Usage:')
  })

  it('sets the process exit status when run as a script', async () => {
    const script = fileURLToPath(new URL('../../scripts/verify-draw.ts', import.meta.url))
    const good = await writeRecord('good-cli.json', record)
    const run = (args: string[]) =>
      new Promise<{ code: number | null; stdout: string }>((done) => {
        const child = execFile(process.execPath, ['--import', 'tsx', script, ...args], (_error, stdout) =>
          done({ code: child.exitCode, stdout }),
        )
      })
    const [verified, tampered, usage] = await Promise.all([
      run([good]),
      run([await writeRecord('bad-cli.json', { ...record, secret: '6'.repeat(64) })]),
      run([]),
    ])
    expect(verified.code).toBe(0)
    expect(verified.stdout).toContain('VERIFIED')
    expect(tampered.code).toBe(1)
    expect(usage.code).toBe(2)
  }, 30_000)
})
