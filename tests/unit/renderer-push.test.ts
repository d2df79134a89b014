/**
 * The renderer's pushed changes and the state machine behind useApi (renderer/api/changes.ts, query.ts),
 * with a fake push source, a fake API whose answers the test releases one by one, and hand-run timers:
 * a stale reply is dropped, a push re-reads in the background, reads coalesce, stopping unsubscribes, a
 * reconnection resyncs, a session's end is announced, and the lobby's fallback reads run only while no
 * stream is open. No clock and no sleeps: every step waits for the state it needs.
 */
import { describe, expect, it, vi } from 'vitest';
import type { ApiResult, CallOptions } from '../../renderer/api/client';
import { onSessionLost } from '../../renderer/api/client';
import {
  asChangeEvent,
  bridgeSource,
  createChanges,
  eventSourceSource,
  type PushSink,
  type PushSource,
  type Timers,
} from '../../renderer/api/changes';
import { createQuery, nextSeq, type QueryConfig, shownFor, stableJson } from '../../renderer/api/query';
import { useRoster } from '../../renderer/stores/roster';
import type { RosterView } from '../../renderer/api/types';
import type { Area } from '../../src/api/changes';

/** Lets every settled promise's callbacks run (a macrotask turn: all microtasks before it have run). */
const settle = () => new Promise<void>((resolve) => setImmediate(resolve));

/** Timers the test runs by hand: `run()` fires every timer due by the hand-moved clock. */
function manualTimers() {
  let now = 0;
  let id = 0;
  const due = new Map<number, { at: number; run: () => void }>();
  const timers: Timers & { advance(ms: number): void; pending(): number[] } = {
    setTimeout(run, ms) {
      due.set(++id, { at: now + ms, run });
      return id;
    },
    clearTimeout(handle) {
      due.delete(handle as number);
    },
    advance(ms) {
      now += ms;
      for (;;) {
        const next = [...due.entries()].filter(([, t]) => t.at <= now).sort((a, b) => a[1].at - b[1].at)[0];
        if (!next) return;
        due.delete(next[0]);
        next[1].run();
      }
    },
    pending: () => [...due.values()].map((t) => t.at - now),
  };
  return timers;
}

/** A push source the test drives: `sink` is the live connection's, `connects`/`stops` count them. */
function fakeSource() {
  const src = {
    sink: null as PushSink | null,
    connects: 0,
    stops: 0,
    /** the desktop bridge opens at once; EventSource opens later */
    opensAtOnce: false,
    connect(sink: PushSink) {
      src.connects++;
      src.sink = sink;
      if (src.opensAtOnce) sink.open();
      return () => {
        src.stops++;
        if (src.sink === sink) src.sink = null;
      };
    },
    change: (areas: Area[], seq = 1) => src.sink!.change({ seq, areas }),
  };
  return src satisfies PushSource;
}

interface Asked {
  method: string;
  input: unknown;
  background: boolean;
  answer(r: ApiResult<unknown>): void;
}

/** An API whose every call waits until the test answers it. */
function fakeApi() {
  const asked: Asked[] = [];
  return {
    asked,
    call(method: string, input: unknown, options: CallOptions): Promise<ApiResult<unknown>> {
      return new Promise((resolve) => asked.push({ method, input, background: options.background === true, answer: resolve }));
    },
    /** answers the oldest unanswered call with this value */
    async reply(value: unknown) {
      const next = asked.find((a) => !(a as { done?: boolean }).done);
      if (!next) throw new Error('no call is waiting');
      (next as { done?: boolean }).done = true;
      next.answer({ ok: true, value });
      await settle();
    },
    async fail(message = 'down') {
      const next = asked.find((a) => !(a as { done?: boolean }).done)!;
      (next as { done?: boolean }).done = true;
      next.answer({ ok: false, error: { code: 'invalid_state', reason: 'legacy', message } });
      await settle();
    },
    waiting: () => asked.filter((a) => !(a as { done?: boolean }).done).length,
  };
}

function setup(opts: { opensAtOnce?: boolean } = {}) {
  const timers = manualTimers();
  const source = fakeSource();
  source.opensAtOnce = opts.opensAtOnce ?? false;
  const changes = createChanges(source, timers);
  const api = fakeApi();
  const query = createQuery<unknown>({ call: api.call, changes, timers });
  const roster = (input: unknown = {}, more: Partial<QueryConfig> = {}): QueryConfig => ({
    method: 'roster.today',
    input,
    areas: ['roster'],
    enabled: true,
    ...more,
  });
  return { timers, source, changes, api, query, roster };
}

describe('useApi core: stale replies', () => {
  it('drops the reply to an input since changed, and reads the new one after it (one request at a time)', async () => {
    const { api, query } = setup();
    query.configure({ method: 'customer.get', input: { id: 1 }, areas: ['customers'], enabled: true });
    expect(query.getState().loading).toBe(true);
    query.configure({ method: 'customer.get', input: { id: 2 }, areas: ['customers'], enabled: true });
    expect(api.waiting()).toBe(1); // the second waits for the first
    await api.reply({ name: 'customer 1' });
    expect(query.getState().data).toBeUndefined();
    expect(query.getState().loading).toBe(true);
    expect(api.asked.map((a) => a.input)).toEqual([{ id: 1 }, { id: 2 }]);
    await api.reply({ name: 'customer 2' });
    expect(query.getState()).toMatchObject({ data: { name: 'customer 2' }, loading: false, error: null });
  });

  it('compares the input by value: a new object with the same fields reads nothing again', async () => {
    const { api, query, roster } = setup();
    query.configure(roster({ a: 1, b: [1, 2] }));
    await api.reply('first');
    query.configure(roster({ b: [1, 2], a: 1 }));
    expect(api.asked).toHaveLength(1);
    expect(stableJson({ b: { y: 1, x: 2 }, a: 1 })).toBe(stableJson({ a: 1, b: { x: 2, y: 1 } }));
    expect(stableJson([2, 1])).not.toBe(stableJson([1, 2]));
  });

  it('keeps the shown object when an answer is equal (nothing re-renders), and the last data after a failure', async () => {
    const { api, query, roster, source, timers } = setup();
    query.configure(roster());
    timers.advance(0);
    await api.reply({ queue: ['zhang'] });
    const first = query.getState().data;
    let renders = 0;
    query.subscribe(() => renders++);
    source.sink!.open();
    await api.reply({ queue: ['zhang'] });
    expect(query.getState().data).toBe(first);
    source.change(['roster']);
    await api.fail('network');
    expect(query.getState()).toMatchObject({ data: first, error: { message: 'network' }, failures: 1 });
    source.change(['roster'], 2);
    await api.reply({ queue: ['li'] });
    expect(query.getState()).toMatchObject({ data: { queue: ['li'] }, error: null, failures: 0 });
    expect(renders).toBe(3); // the seq of the equal answer, the failure, the new answer
  });
});

describe('useApi core: keepPrevious (a filtered list that does not blank)', () => {
  const audit = (input: unknown, more: Partial<QueryConfig> = {}): QueryConfig => ({
    method: 'audit.list',
    input,
    areas: ['audit'],
    enabled: true,
    keepPrevious: true,
    ...more,
  });

  it("keeps the previous input's answer shown, loading, until the new input's answer; a reply to an input passed over is still dropped", async () => {
    const { api, query } = setup();
    query.configure(audit({ limit: 200 }));
    await api.reply(['a1']);
    const first = query.getState();
    expect(first).toMatchObject({ data: ['a1'], loading: false });
    query.configure(audit({ limit: 200, actor: 'li' }));
    expect(query.getState()).toMatchObject({ data: ['a1'], loading: true, error: null, seq: first.seq });
    query.configure(audit({ limit: 200, actor: 'wang' }));
    await api.reply(['li']); // answers an input since changed: not shown, the previous answer stays
    expect(query.getState()).toMatchObject({ data: ['a1'], loading: true });
    await api.reply(['wang']);
    expect(query.getState()).toMatchObject({ data: ['wang'], loading: false });
    expect(api.asked.map((a) => a.input)).toEqual([{ limit: 200 }, { limit: 200, actor: 'li' }, { limit: 200, actor: 'wang' }]);
  });

  it("clears the previous input's error (it answered the other question); without keepPrevious nothing is kept; enabled: false shows nothing", async () => {
    const { api, query, source } = setup({ opensAtOnce: true });
    query.configure(audit({ limit: 200 }));
    await api.reply(['a1']);
    source.change(['audit']);
    await api.fail('network');
    expect(query.getState()).toMatchObject({ data: ['a1'], failures: 1 });
    query.configure(audit({ limit: 1000 }));
    expect(query.getState()).toMatchObject({ data: ['a1'], error: null, failures: 0, loading: true });
    await api.reply(['a1', 'a2']);
    query.configure(audit({ limit: 200 }, { keepPrevious: false }));
    expect(query.getState()).toMatchObject({ data: undefined, loading: true });
    await api.reply(['a1']);
    query.configure(audit({ limit: 200 }, { enabled: false }));
    expect(query.getState().data).toBeUndefined();
  });

  it("the render before the effect moved the query (shownFor): the query's state when it answers the key; else nothing, or the previous answer with keepPrevious", () => {
    const answered = {
      data: ['a1'],
      error: { code: 'invalid_state', reason: 'legacy', message: 'x' } as const,
      loading: false,
      seq: 7,
      failures: 2,
    };
    expect(shownFor(answered, 'k1', 'k1', { enabled: true })).toBe(answered);
    expect(shownFor(answered, 'k1', 'k2', { enabled: true })).toEqual({ data: undefined, error: null, loading: true, seq: 0, failures: 0 });
    expect(shownFor(answered, 'k1', 'k2', { enabled: true, keepPrevious: true })).toEqual({
      data: ['a1'],
      error: null,
      loading: true,
      seq: 7,
      failures: 0,
    });
    expect(shownFor(answered, 'k1', 'off', { enabled: false, keepPrevious: true })).toEqual({
      data: undefined,
      error: null,
      loading: false,
      seq: 0,
      failures: 0,
    });
    // a stopped query (currentKey null) holds nothing to keep
    expect(shownFor(answered, null, 'k1', { enabled: true, keepPrevious: true }).data).toBeUndefined();
  });
});

describe('useApi core: reload() settles on an answer sent after it (a dialog closes on the list as it now is)', () => {
  /** whether a promise has settled, after letting every callback run */
  const settled = async (p: Promise<void>) => {
    let done = false;
    void p.then(() => (done = true));
    await settle();
    return done;
  };

  it('waits past a read already on its way: only the answer to the read sent after the call settles it', async () => {
    const { api, query, roster, source } = setup({ opensAtOnce: true });
    query.configure(roster());
    await api.reply('v1');
    source.change(['roster']); // a push re-read is out, sent before the person's change
    const reloaded = query.reload();
    await api.reply('v2-before-the-change');
    expect(await settled(reloaded)).toBe(false);
    await api.reply('v3');
    expect(await settled(reloaded)).toBe(true);
    expect(query.getState().data).toBe('v3');
  });

  it('a refusal settles it too (the screen shows the refusal); stopped or disabled: at once; stop or another input releases a waiting one', async () => {
    const { api, query, roster } = setup();
    query.configure(roster());
    await api.reply('v1');
    const refused = query.reload();
    await api.fail('refused');
    expect(await settled(refused)).toBe(true);

    const moved = query.reload();
    query.configure(roster({ day: '2026-03-02' }));
    expect(await settled(moved)).toBe(true);
    await api.reply('late');
    await api.reply('v-day');

    const stopped = query.reload();
    query.stop();
    expect(await settled(stopped)).toBe(true);
    expect(await settled(query.reload())).toBe(true);
    query.configure(roster({}, { enabled: false }));
    expect(await settled(query.reload())).toBe(true);
  });
});

describe('useApi core: pushed changes', () => {
  it('a change naming one of its areas re-reads as a background call; other areas read nothing', async () => {
    const { api, query, roster, source } = setup({ opensAtOnce: true });
    query.configure(roster());
    await api.reply('v1');
    source.change(['deals', 'audit']);
    await settle();
    expect(api.asked).toHaveLength(1);
    source.change(['audit', 'roster']);
    await api.reply('v2');
    expect(api.asked.map((a) => [a.method, a.background])).toEqual([
      ['roster.today', false],
      ['roster.today', true],
    ]);
    expect(query.getState()).toMatchObject({ data: 'v2', loading: false });
  });

  it('another site’s change (site named) re-reads only a query that asked for every site (the group screen)', async () => {
    const { api, query, roster, source, changes } = setup({ opensAtOnce: true });
    const group = createQuery<unknown>({ call: api.call, changes, timers: manualTimers() });
    query.configure(roster());
    await api.reply('site v1');
    group.configure(roster({}, { method: 'group.statements', everySite: true }));
    await api.reply('group v1');
    source.sink!.change({ seq: 2, areas: ['roster'], site: 'b' });
    await settle();
    expect(api.asked.map((a) => [a.method, a.background])).toEqual([
      ['roster.today', false],
      ['group.statements', false],
      ['group.statements', true],
    ]);
    await api.reply('group v2');
    // the site's own change re-reads both
    source.change(['roster'], 3);
    await settle();
    expect(
      api.asked
        .slice(3)
        .map((a) => a.method)
        .sort(),
    ).toEqual(['group.statements', 'roster.today']);
    // a change every site hears (EVERY_SITE, as the desktop relays it) re-reads the site's own query too
    await api.reply('group v3');
    await api.reply('site v3');
    source.sink!.change({ seq: 4, areas: ['roster'], site: '*' });
    await settle();
    expect(
      api.asked
        .slice(5)
        .map((a) => a.method)
        .sort(),
    ).toEqual(['group.statements', 'roster.today']);
    // and the stream's text carries the site through (asChangeEvent)
    expect(asChangeEvent({ seq: 4, areas: ['deals'], site: 'b' })).toEqual({ seq: 4, areas: ['deals'], site: 'b' });
    expect(asChangeEvent({ seq: 4, areas: ['deals'] })).toEqual({ seq: 4, areas: ['deals'] });
  });

  it('a terminal that chose site b hears a change the desktop relays as b’s (its own), not c’s', async () => {
    vi.stubGlobal('localStorage', { getItem: (k: string) => (k === 'salesdesk.site' ? 'b' : null) });
    try {
      const { api, query, roster, source } = setup({ opensAtOnce: true });
      query.configure(roster());
      await api.reply('v1');
      source.sink!.change({ seq: 2, areas: ['roster'], site: 'c' });
      await settle();
      expect(api.asked).toHaveLength(1);
      source.sink!.change({ seq: 3, areas: ['roster'], site: 'b' });
      await settle();
      expect(api.asked.map((a) => [a.method, a.background])).toEqual([
        ['roster.today', false],
        ['roster.today', true],
      ]);
    } finally {
      vi.unstubAllGlobals();
    }
  });

  it('coalesces: at most one request in flight plus one pending re-read, however many pushes come', async () => {
    const { api, query, roster, source } = setup({ opensAtOnce: true });
    query.configure(roster());
    await api.reply('v1');
    source.change(['roster'], 1);
    for (let seq = 2; seq <= 6; seq++) source.change(['roster'], seq);
    expect(api.waiting()).toBe(1);
    await api.reply('v2');
    expect(api.asked).toHaveLength(3);
    await api.reply('v3');
    expect(api.asked).toHaveLength(3);
    expect(query.getState().data).toBe('v3');
  });

  it("a person's reload while a push re-read is out is sent after it, not as background, and shows loading", async () => {
    const { api, query, roster, source } = setup({ opensAtOnce: true });
    query.configure(roster());
    await api.reply('v1');
    source.change(['roster']);
    expect(query.getState().loading).toBe(false);
    query.reload();
    source.change(['roster'], 2);
    expect(query.getState().loading).toBe(true);
    await api.reply('v2');
    expect(query.getState().loading).toBe(true);
    await api.reply('v3');
    expect(api.asked.map((a) => a.background)).toEqual([false, true, false]);
    expect(query.getState()).toMatchObject({ data: 'v3', loading: false });
  });

  it('`background: true` marks every read, the first too', async () => {
    const { api, query, roster } = setup({ opensAtOnce: true });
    query.configure(roster({}, { method: 'roster.board', background: true }));
    query.reload();
    await api.reply('b1');
    await api.reply('b2');
    expect(api.asked.map((a) => a.background)).toEqual([true, true]);
  });

  it('stopping (unmount) unsubscribes: no more reads, and the stream closes when nobody listens', async () => {
    const { api, query, roster, source, changes, timers } = setup({ opensAtOnce: true });
    query.configure(roster());
    await api.reply('v1');
    expect(changes.state()).toBe('open');
    query.stop();
    timers.advance(0);
    expect(source.stops).toBe(1);
    expect(changes.state()).toBe('idle');
    expect(source.sink).toBeNull();
    query.reload();
    expect(api.asked).toHaveLength(1);
  });

  it('an answer arriving after stop changes nothing; configure again starts again (StrictMode remount)', async () => {
    const { api, query, roster, source, timers } = setup({ opensAtOnce: true });
    query.configure(roster());
    query.stop();
    timers.advance(0);
    await api.reply('late');
    expect(query.getState().data).toBeUndefined();
    query.configure(roster());
    await api.reply('v1');
    expect(query.getState().data).toBe('v1');
    source.change(['roster']);
    expect(api.waiting()).toBe(1);
  });

  it('disabled: no request and no subscription', async () => {
    const { api, query, roster, source, timers } = setup({ opensAtOnce: true });
    query.configure(roster({}, { enabled: false }));
    timers.advance(0);
    expect(api.asked).toHaveLength(0);
    expect(source.connects).toBe(0);
    expect(query.getState().loading).toBe(false);
    query.configure(roster());
    expect(api.asked).toHaveLength(1);
    expect(source.connects).toBe(1);
  });

  it('every subscriber re-reads (background) when the stream opens or reopens: changes in between were missed', async () => {
    const { api, query, roster, source, changes } = setup();
    query.configure(roster());
    await api.reply('v1');
    expect(changes.state()).toBe('connecting');
    source.sink!.open();
    await api.reply('v2');
    expect(changes.state()).toBe('open');
    source.sink!.down(false); // EventSource retries by itself
    expect(changes.state()).toBe('lost');
    expect(api.waiting()).toBe(0);
    source.sink!.open();
    await api.reply('v3');
    expect(api.asked.map((a) => a.background)).toEqual([false, true, true]);
    expect(source.connects).toBe(1);
  });
});

describe('the push stream', () => {
  it('a refused stream (closed before it opened) is unavailable and retried later, waiting longer each time', () => {
    const { source, changes, timers } = setup();
    changes.subscribe(['roster'], () => {});
    source.sink!.down(true);
    expect(changes.state()).toBe('unavailable');
    expect(timers.pending()).toEqual([1000]);
    timers.advance(1000);
    expect(source.connects).toBe(2);
    source.sink!.down(true);
    expect(timers.pending()).toEqual([2000]);
    timers.advance(2000);
    source.sink!.open();
    expect(changes.state()).toBe('open');
    source.sink!.down(true);
    expect(changes.state()).toBe('lost');
    expect(timers.pending()).toEqual([1000]); // an open resets the wait
  });

  it("a session's end is told to the session-lost listeners (in words), and the stream is retried", () => {
    const { source, changes, timers } = setup({ opensAtOnce: true });
    const heard: string[] = [];
    const off = onSessionLost((m) => heard.push(m));
    try {
      changes.subscribe(['roster'], () => {});
      source.sink!.sessionEnded('session_expired');
      expect(heard).toHaveLength(1);
      expect(heard[0]).toContain('登录已超时');
      expect(changes.state()).toBe('unavailable');
      timers.advance(1000);
      expect(source.connects).toBe(2);
    } finally {
      off();
    }
  });

  it('suspended around a sign-in: the old connection is closed and its news ignored; resume reconnects and resyncs', () => {
    const { source, changes } = setup();
    const news: string[] = [];
    changes.subscribe(['roster'], (n) => news.push(n.kind));
    const old = source.sink!;
    old.open();
    changes.suspend();
    expect(source.stops).toBe(1);
    const heard: string[] = [];
    const off = onSessionLost((m) => heard.push(m));
    old.sessionEnded('session_expired');
    old.change({ seq: 9, areas: ['roster'] });
    off();
    expect(heard).toEqual([]);
    changes.resume();
    expect(source.connects).toBe(2);
    source.sink!.open();
    expect(news).toEqual(['resync', 'resync']);
  });

  it('a screen replaced by the next one in the same turn keeps the stream open', () => {
    const { source, changes, timers } = setup({ opensAtOnce: true });
    const off = changes.subscribe(['roster'], () => {});
    off();
    changes.subscribe(['followUps'], () => {});
    timers.advance(0);
    expect(source.connects).toBe(1);
    expect(source.stops).toBe(0);
  });

  it('no push in this window (an old preload): unavailable, and nothing else changes', () => {
    const timers = manualTimers();
    const changes = createChanges(null, timers);
    changes.subscribe(['roster'], () => {});
    expect(changes.state()).toBe('unavailable');
  });

  it('only well-formed events pass: an integer seq, known areas', () => {
    expect(asChangeEvent({ seq: 3, areas: ['roster', 'nonsense', 7] })).toEqual({ seq: 3, areas: ['roster'] });
    expect(asChangeEvent({ seq: '3', areas: [] })).toBeNull();
    expect(asChangeEvent({ seq: 1.5, areas: [] })).toBeNull();
    expect(asChangeEvent({ seq: 1 })).toBeNull();
    expect(asChangeEvent(null)).toBeNull();
  });

  it('the desktop bridge: open at once, malformed events dropped, unsubscribed on close', () => {
    let listener: ((e: unknown) => void) | null = null;
    const bridge = bridgeSource((l) => {
      listener = l;
      return () => (listener = null);
    });
    const got: unknown[] = [];
    let opened = 0;
    const stop = bridge.connect({ open: () => opened++, change: (e) => got.push(e), down: () => {}, sessionEnded: () => {} });
    expect(opened).toBe(1);
    listener!({ seq: 1, areas: ['roster'] });
    listener!('garbage');
    expect(got).toEqual([{ seq: 1, areas: ['roster'] }]);
    stop();
    expect(listener).toBeNull();
  });

  it('web mode: EventSource change and session events; the session event closes the stream', () => {
    class FakeEventSource extends EventTarget {
      static readonly CLOSED = 2;
      static last: FakeEventSource | null = null;
      readyState = 0;
      onopen: (() => void) | null = null;
      onerror: (() => void) | null = null;
      constructor(readonly url: string) {
        super();
        FakeEventSource.last = this;
      }
      close() {
        this.readyState = 2;
      }
      emit(type: string, data: string) {
        this.dispatchEvent(new MessageEvent(type, { data }));
      }
    }
    const got: string[] = [];
    const sink: PushSink = {
      open: () => got.push('open'),
      change: (e) => got.push(`change ${e.seq} ${e.areas.join(',')}`),
      down: (final) => got.push(`down ${final}`),
      sessionEnded: (reason) => got.push(`session ${reason}`),
    };
    eventSourceSource('/api/events', FakeEventSource as unknown as typeof EventSource).connect(sink);
    const es = FakeEventSource.last!;
    expect(es.url).toBe('/api/events');
    es.onopen!();
    es.emit('change', '{"seq":4,"areas":["roster","deals"]}');
    es.emit('change', 'not json');
    es.onerror!(); // readyState CONNECTING: the browser retries
    es.emit('session', '{"reason":"session_expired"}');
    expect(es.readyState).toBe(2);
    es.readyState = 2;
    es.onerror!();
    expect(got).toEqual(['open', 'change 4 roster,deals', 'down false', 'session session_expired', 'down true']);
  });
});

describe('the lobby: fallback reads only while no stream is open', () => {
  it('reads again each interval after its answer while the stream is not open, and stops when it opens', async () => {
    const { api, query, roster, source, timers } = setup();
    query.configure(roster({}, { method: 'roster.board', background: true, fallbackPollMs: 500 }));
    expect(timers.pending()).toEqual([]); // nothing scheduled while a read is out
    await api.reply('b1');
    expect(timers.pending()).toEqual([500]);
    timers.advance(500);
    expect(api.waiting()).toBe(1);
    await api.fail();
    await settle();
    timers.advance(500);
    await api.reply('b2');
    expect(query.getState()).toMatchObject({ data: 'b2', failures: 0 });
    source.sink!.open(); // the resync reads once more, and then nothing is scheduled
    await api.reply('b3');
    expect(timers.pending()).toEqual([]);
    source.sink!.down(false);
    expect(timers.pending()).toEqual([500]);
    expect(api.asked).toHaveLength(4);
  });
});

describe('the roster store orders read answers and change answers by the one sequence', () => {
  const view = (next: string) => ({ day: '2026-03-16', next, queue: [], lunchDesk: [], waiting: [] }) as unknown as RosterView;

  it('a re-read asked before a walk-in, answered after it, does not undo the walk-in', () => {
    const roster = useRoster.getState();
    roster.reset();
    const reread = nextSeq();
    const walkIn = roster.ticket();
    roster.accept(view('wang'), walkIn);
    roster.accept(view('li'), reread);
    expect(useRoster.getState().view?.next).toBe('wang');
    roster.failed('down', reread);
    expect(useRoster.getState().loadError).toBeNull();
    const later = nextSeq();
    roster.accept(view('zhao'), later);
    expect(useRoster.getState().view?.next).toBe('zhao');
  });
});
