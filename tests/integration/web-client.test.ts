// @vitest-environment node
/**
 * The renderer's side of "only a person's actions extend a session": the client marks the timed polls
 * (the roster and backup stores' refresh, as App.tsx runs them in inBackground, and the lobby board) as
 * background on both transports, and when such a poll learns the session ended the shell hears it and
 * shows the sign-in again. Runs the real client and stores against a real web-mode server.
 */
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { api, createApiClient, inBackground, onSessionLost } from '../../renderer/api/client';
import { useBackupStatus } from '../../renderer/stores/backup';
import { useRoster } from '../../renderer/stores/roster';
import { createWebServer } from '../../src/server/http';
import { PINS, testApp, type TestApp } from '../support/app';

const MINUTE = 60_000;
let t: TestApp;
let server: Server;
let wall = Date.parse('2026-05-08T09:00:00');
const sent: { method: string; background: string | null }[] = [];
const realFetch = globalThis.fetch;

beforeAll(async () => {
  t = await testApp({ at: '2026-05-08T09:00:00' });
  server = createWebServer(t.app, { staticDir: resolve('dist/renderer'), idleMinutes: 15, now: () => wall });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  let cookie = '';
  // What the browser adds to the client's same-origin fetch: the base, Origin and the session cookie.
  globalThis.fetch = (async (url: string, init: RequestInit) => {
    const headers = new Headers(init.headers);
    sent.push({ method: url.replace('/api/', ''), background: headers.get('x-salesdesk-background') });
    headers.set('Origin', base);
    if (cookie) headers.set('Cookie', cookie);
    const res = await realFetch(`${base}${url}`, { ...init, headers });
    const set = res.headers.get('set-cookie');
    if (set) cookie = set.split(';')[0]!;
    return res;
  }) as typeof fetch;
});
afterAll(async () => {
  globalThis.fetch = realFetch;
  server.close();
  await t.close();
});

describe('the renderer marks its polls as background (web mode)', () => {
  it('polls do not keep the session; the poll that finds it ended brings back the sign-in', async () => {
    const lost = vi.fn();
    const unsubscribe = onSessionLost(lost);
    expect((await api.call('session.signIn', { staffId: 'qian', pin: PINS.qian })).ok).toBe(true);
    for (let i = 0; i < 3; i++) {
      wall += 5 * MINUTE;
      await inBackground(useRoster.getState().refresh);
      expect(useRoster.getState().loadError).toBeNull();
    }
    await inBackground(useBackupStatus.getState().refresh);
    await api.call('roster.board', {}, { background: true });
    expect(lost).not.toHaveBeenCalled();

    wall += 1 * MINUTE; // 16 minutes since qian's sign-in, her last action
    await inBackground(useRoster.getState().refresh);
    expect(lost).toHaveBeenCalledWith(expect.stringContaining('登录已超时'));
    unsubscribe();

    expect(sent.map((s) => [s.method, s.background])).toEqual([
      ['session.signIn', null],
      ['roster.today', '1'],
      ['roster.today', '1'],
      ['roster.today', '1'],
      ['backup.status', '1'],
      ['roster.board', '1'],
      ['roster.today', '1'],
    ]);
  });

  it("a person's call made right after a poll is not marked", async () => {
    sent.length = 0;
    const poll = inBackground(() => api.call('roster.board', {}));
    const person = api.call('session.me', {});
    await Promise.all([poll, person]);
    expect(sent.map((s) => s.background)).toEqual(['1', null]);
  });
});

describe('the renderer marks its polls as background (desktop IPC)', () => {
  it('passes true as the third argument for a poll only, and hears a lost session from a poll', async () => {
    const bridge = { call: vi.fn(async (_m: string, _i?: unknown, _b?: boolean): Promise<unknown> => ({ ok: false, error: { code: 'permission', message: '登录已超时（长时间未操作），请重新选择操作人员并登录' } })) };
    (globalThis as { salesdesk?: unknown }).salesdesk = bridge;
    try {
      const client = createApiClient();
      expect(client.transport).toBe('ipc');
      const lost = vi.fn();
      const unsubscribe = onSessionLost(lost);
      await client.call('roster.today', {});
      await client.call('roster.board', {}, { background: true });
      await inBackground(() => client.call('backup.status', {}));
      unsubscribe();
      expect(bridge.call.mock.calls).toEqual([['roster.today', {}], ['roster.board', {}, true], ['backup.status', {}, true]]);
      expect(lost).toHaveBeenCalledTimes(3);
    } finally {
      delete (globalThis as { salesdesk?: unknown }).salesdesk;
    }
  });
});
