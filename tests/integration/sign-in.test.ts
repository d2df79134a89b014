import { sql } from 'kysely';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { randomBytes, scryptSync } from 'node:crypto';
import { hashPin, needsRehash, PIN_COST, pinMatches } from '../../src/services/pin-hash';
import { PINS, testApp, type TestApp } from '../support/app';
import { row, rows, run, value } from '../support/sql';

let t: TestApp;
beforeEach(async () => {
  t = await testApp({ at: '2026-05-08T09:00:00' });
});
afterEach(async () => {
  await t.close();
});
const signIn = (staffId: string, pin: string) => t.app.dispatch(null, 'session.signIn', { staffId, pin });

describe('sign-in with a PIN (R-SEC-1)', () => {
  it('the right PIN signs in; a wrong one does not, and says how many tries are left', async () => {
    expect((await signIn('qian', PINS.qian)).session).toEqual({ staffId: 'qian', epoch: 0 });
    const wrong = await signIn('qian', '123456');
    expect(wrong.session).toBeUndefined();
    expect(wrong.result).toMatchObject({ ok: false, error: { code: 'permission' } });
    expect((wrong.result as any).error).toMatchObject({ reason: 'pin_wrong', params: { triesLeft: 4 } });
    expect(await t.as(null, 'session.signIn', { staffId: 'qian', pin: '12' })).toMatchObject({ ok: false, error: { code: 'validation' } });
  });

  it('five wrong PINs lock that person (one minute first), even with the right PIN; the lock ends or an admin resets it', async () => {
    for (let i = 0; i < 5; i++) await signIn('zhang', '000000');
    const locked = await signIn('zhang', PINS.zhang);
    expect(locked.result).toMatchObject({ ok: false, error: { code: 'permission' } });
    expect((locked.result as any).error).toMatchObject({ reason: 'pin_locked', params: { staffId: 'zhang', tries: 5 } });
    expect((await signIn('li', PINS.li)).result.ok).toBe(true); // only that person
    t.clock.set(new Date('2026-05-08T09:01:01'));
    expect((await signIn('zhang', PINS.zhang)).result.ok).toBe(true);

    for (let i = 0; i < 5; i++) await signIn('zhang', '000000');
    await t.ok('dir', 'staff.resetPin', { id: 'zhang', pin: '246810' });
    // the audit log records the reset, never the PIN
    const logged = (
      await rows<{ detail: string }>(t.app, sql`SELECT detail FROM audit_log WHERE method IN ('staff.resetPin', 'setup.firstRun')`)
    )
      .map((r) => r.detail)
      .join();
    expect(logged).toContain('"pin":"******"');
    expect(logged).not.toMatch(/246810|90000\d/);
    expect((await signIn('zhang', '246810')).result.ok).toBe(true);
    const audit = await rows(
      t.app,
      sql`SELECT method, count(*) AS n FROM audit_log WHERE actor_id = 'zhang' AND method LIKE 'session.%' GROUP BY method ORDER BY method`,
    );
    expect(audit).toEqual([
      { method: 'session.locked', n: 2 },
      { method: 'session.signIn', n: 2 },
      { method: 'session.wrongPin', n: 8 },
    ]);
  });

  it('each further wrong PIN doubles the lock (1, 2, 4, 8, 16 minutes), capped at 30; a right PIN starts the count again', async () => {
    let at = new Date('2026-05-08T09:00:00').getTime();
    const lockedFor = async () => {
      const r = (await signIn('zhang', '000000')).result as any;
      return r.error.reason === 'pin_wrong_locked' ? (r.error.params.minutes as number) : 0;
    };
    const seen: number[] = [];
    for (let i = 0; i < 8; i++) {
      const minutes = await lockedFor();
      seen.push(minutes);
      at += minutes * 60_000 + 1_000; // just after the lock ends
      t.clock.set(new Date(at));
    }
    expect(seen).toEqual([0, 0, 0, 0, 1, 2, 4, 8]);
    for (let i = 0; i < 3; i++) {
      seen.push(await lockedFor());
      at += seen.at(-1)! * 60_000 + 1_000;
      t.clock.set(new Date(at));
    }
    expect(seen.slice(8)).toEqual([16, 30, 30]);
    expect((await signIn('zhang', PINS.zhang)).result.ok).toBe(true);
    expect(await Promise.all([1, 2, 3, 4].map(() => lockedFor()))).toEqual([0, 0, 0, 0]);
  });

  it('a locked person is refused without the PIN being checked or counted, and staff.list shows them locked until the lock ends', async () => {
    for (let i = 0; i < 5; i++) await signIn('zhang', '000000');
    const count = () => value(t.app, sql`SELECT failed_attempts FROM staff_credentials WHERE staff_id = 'zhang'`);
    const audited = () => value(t.app, sql`SELECT count(*) FROM audit_log WHERE actor_id = 'zhang'`);
    const before = { count: await count(), audited: await audited() };
    for (const pin of ['000000', PINS.zhang, '111111']) {
      expect((await signIn('zhang', pin)).result).toMatchObject({ ok: false, error: { code: 'permission', reason: 'pin_locked' } });
    }
    expect({ count: await count(), audited: await audited() }).toEqual(before);
    const locked = async () => (await t.ok(null, 'staff.list', {})).find((s) => s.id === 'zhang')!.locked;
    expect(await locked()).toBe(true);
    t.clock.set(new Date('2026-05-08T09:01:00'));
    expect(await locked()).toBe(false);
  });

  it('a burst of guesses sent at once gets no more PIN checks than the schedule allows', async () => {
    const answers = await Promise.all(Array.from({ length: 20 }, (_, i) => signIn('zhang', String(100000 + i))));
    expect(answers.every((a) => !a.result.ok)).toBe(true);
    const checked = await value(
      t.app,
      sql`SELECT count(*) FROM audit_log WHERE actor_id = 'zhang' AND method IN ('session.wrongPin', 'session.locked')`,
    );
    expect(checked).toBe(5);
    expect(answers.filter((a) => (a.result as any).error.reason === 'pin_locked')).toHaveLength(15);
    expect((await signIn('zhang', PINS.zhang)).result).toMatchObject({ ok: false, error: { reason: 'pin_locked' } });
  });

  it('on a file that may not be written (damaged: read-only mode) wrong PINs still lock, counted in memory, and nothing is written', async () => {
    (t.app as { readOnlyReason: () => string | null }).readOnlyReason = () => '数据库文件已损坏';
    const written = () =>
      row(
        t.app,
        sql`SELECT (SELECT count(*) FROM audit_log) AS audit, (SELECT failed_attempts FROM staff_credentials WHERE staff_id = 'zhang') AS tries`,
      );
    const before = await written();
    for (let i = 0; i < 4; i++) await signIn('zhang', '000000');
    expect((await signIn('zhang', '000000')).result).toMatchObject({
      ok: false,
      error: { reason: 'pin_wrong_locked', params: { tries: 5, minutes: 1 } },
    });
    expect((await signIn('zhang', PINS.zhang)).result).toMatchObject({ ok: false, error: { reason: 'pin_locked' } });
    expect(await written()).toEqual(before);
    t.clock.set(new Date('2026-05-08T09:01:00'));
    expect((await signIn('zhang', PINS.zhang)).result.ok).toBe(true);
    expect((await signIn('zhang', '000000')).result).toMatchObject({ ok: false, error: { reason: 'pin_wrong', params: { triesLeft: 4 } } });
  });

  it('five wrong PINs typed at once (two desks, a script) are all counted and lock the person', async () => {
    const answers = await Promise.all(Array.from({ length: 5 }, () => signIn('wang', '000000')));
    expect(answers.map((a) => a.result.ok)).toEqual([false, false, false, false, false]);
    expect((await signIn('wang', PINS.wang)).result).toMatchObject({
      ok: false,
      error: { code: 'permission', reason: 'pin_locked', params: { staffId: 'wang', tries: 5 } },
    });
  });

  it('staff are deactivated, never deleted; a deactivated person cannot sign in; the last admin stays', async () => {
    expect(await t.as('mgr', 'staff.update', { id: 'zhang', active: false })).toMatchObject({ ok: false, error: { code: 'permission' } });
    await t.ok('dir', 'staff.update', { id: 'zhang', active: false });
    expect((await signIn('zhang', PINS.zhang)).result).toMatchObject({ ok: false, error: { code: 'not_found' } });
    expect((await t.ok(null, 'staff.list', {})).map((s: { id: string }) => s.id)).not.toContain('zhang');
    expect((await t.ok(null, 'staff.list', { includeInactive: true })).find((s: { id: string }) => s.id === 'zhang')).toMatchObject({
      active: false,
    });
    expect(await row(t.app, sql`SELECT name FROM staff WHERE id = 'zhang'`)).toEqual({ name: '张伟' });
    await t.ok('dir', 'staff.update', { id: 'mgr', roles: ['sales_manager', 'consultant'] });
    expect((await t.ok(null, 'staff.list', {})).find((s) => s.id === 'mgr')!.roles.sort()).toEqual(['consultant', 'sales_manager']);
    expect(await t.as('dir', 'staff.update', { id: 'dir', roles: ['consultant'] })).toMatchObject({
      ok: false,
      error: { code: 'invalid_state' },
    });
    expect(await t.as('dir', 'staff.update', { id: 'dir', active: false })).toMatchObject({ ok: false, error: { code: 'invalid_state' } });
  });

  it('first run needs a PIN for the first admin; no default password exists', async () => {
    const fresh = await testApp({ seed: false });
    try {
      expect(await fresh.as(null, 'setup.firstRun', { staff: [{ id: 'boss', name: '老板', roles: ['admin'] }] })).toMatchObject({
        ok: false,
        error: { code: 'validation' },
      });
      await fresh.ok(null, 'setup.firstRun', {
        staff: [
          { id: 'boss', name: '老板', roles: ['admin'], pin: '8642' },
          { id: 'c1', name: '新人', roles: ['consultant'] },
        ],
      });
      expect((await fresh.app.dispatch(null, 'session.signIn', { staffId: 'c1', pin: '0000' })).result).toMatchObject({
        ok: false,
        error: { code: 'invalid_state' },
      });
      expect((await fresh.app.dispatch(null, 'session.signIn', { staffId: 'boss', pin: '8642' })).result.ok).toBe(true);
    } finally {
      await fresh.close();
    }
  });

  it('the production cost (scrypt N=2^14, r=8, p=5: 16 MiB) hashes and verifies, and a hash never contains the PIN', async () => {
    const stored = await hashPin('13579', PIN_COST);
    expect(stored.hash).toMatch(/^scrypt\$16384:8:5\$[0-9a-f]{64}$/);
    expect(stored.hash).not.toContain('13579');
    expect(await pinMatches('13579', stored)).toBe(true);
    expect(await pinMatches('13578', stored)).toBe(false);
    expect(needsRehash(stored.hash)).toBe(true); // tests run with a cheaper cost than the app
  });

  it('a PIN hashed by an earlier version (scrypt$131072$…, r=8, p=1) still signs in, and is re-hashed with today’s cost', async () => {
    const salt = randomBytes(16).toString('hex');
    const legacy = `scrypt$131072$${scryptSync('900005', Buffer.from(salt, 'hex'), 32, { N: 2 ** 17, r: 8, p: 1, maxmem: 256 * 1024 * 1024 }).toString('hex')}`;
    await run(t.app, sql`UPDATE staff_credentials SET pin_hash = ${legacy}, salt = ${salt} WHERE staff_id = 'zhang'`);
    expect((await t.app.dispatch(null, 'session.signIn', { staffId: 'zhang', pin: '900004' })).result.ok).toBe(false);
    expect((await t.app.dispatch(null, 'session.signIn', { staffId: 'zhang', pin: '900005' })).result.ok).toBe(true);
    const now = (await row<{ pin_hash: string; salt: string }>(
      t.app,
      sql`SELECT pin_hash, salt FROM staff_credentials WHERE staff_id = 'zhang'`,
    ))!;
    expect(now.pin_hash).not.toBe(legacy);
    expect(needsRehash(now.pin_hash)).toBe(false);
    expect(await pinMatches('900005', { hash: now.pin_hash, salt: now.salt })).toBe(true);
    expect((await t.app.dispatch(null, 'session.signIn', { staffId: 'zhang', pin: '900005' })).result.ok).toBe(true);
  });
});
