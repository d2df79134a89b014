/** The role check boxes of the staff screen's forms (add a person, add from another site, change roles). */
import type { Role } from '../api/types';
import type { Translate } from '../i18n';
import { ROLE_CHOICES } from '../lib/roles';
import { adminGrantRefusal } from '../../src/api/spec';
import { useSession } from '../stores/session';

export function RoleChecks({
  roles,
  onToggle,
  testPrefix,
  t,
}: {
  roles: readonly Role[];
  onToggle(r: Role): void;
  testPrefix: string;
  t: Translate;
}) {
  // Only an admin grants or takes the admin role (the service refuses anyone else with the same rule).
  const myRoles = useSession((st) => st.me)?.roles ?? [];
  const adminOnly = (role: Role) => adminGrantRefusal(myRoles, [role], null) !== null;
  return (
    <div className="role-choices">
      {ROLE_CHOICES.map((role) => (
        <label key={role} className="check">
          <input
            type="checkbox"
            checked={roles.includes(role)}
            onChange={() => onToggle(role)}
            disabled={adminOnly(role)}
            title={adminOnly(role) ? t('staff.adminOnly') : undefined}
            data-testid={`${testPrefix}-${role}`}
          />
          {t(`role.${role}`)}
        </label>
      ))}
    </div>
  );
}

export const toggled = (roles: readonly Role[], r: Role): Role[] => (roles.includes(r) ? roles.filter((x) => x !== r) : [...roles, r]);
