/**
 * src/core/protocol: the messages between main and the core process. Both ends over a pair of in-memory
 * ports; each end logs what it cannot read and still answers every call it can tie to a caller.
 */
import { describe, expect, it, vi } from 'vitest';
import type { DispatchOutcome, Session } from '../../src/api/session';
import { createCore, type Core } from '../../src/core';
import { connectCore, CORE_LOST_MESSAGE, type Port, parseFromCore, parseToCore, serveCore } from '../../src/core/protocol';

/** A port whose sent messages are recorded and whose incoming ones the test delivers by hand. */
function handPort() {
  const sent: unknown[] = [];
  let deliver: (m: unknown) => void = () => {};
  const port: Port = { post: (m) => void sent.push(structuredClone(m)), onMessage: (l) => void (deliver = l) };
  return { port, sent, deliver: (m: unknown) => deliver(m) };
}

function fakeCore(
  answer: (method: string) => Promise<DispatchOutcome> = async (method) => ({ result: { ok: true, value: method } }),
): Core {
  return createCore(
    {
      dispatch: vi.fn(async (_s: Session | null, method: string, _input: unknown) => answer(method)),
      methodNames: () => ['roster.start', 'roster.today'],
      readOnlyReason: () => null,
      close: vi.fn(async () => {}),
      dbPath: null,
    },
    { timer: () => 0, warn: vi.fn() },
  );
}

const flush = () => new Promise<void>((r) => setImmediate(r));

describe('the core process end (serveCore)', () => {
  it('opens when asked, says ready with the method list, answers calls by id and forwards change events', async () => {
    const { port, sent, deliver } = handPort();
    const start = vi.fn(async () => fakeCore());
    serveCore(port, start, vi.fn());
    deliver({ type: 'open', dbPath: '/office/salesdesk.sqlite' });
    await flush();
    expect(start).toHaveBeenCalledWith({ dbPath: '/office/salesdesk.sqlite' });
    expect(sent).toEqual([{ type: 'ready', methods: ['roster.start', 'roster.today'], readOnly: null }]);
    deliver({ type: 'call', id: 7, session: { staffId: 'mgr' }, method: 'roster.start', input: {}, background: false });
    await flush();
    expect(sent.slice(1)).toEqual([
      { type: 'change', event: { seq: 1, areas: ['roster', 'audit'] } },
      { type: 'reply', id: 7, outcome: { result: { ok: true, value: 'roster.start' } } },
    ]);
  });

  it.each([
    ['not an object', 'hello'],
    ['null', null],
    ['an array', [1, 2]],
    ['an unknown type', { type: 'drop-tables' }],
    ['a call without an id', { type: 'call', method: 'roster.today', session: null, input: {}, background: false }],
    ['a call with a negative id', { type: 'call', id: -1, method: 'roster.today', session: null, input: {}, background: false }],
    ['an open without a path', { type: 'open' }],
  ])('ignores %s: logged, nothing opened or dispatched, no reply', async (_label, message) => {
    const { port, sent, deliver } = handPort();
    const log = vi.fn();
    const start = vi.fn(async () => fakeCore());
    serveCore(port, start, log);
    deliver(message);
    await flush();
    expect(log).toHaveBeenCalledWith(expect.stringContaining('malformed'));
    expect(start).not.toHaveBeenCalled();
    expect(sent).toEqual([]);
  });

  it.each([
    ['a method that is not a string', { method: 42 }],
    ['a session of the wrong shape', { session: { staffId: 7 } }],
    ['a background flag that is not boolean', { background: 'yes' }],
  ])('answers a call with an id but %s with an error, never dispatching it', async (_label, bad) => {
    const { port, sent, deliver } = handPort();
    const core = fakeCore();
    serveCore(port, async () => core, vi.fn());
    deliver({ type: 'open', dbPath: ':memory:' });
    await flush();
    deliver({ type: 'call', id: 3, session: null, method: 'roster.today', input: {}, background: false, ...bad });
    await flush();
    expect(sent.at(-1)).toEqual({
      type: 'reply',
      id: 3,
      outcome: {
        result: {
          ok: false,
          error: {
            code: 'invalid_state',
            reason: 'internal',
            params: { detail: 'core' },
            message: expect.stringContaining('消息格式不正确'),
          },
        },
      },
    });
    expect(core.app.dispatch).not.toHaveBeenCalled();
  });

  it('a call before the office is open, or during the quit, is answered, not dispatched; open failures are told', async () => {
    const { port, sent, deliver } = handPort();
    serveCore(port, async () => Promise.reject(new Error('数据库组件不是为桌面版编译的')), vi.fn());
    deliver({ type: 'call', id: 1, session: null, method: 'roster.today', input: {}, background: false });
    deliver({ type: 'open', dbPath: '/x.sqlite' });
    await flush();
    deliver({ type: 'quit' });
    deliver({ type: 'call', id: 2, session: null, method: 'roster.today', input: {}, background: false });
    await flush();
    expect(sent).toEqual([
      {
        type: 'reply',
        id: 1,
        outcome: {
          result: { ok: false, error: { code: 'invalid_state', reason: 'core_opening', message: expect.stringContaining('尚未打开') } },
        },
      },
      { type: 'open-failed', message: '数据库组件不是为桌面版编译的' },
      {
        type: 'reply',
        id: 2,
        outcome: {
          result: { ok: false, error: { code: 'invalid_state', reason: 'core_quitting', message: expect.stringContaining('正在退出') } },
        },
      },
      { type: 'closed' },
    ]);
  });
});

describe('the main process end (connectCore)', () => {
  it('ignores malformed messages and replies nobody waits for, logging each; the waiting call still gets its answer', async () => {
    const { port, sent, deliver } = handPort();
    const log = vi.fn();
    const client = connectCore(port, log);
    const answer = client.dispatch(null, 'roster.today', {});
    expect(sent).toEqual([{ type: 'call', id: 1, session: null, method: 'roster.today', input: {}, background: false }]);
    for (const bad of [
      'x',
      { type: 'reply', id: 1, outcome: { result: 'yes' } },
      { type: 'reply', id: 99, outcome: { result: { ok: true, value: 1 } } },
      { type: 'change', event: { seq: 'one', areas: [] } },
      { type: 'mystery' },
    ])
      deliver(bad);
    expect(log).toHaveBeenCalledTimes(5);
    deliver({ type: 'reply', id: 1, outcome: { result: { ok: true, value: 'today' } } });
    await expect(answer).resolves.toEqual({ result: { ok: true, value: 'today' } });
  });

  it('when the core is lost, waiting and later calls get CORE_LOST_MESSAGE, open rejects and quit resolves', async () => {
    const { port, deliver } = handPort();
    const client = connectCore(port, vi.fn());
    const opening = client.open({ dbPath: '/x.sqlite' });
    const waiting = client.dispatch(null, 'roster.today', {});
    client.lost();
    const lost = { result: { ok: false, error: { code: 'invalid_state', reason: 'core_lost', message: CORE_LOST_MESSAGE } } };
    await expect(waiting).resolves.toEqual(lost);
    await expect(client.dispatch(null, 'roster.today', {})).resolves.toEqual(lost);
    await expect(opening).rejects.toThrow(CORE_LOST_MESSAGE);
    await expect(client.quit()).resolves.toBeUndefined();
    deliver({ type: 'reply', id: 1, outcome: { result: { ok: true, value: 'late' } } }); // too late: nothing breaks
    expect(client.alive).toBe(false);
  });

  it('both ends together: open, a call, its change event, quit', async () => {
    const toCore = handPort();
    const toMain = handPort();
    // wire the two hand ports into one channel
    const core = fakeCore();
    serveCore({ post: (m) => toMain.deliver(structuredClone(m)), onMessage: toCore.port.onMessage }, async () => core, vi.fn());
    const client = connectCore({ post: (m) => toCore.deliver(structuredClone(m)), onMessage: toMain.port.onMessage }, vi.fn());
    await expect(client.open({ dbPath: '/x.sqlite' })).resolves.toEqual({ methods: ['roster.start', 'roster.today'], readOnly: null });
    const events: unknown[] = [];
    client.onChange((e) => events.push(e));
    await expect(client.dispatch({ staffId: 'mgr' }, 'roster.start', {}, { background: true })).resolves.toEqual({
      result: { ok: true, value: 'roster.start' },
    });
    expect(events).toEqual([{ seq: 1, areas: ['roster', 'audit'] }]);
    await client.quit();
    expect(core.app.close).toHaveBeenCalledTimes(1);
  });
});

describe('message shapes', () => {
  it('parseToCore and parseFromCore keep only the fields they know', () => {
    expect(parseToCore({ type: 'quit', extra: 1 })).toEqual({ type: 'quit' });
    expect(parseToCore({ type: 'open', dbPath: '/a', nativeBinding: 5 })).toMatchObject({ malformed: expect.any(String) });
    expect(parseFromCore({ type: 'ready', methods: ['a', 1], readOnly: null })).toMatchObject({ malformed: expect.any(String) });
    expect(parseFromCore({ type: 'reply', id: 1, outcome: { result: { ok: true, value: 1 }, session: { staffId: 'x' } } })).toEqual({
      type: 'reply',
      id: 1,
      outcome: { result: { ok: true, value: 1 }, session: { staffId: 'x' } },
    });
  });

  it("a call carries the desk station's session and its acting person; a malformed one is answered as malformed", () => {
    const station = { staffId: 'qian', epoch: 0, station: { day: '2026-05-08' } };
    const call = {
      type: 'call',
      id: 3,
      session: station,
      method: 'desk.walkIn',
      input: {},
      background: false,
      actingAs: { staffId: 'qian', pin: '1234' },
    };
    expect(parseToCore(call)).toEqual(call);
    expect(parseToCore({ ...call, actingAs: { staffId: 'qian' } })).toEqual({ malformed: 'call with bad fields', id: 3 });
    expect(parseToCore({ ...call, session: { ...station, station: { day: 5 } } })).toEqual({ malformed: 'call with bad fields', id: 3 });
    const { actingAs: _none, ...plain } = call;
    expect(parseToCore(plain)).toEqual(plain);
  });
});
