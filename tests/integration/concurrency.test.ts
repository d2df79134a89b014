import type { AddressInfo } from 'node:net';
import { resolve } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openApp } from '../../src/app';
import { createWebServer } from '../../src/server/http';
import { PINS, testApp, type TestApp } from '../support/app';
import { startDeskWorker } from '../support/desk-protocol';
import { checkRosterLog } from '../support/roster-log';

const CONSULTANTS = ['c1', 'c2', 'c3', 'c4', 'c5', 'c6', 'c7', 'c8'];
const pinOf = (id: string) => (id in PINS ? PINS[id as keyof typeof PINS] : `70000${id.slice(1)}`);
let t: TestApp;

beforeEach(async () => {
  t = await testApp({ at: '2026-03-02T09:00:00' });
  await t.ok('dir', 'staff.create', { id: 'c0', name: '备用', roles: ['consultant'] });
  for (const [i, id] of CONSULTANTS.entries())
    await t.ok('dir', 'staff.create', { id, name: `顾问${i + 1}`, roles: ['consultant'], pin: `70000${i + 1}` });
});
afterEach(async () => {
  await t.close().catch(() => undefined); // the two-process test closes the app itself
});

async function webDesk() {
  const server = createWebServer(t.app, { staticDir: resolve('dist/renderer') });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  const signIn = async (staffId: string) => {
    const res = await fetch(`${base}/api/session.signIn`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json', Origin: base },
      body: JSON.stringify({ staffId, pin: pinOf(staffId) }),
    });
    return res.headers.get('set-cookie')!.split(';')[0]!;
  };
  const call = async (cookie: string, method: string, input: unknown) => {
    const res = await fetch(`${base}/api/${method}`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json', Origin: base, Cookie: cookie },
      body: JSON.stringify(input),
    });
    return res.json() as Promise<any>;
  };
  return { server, signIn, call };
}

describe('two desks at the same instant (R-ROS-1, R-ROS-6)', () => {
  it('through web mode: concurrent walk-ins never share a consultant and never skip one, round after round', async () => {
    const { server, signIn, call } = await webDesk();
    try {
      const manager = await signIn('mgr');
      expect((await call(manager, 'roster.start', { order: CONSULTANTS })).ok).toBe(true);
      // two front-desk sessions, as two terminals would have
      const desks = [await signIn('qian'), await signIn('qian')];
      const finishers = Object.fromEntries(await Promise.all(CONSULTANTS.map(async (c) => [c, await signIn(c)] as const)));
      let phone = 13800000000;
      for (let round = 0; round < 20; round++) {
        const answers = await Promise.all(
          CONSULTANTS.map((_, i) =>
            call(desks[i % 2]!, 'desk.walkIn', { customer: { name: `客户${round}-${i}`, phone: String(++phone) } }),
          ),
        );
        expect(answers.every((a) => a.ok)).toBe(true);
        const receivers = answers.map((a) => a.value.receivedBy.id);
        expect(new Set(receivers).size).toBe(CONSULTANTS.length);
        // a ninth customer while all eight are receiving waits instead of doubling anyone up
        const ninth = await call(desks[0]!, 'desk.walkIn', { customer: { name: `客户${round}-9`, phone: String(++phone) } });
        expect(ninth.value).toMatchObject({ receivedBy: null, waiting: { position: 1 } });
        const finished = await Promise.all(
          answers.map((a) => call(finishers[a.value.receivedBy.id]!, 'desk.finish', { visit: a.value.visitId })),
        );
        expect(finished.every((f) => f.ok)).toBe(true);
        // the waiting customer went to the first consultant who became free; finish that one too
        const open = (await call(manager, 'roster.today', {})).value.queue.flatMap((e: any) =>
          e.receiving.map((r: any) => ({ consultant: e.id, visit: r.visitId })),
        );
        expect(open).toHaveLength(1);
        expect((await call(finishers[open[0].consultant]!, 'desk.finish', { visit: open[0].visit })).ok).toBe(true);
      }
      const rosterId = (t.app.handle.raw.prepare('SELECT max(id) id FROM rosters').get() as { id: number }).id;
      const log = checkRosterLog(t.app.handle.raw, rosterId);
      expect(log.problems).toEqual([]);
      expect(log.assigned).toHaveLength(20 * 9);
      expect(t.app.handle.raw.prepare('SELECT count(*) n FROM visits').get()).toEqual({ n: 20 * 9 });
    } finally {
      server.close();
    }
  });

  // A bound for a broken build, not a speed limit: two processes and 300 walk-ins take ~30 s on a loaded 2-core box.
  it(
    'through two processes on one database file: every walk-in served once, by the consultant the rules pick',
    { timeout: 240_000 },
    async () => {
      await t.ok('mgr', 'roster.start', { order: CONSULTANTS.slice(0, 4) });
      await t.app.close(); // only the two desk processes hold the file now
      // Barriers, not start times: both open the file, then start together; each relays its progress to the
      // other, and neither runs more than WINDOW customers ahead, so their writes interleave on any machine.
      const WINDOW = 3;
      const desks = [
        startDeskWorker({ dbPath: t.path, prefix: '31', count: 150, at: '2026-03-02T10:00:00', window: WINDOW }),
        startDeskWorker({ dbPath: t.path, prefix: '32', count: 150, at: '2026-03-02T10:00:00', window: WINDOW }),
      ] as const;
      desks[0].onProgress((n) => desks[1].peer(n));
      desks[1].onProgress((n) => desks[0].peer(n));
      // a worker that ended early lets its peer run on to the end
      void desks[0].result.then(
        () => desks[1].peer(150),
        () => desks[1].peer(150),
      );
      void desks[1].result.then(
        () => desks[0].peer(150),
        () => desks[0].peer(150),
      );
      await Promise.all(desks.map((d) => d.ready));
      for (const d of desks) d.go();
      const [a, b] = await Promise.all(desks.map((d) => d.result));
      expect(a!.errors).toEqual([]);
      expect(b!.errors).toEqual([]);
      const reopened = await openApp({ dbPath: t.path });
      try {
        const rosterId = (reopened.handle.raw.prepare('SELECT max(id) id FROM rosters').get() as { id: number }).id;
        const log = checkRosterLog(reopened.handle.raw, rosterId);
        expect(log.problems).toEqual([]);
        expect(log.assigned).toHaveLength(300);
        expect([...a!.received, ...b!.received].sort()).toEqual([...log.assigned].sort());
        expect(reopened.handle.raw.prepare('SELECT count(*) n FROM visits').get()).toEqual({ n: 300 });
        expect(reopened.handle.raw.prepare("SELECT count(*) n FROM visit_events WHERE type = 'finished'").get()).toEqual({ n: 300 });
        // the two desks' writes interleave (the window forces it): A…B…A…B in the visits, never one desk's run then the other's
        const order = (
          reopened.handle.raw.prepare('SELECT c.name FROM visits v JOIN customers c ON c.id = v.customer_id ORDER BY v.id').all() as {
            name: string;
          }[]
        ).map((r) => r.name.slice(2, 4));
        const switches = order.filter((d, i) => i > 0 && d !== order[i - 1]).length;
        expect(switches).toBeGreaterThanOrEqual(300 / (2 * WINDOW) - 1);
      } finally {
        await reopened.close();
      }
    },
  );
});
