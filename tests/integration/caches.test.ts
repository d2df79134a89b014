/**
 * What makes the desk answer fast keeps answering right: queries compiled once, and the reference cache
 * (actor, policy, staff names, today's queue), which must never answer from before a change — made by another
 * program, through the app's own database outside the services, or rolled back. On both engines: SQLite keeps
 * a reference cache (src/db/reference-cache.ts); PostgreSQL keeps staff, roles and policy while the site's
 * reference counter, read with each BEGIN, stands still (src/db/reference-cache-postgres.ts; across two app servers:
 * tests/postgres/reference-cache.test.ts), and reads the queue from the server every time. SQLite's own cache
 * workings — a value kept while nothing changes, migration 0009's counter, the statement cache — are in
 * caches-sqlite.test.ts.
 */
import { sql } from 'kysely';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { inJson, precompiled } from '../../src/db/precompiled';
import { cachedRead } from '../../src/db/reference-cache';
import { inTransaction } from '../../src/db/transaction';
import { staffNames } from '../../src/services/common';
import { type TestApp, testApp, refusal } from '../support/app';
import { onPostgres, openSecondConnection } from '../support/engine';
import { run, value } from '../support/sql';

let t: TestApp;
beforeEach(async () => {
  t = await testApp();
  await t.ok('mgr', 'roster.start', { order: ['zhang', 'li', 'wang'] });
});
afterEach(() => t.close());

describe('reference cache', () => {
  it('another program renaming, deactivating or re-ordering is seen on the very next call', async () => {
    expect((await t.ok('qian', 'roster.today'))!.queue[0]!.name).toBe('张伟');
    // another program of the office: a second connection to the file, or to the group's database
    const other = await openSecondConnection(t.app);
    try {
      // staff names and the roster projection are not ledger tables: a plain UPDATE stands for another desk's write
      await sql`UPDATE staff SET name = '张伟伟' WHERE id = 'zhang'`.execute(other.db);
      expect((await t.ok('qian', 'roster.today'))!.queue[0]!.name).toBe('张伟伟');
      const state = (await sql<{ state: string }>`SELECT state FROM roster_state`.execute(other.db)).rows[0]!.state;
      const s = JSON.parse(state);
      s.queue.reverse();
      await sql`UPDATE roster_state SET state = ${JSON.stringify(s)}`.execute(other.db);
      expect((await t.ok('qian', 'roster.today'))!.queue.map((e: { id: string }) => e.id)).toEqual(['wang', 'li', 'zhang']);
      await sql`UPDATE staff SET active = 0 WHERE id = 'qian'`.execute(other.db);
      const refused = await t.as('qian', 'roster.today');
      expect(refused.ok).toBe(false);
      expect(refusal(refused).code).toBe('permission');
    } finally {
      await other.close();
    }
  });

  it('a write through the app’s own database outside the services is seen at once (SQLite: total_changes)', async () => {
    expect((await t.ok('qian', 'roster.today'))!.queue.map((e: { id: string }) => e.id)).toEqual(['zhang', 'li', 'wang']);
    const state = (await value<string>(t.app, sql`SELECT state FROM roster_state`))!;
    const s = JSON.parse(state);
    s.queue.reverse();
    await run(t.app, sql`UPDATE roster_state SET state = ${JSON.stringify(s)}`);
    expect((await t.ok('qian', 'roster.today'))!.queue.map((e: { id: string }) => e.id)).toEqual(['wang', 'li', 'zhang']);
  });

  it('what a transaction read after its own writes is not kept when it rolls back', async () => {
    const { db } = t.app;
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
    const { db } = t.app;
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
});

describe('statement cache and queries compiled once', () => {
  it('runs with new values each time, keeps constants, takes lists: one id, several, none', async () => {
    // lists of ids, the only lists the app passes (on PostgreSQL migrations/postgres's json_each(text) reads bigint ids)
    const ids: number[] = [];
    for (const phone of ['13800000011', '13800000012', '13800000013', '13800000014'])
      ids.push((await t.ok('zhang', 'desk.phoneInquiry', { customer: { name: '顾客', phone } })).customerId);
    const [a, b, c, d] = ids as [number, number, number, number];
    const q = precompiled((db, p: { ids: readonly number[]; from: number }) =>
      db.selectFrom('customers').select('id').where('id', 'in', inJson(p.ids)).where('id', '>=', p.from).orderBy('id').limit(2),
    );
    const { db } = t.app;
    // the texts sent: SQLite's statement cache sees them (PostgreSQL has none of ours; the answers are checked on both)
    const texts: string[] = [];
    const statements = onPostgres() ? null : t.app.handle.statements;
    if (statements) statements.observer = (sql) => texts.push(sql);
    try {
      expect((await q.all(db, { ids: [d, b, c], from: a })).map((r) => r.id)).toEqual([b, c]);
      expect((await q.all(db, { ids: [d, b, c], from: c })).map((r) => r.id)).toEqual([c, d]);
      expect((await q.all(db, { ids: [b], from: a })).map((r) => r.id)).toEqual([b]);
      expect(await q.first(db, { ids: [b], from: c })).toBeUndefined();
      expect((await q.all(db, { ids: [d, b], from: a })).map((r) => r.id)).toEqual([b, d]);
      expect(await q.first(db, { ids: [], from: a })).toBeUndefined();
    } finally {
      if (statements) statements.observer = null;
    }
    if (statements) {
      // one id is asked as an equality (SQLite's fast path), any other number as a JSON list
      expect(texts.filter((x) => x.includes('json_each'))).toHaveLength(4);
      expect(texts.filter((x) => /"id" in \(\?\)/.test(x))).toHaveLength(2);
    }
  });

  it('refuses a list that does not reach SQL through inJson', async () => {
    const q = precompiled((db, p: { ids: readonly number[] }) =>
      db
        .selectFrom('customers')
        .select('id')
        .where('id', 'in', [p.ids as never]),
    );
    await expect(q.all(t.app.db, { ids: [1, 2] })).rejects.toThrow(/must reach SQL through inJson/);
  });

  it('refuses a builder that computes on a parameter instead of passing it to SQL', async () => {
    const q = precompiled((db, p: { id: string }) => db.selectFrom('staff').select('id').where('id', '=', p.id.toUpperCase()));
    const bad = precompiled((db, p: { id: string }) =>
      db.selectFrom('staff').select('id').where('id', '=', 'zhang').where(sql.ref(p.id), '=', 1),
    );
    await expect(q.all(t.app.db, { id: 'zhang' })).rejects.toThrow(/must reach SQL as a value/);
    await expect(bad.all(t.app.db, { id: 'zhang' })).rejects.toThrow(/must reach SQL as a value/);
  });
});
