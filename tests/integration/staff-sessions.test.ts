/**
 * A PIN reset or a deactivation ends that person's open sessions on every terminal, web and desktop: the
 * session carries the credential version it was opened under (session_epoch), and dispatch refuses an
 * older one at its next call and tells the transport to drop it.
 */
import { request, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { resolve } from 'node:path';
import { sql } from 'kysely';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Session } from '../../src/api/session';
import { createCallHandler, type CallEvent } from '../../electron/ipc';
import { isAppPageUrl } from '../../electron/security';
import { createWebServer } from '../../src/server/http';
import { FakeWebContents } from '../electron/fake-electron';
import { PINS, testApp, type TestApp } from '../support/app';
import { openSecondApp } from '../support/engine';
import { value } from '../support/sql';

let t: TestApp;
beforeEach(async () => {
  t = await testApp({ at: '2026-05-08T09:00:00' });
});
afterEach(async () => {
  await t.close();
});

async function signedIn(staffId: keyof typeof PINS, pin: string = PINS[staffId]): Promise<Session> {
  const out = await t.app.dispatch(null, 'session.signIn', { staffId, pin });
  expect(out.result.ok).toBe(true);
  return out.session!;
}
const auditRows = () => value<number>(t.app, sql`SELECT count(*) FROM audit_log`);
const RESET = { ok: false, error: { code: 'permission', reason: 'session_ended', message: 'session_ended' } };

describe('a PIN reset ends that person’s sessions', () => {
  it('the old session is refused at its next call, changes nothing, and the transport is told to drop it', async () => {
    const zhang = await signedIn('zhang');
    expect(zhang).toEqual({ staffId: 'zhang', epoch: 0 });
    expect((await t.app.dispatch(zhang, 'session.me', {})).result).toMatchObject({ ok: true, value: { id: 'zhang' } });
    const dir = await signedIn('dir');
    expect((await t.app.dispatch(dir, 'staff.resetPin', { id: 'zhang', pin: '246810' })).result.ok).toBe(true);

    const before = await auditRows();
    const refused = await t.app.dispatch(zhang, 'followUp.log', { customer: 1, channel: 'phone', content: '回访' });
    expect(refused.result).toEqual(RESET);
    expect(refused.session).toBeNull();
    expect(await auditRows()).toBe(before);
    // a public call (the sign-in picker) goes on as nobody, and still drops the session
    const me = await t.app.dispatch(zhang, 'session.me', {});
    expect(me).toEqual({ result: { ok: true, value: null }, session: null });

    expect((await t.app.dispatch(null, 'session.signIn', { staffId: 'zhang', pin: PINS.zhang })).result.ok).toBe(false);
    const again = await signedIn('zhang', '246810');
    expect(again).toEqual({ staffId: 'zhang', epoch: 1 });
    expect((await t.app.dispatch(again, 'session.me', {})).result).toMatchObject({ ok: true, value: { id: 'zhang' } });
    // the director who reset it, and everyone else, carry on
    expect((await t.app.dispatch(dir, 'session.me', {})).result).toMatchObject({ ok: true, value: { id: 'dir' } });
    expect((await t.app.dispatch(dir, 'session.me', {})).session).toBeUndefined();
  });

  it('a reset made at another terminal on the same data (the file, or the group’s database) is seen at the very next call', async () => {
    const zhang = await signedIn('zhang');
    expect((await t.app.dispatch(zhang, 'session.me', {})).result).toMatchObject({ ok: true, value: { id: 'zhang' } });
    const other = await openSecondApp(t.app, { clock: t.clock });
    try {
      expect((await other.dispatch({ staffId: 'dir' }, 'staff.resetPin', { id: 'zhang', pin: '246810' })).result.ok).toBe(true);
    } finally {
      await other.close();
    }
    expect((await t.app.dispatch(zhang, 'session.me', {})).result).toEqual({ ok: true, value: null });
  });

  it('deactivating a person ends their sessions, and re-activating them does not bring the old ones back', async () => {
    const zhang = await signedIn('zhang');
    await t.ok('dir', 'staff.update', { id: 'zhang', active: false });
    const refused = await t.app.dispatch(zhang, 'followUp.today', {});
    expect(refused.result).toMatchObject({ ok: false, error: { code: 'permission' } });
    expect(refused.session).toBeNull();
    await t.ok('dir', 'staff.update', { id: 'zhang', active: true });
    expect((await t.app.dispatch(zhang, 'followUp.today', {})).result).toEqual(RESET);
    expect((await t.app.dispatch(await signedIn('zhang'), 'followUp.today', {})).result.ok).toBe(true);
  });
});

describe('through the transports', () => {
  let server: Server | null = null;
  afterEach(() => {
    server?.close();
    server = null;
  });

  it('web mode: the reset person’s cookie is refused and cleared; the director’s stays', async () => {
    server = createWebServer(t.app, { staticDir: resolve('dist/renderer'), now: () => t.clock.now().getTime() });
    await new Promise<void>((r) => server!.listen(0, '127.0.0.1', r));
    const port = (server.address() as AddressInfo).port;
    const post = (method: string, body: unknown, cookie?: string) =>
      new Promise<{ status: number; json: any; cookie: string | undefined }>((done, failed) => {
        const headers: Record<string, string> = {
          'Content-Type': 'application/json',
          Origin: `http://127.0.0.1:${port}`,
          ...(cookie ? { Cookie: cookie } : {}),
        };
        const req = request({ host: '127.0.0.1', port, method: 'POST', path: `/api/${method}`, headers }, (res) => {
          let text = '';
          res.setEncoding('utf8');
          res.on('data', (d) => (text += d));
          res.on('end', () =>
            done({ status: res.statusCode!, json: JSON.parse(text), cookie: res.headers['set-cookie']?.[0]?.split(';')[0] }),
          );
        });
        req.on('error', failed);
        req.end(JSON.stringify(body));
      });
    const zhang = (await post('session.signIn', { staffId: 'zhang', pin: PINS.zhang })).cookie!;
    const dir = (await post('session.signIn', { staffId: 'dir', pin: PINS.dir })).cookie!;
    expect((await post('session.me', {}, zhang)).json).toMatchObject({ ok: true, value: { id: 'zhang' } });
    expect((await post('staff.resetPin', { id: 'zhang', pin: '246810' }, dir)).json.ok).toBe(true);
    const refused = await post('followUp.today', {}, zhang);
    expect(refused.status).toBe(403);
    expect(refused.json).toEqual(RESET);
    expect(refused.cookie).toBe('sd_session=');
    expect((await post('session.me', {}, dir)).json).toMatchObject({ ok: true, value: { id: 'dir' } });
  });

  it('desktop (IPC): the reset person’s window is signed out; the next call from it acts as nobody', async () => {
    const handler = createCallHandler({ backend: t.app, isTrustedUrl: isAppPageUrl, now: () => t.clock.now().getTime() });
    const window = (contents: FakeWebContents): CallEvent => ({
      sender: contents as unknown as CallEvent['sender'],
      senderFrame: { url: 'app://salesdesk/index.html#/desk', parent: null },
    });
    const desk = window(new FakeWebContents());
    const office = window(new FakeWebContents());
    expect(await handler(desk, 'session.signIn', { staffId: 'zhang', pin: PINS.zhang })).toMatchObject({ ok: true });
    expect(await handler(office, 'session.signIn', { staffId: 'dir', pin: PINS.dir })).toMatchObject({ ok: true });
    expect(await handler(office, 'staff.resetPin', { id: 'zhang', pin: '246810' })).toMatchObject({ ok: true });
    expect(await handler(desk, 'followUp.today', {})).toEqual(RESET);
    expect(await handler(desk, 'followUp.today', {})).toMatchObject({ ok: false, error: { code: 'permission', reason: 'not_signed_in' } });
    expect(await handler(desk, 'session.me', {})).toEqual({ ok: true, value: null });
    expect(await handler(office, 'session.me', {})).toMatchObject({ ok: true, value: { id: 'dir' } });
  });
});
