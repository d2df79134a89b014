/** Roles as forms show them. Who may do what is not here: screens ask `can(me, method)` of the spec (src/api/spec). */
import type { Role } from '../api/types';

/** Display order in the staff picker: the people who run the floor first, then the desk, then consultants. */
const DISPLAY_ORDER: readonly Role[] = [
  'sales_director',
  'sales_manager',
  'project_manager',
  'front_desk',
  'sales_assistant',
  'consultant',
  'employee',
  'admin',
];

const rank = (roles: readonly Role[]): number =>
  Math.min(...roles.map((r) => DISPLAY_ORDER.indexOf(r)).filter((i) => i >= 0), DISPLAY_ORDER.length);

export function byRoleThenList<T extends { roles: readonly Role[] }>(list: readonly T[]): T[] {
  return list
    .map((s, i) => ({ s, i }))
    .sort((a, b) => rank(a.s.roles) - rank(b.s.roles) || a.i - b.i)
    .map((x) => x.s);
}

/** Every role, in the order forms offer them (first run, staff administration). */
export const ROLE_CHOICES: readonly Role[] = [
  'consultant',
  'front_desk',
  'sales_manager',
  'project_manager',
  'sales_director',
  'sales_assistant',
  'employee',
  'admin',
];
