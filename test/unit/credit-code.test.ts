import { describe, expect, it } from 'vitest'
import { creditCodeCheckChar, creditCodeProblem, isValidCreditCode } from '~/domain/credit-code'
import { makeCreditCode, prng } from '../../db/seed-data'

describe('统一社会信用代码 check character', () => {
  it.each([
    // A widely published example of a real registration.
    ['91350100M000100Y43', null],
    ['91350100M000100Y4', 'length'],
    ['91350100M000100Y433', 'length'],
    ['91350100M000100I43', 'characters'],
    ['91350100m000100y43', 'characters'],
    ['91350100M000100Y42', 'check'],
    ['91350100M000100Y44', 'check'],
  ] as const)('%s → %s', (code, problem) => {
    expect(creditCodeProblem(code)).toBe(problem)
  })

  it('computes the check character that makes a code valid', () => {
    expect(creditCodeCheckChar('91350100M000100Y4')).toBe('3')
    expect(creditCodeCheckChar('short')).toBeNull()
    expect(creditCodeCheckChar('91350100M000100O4')).toBeNull()
  })

  it('every code the demo generator makes is valid', () => {
    const rand = prng(7)
    for (let i = 0; i < 500; i++) expect(isValidCreditCode(makeCreditCode(rand, '91', '440304'))).toBe(true)
  })
})
