import type { Role } from '../../db/schema'

// Who may do what. Every loader and action asks these questions on the server before it touches data.
export interface Actor {
  id: number
  username: string
  displayName: string
  role: Role
  organizationId: number | null
}

export type Permission =
  | 'manage:organizations'
  | 'manage:users'
  | 'read:audit'
  | 'read:organizations'
  | 'manage:catalogue'
  | 'read:catalogue'
  | 'manage:market'
  | 'read:market'

const GRANTS: Record<Role, readonly Permission[]> = {
  center_admin: ['manage:organizations', 'manage:users', 'read:audit', 'read:organizations', 'manage:catalogue', 'read:catalogue', 'manage:market', 'read:market'],
  supervisor: ['read:audit', 'read:organizations', 'read:catalogue', 'read:market'],
  agency: [],
  supplier: [],
  expert: [],
}

export function hasPermission(actor: Pick<Actor, 'role'>, permission: Permission): boolean {
  return GRANTS[actor.role].includes(permission)
}

/** An organisation's page is open to the centre, the supervisor, and the organisation's own users. */
export function canViewOrganization(actor: Actor, organizationId: number): boolean {
  return hasPermission(actor, 'read:organizations') || actor.organizationId === organizationId
}

/** The role each kind of organisation's users may hold: a supplier's staff cannot be made centre admins. */
export const ROLES_FOR_ORGANIZATION_KIND = {
  center: ['center_admin'],
  purchaser: ['agency'],
  supplier: ['supplier'],
  regulator: ['supervisor'],
} as const satisfies Record<string, readonly Role[]>

export function roleFitsOrganization(role: Role, kind: keyof typeof ROLES_FOR_ORGANIZATION_KIND | null): boolean {
  // Experts are individuals drawn from the expert pool; they may or may not name an employer organisation.
  if (role === 'expert') return true
  if (kind === null) return false
  return (ROLES_FOR_ORGANIZATION_KIND[kind] as readonly Role[]).includes(role)
}
