/**
 * PostgreSQL's reference cache (src/db/reference-cache-postgres.ts) across app servers: two apps over one database,
 * each with its own pool and its own kept values, as two web-mode servers of an office group are. A role change, a
 * deactivation, a policy change or a rename made through server A is seen by server B's very next call (the
 * counter B reads with its BEGIN has moved), a PIN reset on A ends B's session at once; while nothing changes, B
 * does not read the acting person, the policy or the staff names again. And the round trips one desk.lookup makes
 * are pinned (src/db/transaction.ts: BEGIN with the lock and the counter in one, the reference reads kept).
 */
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { sql } from 'kysely';
import pg from 'pg';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { openPostgresApp } from '../../src/app-postgres';
import type { App } from '../../src/app';
import { postgresSourceOf } from '../../src/db/postgres';
import { inTransaction } from '../../src/db/transaction';
import { loadActor } from '../../src/services/common';
import { insertAudit } from '../../src/db/writes/audit';
import { ManualClock } from '../../src/domain/clock';
import { PINS, TEAM } from '../support/app';
import { freshDatabase, postgresServer } from '../support/postgres';

const server = postgresServer();
const KEY = randomBytes(32);
type PgApp = App & { postgres: { pool: pg.Pool } };

let database: { url: string; drop(): Promise<void> } | null = null;
let a: PgApp;
let b: PgApp;
let dir = '';

const clock = new ManualClock(new Date('2026-03-02T09:00:00'));
const call = async (app: PgApp, staffId: string | null, method: string, input: unknown = {}) =>
  (await app.dispatch(staffId ? { staffId } : null, method as never, input)).result as { ok: boolean; value?: any; error?: any };
const ok = async (app: PgApp, staffId: string | null, method: string, input: unknown = {}) => {
  const r = await call(app, staffId, method, input);
  if (!r.ok) throw new Error(`${method}: ${JSON.stringify(r.error)}`);
  return r.value;
};
const loadsOf = (app: PgApp) => postgresSourceOf(app.db)!.store.loads;
const fileLoadsOf = (app: PgApp) => postgresSourceOf(app.db)!.store.fileLoads;

/** Every statement sent to the server while `fn` runs (any client's query, counted). */
async function statementsDuring(fn: () => Promise<unknown>): Promise<string[]> {
  const sent: string[] = [];
  const original = pg.Client.prototype.query;
  pg.Client.prototype.query = function (this: unknown, ...args: unknown[]) {
    const q = args[0];
    sent.push(typeof q === 'string' ? q : String((q as { text?: string }).text));
    return (original as (...x: unknown[]) => unknown).apply(this, args);
  } as typeof original;
  try {
    await fn();
  } finally {
    pg.Client.prototype.query = original;
  }
  return sent;
}

describe.skipIf(!server.url)(`reference cache across app servers${server.skipped ? ` — skipped: ${server.skipped}` : ''}`, () => {
  beforeAll(async () => {
    database = await freshDatabase(server.url!);
    dir = mkdtempSync(join(tmpdir(), 'salesdesk-refcache-'));
  });
  afterAll(async () => {
    await database?.drop();
    if (dir) rmSync(dir, { recursive: true, force: true });
  });
  beforeEach(async () => {
    a = await openPostgresApp({ databaseUrl: database!.url, ledgerKey: KEY, clock });
    b = await openPostgresApp({ databaseUrl: database!.url, ledgerKey: KEY, clock });
    const empty = (await a.postgres.pool.query('SELECT count(*)::int AS n FROM staff')).rows[0].n === 0;
    if (empty) {
      await ok(a, null, 'setup.firstRun', { staff: TEAM });
      await ok(a, 'mgr', 'roster.start', { order: ['zhang', 'li', 'wang'] });
    }
  });
  afterEach(async () => {
    await a.close();
    await b.close();
  });

  it('while nothing changes, server B reads the acting person, the policy, the staff names, the queue and the session epoch once', async () => {
    await ok(b, 'qian', 'desk.lookup', { phone: '13800000001', name: '周杰' });
    await ok(b, 'qian', 'roster.today');
    const snapshot = async () => (await b.postgres.pool.query('SELECT pg_current_snapshot()::text AS s')).rows[0].s as string;
    const [before, fileBefore, snapBefore] = [loadsOf(b), fileLoadsOf(b), await snapshot()];
    for (let k = 0; k < 5; k++) {
      await ok(b, 'qian', 'desk.lookup', { phone: '13800000001', name: '周杰' });
      await ok(b, 'qian', 'roster.today');
    }
    expect(loadsOf(b)).toBe(before);
    // the queue and the epoch are kept while the snapshot stands still; the server's own work (autovacuum's ANALYZE)
    // may move it meanwhile, and then they are read again, rightly
    if ((await snapshot()) === snapBefore) expect(fileLoadsOf(b)).toBe(fileBefore);
    // a walk-in on A writes visits and the queue, not staff, roles or policy: B keeps those, and reads the new queue
    expect((await ok(b, 'qian', 'roster.today')).queue.map((e: { id: string }) => e.id)).toEqual(['zhang', 'li', 'wang']);
    await ok(a, 'qian', 'desk.walkIn', { customer: { phone: '13800000002', name: '李四' } });
    expect((await ok(b, 'qian', 'roster.today')).queue.map((e: { id: string }) => e.id)).toEqual(['li', 'wang', 'zhang']);
    expect(loadsOf(b)).toBe(before);
    expect(fileLoadsOf(b)).toBeGreaterThan(fileBefore);
  });

  it('a write to the queue by another program, past the app, is seen by server B’s next call', async () => {
    const ids = async () => (await ok(b, 'qian', 'roster.today')).queue.map((e: { id: string }) => e.id);
    const was = await ids();
    expect(await ids()).toEqual(was);
    const state = (await a.postgres.pool.query('SELECT state FROM roster_state')).rows[0].state as string;
    const s = JSON.parse(state);
    s.queue.reverse();
    await a.postgres.pool.query('UPDATE roster_state SET state = $1', [JSON.stringify(s)]);
    expect(await ids()).toEqual([...was].reverse());
  });

  it('a role change, a rename and a deactivation on server A are seen by server B’s next call', async () => {
    expect((await call(b, 'sun', 'registration.day', { day: '2026-03-02' })).ok).toBe(false);
    await ok(a, 'dir', 'staff.update', { id: 'sun', roles: ['employee', 'project_manager'] });
    expect((await call(b, 'sun', 'registration.day', { day: '2026-03-02' })).ok).toBe(true);
    await ok(a, 'dir', 'staff.update', { id: 'sun', roles: ['employee'] });
    expect((await call(b, 'sun', 'registration.day', { day: '2026-03-02' })).error).toMatchObject({ code: 'permission' });

    expect((await ok(b, 'qian', 'roster.today')).queue.map((e: { name: string }) => e.name)).toContain('李娜');
    // a rename sent straight to the database on A's connection, past the services (as another program of the group)
    await a.postgres.pool.query("UPDATE staff SET name = '李娜娜' WHERE id = 'li'");
    expect((await ok(b, 'qian', 'roster.today')).queue.map((e: { name: string }) => e.name)).toContain('李娜娜');

    expect((await call(b, 'wang', 'roster.today')).ok).toBe(true);
    await ok(a, 'dir', 'staff.update', { id: 'wang', active: false });
    expect((await call(b, 'wang', 'roster.today')).error).toMatchObject({ code: 'permission' });
  });

  it('a policy change on server A is the policy of server B’s next call', async () => {
    const months = async () => (await ok(b, 'dir', 'policy.get')).current.protectionMonths as number;
    const was = await months();
    await ok(a, 'dir', 'policy.update', { changes: { protectionMonths: was + 1 } });
    expect(await months()).toBe(was + 1);
  });

  it('a PIN reset on server A ends the session on server B at its next call', async () => {
    const signed = (await b.dispatch(null, 'session.signIn', { staffId: 'zhang', pin: PINS.zhang })).session!;
    expect((await b.dispatch(signed, 'roster.today', {})).result.ok).toBe(true);
    await ok(a, 'dir', 'staff.resetPin', { id: 'zhang', pin: '924681' });
    const after = await b.dispatch(signed, 'roster.today', {});
    expect(after.result).toMatchObject({ ok: false, error: { reason: 'session_ended' } });
  });

  it('a transaction of B that changes a role itself reads the new role, and keeps nothing of it if it rolls back', async () => {
    const roles = () => ok(b, 'dir', 'staff.list');
    const before = (await roles()).find((s: { id: string }) => s.id === 'sun').roles;
    await expect(
      inTransaction(b.db, 'write', async (tx) => {
        expect((await loadActor(tx, 'sun'))!.roles).toEqual(before);
        await sql`INSERT INTO staff_roles (staff_id, role) VALUES ('sun', 'sales_manager')`.execute(tx);
        expect((await loadActor(tx, 'sun'))!.roles).toContain('sales_manager');
        throw new Error('refused');
      }),
    ).rejects.toThrow('refused');
    expect((await inTransaction(b.db, 'read', (tx) => loadActor(tx, 'sun')))!.roles).toEqual(before);
  });

  it('an audit row sent with the COMMIT that fails takes the whole transaction back, and the caller hears of it', async () => {
    const name = async () => (await a.postgres.pool.query("SELECT name FROM staff WHERE id = 'zhang'")).rows[0].name as string;
    const was = await name();
    await expect(
      inTransaction(b.db, 'write', async (tx) => {
        await sql`UPDATE staff SET name = '张伟改' WHERE id = 'zhang'`.execute(tx);
        // no such person: the audit row's foreign key refuses it, at the COMMIT it waits for
        await insertAudit(tx, clock.now(), 'nobody-here', 'test.audit', {});
      }),
    ).rejects.toThrow(/foreign key/);
    expect(await name()).toBe(was);
    // the connection is whole again: the next call on it answers
    expect((await ok(b, 'qian', 'roster.today')).queue.length).toBe(3);
    // and one that succeeds keeps both
    await inTransaction(b.db, 'write', async (tx) => {
      await insertAudit(tx, clock.now(), 'dir', 'test.audit', { k: 1 });
    });
    expect((await a.postgres.pool.query("SELECT count(*)::int AS n FROM audit_log WHERE method = 'test.audit'")).rows[0].n).toBe(1);
  });

  it('one desk.lookup of a known customer by phone and name: at most 8 round trips (26 before the cache and the reads sent ahead)', async () => {
    const w = await ok(a, 'qian', 'desk.walkIn', { customer: { phone: '13800000003', name: '王五' } });
    await ok(a, 'mgr', 'desk.finish', { visit: w.visitId });
    const input = { phone: '13800000003', name: '王五' };
    for (let k = 0; k < 3; k++) await ok(b, 'qian', 'desk.lookup', input);
    // a connection the pool opens meanwhile says its search_path once (src/db/postgres.ts): not the call's
    const sent = (await statementsDuring(() => ok(b, 'qian', 'desk.lookup', input))).filter((s) => !s.startsWith('SET search_path'));
    expect(sent.length, sent.join('\n')).toBeLessThanOrEqual(8);
    // BEGIN, the write lock (an audited read) and the reference counter in the first one
    expect(sent[0]).toMatch(/^BEGIN .*pg_advisory_xact_lock.*reference_versions/s);
    expect(sent.at(-1)).toBe('COMMIT');
  });

  it('one desk.walkIn of a new customer: at most 11 round trips (29 before), its audit row sent with the COMMIT', async () => {
    await ok(b, 'qian', 'desk.lookup', { phone: '13800000004', name: '赵六' });
    const sent = (await statementsDuring(() => ok(b, 'qian', 'desk.walkIn', { customer: { phone: '13800000004', name: '赵六' } }))).filter(
      (s) => !s.startsWith('SET search_path'),
    );
    expect(sent.length, sent.join('\n')).toBeLessThanOrEqual(11);
    expect(sent.at(-1)).toMatch(/^insert into "audit_log" .*; COMMIT$/s);
  });
});
