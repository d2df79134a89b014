/** The staff accounts' own rules (src/domain/staff-rules.ts, R-SEC-1), cell by cell by hand. */
import { describe, expect, it } from 'vitest';
import {
  STAFF_ADMINS,
  addFromSiteRefusal,
  deactivateSelfRefusal,
  firstRunRefusal,
  lastAdminRefusal,
  pinResetRefusal,
} from '../../src/domain/staff-rules';
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

describe('addFromSiteRefusal: a colleague of another site of the group, added here (one person, one PIN)', () => {
  const facts = { group: true, site: 'other', source: { active: true }, here: null } as const;
  it.each([
    ['an active colleague elsewhere, the id free here', {}, null, null],
    ['a single office (one site)', { group: false, site: 'unknown' }, null, 'site_needs_group'],
    ['a site the group does not have', { site: 'unknown' }, null, 'site_unknown'],
    ['this very site', { site: 'here' }, null, 'site_staff_same_site'],
    ['the admin role given by a non-admin', {}, 'admin_role_admin_only', 'admin_role_admin_only'],
    ['nobody of that id there', { source: null }, null, 'site_staff_not_found'],
    ['a deactivated account there', { source: { active: false } }, null, 'site_staff_not_found'],
    ['the id held here by someone else', { here: { samePerson: false } }, null, 'staff_id_taken'],
    ['the same person here already', { here: { samePerson: true } }, null, 'site_staff_already_here'],
    [
      'not a group comes before anything else',
      { group: false, source: null, here: { samePerson: false } },
      'admin_role_admin_only',
      'site_needs_group',
    ],
    ['the site before the grant', { site: 'here' }, 'admin_role_admin_only', 'site_staff_same_site'],
    ['the grant before who is there', { source: null }, 'admin_role_admin_only', 'admin_role_admin_only'],
  ] as const)('%s', (_what, change, grant, reason) => {
    expect(addFromSiteRefusal({ ...facts, ...change }, grant)).toBe(reason);
  });
});
