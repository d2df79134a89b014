/**
 * The three things that make the desk answer fast keep answering right: the statement cache, queries
 * compiled once, and the reference cache (actor, policy, staff names, today's queue), which must never
 * answer from before a change — made by another process, by this connection outside the services, or
 * rolled back.
 */
import { sql } from 'kysely';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { migrations } from '../../migrations/index';
import { migrateToLatest, SCHEMA_VERSION } from '../../src/db/migrate';
import { openDatabase } from '../../src/db/open';
import { inJson, precompiled } from '../../src/db/precompiled';
import { cachedRead } from '../../src/db/reference-cache';
import { inTransaction } from '../../src/db/transaction';
import { staffNames } from '../../src/services/common';
import { type TestApp, testApp, refusal } from '../support/app';

let t: TestApp;
beforeEach(async () => {
  t = await testApp();
  await t.ok('mgr', 'roster.start', { order: ['zhang', 'li', 'wang'] });
});
afterEach(() => t.close());

describe('reference cache', () => {
  it('another process renaming, deactivating or re-ordering is seen on the very next call', async () => {
    expect((await t.ok('qian', 'roster.today'))!.queue[0]!.name).toBe('张伟');
    // another program of the office, with its ledger key (the chain triggers on staff call sd_hmac)
    const other = openDatabase(t.path).raw;
    try {
      // staff names and the roster projection are not ledger tables: a plain UPDATE stands for another desk's write
      other.prepare("UPDATE staff SET name = '张伟伟' WHERE id = 'zhang'").run();
      expect((await t.ok('qian', 'roster.today'))!.queue[0]!.name).toBe('张伟伟');
      const s = JSON.parse(other.prepare('SELECT state FROM roster_state').pluck().get() as string);
      s.queue.reverse();
      other.prepare('UPDATE roster_state SET state = ?').run(JSON.stringify(s));
      expect((await t.ok('qian', 'roster.today'))!.queue.map((e: { id: string }) => e.id)).toEqual(['wang', 'li', 'zhang']);
      other.prepare("UPDATE staff SET active = 0 WHERE id = 'qian'").run();
      const refused = await t.as('qian', 'roster.today');
      expect(refused.ok).toBe(false);
      expect(refusal(refused).code).toBe('permission');
    } finally {
      other.close();
    }
  });

  it('a write on this connection outside the services is seen at once (total_changes)', async () => {
    expect((await t.ok('qian', 'roster.today'))!.queue.map((e: { id: string }) => e.id)).toEqual(['zhang', 'li', 'wang']);
    const state = t.app.handle.raw.prepare('SELECT state FROM roster_state').pluck().get() as string;
    const s = JSON.parse(state);
    s.queue.reverse();
    t.app.handle.raw.prepare('UPDATE roster_state SET state = ?').run(JSON.stringify(s));
    expect((await t.ok('qian', 'roster.today'))!.queue.map((e: { id: string }) => e.id)).toEqual(['wang', 'li', 'zhang']);
  });

  it('what a transaction read after its own writes is not kept when it rolls back', async () => {
    const { db } = t.app.handle;
    const names = () =>
      inTransaction(db, 'read', (tx) =>
        cachedRead(
          tx,
          'test:names',
          async () => (await tx.selectFrom('staff').select('name').where('id', '=', 'zhang').executeTakeFirstOrThrow()).name,
        ),
      );
    expect(await names()).toBe('张伟');
    await expect(
      inTransaction(db, 'write', async (tx) => {
        await sql`UPDATE staff SET name = '回滚' WHERE id = 'zhang'`.execute(tx);
        expect(
          await cachedRead(
            tx,
            'test:names',
            async () => (await tx.selectFrom('staff').select('name').where('id', '=', 'zhang').executeTakeFirstOrThrow()).name,
          ),
        ).toBe('回滚');
        throw new Error('refused');
      }),
    ).rejects.toThrow('refused');
    expect(await names()).toBe('张伟');
  });

  it('staff names kept across writes are never those of a rename in progress, nor of one rolled back', async () => {
    const { db } = t.app.handle;
    const names = () => inTransaction(db, 'read', (tx) => staffNames(tx, ['zhang']));
    expect(await names()).toEqual({ zhang: '张伟' });
    await expect(
      inTransaction(db, 'write', async (tx) => {
        await sql`INSERT INTO audit_log (at, actor_id, method, detail) VALUES ('2026-03-02T09:00:00.000+08:00', 'mgr', 'test', '{}')`.execute(
          tx,
        );
        expect(await staffNames(tx, ['zhang'])).toEqual({ zhang: '张伟' }); // another table written: the kept names hold
        await sql`UPDATE staff SET name = '改名中' WHERE id = 'zhang'`.execute(tx);
        expect(await staffNames(tx, ['zhang'])).toEqual({ zhang: '改名中' });
        throw new Error('refused');
      }),
    ).rejects.toThrow('refused');
    // the next committed change to staff moves the counter to the value the rolled-back rename had
    await inTransaction(db, 'write', (tx) => sql`UPDATE staff SET name = '李娜二' WHERE id = 'li'`.execute(tx));
    expect(await inTransaction(db, 'read', (tx) => staffNames(tx, ['zhang', 'li']))).toEqual({ zhang: '张伟', li: '李娜二' });
  });

  it('keeps a value between calls while nothing changes, frozen so no caller can alter it', async () => {
    const { db } = t.app.handle;
    let loads = 0;
    const read = () => inTransaction(db, 'read', (tx) => cachedRead(tx, 'test:list', async () => (loads++, { list: [1, 2] })));
    const a = await read();
    const b = await read();
    expect(loads).toBe(1);
    expect(b).toBe(a);
    expect(() => (a.list as number[]).push(3)).toThrow(TypeError);
    await t.ok('mgr', 'roster.status', { consultant: 'li', status: 'lunch' });
    await read();
    expect(loads).toBe(2);
  });
});

describe('reference versions (migration 0009)', () => {
  it('migrating an existing database starts the counter, and every change to staff, roles or policy moves it', async () => {
    const h = openDatabase(':memory:');
    try {
      for (const m of migrations.slice(0, 8)) await m.up(h.db);
      h.raw.pragma('user_version = 8');
      h.raw.prepare("INSERT INTO staff (id, name, active, created_at) VALUES ('a', '甲', 1, '2026-01-01T00:00:00.000+08:00')").run();
      expect(await migrateToLatest(h.db)).toEqual({ from: 8, to: SCHEMA_VERSION });
      const version = () => h.raw.prepare("SELECT version FROM reference_versions WHERE name = 'reference'").pluck().get() as number;
      expect(version()).toBe(0);
      expect(h.raw.prepare("SELECT name FROM staff WHERE id = 'a'").pluck().get()).toBe('甲');
      const steps = [
        "INSERT INTO staff (id, name, active, created_at) VALUES ('b', '乙', 1, '2026-01-01T00:00:00.000+08:00')",
        "UPDATE staff SET name = '乙乙' WHERE id = 'b'",
        "INSERT INTO staff_roles (staff_id, role) VALUES ('b', 'consultant')",
        "INSERT INTO policy_versions (effective_at, params, created_by, created_at) VALUES ('2026-01-01T00:00:00.000+08:00', '{}', 'a', '2026-01-01T00:00:00.000+08:00')",
      ];
      for (const [i, step] of steps.entries()) {
        h.raw.prepare(step).run();
        expect(version(), step).toBe(i + 1);
      }
      // other tables leave it alone
      h.raw
        .prepare(
          "INSERT INTO customers (name, phone, phone_key, name_key, name_initials, created_at, created_by) VALUES ('客', '13800000000', '13800000000', 'ke', 'k', '2026-01-01T00:00:00.000+08:00', 'a')",
        )
        .run();
      expect(version()).toBe(steps.length);
    } finally {
      await h.close();
    }
  });

  it('walk-ins do not make the desk read the staff list again; a change to staff does', async () => {
    const seen: string[] = [];
    const walkIn = async (phone: string) => {
      seen.length = 0;
      t.app.handle.statements.observer = (q) => seen.push(q);
      try {
        const w = await t.ok('qian', 'desk.walkIn', { customer: { name: '顾客', phone } });
        await t.ok(w.receivedBy!.id, 'desk.finish', { visit: w.visitId });
      } finally {
        t.app.handle.statements.observer = null;
      }
      return seen.filter((q) => /from "staff"/.test(q));
    };
    await walkIn('13800000001');
    const second = await walkIn('13800000002');
    expect(second).toEqual([]);
    await t.ok('dir', 'staff.create', { id: 'zhao', name: '赵新', roles: ['consultant'] });
    expect((await walkIn('13800000003')).length).toBeGreaterThan(0);
  });
});

describe('statement cache and queries compiled once', () => {
  it('one prepared statement per SQL text, bounded, least recently used out first', () => {
    const h = openDatabase(':memory:');
    try {
      const small = (n: number) => `SELECT ${n} AS n`;
      const first = h.statements.prepare(small(1));
      expect(h.statements.prepare(small(1))).toBe(first);
      const used = h.statements.prepare(small(2));
      for (let n = 3; n <= 600; n++) {
        h.statements.prepare(small(n));
        if (n % 100 === 0) h.statements.prepare(small(2)); // kept in use: never the least recently used
      }
      expect(h.statements.prepare(small(2))).toBe(used);
      expect(h.statements.prepare(small(1))).not.toBe(first);
    } finally {
      void h.close();
    }
  });

  it('runs with new values each time, keeps constants, takes lists as JSON', async () => {
    const q = precompiled((db, p: { ids: string; from: string }) =>
      db.selectFrom('staff').select('id').where('id', 'in', inJson(p.ids)).where('id', '>=', p.from).orderBy('id').limit(2),
    );
    const { db } = t.app.handle;
    expect((await q.all(db, { ids: JSON.stringify(['zhang', 'li', 'wang']), from: 'a' })).map((r) => r.id)).toEqual(['li', 'wang']);
    expect((await q.all(db, { ids: JSON.stringify(['zhang', 'li', 'wang']), from: 'm' })).map((r) => r.id)).toEqual(['wang', 'zhang']);
    expect(await q.first(db, { ids: '[]', from: 'a' })).toBeUndefined();
  });

  it('refuses a builder that computes on a parameter instead of passing it to SQL', async () => {
    const q = precompiled((db, p: { id: string }) => db.selectFrom('staff').select('id').where('id', '=', p.id.toUpperCase()));
    const bad = precompiled((db, p: { id: string }) =>
      db.selectFrom('staff').select('id').where('id', '=', 'zhang').where(sql.ref(p.id), '=', 1),
    );
    await expect(q.all(t.app.handle.db, { id: 'zhang' })).rejects.toThrow(/must reach SQL as a value/);
    await expect(bad.all(t.app.handle.db, { id: 'zhang' })).rejects.toThrow(/must reach SQL as a value/);
  });
});
