/**
 * The renderer decides what to offer with `can(me, method)` (src/api/spec), and docs/permissions.md is written
 * by can() (its being current is checked in docs.test.ts); dispatch decides what to refuse.
 * They are separate code reading the same spec: for every method, every single-role person and nobody signed
 * in, dispatch refuses with `permission` exactly when can() says no. The input is `{}`, so a role that may call
 * a method gets past the role check to the input check (or runs): no finer check in a method's body, which
 * could refuse with `permission` for its own reasons, is reached.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { can, methodNames } from '../../src/api/spec';
import { ROLES } from '../../src/domain/roles';
import { testApp, type TestApp } from '../support/app';
import { addRolePeople, onlyRole } from '../support/role-people';

let t: TestApp;
beforeAll(async () => {
  t = await testApp({ at: '2026-05-08T09:00:00' });
  await addRolePeople(t);
});
afterAll(async () => {
  await t.close();
});

describe('can() and dispatch agree', () => {
  it('covers every method of the spec', () => {
    expect(methodNames().length).toBeGreaterThan(60);
  });

  for (const name of methodNames()) {
    it(`${name}: for nobody and for every role`, async () => {
      const who = [null, ...ROLES] as const;
      for (const role of who) {
        const me = role === null ? null : { roles: [role] };
        const r = (await t.app.dispatch(role === null ? null : { staffId: onlyRole(role) }, name, {})).result;
        const refused = !r.ok && r.error.code === 'permission';
        expect(
          refused,
          `${name} as ${role ?? 'nobody'}: can() says ${can(me, name)}, dispatch answered ${r.ok ? 'ok' : `${r.error.code} ${r.error.message}`}`,
        ).toBe(!can(me, name));
      }
    });
  }
});
