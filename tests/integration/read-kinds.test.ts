/**
 * Issue 13 point 11: a method's kind is enforced by the transaction layer, not by convention. A `read` runs
 * under SQLite's PRAGMA query_only, or in a PostgreSQL READ ONLY transaction, and so cannot write; every read
 * method of the contract, called on a week of a busy office, changes nothing. (An audited read refused on a
 * damaged SQLite file before anything is touched: read-kinds-sqlite-file.test.ts.)
 */
import { sql } from 'kysely';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { spec as contract } from '../../src/api/spec';
import { fillDemo } from '../../src/cli/demo';
import { inTransaction } from '../../src/db/transaction';
import { ROLES } from '../../src/domain/roles';
import { testApp, type TestApp } from '../support/app';
import { onPostgres } from '../support/engine';
import { changeCounter, rowCounts } from '../support/row-counts';
import { row, value } from '../support/sql';

let t: TestApp;
afterEach(async () => {
  await t.close();
});

/** The engine's refusal of a write in a read: SQLite's query_only, PostgreSQL's read_only_sql_transaction (25006). */
const readOnlyRefusal = () => (onPostgres() ? '25006' : expect.stringMatching(/^SQLITE_READONLY/));

describe('a read transaction cannot write', () => {
  beforeEach(async () => {
    t = await testApp();
  });

  it('an insert, an update and raw SQL inside inTransaction(db, "read") fail, nothing is written, and the next write works', async () => {
    const db = t.app.db;
    const before = await rowCounts(t.app);
    const changesNow = await changeCounter(t.app);
    const changes = await changesNow();
    const attempts: ((tx: typeof db) => Promise<unknown>)[] = [
      (tx: typeof db) =>
        tx.insertInto('audit_log').values({ at: new Date().toISOString(), actor_id: 'dir', method: 'sneaky', detail: '{}' }).execute(),
      (tx: typeof db) => tx.updateTable('staff').set({ name: '改名' }).where('id', '=', 'zhang').execute(),
      (tx: typeof db) => sql`DELETE FROM customers`.execute(tx),
    ];
    for (const attempt of attempts) {
      await expect(inTransaction(db, 'read', attempt)).rejects.toMatchObject({ code: readOnlyRefusal() });
    }
    expect(await rowCounts(t.app)).toEqual(before);
    expect(await changesNow()).toBe(changes);
    expect(await row(t.app, sql`SELECT name FROM staff WHERE id = 'zhang'`)).toEqual({ name: '张伟' });
    // query_only (the READ ONLY transaction) ends with the read: the same connection writes again
    await inTransaction(db, 'write', (tx) =>
      tx.insertInto('audit_log').values({ at: new Date().toISOString(), actor_id: 'dir', method: 'after', detail: '{}' }).execute(),
    );
    expect((await rowCounts(t.app)).audit_log).toBe(before.audit_log! + 1);
  });
});

describe('every read method of the contract changes nothing', () => {
  beforeEach(async () => {
    t = await testApp({ seed: false, at: '2026-03-02T08:00:00' });
    await fillDemo(t.app, t.clock, new Date('2026-03-02T08:00:00'), 7);
    // one person with every role, so no call stops at the role check and every read runs its whole body
    await t.ok('dir', 'staff.create', { id: 'boss', name: '全权', roles: [...ROLES] });
    const deal = await value<number>(t.app, sql`SELECT id FROM deals ORDER BY id LIMIT 1`);
    await t.ok('c01', 'dispute.raise', { deal, claim: '测试争议' });
    await t.ok('pm', 'referral.register', {
      referrer: 'sun',
      customer: { name: '钱少少', phone: '13600005555' },
      appointment: '2026-03-09',
    });
  });

  it('called by a manager holding every role, each read answers and no row anywhere changes', async () => {
    const first = async (table: 'referrals' | 'deals' | 'disputes') =>
      (await value<number>(t.app, sql`SELECT id FROM ${sql.table(table)} ORDER BY id LIMIT 1`))!;
    const customer = (await row<{ id: number; name: string; phone: string }>(
      t.app,
      sql`SELECT id, name, phone FROM customers ORDER BY id LIMIT 1`,
    ))!;
    const inputs: Record<string, unknown> = {
      'staff.list': { includeInactive: true },
      'staff.otherSites': {},
      'session.signOut': {},
      'session.me': {},
      'session.sites': {},
      'roster.today': {},
      'roster.board': {},
      'roster.at': { at: '2026-03-05T11:00:00' },
      'desk.lookup': { phone: customer.phone, name: customer.name },
      'desk.notices': {},
      'registration.day': { day: '2026-03-05' },
      'registration.expiring': { days: 31 },
      'referral.status': { referral: await first('referrals') },
      'deal.split': { deal: await first('deals') },
      'statement.month': { month: '2026-03' },
      'dispute.get': { dispute: await first('disputes') },
      'statement.export': { month: '2026-03', format: 'csv' },
      'deal.list': { month: '2026-03' },
      'dispute.list': {},
      'referral.list': {},
      'backup.status': {},
      'backup.list': {},
      'policy.get': {},
      'audit.list': { customer: customer.id },
      'followUp.list': { customer: customer.id },
      'followUp.today': {},
      'followUp.overview': {},
      'grades.labels': {},
      'report.weekly': { day: '2026-03-05' },
      'report.weeklyExport': { day: '2026-03-05' },
      'dashboard.data': { month: '2026-03' },
      'me.commission': { month: '2026-03' },
      'me.customers': {},
      'group.statements': { month: '2026-03' },
      'group.disputes': {},
      'group.dashboard': { month: '2026-03' },
    };
    const reads = Object.entries(contract)
      .filter(([, def]) => def.kind === 'read')
      .map(([name]) => name);
    // a new read method must be added here, with an input that makes it do its work
    expect(reads.filter((name) => !(name in inputs))).toEqual([]);
    const before = await rowCounts(t.app);
    const changesNow = await changeCounter(t.app);
    const changes = await changesNow();
    for (const name of reads) {
      const r = (await t.app.dispatch({ staffId: 'boss' }, name, inputs[name])).result;
      expect(r, `${name}: ${r.ok ? '' : `${r.error.code} ${r.error.message}`}`).toMatchObject({ ok: true });
      expect(await changesNow(), name).toBe(changes);
    }
    expect(await rowCounts(t.app)).toEqual(before);
  });
});
