/**
 * The recovery at the machine: `salesdesk reset-pin STAFF_ID [DB]` needs no PIN (whoever runs it already
 * holds the database file), so neither a lock nor a forgotten PIN can shut the office out for good.
 */
import { execFile } from 'node:child_process';
import { rmSync } from 'node:fs';
import { promisify } from 'node:util';
import { afterEach, describe, expect, it } from 'vitest';
import { type App, openApp } from '../../src/app';
import { resetPin } from '../../src/cli/pin';
import { PINS, testApp } from '../support/app';

const cleanup: (() => Promise<void>)[] = [];
afterEach(async () => {
  for (const c of cleanup.splice(0).reverse()) await c();
});

/** An office whose only admin has locked themselves out, closed so the command can open the file. */
async function lockedOutOffice() {
  const t = await testApp({ at: '2026-05-08T09:00:00' });
  cleanup.push(async () => rmSync(t.dir, { recursive: true, force: true }));
  for (let i = 0; i < 9; i++) await t.app.dispatch(null, 'session.signIn', { staffId: 'dir', pin: '000000' });
  const session = (await t.app.dispatch(null, 'session.signIn', { staffId: 'zhang', pin: PINS.zhang })).session!;
  const dirSession = { staffId: 'dir', epoch: 0 };
  expect((await t.app.dispatch(null, 'session.signIn', { staffId: 'dir', pin: PINS.dir })).result).toMatchObject({
    ok: false,
    error: { reason: 'pin_locked' },
  });
  await t.app.close();
  const reopen = async (): Promise<App> => {
    const app = await openApp({ dbPath: t.path, clock: t.clock });
    cleanup.push(() => app.close());
    return app;
  };
  return { t, session, dirSession, reopen };
}

describe('salesdesk reset-pin', () => {
  it('gives the locked-out admin a new PIN, clears the lock, ends their sessions and is audited as done at the machine', async () => {
    const { t, dirSession, session, reopen } = await lockedOutOffice();
    const lines: string[] = [];
    expect(await resetPin(['dir', t.path], (l) => lines.push(l))).toBe(0);
    const newPin = /新 PIN：(\d{6})/.exec(lines.join('\n'))?.[1];
    expect(newPin).toMatch(/^\d{6}$/);

    const app = await reopen();
    expect((await app.dispatch(dirSession, 'staff.list', {})).session).toBeNull(); // opened before the reset
    expect((await app.dispatch(null, 'session.signIn', { staffId: 'dir', pin: PINS.dir })).result.ok).toBe(false);
    expect((await app.dispatch(null, 'session.signIn', { staffId: 'dir', pin: newPin })).result.ok).toBe(true);
    expect((await app.dispatch(session, 'session.me', {})).result).toMatchObject({ ok: true, value: { id: 'zhang' } }); // others untouched
    const audit = app.handle.raw.prepare("SELECT actor_id, detail FROM audit_log WHERE method = 'cli.resetPin'").all();
    expect(audit).toEqual([{ actor_id: null, detail: JSON.stringify({ staffId: 'dir' }) }]);
  });

  it('refuses an unknown person or a missing file, changing nothing', async () => {
    const { t, reopen } = await lockedOutOffice();
    const lines: string[] = [];
    expect(await resetPin(['nobody', t.path], (l) => lines.push(l))).toBe(1);
    expect(lines.join()).toContain('找不到员工 nobody');
    expect(await resetPin(['dir', `${t.path}.missing`], (l) => lines.push(l))).toBe(2);
    expect(await resetPin([], (l) => lines.push(l))).toBe(2);
    const app = await reopen();
    expect(app.handle.raw.prepare("SELECT count(*) FROM audit_log WHERE method = 'cli.resetPin'").pluck().get()).toBe(0);
    expect((await app.dispatch(null, 'session.signIn', { staffId: 'dir', pin: PINS.dir })).result).toMatchObject({
      ok: false,
      error: { reason: 'pin_locked' },
    });
  });

  it('is a subcommand of npm run salesdesk', async () => {
    const { t } = await lockedOutOffice();
    const { stdout } = await promisify(execFile)('npx', ['tsx', 'src/cli/main.ts', 'reset-pin', 'dir', t.path], {
      env: { ...process.env, VITEST: '' },
    });
    expect(stdout).toMatch(/已重设 赵总（dir）的 PIN.*新 PIN：\d{6}/s);
  }, 60_000);
});
