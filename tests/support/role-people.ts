import { ROLES, type Role } from '../../src/domain/roles';
import type { TestApp } from './app';

/** The staff id of the person who holds `role` alone (see addRolePeople). */
export const onlyRole = (role: Role): string => `only_${role}`;

/**
 * One person per role, holding that role alone, created by the director: the permission tests call every
 * method as each of them. With `pins`, each gets the PIN pins(i) so a test can sign them in for real.
 */
export async function addRolePeople(t: TestApp, pins?: (i: number) => string): Promise<void> {
  for (const [i, role] of ROLES.entries()) {
    await t.ok('dir', 'staff.create', { id: onlyRole(role), name: `只有${role}`, roles: [role], ...(pins ? { pin: pins(i) } : {}) });
  }
}
