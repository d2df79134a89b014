/**
 * Issue 13 point 12 (R-SEC-1): a masked number cannot be read back digit by digit through customer.search.
 * Another's customer matches only on the digits its masked number shows; the owner and managers still find
 * by any prefix; every search whose digits reach into others' hidden digits is on the audit screen.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { testApp, type TestApp } from '../support/app';

const PHONE = '13812345678';
let t: TestApp;
let customer: number;

beforeEach(async () => {
  t = await testApp({ at: '2026-03-02T09:00:00' });
  await t.ok('mgr', 'roster.start', { order: ['zhang', 'li', 'wang'] });
  const w = await t.ok('qian', 'desk.walkIn', { customer: { name: '吴敏', phone: PHONE } });
  expect(w.receivedBy!.id).toBe('zhang');
  await t.ok('pm', 'registration.confirm', { visit: w.visitId });
  customer = w.customerId!;
  // 25 newer callers' records under 138…: more than a page, so the owner's own customer must not be crowded out
  for (let i = 0; i < 25; i++)
    await t.ok('li', 'desk.phoneInquiry', { customer: { name: `来电${i}`, phone: `1389000${String(i).padStart(4, '0')}` } });
});
afterEach(async () => {
  await t.close();
});

const ids = (hits: { id: number }[]) => hits.map((h) => h.id);

describe('customer.search cannot recover a masked number (R-SEC-1)', () => {
  it('a consultant probing prefix after prefix learns nothing of the hidden digits, and every probe is logged', async () => {
    // What li sees: the masked number, as every list shows it.
    const seen = (await t.ok('li', 'customer.search', { q: '吴敏' }))[0];
    expect(seen!.phone).toBe('138****5678');
    // The attack: fix the hidden digits one at a time, keeping the digit whose prefix finds 吴敏.
    let known = '138';
    let probes = 0;
    for (let position = 3; position < 7; position++) {
      const answers = [];
      for (let d = 0; d <= 9; d++) {
        answers.push(await t.ok('li', 'customer.search', { q: `${known}${d}` }));
        probes++;
      }
      // every digit answers alike: whatever comes back does not depend on the hidden digit
      for (const a of answers) expect(a).toEqual(answers[0]);
      expect(answers.flat().every((h: any) => h.id !== customer || h.phone === '138****5678')).toBe(true);
      known += '0'; // no digit stood out; the attacker can only guess
    }
    // A whole-number guess answers the same for the right number and a wrong one.
    const right = await t.ok('li', 'customer.search', { q: PHONE });
    const wrong = await t.ok('li', 'customer.search', { q: '13899995678' });
    expect(right).toEqual(wrong);
    expect(ids(right)).toContain(customer);
    expect(right.find((h) => h.id === customer)!.phone).toBe('138****5678');
    // every probe that reached into hidden digits and found others' customers left a row on the audit screen
    const rows = await t.ok('pm', 'audit.list', { method: 'customer.search', actor: 'li' });
    expect(rows).toHaveLength(probes + 2);
    expect(rows[0]!.detail).toEqual({ q: '13899995678', customers: expect.arrayContaining([customer]) });
    // the audit screen's customer filter shows the searches that found 吴敏 among the others
    const about = (await t.ok('pm', 'audit.list', { customer })).filter((r: any) => r.method === 'customer.search');
    expect(about.map((r: any) => r.id)).toEqual(rows.filter((r: any) => r.detail.customers.includes(customer)).map((r: any) => r.id));
    expect(about.length).toBeGreaterThanOrEqual(2);
  });

  it('the owner and the managers still find the customer by any prefix, in full', async () => {
    for (const q of ['13812', '1381234', PHONE]) {
      // the owner's own customer first and whole, though 25 newer numbers share what others' masked numbers show
      const mine = await t.ok('zhang', 'customer.search', { q });
      expect(mine[0], q).toEqual({ id: customer, name: '吴敏', phone: PHONE, sameAs: [], owners: ['zhang'] });
      expect(
        mine.slice(1).every((h: any) => h.phone.includes('****')),
        q,
      ).toBe(true);
      for (const manager of ['mgr', 'dir'])
        expect(ids(await t.ok(manager, 'customer.search', { q })), `${manager} ${q}`).toEqual([customer]);
    }
    // managers see every number: nothing to probe, nothing logged; the owner's partial numbers that found others' customers are, naming only those
    const rows = await t.ok('pm', 'audit.list', { method: 'customer.search' });
    expect(rows.map((r: any) => [r.actor_id, r.detail.q])).toEqual([
      ['zhang', '1381234'],
      ['zhang', '13812'],
    ]);
    expect(rows.flatMap((r: any) => r.detail.customers)).not.toContain(customer);
  });

  it('three digits reach nothing hidden: not logged; a name search is unchanged', async () => {
    expect(ids(await t.ok('li', 'customer.search', { q: '138' }))).toHaveLength(20);
    expect(ids(await t.ok('li', 'customer.search', { q: '吴' }))).toEqual([customer]);
    expect(await t.ok('pm', 'audit.list', { method: 'customer.search' })).toEqual([]);
  });
});

describe('desk.lookup cannot recover a masked number unseen (R-SEC-1)', () => {
  it("a consultant's exact lookups that find another's customer are each on the audit screen; the owner's, the front desk's and a miss are not", async () => {
    const rows = () => t.ok('pm', 'audit.list', { method: 'desk.lookup' });
    // guessing the hidden middle digits: the misses answer "new", the hit names 吴敏 — and is logged
    for (const guess of ['13800005678', '13812340000', PHONE]) await t.ok('li', 'desk.lookup', { phone: guess });
    let logged = await rows();
    expect(logged).toHaveLength(1);
    expect(logged[0]).toMatchObject({ detail: { customerId: customer, phone: '138****5678', owners: ['zhang'] } });
    // the owner, the front desk and a manager look numbers up all day: not logged
    await t.ok('zhang', 'desk.lookup', { phone: PHONE });
    await t.ok('qian', 'desk.lookup', { phone: PHONE });
    await t.ok('mgr', 'desk.lookup', { phone: PHONE });
    logged = await rows();
    expect(logged).toHaveLength(1);
    // and the audit screen's customer filter finds it
    const about = (await t.ok('pm', 'audit.list', { customer })).filter((r: any) => r.method === 'desk.lookup');
    expect(about).toHaveLength(1);
  });
});
