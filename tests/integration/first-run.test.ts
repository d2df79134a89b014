/**
 * First-run setup asks for a staff administrator with a PIN (setup_needs_admin, setup_admin_pin_required), and
 * the first-run form asks for a PIN by the same list, the spec's STAFF_ADMINS (renderer/screens/FirstRun.tsx).
 * Each role alone, with and without a PIN: the service's answer must follow that list, so a list copied into
 * the service (or the form) that drifts from it fails here.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { STAFF_ADMINS } from '../../src/api/spec';
import { ROLES } from '../../src/domain/roles';
import { refusal, testApp, type TestApp } from '../support/app';

let t: TestApp | undefined;
afterEach(async () => {
  await t?.close();
  t = undefined;
});

describe('first-run setup needs a staff administrator with a PIN, by the spec’s STAFF_ADMINS', () => {
  it('the list is the admin and the sales director', () => {
    expect([...STAFF_ADMINS].sort()).toEqual(['admin', 'sales_director']);
  });

  it.each(ROLES.map((r) => [r]))('%s alone: without a PIN, then with one', async (role) => {
    t = await testApp({ seed: false });
    const without = await t.as(null, 'setup.firstRun', { staff: [{ id: 'x', name: '某人', roles: [role] }] });
    const expected = STAFF_ADMINS.includes(role) ? 'setup_admin_pin_required' : 'setup_needs_admin';
    expect(refusal(without)).toMatchObject({ code: 'validation', reason: expected });
    const withPin = await t.as(null, 'setup.firstRun', { staff: [{ id: 'x', name: '某人', roles: [role], pin: '4321' }] });
    if (STAFF_ADMINS.includes(role)) expect(withPin).toEqual({ ok: true, value: { created: 1 } });
    else expect(refusal(withPin)).toMatchObject({ reason: 'setup_needs_admin' });
  });
});
