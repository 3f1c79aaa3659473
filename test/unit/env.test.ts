import { readdirSync, readFileSync } from 'node:fs'
import { describe, expect, it } from 'vitest'
import { EnvError, parseEnv } from '~/lib/env.server'
import { migrations } from '../../db/migrations/index'

describe('environment', () => {
  it('uses the embedded defaults when nothing is set', () => {
    const env = parseEnv({})
    expect(env).toMatchObject({ PORT: 3000, DATA_DIR: '.data', demoMode: true, cookieSecure: false })
    expect(env.DATABASE_URL).toBeUndefined()
  })

  it.each([
    [{ PORT: 'eighty' }, 'PORT'],
    [{ PORT: '70000' }, 'PORT'],
    [{ DATABASE_URL: 'mysql://x' }, 'DATABASE_URL'],
    [{ MEILI_HOST: 'not a url' }, 'MEILI_HOST'],
    [{ NODE_ENV: 'production', DATABASE_URL: 'postgres://db/caigou' }, 'SESSION_SECRET'],
    [{ DEMO_MODE: 'maybe' }, 'DEMO_MODE'],
  ])('%j stops start-up naming %s', (vars, name) => {
    expect(() => parseEnv(vars)).toThrow(EnvError)
    expect(() => parseEnv(vars)).toThrow(new RegExp(`${name}: `))
  })

  it('a PostgreSQL installation is not a demo unless asked', () => {
    expect(parseEnv({ DATABASE_URL: 'postgres://db/caigou' }).demoMode).toBe(false)
    expect(parseEnv({ DATABASE_URL: 'postgres://db/caigou', DEMO_MODE: 'true' }).demoMode).toBe(true)
  })

  it('.env.example lists every variable the schema reads', () => {
    const example = readFileSync('.env.example', 'utf8')
    const source = readFileSync('app/lib/env.server.ts', 'utf8')
    const names = [...source.matchAll(/^\s{4}([A-Z_]+):/gm)].map((m) => m[1])
    expect(names.length).toBeGreaterThan(8)
    for (const name of names) expect(example).toMatch(new RegExp(`^#?\\s*${name}=`, 'm'))
  })
})

describe('migrations', () => {
  it('the registry lists every migration file, in order', () => {
    const files = readdirSync('db/migrations')
      .filter((f) => /^\d{14}_.+\.ts$/.test(f))
      .map((f) => f.replace(/\.ts$/, ''))
      .sort()
    expect(Object.keys(migrations)).toEqual(files)
  })
})
