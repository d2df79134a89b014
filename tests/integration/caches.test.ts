/**
 * The three things that make the desk answer fast keep answering right: the statement cache, queries
 * compiled once, and the reference cache (actor, policy, staff names, today's queue), which must never
 * answer from before a change — made by another process, by this connection outside the services, or
 * rolled back.
 */
import BetterSqlite3 from 'better-sqlite3';
import { sql } from 'kysely';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openDatabase } from '../../src/db/open';
import { inJson, precompiled } from '../../src/db/precompiled';
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
  it('another process renaming, deactivating or re-ordering is seen on the very next call', async () => {
    expect((await t.ok('qian', 'roster.today')).queue[0].name).toBe('张伟');
    const other = new BetterSqlite3(t.path, { timeout: 5000 });
    try {
      // staff names and the roster projection are not ledger tables: a plain UPDATE stands for another desk's write
      other.prepare("UPDATE staff SET name = '张伟伟' WHERE id = 'zhang'").run();
      expect((await t.ok('qian', 'roster.today')).queue[0].name).toBe('张伟伟');
      other.prepare("UPDATE staff SET active = 0 WHERE id = 'qian'").run();
      const refused = await t.as('qian', 'roster.today');
      expect(refused.ok).toBe(false);
      expect(refused.error.code).toBe('permission');
    } finally {
      other.close();
    }
  });

  it('a write on this connection outside the services is seen at once (total_changes)', async () => {
    expect((await t.ok('qian', 'roster.today')).queue.map((e: { id: string }) => e.id)).toEqual(['zhang', 'li', 'wang']);
    const state = t.app.handle.raw.prepare('SELECT state FROM roster_state').pluck().get() as string;
    const s = JSON.parse(state);
    s.queue.reverse();
    t.app.handle.raw.prepare('UPDATE roster_state SET state = ?').run(JSON.stringify(s));
    expect((await t.ok('qian', 'roster.today')).queue.map((e: { id: string }) => e.id)).toEqual(['wang', 'li', 'zhang']);
  });

  it('what a transaction read after its own writes is not kept when it rolls back', async () => {
    const { db } = t.app.handle;
    const names = () => inTransaction(db, 'read', (tx) => cachedRead(tx, 'test:names', async () => (await tx.selectFrom('staff').select('name').where('id', '=', 'zhang').executeTakeFirstOrThrow()).name));
    expect(await names()).toBe('张伟');
    await expect(
      inTransaction(db, 'write', async (tx) => {
        await sql`UPDATE staff SET name = '回滚' WHERE id = 'zhang'`.execute(tx);
        expect(await cachedRead(tx, 'test:names', async () => (await tx.selectFrom('staff').select('name').where('id', '=', 'zhang').executeTakeFirstOrThrow()).name)).toBe('回滚');
        throw new Error('refused');
      }),
    ).rejects.toThrow('refused');
    expect(await names()).toBe('张伟');
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

describe('statement cache and queries compiled once', () => {
  it('one prepared statement per SQL text, bounded, oldest out first', () => {
    const h = openDatabase(':memory:');
    try {
      const small = (n: number) => `SELECT ${n} AS n`;
      const first = h.statements.prepare(small(1));
      expect(h.statements.prepare(small(1))).toBe(first);
      for (let n = 2; n <= 600; n++) h.statements.prepare(small(n));
      expect(h.statements.prepare(small(600))).toBe(h.statements.prepare(small(600)));
      expect(h.statements.prepare(small(1))).not.toBe(first);
    } finally {
      void h.close();
    }
  });

  it('runs with new values each time, keeps constants, takes lists as JSON', async () => {
    const q = precompiled((db, p: { ids: string; from: string }) => db.selectFrom('staff').select('id').where('id', 'in', inJson(p.ids)).where('id', '>=', p.from).orderBy('id').limit(2));
    const { db } = t.app.handle;
    expect((await q.all(db, { ids: JSON.stringify(['zhang', 'li', 'wang']), from: 'a' })).map((r) => r.id)).toEqual(['li', 'wang']);
    expect((await q.all(db, { ids: JSON.stringify(['zhang', 'li', 'wang']), from: 'm' })).map((r) => r.id)).toEqual(['wang', 'zhang']);
    expect(await q.first(db, { ids: '[]', from: 'a' })).toBeUndefined();
  });

  it('refuses a builder that computes on a parameter instead of passing it to SQL', async () => {
    const q = precompiled((db, p: { id: string }) => db.selectFrom('staff').select('id').where('id', '=', p.id.toUpperCase()));
    const bad = precompiled((db, p: { id: string }) => db.selectFrom('staff').select('id').where('id', '=', 'zhang').where(sql.ref(p.id), '=', 1));
    await expect(q.all(t.app.handle.db, { id: 'zhang' })).rejects.toThrow(/must reach SQL as a value/);
    await expect(bad.all(t.app.handle.db, { id: 'zhang' })).rejects.toThrow(/must reach SQL as a value/);
  });
});
