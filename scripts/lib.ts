import { EnvError, getEnv, type Env } from '../app/lib/env.server'

/** Reads the environment for a command-line script; a bad value ends the script with the message that names it. */
export function scriptEnv(): Env {
  try {
    return getEnv()
  } catch (err) {
    if (err instanceof EnvError) {
      console.error(err.message)
      process.exit(2)
    }
    throw err
  }
}

export async function runMain(main: () => Promise<number | void>): Promise<void> {
  try {
    const code = await main()
    process.exit(code ?? 0)
  } catch (err) {
    console.error(err instanceof Error ? err.message : err)
    process.exit(1)
  }
}
