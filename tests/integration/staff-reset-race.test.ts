/**
 * A PIN reset that lands while an old PIN is being checked (the ~0.25 s outside any transaction): the old
 * PIN must not open a session under the new credentials. The check is held open here by a gate, so the
 * order is the test's, not the scheduler's.
 */
import { afterEach, beforeEach, expect, it, vi } from 'vitest';
import { PINS, testApp, type TestApp } from '../support/app';

const gate = vi.hoisted(() => ({ hold: null as null | { reached: () => void; release: Promise<void> } }));
vi.mock('../../src/services/pin-hash', async (importOriginal) => {
  const real = await importOriginal<typeof import('../../src/services/pin-hash')>();
  return {
    ...real,
    pinMatches: async (...args: Parameters<typeof real.pinMatches>) => {
      const h = gate.hold;
      gate.hold = null;
      if (h) {
        h.reached();
        await h.release;
      }
      return real.pinMatches(...args);
    },
  };
});

let t: TestApp;
beforeEach(async () => {
  t = await testApp({ at: '2026-05-08T09:00:00' });
});
afterEach(async () => {
  await t.close();
});

it('a sign-in with the old PIN, checked while the PIN is reset, opens no session', async () => {
  let reached!: () => void;
  let release!: () => void;
  const atCheck = new Promise<void>((r) => (reached = r));
  gate.hold = { reached, release: new Promise<void>((r) => (release = r)) };
  const signIn = t.app.dispatch(null, 'session.signIn', { staffId: 'zhang', pin: PINS.zhang });
  await atCheck;
  await t.ok('dir', 'staff.resetPin', { id: 'zhang', pin: '246810' });
  release();
  const out = await signIn;
  expect(out.result).toMatchObject({ ok: false, error: { code: 'permission', reason: 'pin_just_reset', params: { staffId: 'zhang' } } });
  expect(out.session).toBeUndefined();
  expect((await t.app.dispatch(null, 'session.signIn', { staffId: 'zhang', pin: '246810' })).session).toEqual({
    staffId: 'zhang',
    epoch: 1,
  });
});
