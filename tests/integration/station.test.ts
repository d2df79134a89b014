/**
 * The desk station (issue 17 item 10, docs/security.md "The desk station"): a shared terminal opened once a
 * day by the front desk or a manager. By itself it sees what the front desk sees while a walk-in is typed;
 * every other action names the person doing it by PIN at that moment, is refused without one, counts a
 * wrong one towards that person's lock, and is recorded under that person. It closes with its day.
 */
import { resolve } from 'node:path';
import type { AddressInfo } from 'node:net';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createCallHandler, type CallEvent } from '../../electron/ipc';
import { isAppPageUrl } from '../../electron/security';
import { createWebServer } from '../../src/server/http';
import { FakeWebContents } from '../electron/fake-electron';
import type { ActingPerson, Session } from '../../src/api/session';
import { spec } from '../../src/api/spec';
import { PINS, refusal, type TestApp, testApp } from '../support/app';

let t: TestApp;
beforeEach(async () => {
  t = await testApp({ at: '2026-05-08T09:00:00' });
  await t.ok('mgr', 'roster.start', { order: ['zhang', 'li', 'wang'] });
});
afterEach(() => t.close());

async function openStation(staffId: keyof typeof PINS): Promise<Session> {
  const out = await t.app.dispatch(null, 'session.openStation', { staffId, pin: PINS[staffId] });
  expect(out.result.ok, JSON.stringify(out.result)).toBe(true);
  return out.session!;
}
const at = (station: Session, method: string, input: unknown = {}, actingAs?: ActingPerson) =>
  t.app.dispatch(station, method, input, actingAs ? { actingAs } : undefined);
const auditRows = (method: string) =>
  t.app.db.selectFrom('audit_log').select(['actor_id', 'method']).where('method', '=', method).execute();
const registrations = async () =>
  (
    await t.app.db
      .selectFrom('registrations')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .executeTakeFirstOrThrow()
  ).n;
const walkIn = { customer: { name: '周杰', phone: '13800000001' } };

describe('opening the desk station', () => {
  it('the front desk or a manager opens it with their own PIN; it is recorded; the session says station and day', async () => {
    const station = await openStation('qian');
    expect(station).toEqual({ staffId: 'qian', epoch: 0, station: { day: '2026-05-08' } });
    expect(await auditRows('session.openStation')).toEqual([{ actor_id: 'qian', method: 'session.openStation' }]);
    expect((await openStation('pm')).station).toEqual({ day: '2026-05-08' });
  });

  it('a consultant cannot open it, and a wrong PIN opens nothing and counts towards the lock', async () => {
    const consultant = await t.app.dispatch(null, 'session.openStation', { staffId: 'zhang', pin: PINS.zhang });
    expect(refusal(consultant.result).reason).toBe('station_role_required');
    expect(consultant.session).toBeUndefined();
    const wrong = await t.app.dispatch(null, 'session.openStation', { staffId: 'qian', pin: '111111' });
    expect(refusal(wrong.result).reason).toBe('pin_wrong');
    expect(wrong.session).toBeUndefined();
    const cred = await t.app.db
      .selectFrom('staff_credentials')
      .select('failed_attempts')
      .where('staff_id', '=', 'qian')
      .executeTakeFirstOrThrow();
    expect(cred.failed_attempts).toBe(1);
  });
});

describe('the station by itself', () => {
  it('sees the roster and the desk lookup, as the front desk sees them, whoever opened it', async () => {
    const station = await openStation('pm');
    expect((await at(station, 'roster.today')).result.ok).toBe(true);
    const lookup = await at(station, 'desk.lookup', { phone: '13800000001' });
    expect(lookup.result.ok).toBe(true);
    const me = await at(station, 'session.me');
    expect(me.result).toMatchObject({ ok: true, value: { id: 'pm', roles: ['front_desk'], station: { day: '2026-05-08' } } });
    // the project manager's own view is not the station's: a manager-only read needs a person's PIN
    expect(refusal((await at(station, 'roster.at', { at: '2026-05-08T09:00:00.000Z' })).result).reason).toBe('acting_person_required');
  });

  it('registers nothing without a person: the walk-in is refused and nothing changes', async () => {
    const station = await openStation('qian');
    const before = await registrations();
    const r = await at(station, 'desk.walkIn', walkIn);
    expect(refusal(r.result)).toMatchObject({ code: 'permission', reason: 'acting_person_required', params: { method: 'desk.walkIn' } });
    expect(await registrations()).toBe(before);
    expect(await auditRows('desk.walkIn')).toEqual([]);
  });

  it('never idles out in dispatch, but closes with its day: the transport is told to drop it; signing in still works', async () => {
    const station = await openStation('qian');
    t.clock.set(new Date('2026-05-08T23:59:00'));
    expect((await at(station, 'roster.today')).result.ok).toBe(true);
    t.clock.set(new Date('2026-05-09T08:30:00'));
    const next = await at(station, 'roster.today');
    expect(refusal(next.result).reason).toBe('station_closed');
    expect(next.session).toBeNull();
    const signIn = await at(station, 'session.signIn', { staffId: 'qian', pin: PINS.qian });
    expect(signIn.result.ok).toBe(true);
    expect(signIn.session).toEqual({ staffId: 'qian', epoch: 0 });
  });
});

describe('an action at the station names its person by PIN', () => {
  it('runs as that person and is recorded under them, not under whoever opened the station', async () => {
    const station = await openStation('pm');
    const r = await at(station, 'desk.walkIn', walkIn, { staffId: 'qian', pin: PINS.qian });
    expect(r.result.ok, JSON.stringify(r.result)).toBe(true);
    expect(r.session).toBeUndefined(); // the station stays the station
    expect(await auditRows('desk.walkIn')).toEqual([{ actor_id: 'qian', method: 'desk.walkIn' }]);
    // the PIN check itself is not a sign-in: no session.signIn row for the action
    expect(await auditRows('session.signIn')).toEqual([]);
  });

  it.each([
    ['is deactivated', { method: 'staff.update' as const, input: { id: 'qian', active: false } }],
    ['has their PIN reset', { method: 'staff.resetPin' as const, input: { id: 'qian', pin: '864202' } }],
  ])("closes when its opener %s, even for a colleague's action with their own PIN", async (_what, end) => {
    const station = await openStation('qian');
    expect((await at(station, 'desk.walkIn', walkIn, { staffId: 'pm', pin: PINS.pm })).result.ok).toBe(true);
    await t.ok('dir', end.method, end.input);
    const after = await at(station, 'desk.walkIn', { customer: { name: '吴敏', phone: '13800000002' } }, { staffId: 'pm', pin: PINS.pm });
    expect(refusal(after.result).reason).toBe('session_ended');
    expect(after.session).toBeNull();
    expect(await registrations()).toBe(1);
    // by itself it is closed too, as a personal session of that person would be
    const lookup = await at(station, 'desk.lookup', { phone: '13800000001' });
    expect(lookup.result).toMatchObject({ ok: false, error: { code: 'permission' } });
    expect(lookup.session).toBeNull();
  });

  it("with the person's own roles: a consultant's PIN cannot do what only a manager may", async () => {
    const station = await openStation('qian');
    const r = await at(station, 'roster.swap', { a: 'zhang', b: 'li' }, { staffId: 'zhang', pin: PINS.zhang });
    expect(refusal(r.result).reason).toBe('role_required');
    const manager = await at(station, 'roster.at', { at: '2026-05-08T09:00:00.000Z' }, { staffId: 'mgr', pin: PINS.mgr });
    expect(manager.result.ok).toBe(true);
  });

  it('a wrong PIN does nothing, counts towards that person’s lock, and the fifth locks them everywhere', async () => {
    const station = await openStation('qian');
    const before = await registrations();
    for (let i = 1; i <= 4; i++)
      expect(refusal((await at(station, 'desk.walkIn', walkIn, { staffId: 'qian', pin: '000000' })).result).reason).toBe('pin_wrong');
    expect(refusal((await at(station, 'desk.walkIn', walkIn, { staffId: 'qian', pin: '000000' })).result).reason).toBe('pin_wrong_locked');
    expect(await registrations()).toBe(before);
    // locked: the right PIN is refused now, at the station and at sign-in alike
    expect(refusal((await at(station, 'desk.walkIn', walkIn, { staffId: 'qian', pin: PINS.qian })).result).reason).toBe('pin_locked');
    expect(refusal(await t.as(null, 'session.signIn', { staffId: 'qian', pin: PINS.qian })).reason).toBe('pin_locked');
    expect((await auditRows('session.wrongPin')).length).toBe(4);
    expect((await auditRows('session.locked')).length).toBe(1);
  });

  it('a PIN sent from a terminal that is not the station is refused, and a malformed one too', async () => {
    const personal = await t.app.dispatch(null, 'session.signIn', { staffId: 'qian', pin: PINS.qian });
    const r = await t.app.dispatch(personal.session!, 'desk.walkIn', walkIn, { actingAs: { staffId: 'qian', pin: PINS.qian } });
    expect(refusal(r.result).reason).toBe('acting_needs_station');
    const station = await openStation('qian');
    const bad = await at(station, 'desk.walkIn', walkIn, { staffId: 'qian', pin: 'x'.repeat(500) });
    expect(refusal(bad.result).reason).toBe('body_invalid');
    expect(await auditRows('desk.walkIn')).toEqual([]);
  });
});

describe('what the station may ask by itself', () => {
  const free = Object.entries(spec).filter(([, def]) => 'station' in def && def.station);
  it('is a short list of reads the front desk may make', () => {
    expect(free.map(([name]) => name).sort()).toEqual(['backup.status', 'desk.lookup', 'desk.notices', 'roster.today']);
    for (const [name, def] of free) {
      expect(['read', 'auditedRead'], name).toContain(def.kind);
      expect(def.roles === 'public' || (def.roles as readonly string[]).includes('front_desk'), name).toBe(true);
    }
  });

  it("leaves no audit row under the opener's name for the front desk's lookups", async () => {
    const station = await openStation('pm');
    await t.ok('qian', 'desk.walkIn', walkIn);
    const before = await t.app.db
      .selectFrom('audit_log')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .executeTakeFirstOrThrow();
    for (const phone of ['13800000001', '13900000002']) expect((await at(station, 'desk.lookup', { phone })).result.ok).toBe(true);
    const after = await t.app.db
      .selectFrom('audit_log')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .executeTakeFirstOrThrow();
    expect(after.n).toBe(before.n);
  });
});

describe('through the transports: the station is never signed out for idleness, a person always is', () => {
  it('web mode: the PIN travels in its own headers; after 16 quiet minutes the station still answers, a personal session does not', async () => {
    let wall = Date.parse('2026-05-08T09:00:00');
    const server = createWebServer(t.app, { staticDir: resolve('dist/renderer'), idleMinutes: 15, now: () => wall });
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
    try {
      const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
      const post = async (method: string, input: unknown, cookie?: string, headers: Record<string, string> = {}) => {
        const res = await fetch(`${base}/api/${method}`, {
          method: 'POST',
          headers: { 'Content-Type': 'application/json', Origin: base, ...(cookie ? { Cookie: cookie } : {}), ...headers },
          body: JSON.stringify(input),
        });
        return { status: res.status, json: await res.json(), cookie: res.headers.get('set-cookie')?.split(';')[0] };
      };
      const station = (await post('session.openStation', { staffId: 'qian', pin: PINS.qian })).cookie!;
      const person = (await post('session.signIn', { staffId: 'mgr', pin: PINS.mgr })).cookie!;
      wall += 16 * 60_000;
      expect((await post('roster.today', {}, person)).json).toMatchObject({ ok: false, error: { reason: 'session_expired' } });
      expect((await post('roster.today', {}, station)).json.ok).toBe(true);
      expect((await post('desk.walkIn', walkIn, station)).json).toMatchObject({ ok: false, error: { reason: 'acting_person_required' } });
      const acted = await post('desk.walkIn', walkIn, station, { 'X-Salesdesk-Acting-Staff': 'qian', 'X-Salesdesk-Acting-Pin': PINS.qian });
      expect(acted.json.ok, JSON.stringify(acted.json)).toBe(true);
      expect(acted.cookie).toBeUndefined(); // still the station's cookie
      expect(await auditRows('desk.walkIn')).toEqual([{ actor_id: 'qian', method: 'desk.walkIn' }]);
      const half = await post('desk.walkIn', walkIn, station, { 'X-Salesdesk-Acting-Staff': 'qian' });
      expect(half.json).toMatchObject({ ok: false, error: { reason: 'body_invalid' } });
      const broken = await post('desk.walkIn', walkIn, station, {
        'X-Salesdesk-Acting-Staff': 'qian',
        'X-Salesdesk-Acting-Pin': '%E0%A4%A',
      });
      expect(broken.json).toMatchObject({ ok: false, error: { reason: 'body_invalid' } });
    } finally {
      await new Promise<void>((r) => server.close(() => r()));
    }
  });

  it('desktop (IPC): the fourth argument names the person; the station window outlasts the idle limit, a personal window does not', async () => {
    let wall = Date.parse('2026-05-08T09:00:00');
    const handler = createCallHandler({ backend: t.app, isTrustedUrl: isAppPageUrl, now: () => wall });
    const window = (): CallEvent => ({
      sender: new FakeWebContents() as unknown as CallEvent['sender'],
      senderFrame: { url: 'app://salesdesk/index.html#/desk', parent: null },
    });
    const desk = window();
    const office = window();
    expect(await handler(desk, 'session.openStation', { staffId: 'qian', pin: PINS.qian })).toMatchObject({ ok: true });
    expect(await handler(office, 'session.signIn', { staffId: 'mgr', pin: PINS.mgr })).toMatchObject({ ok: true });
    wall += 16 * 60_000;
    expect(await handler(office, 'roster.today', {})).toMatchObject({ ok: false, error: { reason: 'session_expired' } });
    expect(await handler(desk, 'roster.today', {})).toMatchObject({ ok: true });
    expect(await handler(desk, 'desk.walkIn', walkIn, false, { staffId: 'qian', pin: PINS.qian })).toMatchObject({ ok: true });
    expect(await handler(desk, 'desk.walkIn', walkIn, false, { staffId: 'qian' })).toMatchObject({
      ok: false,
      error: { reason: 'body_invalid' },
    });
    expect(await auditRows('desk.walkIn')).toEqual([{ actor_id: 'qian', method: 'desk.walkIn' }]);
  });
});
