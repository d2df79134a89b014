/**
 * Per site, not per group (issue 16 item 4): the write lock and the ledger chain's lock are each site's own. A write
 * held open at A — A's write lock taken and a chained row inserted, so A's chain lock is held too — does not hold a
 * desk at B: B's walk-in is received and committed meanwhile; A's own desk waits for it (seen waiting on an advisory
 * lock, not timed) and is received once A's write commits. Both chains verify after. The clock watch looks at every
 * site's board and tells each site's terminals of their own long receptions. No double assignment within a
 * site under concurrent desks is tests/postgres/two-servers.test.ts (two web-mode servers, the home site).
 */
import { randomBytes } from 'node:crypto';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ApiResult } from '../../src/api/errors';
import type { Session } from '../../src/api/session';
import { openPostgresApp } from '../../src/app-postgres';
import { createCore } from '../../src/core';
import { addSite } from '../../src/db/sites';
import { inTransaction, takeWriteLock } from '../../src/db/transaction';
import { ManualClock } from '../../src/domain/clock';
import { TEAM } from '../support/app';
import { freshDatabase, postgresServer } from '../support/postgres';

const server = postgresServer();
const B_TEAM = [
  { id: 'bdir', name: '周总', roles: ['sales_director', 'admin'], pin: '800001' },
  { id: 'bmgr', name: '吴经理', roles: ['sales_manager'], pin: '800002' },
  { id: 'bdesk', name: '郑前台', roles: ['front_desk'], pin: '800003' },
  { id: 'bzhou', name: '周敏', roles: ['consultant'], pin: '800005' },
];

describe.skipIf(!server.url)(`locks per site${server.skipped ? ` — skipped: ${server.skipped}` : ''}`, () => {
  let database: Awaited<ReturnType<typeof freshDatabase>>;
  let app: Awaited<ReturnType<typeof openPostgresApp>>;
  const clock = new ManualClock(new Date('2026-03-02T09:00:00'));
  let bVisit = 0;
  const key = randomBytes(32);
  const ok = async (session: Session | null, method: string, input: unknown = {}, site?: string): Promise<any> => {
    const r = (await app.dispatch(session, method, input, site ? { site } : undefined)).result as ApiResult<any>;
    if (!r.ok) throw new Error(`${method} failed: ${JSON.stringify(r.error)}`);
    return r.value;
  };

  beforeAll(async () => {
    database = await freshDatabase(server.url!);
    app = await openPostgresApp({ databaseUrl: database.url, ledgerKey: key, clock });
    await ok(null, 'setup.firstRun', { staff: TEAM });
    await addSite(app.db, { code: 'b', name: 'B项目', now: clock.now() });
    await ok(null, 'setup.firstRun', { staff: B_TEAM }, 'b');
    await ok({ staffId: 'mgr' }, 'roster.start', { order: ['zhang', 'li'] });
    await ok({ staffId: 'bmgr', site: 'b' }, 'roster.start', { order: ['bzhou'] });
  }, 120_000);
  afterAll(async () => {
    await app?.close();
    await database?.drop();
  });

  it('a write held open at A does not hold a desk at B; A’s own desk waits for it', async () => {
    // another write at A (another app server's, say), caught between its first chained row and its commit: it took
    // A's write lock as every write does, and A's chain lock with its row
    let release!: () => void;
    const released = new Promise<void>((r) => (release = r));
    let nowHeld!: () => void;
    const held = new Promise<void>((r) => (nowHeld = r));
    const holding = app.db.connection().execute(async (conn) => {
      await sql`BEGIN`.execute(conn);
      try {
        await takeWriteLock(conn);
        await sql`INSERT INTO manager_notes (consultant_id, customer_id, text, at, actor_id)
          VALUES ('zhang', NULL, '进行中', ${clock.now().toISOString()}, 'mgr')`.execute(conn);
        const mine = await sql<{ n: number }>`SELECT count(*)::int AS n FROM pg_locks
          WHERE locktype = 'advisory' AND granted AND pid = pg_backend_pid()`.execute(conn);
        expect(mine.rows[0]!.n).toBe(2); // A's write lock and A's chain lock
        nowHeld();
        await released;
        await sql`COMMIT`.execute(conn);
      } catch (e) {
        await sql`ROLLBACK`.execute(conn);
        throw e;
      }
    });
    try {
      await held;
      // B's desk is not held by A's locks: received and committed while A's write is still open
      const atB = await ok({ staffId: 'bdesk', site: 'b' }, 'desk.walkIn', { customer: { name: '乙', phone: '13600000012' } });
      expect(atB.receivedBy).toMatchObject({ id: 'bzhou' });
      bVisit = atB.visitId;

      // A's desk waits on A's write lock (seen waiting, not timed), then is received once A's write commits
      const atA = app.dispatch({ staffId: 'qian' }, 'desk.walkIn', { customer: { name: '甲', phone: '13600000011' } });
      const waiting = async () =>
        (await sql<{ n: number }>`SELECT count(*)::int AS n FROM pg_locks WHERE locktype = 'advisory' AND NOT granted`.execute(app.db))
          .rows[0]!.n;
      while ((await waiting()) === 0) await new Promise((r) => setTimeout(r, 5));
      release();
      await holding;
      const a = (await atA).result as ApiResult<any>;
      expect(a.ok && a.value.receivedBy.id).toBe('zhang');
    } finally {
      release();
      await holding.catch(() => undefined);
    }
    const verified = await app.verify();
    expect(verified.ok).toBe(true);
  }, 60_000);

  it('the clock watch looks at every site’s board: a reception grown long at B is announced to B’s terminals', async () => {
    // B's walk-in above is still open (received, not finished): three hours on, it is long at B, and A's at A
    clock.set(new Date('2026-03-02T12:30:00'));
    const core = createCore(app, { warn: () => {} });
    const events: { areas: string[]; site?: string }[] = [];
    const off = core.onChange((e) => events.push(e));
    try {
      await core.watchClock();
      expect(events.map((e) => [e.areas, e.site ?? 'home'])).toEqual([
        [['roster'], 'home'],
        [['roster'], 'b'],
      ]);
      // nothing changed since: nothing announced
      events.length = 0;
      await core.watchClock();
      expect(events).toEqual([]);
      // B's reception ends (at a terminal of another server, unannounced here): only B's terminals are told
      await ok({ staffId: 'bzhou', site: 'b' }, 'desk.finish', { visit: bVisit });
      await core.watchClock();
      expect(events.map((e) => [e.areas, e.site ?? 'home'])).toEqual([[['roster'], 'b']]);
    } finally {
      off();
    }
  });

  it('an app write held open at A, in the app’s own write transaction, does not hold a desk at B', async () => {
    // B's reception above is finished by now. The first test holds A's lock by hand; this one holds it the way every
    // service call does (inTransaction's BEGIN with its lock), so a lock the app takes for the whole group is seen
    let release!: () => void;
    const released = new Promise<void>((r) => (release = r));
    let nowHeld!: () => void;
    const held = new Promise<void>((r) => (nowHeld = r));
    const holding = inTransaction(app.db, 'write', async (tx) => {
      await sql`SELECT 1`.execute(tx);
      nowHeld();
      await released;
    });
    let settled = false;
    try {
      await held;
      const atB = app.dispatch({ staffId: 'bdesk', site: 'b' }, 'desk.walkIn', { customer: { name: '丙', phone: '13600000013' } });
      const waitingHere = async () =>
        (
          await sql<{ n: number }>`SELECT count(*)::int AS n FROM pg_locks WHERE locktype = 'advisory' AND NOT granted
            AND database = (SELECT oid FROM pg_database WHERE datname = current_database())`.execute(app.db)
        ).rows[0]!.n;
      const seenWaiting = (async () => {
        while (!settled) {
          if ((await waitingHere()) > 0) return 'waiting on A' as const;
          await new Promise((r) => setTimeout(r, 5));
        }
        return 'received' as const;
      })();
      const first = await Promise.race([atB.then(() => 'received' as const), seenWaiting]);
      settled = true;
      release();
      await seenWaiting;
      expect(first).toBe('received');
      const b = (await atB).result as ApiResult<any>;
      expect(b.ok && b.value.receivedBy.id).toBe('bzhou');
      await ok({ staffId: 'bzhou', site: 'b' }, 'desk.finish', { visit: b.ok ? b.value.visitId : 0 });
    } finally {
      settled = true;
      release();
      await holding;
    }
  }, 60_000);
});
