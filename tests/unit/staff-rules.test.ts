/** The staff accounts' own rules (src/domain/staff-rules.ts, R-SEC-1), cell by cell by hand. */
import { describe, expect, it } from 'vitest';
import { STAFF_ADMINS, deactivateSelfRefusal, firstRunRefusal, lastAdminRefusal, pinResetRefusal } from '../../src/domain/staff-rules';
import type { Role } from '../../src/domain/roles';

it('staff are managed by the admin and the director', () => {
  expect(STAFF_ADMINS).toEqual(['admin', 'sales_director']);
});

describe('deactivateSelfRefusal, lastAdminRefusal, pinResetRefusal', () => {
  it.each([
    ['deactivating someone else', 'dir', 'zhang', false, null],
    ['deactivating oneself', 'dir', 'dir', false, 'deactivate_self'],
    ['re-activating oneself (a no-op)', 'dir', 'dir', true, null],
    ['changing one’s own roles only', 'dir', 'dir', undefined, null],
  ] as const)('%s', (_what, actor, target, active, reason) => {
    expect(deactivateSelfRefusal(actor, target, active)).toBe(reason);
  });
  it.each([
    [0, 'last_staff_admin'],
    [1, null],
    [3, null],
  ] as const)('%i staff admins left → %s', (n, reason) => {
    expect(lastAdminRefusal(n)).toBe(reason);
  });
  it.each([
    ['another’s PIN', 'adm', 'zhang', null],
    ['one’s own', 'adm', 'adm', 'reset_own_pin'],
  ] as const)('reset %s', (_what, actor, target, reason) => {
    expect(pinResetRefusal(actor, target)).toBe(reason);
  });
});

describe('firstRunRefusal: an empty office, at least one staff admin, each with a PIN', () => {
  const s = (roles: Role[], pin?: string) => ({ roles, pin });
  it.each([
    ['an admin with a PIN', false, [s(['admin'], '1234'), s(['consultant'])], null],
    ['the director with a PIN', false, [s(['sales_director'], '1234')], null],
    ['offices with staff already', true, [s(['admin'], '1234')], 'setup_done'],
    ['no staff admin', false, [s(['consultant'], '1234'), s(['project_manager'], '1234')], 'setup_needs_admin'],
    ['nobody at all', false, [], 'setup_needs_admin'],
    ['an admin without a PIN', false, [s(['admin'], '1234'), s(['sales_director'])], 'setup_admin_pin_required'],
    ['an admin with an empty PIN', false, [s(['admin'], '')], 'setup_admin_pin_required'],
  ] as const)('%s', (_what, anyStaff, staff, reason) => {
    expect(firstRunRefusal(anyStaff, staff)).toBe(reason);
  });
});
