/**
 * The query plans behind the performance budget (architecture.md; numbers from `npm run bench`). The
 * statements the desk and the statement really run are captured and explained: on a million customers
 * a wrong plan costs milliseconds per lookup, on a test database nothing, so only the plan can tell.
 * Without ANALYZE (the app never runs it) the plans are the same on a small file as on a big one.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { type TestApp, testApp } from '../support/app';

let t: TestApp;
beforeEach(async () => {
  t = await testApp();
  await t.ok('mgr', 'roster.start', { order: ['zhang', 'li', 'wang'] });
  const w = await t.ok('qian', 'desk.walkIn', { customer: { name: '王伟', phone: '13800000001' } });
  await t.ok('zhang', 'desk.finish', { visit: w.visitId });
});
afterEach(() => t.close());

/** Every statement `fn` runs, with its plan (parameters bound as NULL). */
async function plans(fn: () => Promise<unknown>): Promise<{ sql: string; plan: string }[]> {
  const { raw, statements } = t.app.handle;
  const seen: string[] = [];
  statements.observer = (sql) => seen.push(sql);
  try {
    await fn();
  } finally {
    statements.observer = null;
  }
  return seen
    .filter((sql) => /^\s*select/i.test(sql))
    .map((sql) => ({
      sql,
      plan: (raw.prepare(`EXPLAIN QUERY PLAN ${sql}`).all(...Array(sql.split('?').length - 1).fill(null)) as { detail: string }[])
        .map((r) => r.detail)
        .join(' | '),
    }));
}

// Tables that stay small (a few hundred rows at most) may be scanned; anything else — a big table, or one
// under an alias (`registration_decisions as d` prints `SCAN d`) — is a finding.
const SMALL = [
  'staff',
  'staff_roles',
  'policy_versions',
  'rosters',
  'roster_state',
  'disputes',
  'grade_labels',
  'reference_versions',
  'json_each',
];
const scans = (p: { plan: string }[]) =>
  p.filter((x) => {
    // a subquery SQLite runs as a co-routine or materialises is its own small result, read through
    const own = new Set([...x.plan.matchAll(/(?:CO-ROUTINE|MATERIALIZE) (\w+)/g)].map((m) => m[1]));
    return [...x.plan.matchAll(/\bSCAN (\w+)/g)].some((m) => !SMALL.includes(m[1]!) && !own.has(m[1]));
  });

describe('query plans of the desk and the statement', () => {
  it('a lookup and a walk-in never scan a big table, and each asks its question through the right index', async () => {
    const p = [
      ...(await plans(() => t.ok('qian', 'desk.lookup', { phone: '13800000001', name: '王伟' }))),
      ...(await plans(() => t.ok('qian', 'desk.lookup', { phone: '13900000009', name: '王伟' }))),
      ...(await plans(() => t.ok('qian', 'desk.walkIn', { customer: { name: '王伟', phone: '13900000009' } }))),
    ];
    expect(scans(p)).toEqual([]);
    // likely matches: each index walked backwards to 20 rows, not every namesake gathered and sorted, and
    // answered from the index alone (migration 0010), not from 40 random rows of the table
    const namesakes = p.filter((x) => x.sql.includes('"name_key" = ?'));
    expect(namesakes.length).toBeGreaterThan(0);
    for (const x of namesakes) {
      expect(x.plan).toContain('COVERING INDEX customers_name_newest (name=?)');
      expect(x.plan).toContain('COVERING INDEX customers_name_key_newest (name_key=?)');
      expect(x.plan).not.toContain('MULTI-INDEX OR');
    }
    // handovers: answered from the (visit_id, type) index of migration 0008
    const handovers = p.filter((x) => x.sql.includes('"visit_events"."type" = ?'));
    expect(handovers.length).toBeGreaterThan(0);
    for (const x of handovers) expect(x.plan).toContain('visit_events_visit_type (visit_id=? AND type=?)');
    // an announced customer without a number: found by the empty phone, not among every namesake
    const announced = p.filter((x) => x.sql.includes('from "announcements" inner join "customers"'));
    expect(announced.length).toBeGreaterThan(0);
    for (const x of announced) expect(x.plan).toContain('customers_phone_key (phone_key=?)');
  });

  it('a month’s statement reads a handful of statements, not a dozen per deal', async () => {
    for (const phone of ['13800000002', '13800000003', '13800000004']) {
      const w = await t.ok('qian', 'desk.walkIn', { customer: { name: '李娜', phone } });
      await t.ok(w.receivedBy!.id, 'desk.finish', { visit: w.visitId });
    }
    t.clock.set(new Date('2026-03-03T09:00:00'));
    for (const v of [1, 2, 3, 4]) await t.ok('pm', 'registration.confirm', { visit: v });
    for (const customer of [1, 2, 3, 4])
      await t.ok('zhang', 'deal.close', { customer, unit: `1-${customer}01`, price: 200_000_000, commission: 2_000_000 });
    const p = await plans(async () => expect((await t.ok('dir', 'statement.month', { month: '2026-03' })).deals).toHaveLength(4));
    expect(p.length).toBeLessThan(15);
    expect(scans(p)).toEqual([]);
  });
});
