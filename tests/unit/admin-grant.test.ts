/** Who may give or touch the admin role (src/domain/roles adminGrantRefusal): the service and the staff screen use this one rule. */
import { describe, expect, it } from 'vitest';
import { adminGrantRefusal, type Role } from '../../src/domain/roles';

const cases: [string, Role[], Role[], Role[] | null, ReturnType<typeof adminGrantRefusal>][] = [
  ['an admin grants admin', ['admin'], ['admin'], null, null],
  ['an admin changes another admin', ['admin'], ['consultant'], ['admin'], null],
  ['a director grants admin', ['sales_director'], ['admin', 'consultant'], null, 'admin_role_admin_only'],
  ['a director grants admin to an admin', ['sales_director'], ['admin'], ['admin'], 'admin_role_admin_only'],
  ['a director changes an admin', ['sales_director'], ['consultant'], ['admin', 'sales_director'], 'admin_account_admin_only'],
  ['a director deactivates an admin (no roles given)', ['sales_director'], [], ['admin'], 'admin_account_admin_only'],
  ['a director gives a consultant the desk', ['sales_director'], ['front_desk'], ['consultant'], null],
  ['a director adds a new consultant', ['sales_director'], ['consultant'], null, null],
  ['a director grants the group role', ['sales_director'], ['group_director'], ['consultant'], null],
];

describe('adminGrantRefusal', () => {
  it.each(cases)('%s', (_name, actor, grants, target, expected) => {
    expect(adminGrantRefusal(actor, grants, target)).toBe(expected);
  });
});
