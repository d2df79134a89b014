/**
 * Issue 13 point 11 (d): a second terminal opening a customer while the first desk writes is never told the
 * database is busy. An audited read takes the write lock up front (BEGIN IMMEDIATE) and waits its turn, instead
 * of reading first and failing to upgrade when the other desk has written since (what gave "已等待 5 秒").
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { testApp, type TestApp } from '../support/app';
import { startDeskWorker } from '../support/desk-protocol';

let t: TestApp;
beforeEach(async () => {
  t = await testApp({ at: '2026-03-02T09:00:00' });
  await t.ok('mgr', 'roster.start', { order: ['zhang', 'li', 'wang'] });
});
afterEach(async () => {
  await t.close();
});

describe('two processes on one file: the customer page on one terminal while the desk writes on the other', () => {
  it('customer.get, customer.search and reads are never refused, and really ran between the other desk’s writes', async () => {
    const w = await t.ok('qian', 'desk.walkIn', { customer: { name: '吴敏', phone: '13800000001' } });
    await t.ok('zhang', 'desk.finish', { visit: w.visitId });
    // the other desk: walk-ins and finishes in its own process (tests/support/desk-worker.ts). This terminal is
    // its peer: before each round of reads it waits for one more of the other desk's customers, and the other
    // desk never runs more than WINDOW customers ahead of this terminal's rounds — so the reads fall between
    // its writes on any machine, not by luck of timing.
    const WINDOW = 2;
    const ROUNDS = 40;
    const other = startDeskWorker({ dbPath: t.path, prefix: '35', count: ROUNDS, at: '2026-03-02T10:00:00', window: WINDOW });
    await other.ready;
    other.go();
    const refused: string[] = [];
    let calls = 0;
    // the manager opens zhang's customer (an audited read, it writes its own audit row), searches, and the
    // desk's plain reads run alongside
    for (let round = 1; round <= ROUNDS; round++) {
      await other.reached(round);
      for (const [who, method, input] of [
        ['mgr', 'customer.get', { customer: w.customerId }],
        ['li', 'customer.search', { q: '13800' }],
        ['qian', 'roster.today', {}],
      ] as const) {
        const r = (await t.app.dispatch({ staffId: who }, method, input)).result;
        calls++;
        if (!r.ok) refused.push(`${method}: ${r.error.code} ${r.error.message}`);
      }
      other.peer(round);
    }
    const run = await other.result;
    expect(run.errors).toEqual([]);
    expect(refused).toEqual([]);
    // Overlap, read from the file rather than timed: this terminal's audit rows fall between the other desk's.
    const rows = t.app.handle.raw
      .prepare("SELECT method FROM audit_log WHERE method IN ('customer.read', 'desk.walkIn') ORDER BY id")
      .all() as { method: string }[];
    const switches = rows.filter((r, i) => i > 0 && r.method !== rows[i - 1]!.method).length;
    // every round sits between two of the other desk's walk-ins (the window forces it)
    expect(switches).toBeGreaterThanOrEqual(ROUNDS / WINDOW);
    expect(calls).toBe(ROUNDS * 3);
  });
});
