import { describe, expect, it } from 'vitest'
import { canViewOrganization, hasPermission, roleFitsOrganization, type Actor } from '~/domain/permissions'
import { changePasswordSchema, organizationSchema, userCreateSchema } from '~/domain/schemas'
import { MAX_FAILURES_PER_ACCOUNT, MAX_FAILURES_PER_ADDRESS, signInBlock } from '~/domain/sign-in-limits'
import { parseForm } from '~/lib/forms'
import { translate } from '~/lib/i18n'

const actor = (role: Actor['role'], organizationId: number | null = 1): Actor => ({ id: 1, username: 'u', displayName: 'U', role, organizationId })

describe('permissions', () => {
  it.each([
    ['center_admin', 'manage:users', true],
    ['center_admin', 'read:audit', true],
    ['supervisor', 'read:audit', true],
    ['supervisor', 'manage:organizations', false],
    ['supplier', 'read:audit', false],
    ['agency', 'manage:users', false],
    ['expert', 'read:organizations', false],
  ] as const)('%s may %s: %s', (role, permission, allowed) => {
    expect(hasPermission(actor(role), permission)).toBe(allowed)
  })

  it('an organisation page is open to its own users only, besides the centre and the supervisor', () => {
    expect(canViewOrganization(actor('supplier', 7), 7)).toBe(true)
    expect(canViewOrganization(actor('supplier', 7), 8)).toBe(false)
    expect(canViewOrganization(actor('supervisor', 2), 8)).toBe(true)
  })

  it('a role must fit the kind of organisation', () => {
    expect(roleFitsOrganization('supplier', 'supplier')).toBe(true)
    expect(roleFitsOrganization('center_admin', 'supplier')).toBe(false)
    expect(roleFitsOrganization('agency', null)).toBe(false)
    expect(roleFitsOrganization('expert', null)).toBe(true)
  })
})

describe('sign-in throttle', () => {
  it.each([
    [{ account: MAX_FAILURES_PER_ACCOUNT - 1, address: 0 }, null],
    [{ account: MAX_FAILURES_PER_ACCOUNT, address: 0 }, { scope: 'account' }],
    [{ account: 0, address: MAX_FAILURES_PER_ADDRESS - 1 }, null],
    [{ account: 0, address: MAX_FAILURES_PER_ADDRESS }, { scope: 'address' }],
  ])('%j → %j', (failures, block) => {
    expect(signInBlock(failures)).toEqual(block)
  })
})

const form = (fields: Record<string, string>) => {
  const fd = new FormData()
  for (const [k, v] of Object.entries(fields)) fd.set(k, v)
  return fd
}

describe('form schemas answer with a message per field', () => {
  const org = { name: '深圳市华达印刷有限公司', kind: 'supplier', creditCode: '91350100M000100Y43', region: '广东省深圳市' }

  it('accepts a valid organisation and normalises the credit code', () => {
    const r = parseForm(organizationSchema, form({ ...org, creditCode: ' 91350100m000100y43 ' }))
    expect(r.ok && r.data.creditCode).toBe('91350100M000100Y43')
  })

  it.each([
    [{ creditCode: '91350100M000100Y42' }, 'creditCode', 'field.creditCodeCheck'],
    [{ creditCode: '123' }, 'creditCode', 'field.creditCodeLength'],
    [{ creditCode: '' }, 'creditCode', 'field.required'],
    [{ name: '   ' }, 'name', 'field.required'],
    [{ kind: 'bank' }, 'kind', 'field.invalidChoice'],
    [{ contactPhone: 'call me' }, 'contactPhone', 'field.phoneFormat'],
  ])('%j → %s: %s', (change, field, key) => {
    const r = parseForm(organizationSchema, form({ ...org, ...change }))
    expect(r.ok).toBe(false)
    if (!r.ok) expect(r.errors[field]).toBe(key)
  })

  it('keeps what was typed, but never the password', () => {
    const r = parseForm(userCreateSchema, form({ username: 'A', displayName: '张三', role: 'supplier', organizationId: '', password: 'short' }))
    expect(r.ok).toBe(false)
    if (r.ok) return
    expect(r.errors).toMatchObject({ username: 'field.usernameFormat', password: 'field.passwordTooShort' })
    expect(r.values).toMatchObject({ username: 'A', displayName: '张三' })
    expect(r.values.password).toBeUndefined()
  })

  it('a mismatched confirmation is reported on the confirmation field', () => {
    const r = parseForm(changePasswordSchema, form({ currentPassword: 'x', newPassword: 'abcdefghijk', confirmPassword: 'abcdefghijz' }))
    expect(!r.ok && r.errors.confirmPassword).toBe('field.passwordMismatch')
  })

  it('every message key reads in both languages', () => {
    expect(translate('zh', 'field.creditCodeCheck')).toMatch(/校验位/)
    expect(translate('en', 'field.creditCodeCheck')).toMatch(/check character/)
    expect(translate('en', 'login.throttledAccount', { minutes: 7 })).toContain('7 minutes')
  })
})
