/**
 * Issue 13 point 11: a method's kind is enforced by the transaction layer, not by convention. A `read` runs
 * under PRAGMA query_only and so cannot write; every read method of the contract, called on a week of a busy
 * office, changes nothing; an audited read is refused on a damaged file before anything is touched.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { sql } from 'kysely';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { spec as contract } from '../../src/api/spec';
import { openApp } from '../../src/app';
import { fillDemo } from '../../src/cli/demo';
import { inTransaction } from '../../src/db/transaction';
import { ROLES } from '../../src/domain/roles';
import { testApp, type TestApp } from '../support/app';
import { rowCounts } from '../support/row-counts';

let t: TestApp;
afterEach(async () => {
  await t.close();
});

const totalChanges = (t: TestApp) => (t.app.handle.raw.prepare('SELECT total_changes() n').get() as { n: number }).n;

describe('a read transaction cannot write', () => {
  beforeEach(async () => {
    t = await testApp();
  });

  it('an insert, an update and raw SQL inside inTransaction(db, "read") fail, nothing is written, and the next write works', async () => {
    const db = t.app.handle.db;
    const before = await rowCounts(t.app);
    const changes = totalChanges(t);
    const attempts: ((tx: typeof db) => Promise<unknown>)[] = [
      (tx: typeof db) =>
        tx.insertInto('audit_log').values({ at: new Date().toISOString(), actor_id: 'dir', method: 'sneaky', detail: '{}' }).execute(),
      (tx: typeof db) => tx.updateTable('staff').set({ name: '改名' }).where('id', '=', 'zhang').execute(),
      (tx: typeof db) => sql`DELETE FROM customers`.execute(tx),
    ];
    for (const attempt of attempts) {
      await expect(inTransaction(db, 'read', attempt)).rejects.toMatchObject({ code: expect.stringMatching(/^SQLITE_READONLY/) });
    }
    expect(await rowCounts(t.app)).toEqual(before);
    expect(totalChanges(t)).toBe(changes);
    // query_only ends with the read: the same connection writes again
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
    const deal = t.app.handle.raw.prepare('SELECT id FROM deals ORDER BY id LIMIT 1').get() as { id: number };
    await t.ok('c01', 'dispute.raise', { deal: deal.id, claim: '测试争议' });
    await t.ok('pm', 'referral.register', {
      referrer: 'sun',
      customer: { name: '钱少少', phone: '13600005555' },
      appointment: '2026-03-09',
    });
  });

  it('called by a manager holding every role, each read answers and no row anywhere changes', async () => {
    const raw = t.app.handle.raw;
    const first = (q: string) => (raw.prepare(q).get() as { id: number }).id;
    const customer = raw.prepare('SELECT id, name, phone FROM customers ORDER BY id LIMIT 1').get() as {
      id: number;
      name: string;
      phone: string;
    };
    const inputs: Record<string, unknown> = {
      'staff.list': { includeInactive: true },
      'session.signOut': {},
      'session.me': {},
      'roster.today': {},
      'roster.board': {},
      'roster.at': { at: '2026-03-05T11:00:00' },
      'desk.lookup': { phone: customer.phone, name: customer.name },
      'desk.notices': {},
      'registration.day': { day: '2026-03-05' },
      'registration.expiring': { days: 31 },
      'referral.status': { referral: first('SELECT id FROM referrals ORDER BY id LIMIT 1') },
      'deal.split': { deal: first('SELECT id FROM deals ORDER BY id LIMIT 1') },
      'statement.month': { month: '2026-03' },
      'dispute.get': { dispute: first('SELECT id FROM disputes ORDER BY id LIMIT 1') },
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
    };
    const reads = Object.entries(contract)
      .filter(([, def]) => def.kind === 'read')
      .map(([name]) => name);
    // a new read method must be added here, with an input that makes it do its work
    expect(reads.filter((name) => !(name in inputs))).toEqual([]);
    const before = await rowCounts(raw);
    const changes = totalChanges(t);
    for (const name of reads) {
      const r = (await t.app.dispatch({ staffId: 'boss' }, name, inputs[name])).result;
      expect(r, `${name}: ${r.ok ? '' : `${r.error.code} ${r.error.message}`}`).toMatchObject({ ok: true });
      expect(totalChanges(t), name).toBe(changes);
    }
    expect(await rowCounts(raw)).toEqual(before);
  });
});

describe('an audited read on a damaged file', () => {
  beforeEach(async () => {
    t = await testApp();
  });

  it('customer.get and customer.search answer the read-only refusal and write not a byte', async () => {
    await t.ok('mgr', 'roster.start', { order: ['zhang', 'li'] });
    const w = await t.ok('qian', 'desk.walkIn', { customer: { name: '吴敏', phone: '13800000001' } });
    await t.app.close();
    const bytes = readFileSync(t.path);
    const page = 4096;
    for (let p = 2; p < Math.min(bytes.length / page, 12); p++) bytes.fill(0x5a, p * page + 100, p * page + 4000);
    writeFileSync(t.path, bytes);
    const app = await openApp({ dbPath: t.path, clock: t.clock });
    try {
      const reason = app.readOnlyReason();
      expect(reason).toMatch(/数据库文件已损坏/);
      for (const [method, input] of [
        ['customer.get', { customer: w.customerId }],
        ['customer.search', { q: '13800' }],
      ] as const) {
        for (const who of ['li', 'mgr']) {
          const r = (await app.dispatch({ staffId: who }, method, input)).result;
          expect(r, `${method} as ${who}`).toMatchObject({
            ok: false,
            error: { code: 'invalid_state', reason: 'database_damaged', params: { cause: 'damaged', detail: app.readOnlyState()!.detail } },
          });
        }
      }
      expect(readFileSync(t.path)).toEqual(bytes);
    } finally {
      await app.close();
    }
  });
});
