import { randomBytes } from 'node:crypto'
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { getEnv } from './env.server'

// Cookies are signed with SESSION_SECRET. Without one (a demo on the embedded database) a random secret is made once
// and kept in DATA_DIR, so signed-in users stay signed in across restarts.
let secrets: string[] | undefined
export function cookieSecrets(): string[] {
  if (secrets) return secrets
  const env = getEnv()
  if (env.SESSION_SECRET) return (secrets = [env.SESSION_SECRET])
  const file = join(env.DATA_DIR, 'session-secret')
  if (!existsSync(file)) {
    mkdirSync(env.DATA_DIR, { recursive: true })
    writeFileSync(file, randomBytes(32).toString('hex'), { mode: 0o600, flag: 'wx' })
  }
  return (secrets = [readFileSync(file, 'utf8').trim()])
}
