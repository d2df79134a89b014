// @vitest-environment node
import { describe, expect, it, vi } from 'vitest';
import type { ApiResult } from '../../src/api/errors';
import type { DispatchOutcome, Session } from '../../src/api/session';
import { CALL_CHANNEL, CHANGE_CHANNEL, createCallHandler, type ApiBackend, type CallEvent } from '../../electron/ipc';
import { isAppPageUrl } from '../../electron/security';
import { FakeWebContents, fakeElectron } from './fake-electron';

// Only for the preload test below: ipc.ts itself imports nothing from electron at run time.
vi.mock('electron', async () => (await import('./fake-electron')).fakeElectron);

const APP_URL = 'app://salesdesk/index.html#/desk';

/** A fake App: answers by method name and records who asked what. */
function fakeBackend(answers: Record<string, (session: Session | null, input: unknown) => DispatchOutcome> = {}) {
  const calls: Array<{ session: Session | null; method: string; input: unknown }> = [];
  const backend: ApiBackend = {
    methodNames: () => ['auth.signIn', 'auth.signOut', 'desk.lookup', ...Object.keys(answers)],
    dispatch: vi.fn(
      async (session: Session | null, method: string, input: unknown, _options?: { background?: boolean }): Promise<DispatchOutcome> => {
        calls.push({ session, method, input });
        if (method === 'auth.signIn')
          return { result: { ok: true, value: 'signed in' }, session: { staffId: String((input as { staffId: string }).staffId) } };
        if (method === 'auth.signOut') return { result: { ok: true, value: null }, session: null };
        const answer = answers[method];
        if (answer) return answer(session, input);
        return { result: { ok: true, value: { method, input, actingAs: session?.staffId ?? null } } };
      },
    ),
  };
  return { backend, calls };
}

function eventFrom(contents: FakeWebContents, url: string | null = APP_URL, parent: unknown = null): CallEvent {
  return { sender: contents as unknown as CallEvent['sender'], senderFrame: url === null ? null : { url, parent } };
}

function setup(answers?: Parameters<typeof fakeBackend>[0]) {
  const { backend, calls } = fakeBackend(answers);
  const log = vi.fn();
  const handler = createCallHandler({ backend, isTrustedUrl: isAppPageUrl, log });
  return { backend, calls, handler, log };
}

describe('salesdesk:call handler', () => {
  it('uses the channels the preload invokes and listens on', () => {
    expect(CALL_CHANNEL).toBe('salesdesk:call');
    expect(CHANGE_CHANNEL).toBe('salesdesk:change');
  });

  it('tells the core whether a call is background (for the slow-call trace), only for a literal true', async () => {
    const { handler, backend } = setup();
    const desk = new FakeWebContents();
    await handler(eventFrom(desk), 'desk.lookup', {}, true);
    await handler(eventFrom(desk), 'desk.lookup', {}, 'yes');
    expect(vi.mocked(backend.dispatch).mock.calls.map((c) => c[3])).toEqual([{ background: true }, { background: false }]);
  });

  it('forwards method and input to dispatch and returns its result unchanged', async () => {
    const { handler, calls } = setup();
    const input = { phone: '13800138000' };
    const result = await handler(eventFrom(new FakeWebContents()), 'desk.lookup', input);
    expect(calls).toEqual([{ session: null, method: 'desk.lookup', input }]);
    expect(result).toEqual({ ok: true, value: { method: 'desk.lookup', input, actingAs: null } });
  });

  it('applies session changes per window: sign-in, unchanged, sign-out', async () => {
    const { handler, calls } = setup();
    const desk = new FakeWebContents();
    const board = new FakeWebContents();

    await handler(eventFrom(desk), 'auth.signIn', { staffId: 'staff-7' });
    await handler(eventFrom(desk), 'desk.lookup', { phone: '1' });
    await handler(eventFrom(desk), 'desk.lookup', { phone: '2' }); // session undefined = unchanged
    await handler(eventFrom(board), 'desk.lookup', { phone: '3' });
    await handler(eventFrom(desk), 'auth.signOut', {});
    await handler(eventFrom(desk), 'desk.lookup', { phone: '4' });

    expect(calls.map((c) => [c.method, c.session?.staffId ?? null])).toEqual([
      ['auth.signIn', null],
      ['desk.lookup', 'staff-7'],
      ['desk.lookup', 'staff-7'],
      ['desk.lookup', null], // another window does not inherit the desk's sign-in
      ['auth.signOut', 'staff-7'],
      ['desk.lookup', null],
    ]);
  });

  it("ends a window's session after 15 idle minutes: the next call is refused until someone signs in", async () => {
    const { backend, calls } = fakeBackend();
    let wall = 1_000_000;
    const handler = createCallHandler({ backend, isTrustedUrl: isAppPageUrl, log: vi.fn(), now: () => wall });
    const desk = new FakeWebContents();
    await handler(eventFrom(desk), 'auth.signIn', { staffId: 'staff-7' });
    wall += 14 * 60_000;
    await handler(eventFrom(desk), 'desk.lookup', { phone: '1' }); // still active: resets the idle clock
    wall += 15 * 60_000 + 1;
    const expired = await handler(eventFrom(desk), 'desk.lookup', { phone: '2' });
    expect(expired).toMatchObject({ ok: false, error: { code: 'permission' } });
    await handler(eventFrom(desk), 'desk.lookup', { phone: '3' });
    expect(calls.map((c) => [c.method, c.session?.staffId ?? null])).toEqual([
      ['auth.signIn', null],
      ['desk.lookup', 'staff-7'],
      ['desk.lookup', null],
    ]);
  });

  it('background calls (the timed polls) never extend the session, and are refused once it ended', async () => {
    const { backend, calls } = fakeBackend();
    let wall = 1_000_000;
    const handler = createCallHandler({ backend, isTrustedUrl: isAppPageUrl, log: vi.fn(), now: () => wall });
    const desk = new FakeWebContents();
    await handler(eventFrom(desk), 'auth.signIn', { staffId: 'staff-7' });
    for (let i = 0; i < 3; i++) {
      wall += 5 * 60_000;
      expect(await handler(eventFrom(desk), 'desk.lookup', { poll: i }, true)).toMatchObject({ ok: true });
    }
    wall += 60_000; // 16 minutes since the person's last call
    const expired = await handler(eventFrom(desk), 'desk.lookup', { poll: 3 }, true);
    expect(expired).toMatchObject({ ok: false, error: { code: 'permission', reason: 'session_expired' } });
    await handler(eventFrom(desk), 'desk.lookup', { person: true });
    expect(calls.map((c) => [c.method, c.session?.staffId ?? null])).toEqual([
      ['auth.signIn', null],
      ['desk.lookup', 'staff-7'],
      ['desk.lookup', 'staff-7'],
      ['desk.lookup', 'staff-7'],
      ['desk.lookup', null],
    ]);
  });

  it("the preload passes a poll's background flag on to this handler, and nothing extra for a person's call", async () => {
    await import('../../electron/preload');
    const [, bridge] = fakeElectron.contextBridge.exposeInMainWorld.mock.calls[0] as unknown as [
      string,
      { call: (m: string, i?: unknown, b?: boolean) => Promise<unknown> },
    ];
    await bridge.call('roster.today', {}, true);
    await bridge.call('desk.lookup', { phone: '1' });
    expect(fakeElectron.ipcRenderer.invoke.mock.calls).toEqual([
      [CALL_CHANNEL, 'roster.today', {}, true],
      [CALL_CHANNEL, 'desk.lookup', { phone: '1' }],
    ]);
  });

  it("the preload passes the desk station's acting person as the fourth argument, with the background flag beside it", async () => {
    await import('../../electron/preload');
    const [, bridge] = fakeElectron.contextBridge.exposeInMainWorld.mock.calls[0] as unknown as [
      string,
      { call: (m: string, i?: unknown, b?: boolean, a?: unknown) => Promise<unknown> },
    ];
    fakeElectron.ipcRenderer.invoke.mockClear();
    await bridge.call('desk.walkIn', { x: 1 }, false, { staffId: 'qian', pin: '1234' });
    expect(fakeElectron.ipcRenderer.invoke.mock.calls).toEqual([
      [CALL_CHANNEL, 'desk.walkIn', { x: 1 }, false, { staffId: 'qian', pin: '1234' }],
    ]);
  });

  it("a person's calls still extend it; only a literal true marks a call background", async () => {
    const { backend } = fakeBackend();
    let wall = 1_000_000;
    const handler = createCallHandler({ backend, isTrustedUrl: isAppPageUrl, log: vi.fn(), now: () => wall });
    const desk = new FakeWebContents();
    await handler(eventFrom(desk), 'auth.signIn', { staffId: 'staff-7' });
    wall += 10 * 60_000;
    await handler(eventFrom(desk), 'desk.lookup', {}, 'yes'); // not `true`: counts as the person
    wall += 10 * 60_000;
    expect(await handler(eventFrom(desk), 'desk.lookup', {}, true)).toMatchObject({ ok: true, value: { actingAs: 'staff-7' } });
  });

  it("forgets a window's session when it is destroyed", async () => {
    const { handler, calls } = setup();
    const desk = new FakeWebContents();
    await handler(eventFrom(desk), 'auth.signIn', { staffId: 'staff-1' });
    expect(desk.listenerCount('destroyed')).toBe(1);
    desk.emit('destroyed');
    await handler(eventFrom(desk), 'desk.lookup', {});
    expect(calls.at(-1)?.session).toBeNull();
  });

  it.each([['no.such.method'], ['__proto__'], ['constructor'], ['toString'], [42], [null], [{ method: 'desk.lookup' }]])(
    'rejects unknown method %j with not_found and never dispatches',
    async (method) => {
      const { handler, backend } = setup();
      const result = (await handler(eventFrom(new FakeWebContents()), method, {})) as Extract<ApiResult<unknown>, { ok: false }>;
      expect(result.ok).toBe(false);
      expect(result.error.code).toBe('not_found');
      expect(result.error.reason).toBe('unknown_method'); // the renderer words it
      expect(backend.dispatch).not.toHaveBeenCalled();
    },
  );

  it.each([
    ['a foreign page', 'https://evil.example/', null],
    ['a local file', 'file:///work/main/dist/renderer/index.html', null],
    ['another app:// host', 'app://evil/index.html', null],
    ['a subframe of our page', APP_URL, { url: APP_URL }],
    ['a frame that is gone', null, null],
  ])('refuses %s as sender and never dispatches', async (_label, url, parent) => {
    const { handler, backend, log } = setup();
    const result = (await handler(eventFrom(new FakeWebContents(), url, parent), 'desk.lookup', {})) as Extract<
      ApiResult<unknown>,
      { ok: false }
    >;
    expect(result).toMatchObject({ ok: false, error: { code: 'permission', reason: 'untrusted_caller' } });
    expect(backend.dispatch).not.toHaveBeenCalled();
    expect(log).toHaveBeenCalled();
  });

  it('refuses a frame whose url getter throws (disposed frame)', async () => {
    const { handler, backend } = setup();
    const frame = {
      parent: null,
      get url(): string {
        throw new Error('Render frame was disposed');
      },
    };
    const result = await handler(
      { sender: new FakeWebContents() as unknown as CallEvent['sender'], senderFrame: frame },
      'desk.lookup',
      {},
    );
    expect(result.ok).toBe(false);
    expect(backend.dispatch).not.toHaveBeenCalled();
  });

  it('turns a thrown bug into an ordinary error answer, keeping coded errors', async () => {
    const { handler, log } = setup({
      'boom.plain': () => {
        throw new TypeError('x is undefined');
      },
      'boom.coded': () => {
        throw Object.assign(new Error('该客户已被其他顾问登记'), { code: 'conflict' });
      },
    });
    const plain = await handler(eventFrom(new FakeWebContents()), 'boom.plain', {});
    expect(plain).toMatchObject({ ok: false, error: { code: 'invalid_state', reason: 'internal' } });
    expect(JSON.stringify(plain)).not.toContain('x is undefined'); // internals stay in the log
    expect(log).toHaveBeenCalledWith(expect.stringContaining('boom.plain'), expect.any(TypeError));

    const coded = await handler(eventFrom(new FakeWebContents()), 'boom.coded', {});
    expect(coded).toEqual({ ok: false, error: { code: 'conflict', reason: 'legacy', message: '该客户已被其他顾问登记' } });
  });
});
