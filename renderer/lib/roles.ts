/** Roles as forms show them. Who may do what is not here: screens ask `can(me, method)` of the spec (src/api/spec). */
import { ROLES } from '../../src/api/spec';
import type { Role } from '../api/types';

/**
 * Display order in the staff picker: the people who run the floor first, then the desk, then consultants. A
 * record of every role, so a role added to the domain without a place here fails the typecheck.
 */
const DISPLAY_RANK: Record<Role, number> = {
  group_director: 0,
  sales_director: 1,
  sales_manager: 2,
  project_manager: 3,
  front_desk: 4,
  sales_assistant: 5,
  consultant: 6,
  employee: 7,
  admin: 8,
};

const rank = (roles: readonly Role[]): number => Math.min(...roles.map((r) => DISPLAY_RANK[r] ?? 99), 99);

export function byRoleThenList<T extends { roles: readonly Role[] }>(list: readonly T[]): T[] {
  return list
    .map((s, i) => ({ s, i }))
    .sort((a, b) => rank(a.s.roles) - rank(b.s.roles) || a.i - b.i)
    .map((x) => x.s);
}

/** Every role, in the order forms offer them (first run, staff administration): the domain's own list. */
export const ROLE_CHOICES: readonly Role[] = ROLES;
