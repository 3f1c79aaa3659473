import { z } from 'zod'

const bool = z
  .enum(['true', 'false', '1', '0', 'yes', 'no'], { error: 'expected true or false' })
  .transform((v) => v === 'true' || v === '1' || v === 'yes')

const schema = z
  .object({
    NODE_ENV: z.enum(['development', 'production', 'test'], { error: 'expected development, production or test' }).default('development'),
    PORT: z.coerce.number({ error: 'expected a port number' }).int().min(1).max(65535, 'expected a port number between 1 and 65535').default(3000),
    HOST: z.string().min(1).default('0.0.0.0'),
    DATABASE_URL: z
      .string()
      .regex(/^postgres(ql)?:\/\//, 'expected a postgres:// or postgresql:// URL')
      .optional(),
    DATA_DIR: z.string().min(1).default('.data'),
    SESSION_SECRET: z.string().min(32, 'expected at least 32 characters').optional(),
    // Seals bid quotes until opening (docs/decisions/003-sealed-quotes.md); defaults to the cookie secret.
    QUOTE_SEAL_SECRET: z.string().min(32, 'expected at least 32 characters').optional(),
    COOKIE_SECURE: bool.optional(),
    TRUST_PROXY: bool.default(false),
    DEMO_MODE: bool.optional(),
    MEILI_HOST: z.url({ error: 'expected an http(s) URL such as http://127.0.0.1:7700' }).optional(),
    MEILI_API_KEY: z.string().optional(),
    STRIPE_SECRET_KEY: z.string().regex(/^(sk|rk)_(test|live)_/, 'expected a Stripe secret key (sk_test_… or sk_live_…)').optional(),
    STRIPE_WEBHOOK_SECRET: z.string().regex(/^whsec_/, 'expected a Stripe webhook signing secret (whsec_…)').optional(),
  })
  .superRefine((env, ctx) => {
    // Several instances on one PostgreSQL must share the secret that signs cookies, so production asks for it.
    if (env.NODE_ENV === 'production' && env.DATABASE_URL && !env.SESSION_SECRET) {
      ctx.addIssue({ code: 'custom', path: ['SESSION_SECRET'], message: 'required in production with DATABASE_URL (at least 32 characters)' })
    }
  })

export type Env = z.infer<typeof schema> & {
  /** The embedded database is a demo installation: its empty database gets demo data and demo accounts. */
  demoMode: boolean
  cookieSecure: boolean
}

export class EnvError extends Error {}

/** Reads and checks the environment; an invalid value names the variable and what was expected. */
export function parseEnv(source: Record<string, string | undefined> = process.env): Env {
  const cleaned = Object.fromEntries(Object.entries(source).filter(([, v]) => v !== undefined && v !== ''))
  const result = schema.safeParse(cleaned)
  if (!result.success) {
    const lines = result.error.issues.map((i) => `  ${i.path.join('.') || '(env)'}: ${i.message}`)
    throw new EnvError(`Invalid environment configuration:\n${lines.join('\n')}\nSee .env.example for every variable and its default.`)
  }
  const env = result.data
  return {
    ...env,
    demoMode: env.DEMO_MODE ?? !env.DATABASE_URL,
    cookieSecure: env.COOKIE_SECURE ?? env.NODE_ENV === 'production',
  }
}

let cached: Env | undefined
export function getEnv(): Env {
  cached ??= parseEnv()
  return cached
}
