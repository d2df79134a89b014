/**
 * SQLite only (tests/support/engine-scope.ts): the workings of SQLite's own caches — the reference cache keeping
 * a value while data_version, total_changes() and migration 0009's counter stand still, that counter's
 * triggers, and the statement cache with its observer. PostgreSQL's reference cache is tests/postgres/reference-cache.test.ts
 * (it has no statement cache of ours); that the answers stay right on both engines is caches.test.ts.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { migrations } from '../../migrations/index';
import { migrateToLatest, SCHEMA_VERSION } from '../../src/db/migrate';
import { openDatabase } from '../../src/db/open';
import { cachedRead } from '../../src/db/reference-cache';
import { inTransaction } from '../../src/db/transaction';
import { type TestApp, testApp } from '../support/app';

let t: TestApp;
beforeEach(async () => {
  t = await testApp();
  await t.ok('mgr', 'roster.start', { order: ['zhang', 'li', 'wang'] });
});
afterEach(() => t.close());

describe('reference cache', () => {
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

describe('reference cache within one transaction', () => {
  // The generations are read once at BEGIN while the transaction has not written (src/db/reference-cache.ts):
  // a write through Kysely must end that, or the second read below would get the value from before the write.
  it('a write inside the transaction makes the next cached read load again, in either scope', async () => {
    const { db } = t.app.handle;
    const loads = { file: 0, reference: 0 };
    const read = (tx: Parameters<typeof cachedRead>[0], scope: 'file' | 'reference') =>
      cachedRead(tx, `test:${scope}`, async () => ++loads[scope], scope);
    await inTransaction(db, 'write', async (tx) => {
      expect([await read(tx, 'file'), await read(tx, 'file')]).toEqual([1, 1]);
      expect([await read(tx, 'reference'), await read(tx, 'reference')]).toEqual([1, 1]);
      await tx
        .insertInto('customers')
        .values({
          name: '客',
          phone: '13800000009',
          phone_key: '13800000009',
          name_key: 'ke',
          name_initials: 'k',
          created_at: '2026-01-01T00:00:00.000+08:00',
          created_by: 'mgr',
        })
        .execute();
      expect(await read(tx, 'file')).toBe(2);
      // customers are not reference data: the counter stands still, the kept reference value stays right
      expect(await read(tx, 'reference')).toBe(1);
      await tx.updateTable('staff').set({ name: '钱二' }).where('id', '=', 'qian').execute();
      expect(await read(tx, 'reference')).toBe(2);
    });
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

describe('statement cache', () => {
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
});
