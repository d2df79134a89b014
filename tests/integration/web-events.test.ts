/**
 * Web mode's change stream (GET /api/events, Server-Sent Events): a change made through one session reaches
 * another session's open stream; the stream needs a signed-in session and our Host like any API call; it never
 * counts as use of the session, and when the session ends it says so and closes. Real HTTP on port 0, and
 * every wait is for an event to arrive, never for time to pass.
 */
import { request, type IncomingMessage } from 'node:http';
import type { AddressInfo } from 'node:net';
import { resolve } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createCore, type Core } from '../../src/core';
import { createWebServer, memorySessions } from '../../src/server/http';
import { testApp, type TestApp } from '../support/app';
import { onSseBlocks, sseField, startWeb, type TestWeb } from '../support/web';

const MINUTE = 60_000;
let t: TestApp;
let core: Core;
let web: TestWeb;
let wall = Date.parse('2026-05-08T09:00:00');
const open: Stream[] = [];
const call: TestWeb['call'] = (...args) => web.call(...args);
const signIn: TestWeb['signIn'] = (staffId) => web.signIn(staffId);

beforeEach(async () => {
  t = await testApp({ at: '2026-05-08T09:00:00' });
  core = createCore(t.app, { warn: () => {} }); // sign-in's PIN hash is slow on purpose: no trace lines in the test output
  web = await startWeb(core, () => wall);
});
afterEach(async () => {
  for (const s of open.splice(0)) s.close();
  await web.close();
  await t.close();
});

interface Frame {
  event: string;
  data: unknown;
}
interface Stream {
  status: number;
  contentType: string;
  /** the next frame that is not a comment, waiting for it to arrive */
  next(): Promise<Frame>;
  /** resolves when the server ended the stream */
  ended: Promise<void>;
  comments: string[];
  close(): void;
}

/** Opens /api/events as a browser's EventSource would (GET, the cookie, no Origin on a same-origin request). */
function stream(cookie: string | null, headers: Record<string, string> = {}): Promise<Stream> {
  return new Promise((done, failed) => {
    const req = request(
      {
        host: '127.0.0.1',
        port: web.port,
        path: '/api/events',
        headers: { Accept: 'text/event-stream', ...(cookie ? { Cookie: cookie } : {}), ...headers },
      },
      (res: IncomingMessage) => {
        const frames: Frame[] = [];
        const waiting: Array<(f: Frame) => void> = [];
        const comments: string[] = [];
        onSseBlocks(res, (lines) => {
          if (lines.every((l) => l.startsWith(':'))) return void comments.push(...lines);
          const data = sseField(lines, 'data') ?? '';
          const frame = { event: sseField(lines, 'event') ?? '', data: res.statusCode === 200 ? JSON.parse(data) : data };
          const waiter = waiting.shift();
          if (waiter) waiter(frame);
          else frames.push(frame);
        });
        const ended = new Promise<void>((r) => res.on('end', r));
        const s: Stream = {
          status: res.statusCode!,
          contentType: String(res.headers['content-type']),
          next: () => (frames.length > 0 ? Promise.resolve(frames.shift()!) : new Promise((r) => waiting.push(r))),
          ended,
          comments,
          close: () => req.destroy(),
        };
        open.push(s);
        done(s);
      },
    );
    req.on('error', failed);
    req.end();
  });
}

describe('GET /api/events: pushed changes in web mode', () => {
  it("a change made through one session arrives on another session's stream, with its areas and seq", async () => {
    const manager = await signIn('mgr');
    const desk = await signIn('qian');
    const events = await stream(desk);
    expect(events.status).toBe(200);
    expect(events.contentType).toMatch(/^text\/event-stream/);

    expect((await call(manager, 'roster.start', { order: ['zhang', 'li'] })).json.ok).toBe(true);
    const started = await events.next();
    // the two sign-ins before were changes too (their audit rows): seq counts on from them
    expect(started).toEqual({ event: 'change', data: { seq: 3, areas: ['roster', 'audit'] } });

    // a read changes nothing and is not announced: the next frame is the walk-in's
    expect((await call(manager, 'roster.today')).json.ok).toBe(true);
    expect((await call(desk, 'desk.walkIn', { customer: { name: '周杰', phone: '13800000001' } })).json.ok).toBe(true);
    expect(await events.next()).toEqual({
      event: 'change',
      data: { seq: 4, areas: expect.arrayContaining(['roster', 'registrations', 'customers']) },
    });
  });

  it('a refused call is no change: nothing is announced for it', async () => {
    const consultant = await signIn('zhang');
    const manager = await signIn('mgr');
    const events = await stream(manager);
    expect((await call(consultant, 'roster.start', { order: ['zhang'] })).json.error.code).toBe('permission');
    expect((await call(manager, 'roster.start', { order: ['zhang'] })).json.ok).toBe(true);
    expect(await events.next()).toEqual({ event: 'change', data: { seq: 3, areas: ['roster', 'audit'] } });
  });

  it('is refused without a session, with an unknown cookie, from another Host, and from another site', async () => {
    for (const [cookie, headers] of [
      [null, {}],
      ['sd_session=forged', {}],
    ] as const) {
      const s = await stream(cookie, headers);
      expect(s.status).toBe(403);
      expect(s.contentType).toMatch(/^application\/json/);
      await s.ended;
    }
    const cookie = await signIn('qian');
    const rebinding = await stream(cookie, { Host: `evil.example:${web.port}` });
    expect(rebinding.status).toBe(403);
    const crossSite = await stream(cookie, { Origin: 'http://evil.example' });
    expect(crossSite.status).toBe(403);
    await Promise.all([rebinding.ended, crossSite.ended]);
  });

  it('an open stream does not extend the idle session: the sign-out still comes after 15 minutes', async () => {
    const desk = await signIn('qian');
    wall += 10 * MINUTE;
    const events = await stream(desk); // the screen subscribes 10 minutes after the person's last action
    const manager = await signIn('mgr');
    expect((await events.next()).event).toBe('change'); // the manager's sign-in
    wall += 4 * MINUTE;
    expect((await call(manager, 'roster.start', { order: ['zhang'] })).json.ok).toBe(true); // the manager keeps working
    expect((await events.next()).event).toBe('change');
    wall += 2 * MINUTE; // 16 minutes since the desk's person last did anything, the stream open and fed all along
    const expired = await call(desk, 'roster.today');
    expect(expired.status).toBe(403);
    expect(expired.json.error.reason).toBe('session_expired');
    expect(await events.next()).toEqual({ event: 'session', data: { reason: 'session_expired' } });
    await events.ended;
  });

  it('when the idle limit passes, the next change ends the stream with session_expired instead of delivering it', async () => {
    const desk = await signIn('qian');
    const events = await stream(desk);
    wall += 16 * MINUTE;
    const manager = await signIn('mgr'); // a change itself (its audit row): the first one after the limit
    expect(await events.next()).toEqual({ event: 'session', data: { reason: 'session_expired' } });
    expect((await call(manager, 'roster.start', { order: ['zhang'] })).json.ok).toBe(true);
    await events.ended;
    const again = await stream(desk);
    expect(again.status).toBe(403);
  });

  it("signing out ends that session's stream, and only that one", async () => {
    const desk = await signIn('qian');
    const manager = await signIn('mgr');
    const deskEvents = await stream(desk);
    const managerEvents = await stream(manager);
    expect((await call(desk, 'session.signOut')).json.ok).toBe(true);
    expect(await deskEvents.next()).toEqual({ event: 'session', data: { reason: 'session_expired' } });
    await deskEvents.ended;
    expect((await call(manager, 'roster.start', { order: ['zhang'] })).json.ok).toBe(true);
    expect(await managerEvents.next()).toEqual({ event: 'change', data: { seq: 3, areas: ['roster', 'audit'] } });
  });

  it('pings with a comment line so proxies keep the stream open', async () => {
    const desk = await signIn('qian');
    const events = await stream(desk);
    const manager = await signIn('mgr');
    expect((await call(manager, 'roster.start', { order: ['zhang'] })).json.ok).toBe(true);
    await events.next(); // the first comment came before it
    expect(events.comments[0]).toBe(': ping');
  });
  it('a change whose session check was under way when the person signed out writes nothing after the stream ended', async () => {
    // The session store of an office group is a database: a change can wait on it while the page goes away.
    const store = memorySessions();
    let hold: { token: string; release: Promise<void>; reached: () => void } | null = null;
    let reachedHold!: Promise<void>;
    let releaseOnDelete: ((token: string) => void) | null = null;
    const held = {
      ...store,
      // the sign-out's own step, right after it ended the stream: the check's read comes back now
      delete: async (token: string) => {
        releaseOnDelete?.(token);
        return store.delete(token);
      },
      get: async (token: string) => {
        if (hold && hold.token === token) {
          // a read that saw the session just before the sign-out's commit
          const seen = await store.get(token);
          const h = hold;
          hold = null;
          h.reached();
          await h.release;
          return seen;
        }
        return store.get(token);
      },
    };
    const server = createWebServer(core, { staticDir: resolve('dist/renderer'), idleMinutes: 15, now: () => wall, sessions: held });
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
    const port = (server.address() as AddressInfo).port;
    const errors: unknown[] = [];
    const onError = (e: unknown) => errors.push(e);
    process.on('uncaughtException', onError);
    try {
      const post = (cookie: string | null, method: string, input: unknown) =>
        fetch(`http://127.0.0.1:${port}/api/${method}`, {
          method: 'POST',
          headers: { 'Content-Type': 'application/json', Origin: `http://127.0.0.1:${port}`, ...(cookie ? { Cookie: cookie } : {}) },
          body: JSON.stringify(input),
        });
      const signInHere = async (staffId: 'qian' | 'mgr', pin: string) =>
        (await post(null, 'session.signIn', { staffId, pin })).headers.get('set-cookie')!.split(';')[0]!;
      const { PINS } = await import('../support/app');
      const desk = await signInHere('qian', PINS.qian);
      const manager = await signInHere('mgr', PINS.mgr);
      const token = desk.split('=')[1]!;
      let streamEnded!: Promise<void>;
      server.on('request', (req, res) => {
        if (req.url === '/api/events') streamEnded = new Promise<void>((r) => res.once('finish', () => r()));
      });
      const page = await new Promise<{ res: IncomingMessage; req: ReturnType<typeof request> }>((done) => {
        const req = request({ host: '127.0.0.1', port, path: '/api/events', headers: { Cookie: desk } }, (res) => done({ res, req }));
        req.end();
      });
      expect(page.res.statusCode).toBe(200);
      let release!: () => void;
      hold = { token, release: new Promise<void>((r) => (release = r)), reached: () => {} };
      reachedHold = new Promise<void>((r) => (hold!.reached = r));
      expect((await post(manager, 'roster.start', { order: ['zhang'] })).ok).toBe(true);
      await reachedHold; // the stream's check now waits on the store
      releaseOnDelete = (t) => t === token && release();
      // the person signs out at another page meanwhile: their stream is told so and ended
      expect((await (await post(desk, 'session.signOut', {})).json()).ok).toBe(true);
      await streamEnded;
      for (let i = 0; i < 20; i++) await new Promise((r) => setImmediate(r));
      expect(errors).toEqual([]);
    } finally {
      process.off('uncaughtException', onError);
      await new Promise<void>((r) => server.close(() => r()));
    }
  });
});
