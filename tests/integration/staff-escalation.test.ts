/**
 * No way up to admin: only an admin may create an admin, grant the role, or change, deactivate or reset
 * the PIN of anyone who holds it. A sales director who could reset an admin's PIN could sign in as that
 * admin. Nobody resets their own PIN through staff.resetPin (a session left open must not become a
 * stolen account). Each refusal is `permission` and changes nothing.
 */
import { sql } from 'kysely';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { PINS, testApp, type TestApp } from '../support/app';
import type { MethodName } from '../../src/api/spec';
import { rows, value } from '../support/sql';

let t: TestApp;
beforeEach(async () => {
  t = await testApp({ at: '2026-05-08T09:00:00' });
  // 'dir' (TEAM) is director and admin; 'sd' is only a director, 'root' only an admin
  await t.ok('dir', 'staff.create', { id: 'sd', name: '周总监', roles: ['sales_director'], pin: '424242' });
  await t.ok('dir', 'staff.create', { id: 'root', name: '系统管理员', roles: ['admin'], pin: '515151' });
});
afterEach(async () => {
  await t.close();
});

/** Everything a refusal could have changed: staff, roles, PINs, session versions, the audit log. */
const snapshot = async () => ({
  staff: await rows(t.app, sql`SELECT id, name, active FROM staff ORDER BY id`),
  roles: await rows(t.app, sql`SELECT staff_id, role FROM staff_roles ORDER BY staff_id, role`),
  creds: await rows(
    t.app,
    sql`SELECT staff_id, pin_hash, failed_attempts, locked_until, session_epoch FROM staff_credentials ORDER BY staff_id`,
  ),
  audit: await value(t.app, sql`SELECT count(*) FROM audit_log`),
});

describe('a sales director cannot reach admin', () => {
  it.each([
    ['reset an admin’s PIN', 'staff.resetPin', { id: 'root', pin: '111111' }],
    ['reset the PIN of a director who is also admin', 'staff.resetPin', { id: 'dir', pin: '111111' }],
    ['give a colleague the admin role', 'staff.update', { id: 'zhang', roles: ['consultant', 'admin'] }],
    ['give themselves the admin role', 'staff.update', { id: 'sd', roles: ['sales_director', 'admin'] }],
    ['create an admin', 'staff.create', { id: 'mole', name: '新管理员', roles: ['admin'], pin: '333333' }],
    ['take the admin role from an admin', 'staff.update', { id: 'root', roles: ['consultant'] }],
    ['deactivate an admin', 'staff.update', { id: 'root', active: false }],
    ['deactivate a director who is also admin', 'staff.update', { id: 'dir', active: false }],
  ])('may not %s: permission, nothing changed', async (_what, method, input) => {
    const before = await snapshot();
    const r = await t.as('sd', method as MethodName, input);
    expect(r).toMatchObject({
      ok: false,
      error: { code: 'permission', reason: expect.stringMatching(/^admin_(role|account)_admin_only$/) },
    });
    expect(await snapshot()).toEqual(before);
  });

  it('still manages the rest of the team: resets a consultant’s PIN, creates and changes non-admins', async () => {
    await t.ok('sd', 'staff.resetPin', { id: 'zhang', pin: '777777' });
    expect((await t.app.dispatch(null, 'session.signIn', { staffId: 'zhang', pin: '777777' })).result.ok).toBe(true);
    await t.ok('sd', 'staff.create', { id: 'new', name: '新人', roles: ['consultant'], pin: '888888' });
    await t.ok('sd', 'staff.update', { id: 'new', roles: ['consultant', 'sales_manager'] });
    await t.ok('sd', 'staff.update', { id: 'new', active: false });
  });

  it('an admin may do each of those', async () => {
    await t.ok('root', 'staff.resetPin', { id: 'dir', pin: '111111' });
    const dir = (await t.app.dispatch(null, 'session.signIn', { staffId: 'dir', pin: '111111' })).session!;
    expect((await t.app.dispatch(dir, 'staff.resetPin', { id: 'root', pin: '222222' })).result.ok).toBe(true);
    const root = (await t.app.dispatch(null, 'session.signIn', { staffId: 'root', pin: '222222' })).session!;
    for (const [method, input] of [
      ['staff.update', { id: 'zhang', roles: ['consultant', 'admin'] }],
      ['staff.create', { id: 'adm2', name: '第二管理员', roles: ['admin'], pin: '333333' }],
      ['staff.update', { id: 'adm2', active: false }],
    ] as const) {
      expect((await t.app.dispatch(root, method, input)).result.ok).toBe(true);
    }
  });
});

describe('nobody resets their own PIN through staff.resetPin', () => {
  it.each([['sd'], ['root'], ['dir']])('%s is refused (another admin, or reset-pin at the machine, does it)', async (who) => {
    const before = await snapshot();
    const r = await t.as(who, 'staff.resetPin', { id: who, pin: '999999' });
    expect(r).toMatchObject({ ok: false, error: { code: 'permission', reason: 'reset_own_pin' } });
    expect(await snapshot()).toEqual(before);
    expect((await t.app.dispatch(null, 'session.signIn', { staffId: 'dir', pin: PINS.dir })).result.ok).toBe(true);
  });
});
