/**
 * Issue 17 item 13 (search part): after 认定同一客户 (customer.identify, R-OWN-8) the two numbers are one
 * person, so customer.search answers one hit carrying both numbers and the person's owners now — not two
 * rows that look alike once masked. Each number is shown as the caller may see it (R-SEC-1): whole to a
 * manager and to the person's owner, masked to anyone else. A spouse (R-OWN-10) stays another person.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { testApp, type TestApp } from '../support/app';

const A_PHONE = '13900003333';
const B_PHONE = '13700004444';
let t: TestApp;
let first: number;
let second: number;
const at = (s: string) => t.clock.set(new Date(s));

beforeEach(async () => {
  t = await testApp({ at: '2026-03-02T09:00:00' });
  await t.ok('mgr', 'roster.start', { order: ['zhang', 'li', 'wang'] });
  at('2026-03-02T09:30:00');
  const a = await t.ok('qian', 'desk.walkIn', { customer: { name: '吴敏', phone: A_PHONE } });
  expect(a.receivedBy!.id).toBe('zhang');
  await t.ok('zhang', 'desk.finish', { visit: a.visitId });
  await t.ok('pm', 'registration.confirm', { visit: a.visitId });
  first = a.customerId!;
  // a week later the same woman gives another number and is received as new by li (R-OWN-8)
  at('2026-03-09T09:00:00');
  await t.ok('mgr', 'roster.start', { order: ['li', 'zhang', 'wang'] });
  at('2026-03-09T09:30:00');
  const b = await t.ok('qian', 'desk.walkIn', { customer: { name: '吴敏', phone: B_PHONE } });
  expect(b.receivedBy!.id).toBe('li');
  await t.ok('pm', 'registration.confirm', { visit: b.visitId });
  second = b.customerId!;
});
afterEach(async () => {
  await t.close();
});

describe('customer.search after 认定同一客户 (R-OWN-8)', () => {
  it('two records of one name are two hits until the PM identifies them, then one person with both numbers and both owners', async () => {
    // before: two people, each with its own owner
    const before = await t.ok('pm', 'customer.search', { q: '吴敏' });
    expect(before.map((h) => [h.id, h.phone, h.sameAs, h.owners])).toEqual([
      [second, B_PHONE, [], ['li']],
      [first, A_PHONE, [], ['zhang']],
    ]);

    at('2026-03-18T11:00:00');
    await t.ok('pm', 'customer.identify', { customer: second, sameAs: first });

    // the PM (managers see all): one hit, both numbers in full, owners as R-OWN-8i splits them (zhang, li)
    const pm = await t.ok('pm', 'customer.search', { q: '吴敏' });
    expect(pm).toEqual([
      { id: second, name: '吴敏', phone: B_PHONE, sameAs: [{ id: first, name: '吴敏', phone: A_PHONE }], owners: ['zhang', 'li'] },
    ]);
    // found by either number alone, the other comes with it
    const byA = await t.ok('pm', 'customer.search', { q: A_PHONE });
    expect(byA).toEqual([
      { id: first, name: '吴敏', phone: A_PHONE, sameAs: [{ id: second, name: '吴敏', phone: B_PHONE }], owners: ['zhang', 'li'] },
    ]);

    // an owner sees the person's numbers whole, both of them (either record is theirs now)
    const zhang = await t.ok('zhang', 'customer.search', { q: '吴敏' });
    expect(zhang.map((h) => [h.phone, h.sameAs.map((x) => x.phone), h.owners])).toEqual([[B_PHONE, [A_PHONE], ['zhang', 'li']]]);
    const zhangByB = await t.ok('zhang', 'customer.search', { q: B_PHONE });
    expect(zhangByB.map((h) => [h.id, h.phone, h.sameAs.map((x) => x.phone)])).toEqual([[second, B_PHONE, [A_PHONE]]]);

    // another consultant: still one person, every number masked, the owners named
    const wang = await t.ok('wang', 'customer.search', { q: '吴敏' });
    expect(wang).toEqual([
      {
        id: second,
        name: '吴敏',
        phone: '137****4444',
        sameAs: [{ id: first, name: '吴敏', phone: '139****3333' }],
        owners: ['zhang', 'li'],
      },
    ]);
  });

  it('identified the same day, the person is the first owner’s alone (R-OWN-8g), and a spouse stays a hit of her own', async () => {
    at('2026-03-09T15:00:00');
    await t.ok('pm', 'customer.identify', { customer: second, sameAs: first });
    const pm = await t.ok('pm', 'customer.search', { q: '1370000' });
    expect(pm.map((h) => [h.id, h.phone, h.sameAs.map((x) => x.phone), h.owners])).toEqual([[second, B_PHONE, [A_PHONE], ['zhang']]]);

    // the husband: a household (R-OWN-10) links two people, each stays a hit
    const husband = await t.ok('qian', 'desk.walkIn', { customer: { name: '周强', phone: '13600005555' } });
    await t.ok('pm', 'registration.confirm', { visit: husband.visitId });
    await t.ok('pm', 'customer.household', { a: husband.customerId, b: first });
    const all = await t.ok('pm', 'customer.search', { q: '136' });
    expect(all.map((h) => [h.id, h.sameAs])).toEqual([[husband.customerId, []]]);
  });
});
