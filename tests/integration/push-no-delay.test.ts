/**
 * Issue 15 point 6 without a wall clock: from "change committed" to "re-read call issued" no timer stands in
 * between, on either path a change takes to another terminal:
 * - web mode: the core's change → src/server/http.ts's GET /api/events stream (real HTTP on port 0) → the
 *   renderer's EventSource source, createChanges (renderer/api/changes.ts) → useApi's machine (createQuery,
 *   renderer/api/query.ts) → the re-read call;
 * - the desktop app: the core process's change → src/core/protocol (serveCore → connectCore over a real
 *   MessageChannel, as main and the utilityProcess) → main's broadcast to a window → the preload bridge source
 *   (bridgeSource) → createChanges → createQuery → the re-read call.
 *
 * setTimeout and setInterval are vi's fake timers from before the push subscription opens until the end, and
 * the test never advances them: a debounce of any length (500 ms, or even 1 ms), a throttle on a timer or a
 * return to polling would keep the re-read from ever being issued, and the test fails at its hang bound
 * (a real timer, captured before faking; a bound for a hang, never a speed limit). There is no debounce on
 * these paths today, so N = 0: the re-read is issued without advancing timers at all (whoever adds one must
 * advance by its N here, and N must stay under the 200 ms). The browser test
 * tests/e2e/pushed-changes.test.ts still logs the time a walk-in takes from one page to the other.
 */
import { request } from 'node:http';
import { MessageChannel } from 'node:worker_threads';
import { afterEach, beforeEach, expect, it, vi } from 'vitest';
import { bridgeSource, createChanges, eventSourceSource } from '../../renderer/api/changes';
import type { ApiResult, CallOptions } from '../../renderer/api/client';
import { createQuery } from '../../renderer/api/query';
import type { ChangeEvent } from '../../src/api/changes';
import { createCore, type Core } from '../../src/core';
import { connectCore, serveCore, type Port } from '../../src/core/protocol';
import { testApp, type TestApp } from '../support/app';
import { onSseBlocks, sseField, startWeb, type TestWeb } from '../support/web';

const realSetTimeout = globalThis.setTimeout;
const realClearTimeout = globalThis.clearTimeout;
const HANG_MS = 60_000;

/** Waits for `done()` over real event-loop turns (I/O, messages, promises), never by advancing a timer. */
async function until(done: () => boolean, what: string): Promise<void> {
  let hung = false;
  const bound = realSetTimeout(() => (hung = true), HANG_MS);
  try {
    while (!done()) {
      if (hung) throw new Error(`${what}: not issued without a timer firing (a debounce, a throttle or a poll on the path?)`);
      await new Promise<void>((resolve) => setImmediate(resolve));
    }
  } finally {
    realClearTimeout(bound);
  }
}

/** The re-reads useApi issues, each answered at once. */
function recordingApi() {
  const calls: { method: string; background: boolean }[] = [];
  const call = (method: string, _input: unknown, options: CallOptions): Promise<ApiResult<unknown>> => {
    calls.push({ method, background: options.background === true });
    return Promise.resolve({ ok: true, value: { method } });
  };
  return { calls, call };
}

const ROSTER = { method: 'roster.today', input: {}, areas: ['roster'] as const, enabled: true };

let t: TestApp;
let core: Core;
beforeEach(async () => {
  t = await testApp({ at: '2026-05-08T09:00:00' });
  core = createCore(t.app, { warn: () => {} });
});
afterEach(async () => {
  vi.useRealTimers();
  await t.close();
});

it('web mode: a change committed through one session is re-read by another page with no timer advanced', async () => {
  const web: TestWeb = await startWeb(core, () => Date.parse('2026-05-08T09:00:00'));
  const streams: { destroy(): void }[] = [];
  try {
    const manager = await web.signIn('mgr');
    const desk = await web.signIn('qian');
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout', 'setInterval', 'clearInterval'] });

    /** The browser's EventSource, over node:http with the desk page's cookie: just what eventSourceSource uses. */
    class PageEventSource {
      static readonly CLOSED = 2;
      readyState = 0;
      onopen: (() => void) | null = null;
      onerror: (() => void) | null = null;
      private readonly handlers = new Map<string, ((e: { data: string }) => void)[]>();
      private readonly req;
      constructor(path: string) {
        this.req = request({ host: '127.0.0.1', port: web.port, path, headers: { Accept: 'text/event-stream', Cookie: desk } }, (res) => {
          if (res.statusCode !== 200) {
            this.readyState = PageEventSource.CLOSED;
            return this.onerror?.();
          }
          this.readyState = 1;
          this.onopen?.();
          onSseBlocks(res, (lines) => {
            const type = sseField(lines, 'event');
            if (type) for (const h of this.handlers.get(type) ?? []) h({ data: sseField(lines, 'data') ?? '' });
          });
        });
        this.req.on('error', () => this.onerror?.());
        this.req.end();
        streams.push(this.req);
      }
      addEventListener(type: string, handler: (e: { data: string }) => void) {
        this.handlers.set(type, [...(this.handlers.get(type) ?? []), handler]);
      }
      close() {
        this.readyState = PageEventSource.CLOSED;
        this.req.destroy();
      }
    }

    const api = recordingApi();
    const changes = createChanges(eventSourceSource('/api/events', PageEventSource as unknown as typeof EventSource));
    const query = createQuery({ call: api.call, changes });
    query.configure(ROSTER);
    // the first read, then the stream's open (a resync re-read): settled before the change
    await until(() => changes.state() === 'open' && api.calls.length >= 2, 'the stream opened');
    await until(() => query.getState().seq > 0 && !query.getState().loading, 'the first read answered');
    const before = api.calls.length;

    let callsAtCommit = -1;
    const off = core.onChange((event: ChangeEvent) => {
      if (event.areas.includes('roster')) callsAtCommit = api.calls.length;
    });
    expect((await web.call(manager, 'roster.start', { order: ['zhang', 'li'] })).json.ok).toBe(true);
    off();
    expect(callsAtCommit).toBe(before); // committed, announced, not yet re-read
    await until(() => api.calls.length > before, 'the re-read after the commit');
    expect(api.calls.slice(before)).toEqual([{ method: 'roster.today', background: true }]);
    query.stop();
  } finally {
    for (const s of streams) s.destroy();
    vi.useRealTimers();
    await web.close();
  }
});

it('the desktop app: a change committed in the core process is re-read by a window with no timer advanced', async () => {
  vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout', 'setInterval', 'clearInterval'] });
  // the core process's end and main's end of the utilityProcess channel: structured-cloned, delivered later
  const { port1, port2 } = new MessageChannel();
  const coreEnd: Port = { post: (m) => port2.postMessage(m), onMessage: (l) => port2.on('message', l) };
  const mainEnd: Port = { post: (m) => port1.postMessage(m), onMessage: (l) => port1.on('message', l) };
  serveCore(coreEnd, async () => core);
  const relay = connectCore(mainEnd);
  try {
    await relay.open({ dbPath: ':memory:' });
    // main's broadcast (webContents.send to every window) and the window's preload onChange, as one listener set
    const windowListeners = new Set<(event: unknown) => void>();
    relay.onChange((event) => {
      for (const l of windowListeners) l(structuredClone(event));
    });
    const api = recordingApi();
    const changes = createChanges(
      bridgeSource((listener) => {
        windowListeners.add(listener);
        return () => windowListeners.delete(listener);
      }),
    );
    const query = createQuery({ call: api.call, changes });
    query.configure(ROSTER);
    await until(() => changes.state() === 'open' && query.getState().seq > 0 && !query.getState().loading, 'the first read answered');
    const before = api.calls.length;

    const started = await relay.dispatch({ staffId: 'mgr' }, 'roster.start', { order: ['zhang', 'li'] });
    expect(started.result.ok).toBe(true);
    await until(() => api.calls.length > before, 'the re-read after the commit');
    expect(api.calls.slice(before)).toEqual([{ method: 'roster.today', background: true }]);
    query.stop();
  } finally {
    port1.close();
    vi.useRealTimers();
  }
});
