import { SelectField } from './forms'
import { useT } from './i18n'
import type { FieldErrors } from '~/lib/forms'
import type { MessageKey } from '~/lib/i18n'
import { ROLES } from '../../db/schema'

/** Role and organisation pickers, shared by the new-user and edit-user forms. */
export function RoleAndOrganizationFields({
  organizations,
  role,
  organizationId,
  errors,
}: {
  organizations: { id: number; name: string; kind: string }[]
  role: string
  organizationId: string
  errors: FieldErrors
}) {
  const t = useT()
  return (
    <>
      <SelectField label={t('user.role')} name="role" required defaultValue={role} error={errors.role} options={ROLES.map((r) => ({ value: r, label: t(`role.${r}` as MessageKey) }))} />
      <SelectField
        label={t('user.organization')}
        name="organizationId"
        defaultValue={organizationId}
        error={errors.organizationId}
        options={[
          { value: '', label: t('user.noOrganization') },
          ...organizations.map((o) => ({ value: String(o.id), label: `${o.name}（${t(`orgKind.${o.kind}` as MessageKey)}）` })),
        ]}
      />
    </>
  )
}
