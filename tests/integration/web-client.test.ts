// @vitest-environment node
/**
 * The renderer's side of "only a person's actions extend a session": the reads useApi makes after a pushed
 * change (or a reconnection of the push stream) are marked background on both transports, a person's reads
 * are not, and when such a re-read learns the session ended the shell hears it and shows the sign-in
 * again. Runs the real client and the real useApi core (api/query) against a real web-mode server, with a
 * push source the test drives.
 */
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { createChanges, type PushSink } from '../../renderer/api/changes';
import { api, createApiClient, onSessionLost } from '../../renderer/api/client';
import { createQuery } from '../../renderer/api/query';
import { createWebServer } from '../../src/server/http';
import { PINS, testApp, type TestApp } from '../support/app';

/** A push stream the test opens and fills by hand; timers are never run (no retries happen here). */
function drivenPush() {
  let sink: PushSink | null = null;
  const changes = createChanges({ connect: (s) => ((sink = s), () => (sink = null)) }, { setTimeout: () => 0, clearTimeout: () => {} });
  return { changes, push: (seq: number) => sink!.change({ seq, areas: ['roster'] }), open: () => sink!.open() };
}

/** Resolves when the query has an answer (or a refusal) newer than `seq`. */
const answered = (query: ReturnType<typeof createQuery>, seq: number) =>
  new Promise<void>((done) => {
    const check = () => {
      if (query.getState().seq > seq) {
        off();
        done();
      }
    };
    const off = query.subscribe(check);
    check();
  });

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

describe('the renderer marks its re-reads as background (web mode)', () => {
  it('re-reads after pushes do not keep the session; the re-read that finds it ended brings back the sign-in', async () => {
    const lost = vi.fn();
    const unsubscribe = onSessionLost(lost);
    expect((await api.call('session.signIn', { staffId: 'qian', pin: PINS.qian })).ok).toBe(true);
    const { changes, push, open } = drivenPush();
    const roster = createQuery({ call: api.call as never, changes });
    roster.configure({ method: 'roster.today', input: {}, areas: ['roster'], enabled: true });
    await answered(roster, 0);
    open(); // the stream opens: one resync
    await answered(roster, roster.getState().seq);
    for (let i = 1; i <= 3; i++) {
      wall += 5 * MINUTE;
      const before = roster.getState().seq;
      push(i);
      await answered(roster, before);
      expect(roster.getState().error).toBeNull();
    }
    expect(lost).not.toHaveBeenCalled();

    wall += 1 * MINUTE; // 16 minutes since qian's sign-in, her last action
    const before = roster.getState().seq;
    push(4);
    await answered(roster, before);
    expect(lost).toHaveBeenCalledWith(expect.stringContaining('登录已超时'));
    roster.stop();
    unsubscribe();

    expect(sent.map((s) => [s.method, s.background])).toEqual([
      ['session.signIn', null],
      ['roster.today', null], // the first read: the person opening the screen
      ['roster.today', '1'], // the resync when the stream opened
      ['roster.today', '1'],
      ['roster.today', '1'],
      ['roster.today', '1'],
      ['roster.today', '1'],
    ]);
  });

  it("a person's call made while a background read is out is not marked", async () => {
    sent.length = 0;
    const background = api.call('roster.board', {}, { background: true });
    const person = api.call('session.me', {});
    await Promise.all([background, person]);
    expect(sent.map((s) => s.background)).toEqual(['1', null]);
  });
});

describe('the renderer marks its re-reads as background (desktop IPC)', () => {
  it('passes true as the third argument for a background read only, and hears a lost session from any', async () => {
    const bridge = {
      call: vi.fn(async (_m: string, _i?: unknown, _b?: boolean): Promise<unknown> => ({
        ok: false,
        error: { code: 'permission', reason: 'session_expired', message: 'session_expired' },
      })),
    };
    (globalThis as { salesdesk?: unknown }).salesdesk = bridge;
    try {
      const client = createApiClient();
      expect(client.transport).toBe('ipc');
      const lost = vi.fn();
      const unsubscribe = onSessionLost(lost);
      await client.call('roster.today', {});
      await client.call('roster.board', {}, { background: true });
      await client.call('backup.status', {}, { background: false });
      unsubscribe();
      expect(bridge.call.mock.calls).toEqual([
        ['roster.today', {}],
        ['roster.board', {}, true],
        ['backup.status', {}],
      ]);
      expect(lost).toHaveBeenCalledTimes(3);
    } finally {
      delete (globalThis as { salesdesk?: unknown }).salesdesk;
    }
  });
});
