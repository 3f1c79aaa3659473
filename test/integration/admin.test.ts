import { describe, expect, it } from 'vitest'
import { actorForSession, signIn } from '~/services/auth.server'
import { FieldError, ForbiddenError } from '~/services/errors'
import { createOrganization, getOrganization, listOrganizations, setOrganizationStatus, updateOrganization } from '~/services/organizations.server'
import { changeOwnPassword, createUser, resetPassword, setUserStatus, updateUser } from '~/services/users.server'
import { creditCode, makeOrganization, makeUser, testDb } from '../support/db'

const ctx = (actor: Awaited<ReturnType<typeof makeUser>>) => ({ actor, clientAddress: '127.0.0.1' })
const orgInput = (over: Partial<Parameters<typeof createOrganization>[2]> = {}) => ({
  name: '深圳市华达印刷有限公司',
  kind: 'supplier' as const,
  creditCode: creditCode(),
  region: '广东省深圳市福田区',
  address: '',
  contactName: '王芳',
  contactPhone: '0755-82345678',
  mainCategoryCode: null,
  ...over,
})

describe('organisations', () => {
  it('the centre creates one, and the audit log records who and what', async () => {
    const db = await testDb()
    const admin = await makeUser(db, 'center_admin')
    const id = await createOrganization(db, ctx(admin), orgInput())
    const event = await db.selectFrom('audit_log').selectAll().where('action', '=', 'organization.created').executeTakeFirstOrThrow()
    expect(event).toMatchObject({ actor_user_id: admin.id, entity_id: String(id) })
    expect(event.payload).toMatchObject({ name: '深圳市华达印刷有限公司' })
  })

  it('a credit code can be registered once', async () => {
    const db = await testDb()
    const admin = await makeUser(db, 'center_admin')
    const code = creditCode()
    await createOrganization(db, ctx(admin), orgInput({ creditCode: code }))
    await expect(createOrganization(db, ctx(admin), orgInput({ creditCode: code, name: '另一家' }))).rejects.toMatchObject(new FieldError('creditCode', 'field.creditCodeTaken'))
    const other = await createOrganization(db, ctx(admin), orgInput())
    await expect(updateOrganization(db, ctx(admin), other, orgInput({ creditCode: code }))).rejects.toBeInstanceOf(FieldError)
  })

  it.each(['supplier', 'agency', 'expert', 'supervisor'] as const)('a %s may not create or change organisations', async (role) => {
    const db = await testDb()
    const actor = await makeUser(db, role)
    const target = await makeOrganization(db, 'supplier')
    await expect(createOrganization(db, ctx(actor), orgInput())).rejects.toBeInstanceOf(ForbiddenError)
    await expect(updateOrganization(db, ctx(actor), target.id, orgInput())).rejects.toBeInstanceOf(ForbiddenError)
    await expect(setOrganizationStatus(db, ctx(actor), target.id, 'disabled')).rejects.toBeInstanceOf(ForbiddenError)
    expect(await db.selectFrom('audit_log').select('id').execute()).toHaveLength(0)
  })

  it('a supplier sees its own organisation, not another one or the list', async () => {
    const db = await testDb()
    const supplier = await makeUser(db, 'supplier')
    const other = await makeOrganization(db, 'supplier')
    expect((await getOrganization(db, supplier, supplier.organizationId!)).org.id).toBe(supplier.organizationId)
    await expect(getOrganization(db, supplier, other.id)).rejects.toBeInstanceOf(ForbiddenError)
    await expect(listOrganizations(db, supplier, { page: 1, pageSize: 10 })).rejects.toBeInstanceOf(ForbiddenError)
  })

  it('the supervisor reads and filters the list', async () => {
    const db = await testDb()
    const supervisor = await makeUser(db, 'supervisor')
    await makeOrganization(db, 'supplier', '深圳市鹏程保安服务有限公司')
    await makeOrganization(db, 'supplier', '东莞市恒信图书有限公司')
    const found = await listOrganizations(db, supervisor, { q: '保安', page: 1, pageSize: 10 })
    expect(found.rows.map((r) => r.name)).toEqual(['深圳市鹏程保安服务有限公司'])
    expect((await listOrganizations(db, supervisor, { kind: 'supplier', page: 1, pageSize: 10 })).total).toBe(2)
  })

  it('the centre cannot disable itself', async () => {
    const db = await testDb()
    const admin = await makeUser(db, 'center_admin')
    await expect(setOrganizationStatus(db, ctx(admin), admin.organizationId!, 'disabled')).rejects.toBeInstanceOf(ForbiddenError)
  })
})

describe('users', () => {
  it('the centre creates an account that can sign in', async () => {
    const db = await testDb()
    const admin = await makeUser(db, 'center_admin')
    const org = await makeOrganization(db, 'purchaser')
    await createUser(db, ctx(admin), { username: 'zhang.san', displayName: '张三', role: 'agency', organizationId: org.id, password: 'a-long-password' })
    expect((await signIn(db, { username: 'zhang.san', password: 'a-long-password', clientAddress: null })).ok).toBe(true)
  })

  it('usernames are unique whatever their case', async () => {
    const db = await testDb()
    const admin = await makeUser(db, 'center_admin')
    await makeUser(db, 'expert', { username: 'wang.fang' })
    await expect(
      createUser(db, ctx(admin), { username: 'wang.fang', displayName: '王芳', role: 'expert', organizationId: null, password: 'a-long-password' }),
    ).rejects.toMatchObject({ field: 'username', messageKey: 'field.usernameTaken' })
  })

  it('a role must fit the organisation', async () => {
    const db = await testDb()
    const admin = await makeUser(db, 'center_admin')
    const supplierOrg = await makeOrganization(db, 'supplier')
    await expect(
      createUser(db, ctx(admin), { username: 'sneaky', displayName: 'x', role: 'center_admin', organizationId: supplierOrg.id, password: 'a-long-password' }),
    ).rejects.toMatchObject({ field: 'role', messageKey: 'field.roleMismatch' })
  })

  it.each(['supplier', 'agency', 'expert', 'supervisor'] as const)('a %s may not manage accounts', async (role) => {
    const db = await testDb()
    const actor = await makeUser(db, role)
    const victim = await makeUser(db, 'agency')
    await expect(createUser(db, ctx(actor), { username: 'new.user', displayName: 'x', role: 'expert', organizationId: null, password: 'a-long-password' })).rejects.toBeInstanceOf(ForbiddenError)
    await expect(resetPassword(db, ctx(actor), victim.id, 'a-long-password')).rejects.toBeInstanceOf(ForbiddenError)
    await expect(setUserStatus(db, ctx(actor), victim.id, 'disabled')).rejects.toBeInstanceOf(ForbiddenError)
  })

  it('changing a role, disabling or resetting the password ends the user’s sessions', async () => {
    const db = await testDb()
    const admin = await makeUser(db, 'center_admin')
    const user = await makeUser(db, 'expert', { organizationId: null })
    const session = async (password = user.password) => {
      const r = await signIn(db, { username: user.username, password, clientAddress: null })
      if (!r.ok) throw new Error(`sign-in failed: ${r.reason}`)
      return r.sessionId
    }
    const s1 = await session()
    const supplierOrg = await makeOrganization(db, 'supplier')
    await updateUser(db, ctx(admin), user.id, { displayName: '新名字', role: 'supplier', organizationId: supplierOrg.id })
    expect(await actorForSession(db, s1)).toBeNull()

    const s2 = await session()
    await resetPassword(db, ctx(admin), user.id, 'another-long-password')
    expect(await actorForSession(db, s2)).toBeNull()

    const s3 = await session('another-long-password')
    await setUserStatus(db, ctx(admin), user.id, 'disabled')
    expect(await actorForSession(db, s3)).toBeNull()
    const actions = (await db.selectFrom('audit_log').select('action').orderBy('id').execute()).map((r) => r.action)
    expect(actions).toEqual(expect.arrayContaining(['user.updated', 'user.password_reset', 'user.disabled']))
  })

  it('an admin cannot disable or demote themselves', async () => {
    const db = await testDb()
    const admin = await makeUser(db, 'center_admin')
    await expect(setUserStatus(db, ctx(admin), admin.id, 'disabled')).rejects.toMatchObject({ messageKey: 'field.cannotDisableSelf' })
    await expect(updateUser(db, ctx(admin), admin.id, { displayName: 'x', role: 'expert', organizationId: null })).rejects.toBeInstanceOf(FieldError)
  })

  it('changing one’s own password needs the current one and ends the other sessions', async () => {
    const db = await testDb()
    const user = await makeUser(db, 'agency')
    const a = await signIn(db, { username: user.username, password: user.password, clientAddress: null })
    const b = await signIn(db, { username: user.username, password: user.password, clientAddress: null })
    if (!a.ok || !b.ok) throw new Error('sign-in failed')
    await expect(changeOwnPassword(db, ctx(user), { currentPassword: 'wrong', newPassword: 'brand-new-password', keepSessionId: a.sessionId })).rejects.toMatchObject({
      field: 'currentPassword',
    })
    await changeOwnPassword(db, ctx(user), { currentPassword: user.password, newPassword: 'brand-new-password', keepSessionId: a.sessionId })
    expect(await actorForSession(db, a.sessionId)).not.toBeNull()
    expect(await actorForSession(db, b.sessionId)).toBeNull()
    expect((await signIn(db, { username: user.username, password: 'brand-new-password', clientAddress: null })).ok).toBe(true)
  })
})
