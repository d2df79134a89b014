/**
 * src/core createCore around a small fake App: the slow-call trace (with a timer the test moves, so speed
 * never matters), the change events (after a successful call that is not a read, seq one up each), and stop.
 */
import { describe, expect, it, vi } from 'vitest';
import { type ChangeEvent, EVERY_SITE } from '../../src/api/changes';
import type { DispatchOutcome, Session } from '../../src/api/session';
import { createCore, type CoreApp } from '../../src/core';

/** A fake App whose every call "takes" `took[method]` ms on the injected timer, and answers `fails` with an error. */
function setup(took: Record<string, number> = {}, fails: string[] = []) {
  let clock = 1_000;
  const warn = vi.fn();
  const app = {
    dispatch: vi.fn(async (_session: Session | null, method: string, _input: unknown): Promise<DispatchOutcome> => {
      clock += took[method] ?? 0;
      return fails.includes(method)
        ? { result: { ok: false, error: { code: 'permission', reason: 'legacy', message: '不行' } } }
        : { result: { ok: true, value: method } };
    }),
    methodNames: () => ['roster.start', 'roster.today'],
    readOnlyReason: () => null,
    close: vi.fn(async () => {}),
    backupNow: vi.fn(async () => null),
    dbPath: '/office/salesdesk.sqlite',
  } satisfies CoreApp;
  const core = createCore(app, { timer: () => clock, warn });
  return { app, core, warn };
}

describe('slow-call trace', () => {
  it('a call that takes 60 ms is logged in one line with its method and duration', async () => {
    const { core, warn } = setup({ 'roster.today': 60 });
    await core.dispatch(null, 'roster.today', {});
    expect(warn).toHaveBeenCalledTimes(1);
    expect(warn).toHaveBeenCalledWith('[salesdesk] slow call roster.today 60 ms');
  });

  it('a call that takes 10 ms, or exactly 50, is not', async () => {
    const { core, warn } = setup({ 'roster.today': 10, 'roster.start': 50 });
    await core.dispatch(null, 'roster.today', {});
    await core.dispatch(null, 'roster.start', {});
    expect(warn).not.toHaveBeenCalled();
  });

  it('a slow background call says so, and a slow refused call is logged too', async () => {
    const { core, warn } = setup({ 'roster.today': 51, 'roster.start': 70 }, ['roster.start']);
    await core.dispatch(null, 'roster.today', {}, { background: true });
    await core.dispatch(null, 'roster.start', {});
    expect(warn.mock.calls).toEqual([
      ['[salesdesk] slow call roster.today 51 ms (background)'],
      ['[salesdesk] slow call roster.start 70 ms'],
    ]);
  });
});

describe('change events', () => {
  it('after each successful call that is not a read: its areas, seq one up each time; reads and refusals say nothing', async () => {
    const { core, app } = setup({}, ['desk.finish']);
    const seen: ChangeEvent[] = [];
    core.onChange((e) => seen.push(e));
    const outcome = await core.dispatch({ staffId: 'mgr' }, 'roster.start', { order: ['zhang'] });
    expect(outcome).toEqual({ result: { ok: true, value: 'roster.start' } });
    expect(app.dispatch).toHaveBeenCalledWith({ staffId: 'mgr' }, 'roster.start', { order: ['zhang'] });
    await core.dispatch(null, 'roster.today', {});
    await core.dispatch(null, 'desk.finish', {});
    await core.dispatch(null, 'no.such.method', {});
    await core.dispatch(null, 'desk.lookup', {});
    expect(seen).toEqual([
      { seq: 1, areas: ['roster', 'audit'] },
      { seq: 2, areas: ['audit'] },
    ]);
  });

  it('a PIN reset is heard at every site (a person linked at several has one PIN); other changes at their own', async () => {
    const { core } = setup();
    const seen: ChangeEvent[] = [];
    core.onChange((e) => seen.push(e));
    await core.dispatch({ staffId: 'bdir', site: 'b' }, 'staff.resetPin', { id: 'li' });
    await core.dispatch({ staffId: 'dir' }, 'staff.resetPin', { id: 'li' });
    await core.dispatch({ staffId: 'bdir', site: 'b' }, 'staff.create', { name: '新人', roles: ['consultant'] });
    expect(seen.map((e) => [e.areas, e.site])).toEqual([
      [['staff', 'audit'], EVERY_SITE],
      [['staff', 'audit'], EVERY_SITE],
      [['staff', 'audit'], 'b'],
    ]);
  });

  it('unsubscribing stops the events; a listener that throws does not fail the call or silence the others', async () => {
    const log = vi.fn();
    const { app } = setup();
    const core = createCore(app, { timer: () => 0, warn: vi.fn(), log });
    const first: ChangeEvent[] = [];
    const second: ChangeEvent[] = [];
    core.onChange(() => {
      throw new Error('broken screen');
    });
    const off = core.onChange((e) => first.push(e));
    core.onChange((e) => second.push(e));
    expect((await core.dispatch(null, 'roster.start', {})).result.ok).toBe(true);
    off();
    await core.dispatch(null, 'roster.start', {});
    expect(first.map((e) => e.seq)).toEqual([1]);
    expect(second.map((e) => e.seq)).toEqual([1, 2]);
    expect(log).toHaveBeenCalledWith(expect.stringContaining('broken screen'));
  });
});

describe('stop', () => {
  it('stops the schedule, backs up, then closes; once however often called; a failed backup still closes', async () => {
    const { app } = setup();
    const stopBackups = vi.fn();
    const log = vi.fn();
    app.backupNow.mockRejectedValueOnce(new Error('disk full'));
    const core = createCore(app, { stopBackups, log });
    await Promise.all([core.stop(), core.stop()]);
    expect(stopBackups).toHaveBeenCalledTimes(1);
    expect(app.backupNow).toHaveBeenCalledExactlyOnceWith('quit');
    expect(app.close).toHaveBeenCalledTimes(1);
    expect(app.backupNow.mock.invocationCallOrder[0]).toBeLessThan(app.close.mock.invocationCallOrder[0]!);
    expect(log).toHaveBeenCalledWith(expect.stringContaining('disk full'));
  });
});

describe('clock watch over an office group’s sites', () => {
  it('a site list that could not be read skips the look: no change is announced that time did not make', async () => {
    let listFails = false;
    const long: Record<string, number> = { main: 1, b: 0 };
    const app = {
      dispatch: vi.fn(async (_s: Session | null, _m: string, _i: unknown, o?: { site?: string }): Promise<DispatchOutcome> => {
        const code = o?.site ?? 'main';
        return { result: { ok: true, value: { longReceptions: long[code] ?? 0 } } };
      }),
      methodNames: () => [],
      readOnlyReason: () => null,
      close: vi.fn(async () => {}),
      sites: vi.fn(async () => {
        if (listFails) throw new Error('connection reset');
        return [{ code: 'main' }, { code: 'b' }] as never;
      }),
    } satisfies CoreApp;
    const core = createCore(app, { warn: vi.fn() });
    const events: ChangeEvent[] = [];
    core.onChange((e) => events.push(e));
    await core.watchClock();
    expect(events.map((e) => e.site ?? 'home')).toEqual(['home']); // the home site's long reception, first seen
    events.length = 0;
    listFails = true;
    await core.watchClock();
    listFails = false;
    await core.watchClock();
    expect(events).toEqual([]); // nothing changed at either site
  });
});
