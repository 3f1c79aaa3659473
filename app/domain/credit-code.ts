// 统一社会信用代码 (GB 32100-2015): 18 characters from a 31-symbol alphabet without I, O, Z, S, V;
// the last one is a check character computed from the first 17 with fixed weights, modulo 31.
export const CREDIT_CODE_ALPHABET = '0123456789ABCDEFGHJKLMNPQRTUWXY'
const WEIGHTS = [1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28] as const

/** The check character for the first 17 characters, or null when they are not in the alphabet. */
export function creditCodeCheckChar(first17: string): string | null {
  if (first17.length !== 17) return null
  let sum = 0
  for (let i = 0; i < 17; i++) {
    const value = CREDIT_CODE_ALPHABET.indexOf(first17[i]!)
    if (value < 0) return null
    sum += value * WEIGHTS[i]!
  }
  const check = (31 - (sum % 31)) % 31
  return CREDIT_CODE_ALPHABET[check]!
}

export type CreditCodeProblem = 'length' | 'characters' | 'check'

/** Why a code is not a valid 统一社会信用代码, or null when it is. Lower case is accepted and normalised by the caller. */
export function creditCodeProblem(code: string): CreditCodeProblem | null {
  if (code.length !== 18) return 'length'
  if (![...code].every((c) => CREDIT_CODE_ALPHABET.includes(c))) return 'characters'
  return creditCodeCheckChar(code.slice(0, 17)) === code[17] ? null : 'check'
}

export function isValidCreditCode(code: string): boolean {
  return creditCodeProblem(code) === null
}
