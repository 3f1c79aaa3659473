// Sign-in throttling: guessing passwords must be slow for one account and for one client address, so that neither
// a targeted attack nor a spray across many accounts gets far. Counts come from the database, so every app instance
// sees the same numbers.
export const SIGN_IN_WINDOW_MINUTES = 15
export const MAX_FAILURES_PER_ACCOUNT = 5
export const MAX_FAILURES_PER_ADDRESS = 20

export type SignInBlock = { scope: 'account' | 'address' } | null

export function signInBlock(failures: { account: number; address: number }): SignInBlock {
  if (failures.account >= MAX_FAILURES_PER_ACCOUNT) return { scope: 'account' }
  if (failures.address >= MAX_FAILURES_PER_ADDRESS) return { scope: 'address' }
  return null
}
