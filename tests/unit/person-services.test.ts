/**
 * The linking model as the services use it (issue 14): after the PM identifies B's new record as A's
 * customer, the PM's flags, the customer page and the company/referral checks read the person, not the
 * record the phone belongs to. Through the app's dispatch, with a fixed clock.
 */
import { sql } from 'kysely';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { testApp, type TestApp, refusal } from '../support/app';
import { row, value } from '../support/sql';

let t: TestApp;
beforeEach(async () => {
  t = await testApp({ at: '2027-01-04T09:00:00' });
});
afterEach(async () => {
  await t.close();
});
const at = (s: string) => t.clock.set(new Date(s));

/** A visit received and confirmed that evening; the consultant's reception finished. */
async function visit(day: string, order: string[], customer: { name: string; phone: string }) {
  at(`${day}T09:00:00`);
  await t.ok('mgr', 'roster.start', { order });
  at(`${day}T10:00:00`);
  const v = await t.ok('qian', 'desk.walkIn', { customer });
  at(`${day}T11:00:00`);
  await t.ok(v.receivedBy!.id, 'desk.finish', { visit: v.visitId });
  return { visitId: v.visitId!, customerId: v.customerId! };
}
const confirm = async (day: string, v: { visitId: number }) => {
  at(`${day}T18:00:00`);
  await t.ok('pm', 'registration.confirm', { visit: v.visitId });
};

describe('R-OWN-8g: after a same-day identification, zhang receives the person under the second number', () => {
  let a1: { visitId: number; customerId: number };
  let b1: { visitId: number; customerId: number };
  let a2: { visitId: number; customerId: number };
  beforeEach(async () => {
    a1 = await visit('2027-01-04', ['zhang', 'li'], { name: '乔峰', phone: '13288880001' });
    await confirm('2027-01-04', a1);
    b1 = await visit('2027-01-10', ['li', 'zhang'], { name: '乔峰', phone: '13288880002' });
    at('2027-01-10T15:00:00');
    await t.ok('pm', 'customer.identify', { customer: b1.customerId, sameAs: a1.customerId });
    await confirm('2027-01-10', b1);
    a2 = await visit('2027-01-25', ['li', 'zhang'], { name: '乔峰', phone: '13288880002' });
  });

  it('the PM’s day does not flag the owner’s visit as a conflict with the void registration of B', async () => {
    at('2027-01-25T18:00:00');
    const day = await t.ok('pm', 'registration.day', { day: '2027-01-25' });
    expect(day.map((r: { visit_id: number; consultant_id: string }) => [r.visit_id, r.consultant_id])).toEqual([[a2.visitId, 'zhang']]);
    expect(day[0]!.flags.filter((f) => f.kind === 'conflict')).toEqual([]);
  });

  it('a registration of the person by another consultant is flagged against the owner’s protection, not B’s void one', async () => {
    at('2027-01-25T17:00:00');
    // the PM corrects the visit's consultant to wang: that would take zhang's protected customer
    await t.ok('pm', 'registration.correct', { visit: a2.visitId, set: { consultant: 'wang' }, reason: '登记错了售楼员' });
    at('2027-01-25T18:00:00');
    const day = await t.ok('pm', 'registration.day', { day: '2027-01-25' });
    const conflicts = day[0]!.flags.filter((f) => f.kind === 'conflict');
    expect(conflicts).toEqual([
      { kind: 'conflict', rule: 'R-OWN-5', ownerId: 'zhang', ownerName: '张伟', sinceDay: '2027-01-04', untilDay: '2027-02-04' },
    ]);
  });

  it('the customer page’s `until` is the person’s (renewed under the other number), from either record', async () => {
    await confirm('2027-01-25', a2);
    at('2027-02-10T09:00:00');
    for (const id of [a1.customerId, b1.customerId]) {
      const page = await t.ok('pm', 'customer.get', { customer: id });
      expect([page.owners.map((o: { id: string }) => o.id), page.until], `record ${id}`).toEqual([['zhang'], '2027-02-25']);
    }
  });

  it('company.register and referral.register refuse the first number with conflict, naming the registration and its end', async () => {
    await confirm('2027-01-25', a2);
    at('2027-02-10T09:00:00');
    const refusals = [
      await t.as('pm', 'company.register', { customer: { name: '乔峰', phone: '13288880001' }, introducedBy: '集团王总' }),
      await t.as('pm', 'referral.register', {
        referrer: 'sun',
        customer: { name: '乔峰', phone: '13288880001' },
        appointment: '2027-02-12',
      }),
    ];
    const firstReg = (await row<{ id: number }>(t.app, sql`SELECT id FROM registrations WHERE visit_id = ${a1.visitId}`))!;
    for (const [r, claim] of [
      [refusals[0]!, 'company'],
      [refusals[1]!, 'referral'],
    ] as const) {
      expect(r.ok).toBe(false);
      expect(refusal(r).params?.claim).toBe(claim);
      expect(refusal(r).code).toBe('conflict');
      expect(refusal(r).details).toEqual({ registrationId: firstReg.id });
      expect(refusal(r).reason).toBe('customer_protected');
      expect(refusal(r).params).toMatchObject({
        registrationId: firstReg.id,
        staffId: 'zhang',
        name: '张伟',
        registeredDay: '2027-01-04',
        untilDay: '2027-02-25',
      });
    }
    expect(await row(t.app, sql`SELECT (SELECT count(*) FROM company_clients) AS c, (SELECT count(*) FROM referrals) AS r`)).toEqual({
      c: 0,
      r: 0,
    });
  });

  it('zhang’s list of protections ending soon shows the person once, ending when the renewal under the other number ends', async () => {
    await confirm('2027-01-25', a2);
    at('2027-02-20T09:00:00');
    const mine = await t.ok('zhang', 'registration.expiring', { days: 7 });
    expect(mine.map((e: { owner: string; untilDay: string }) => [e.owner, e.untilDay])).toEqual([['zhang', '2027-02-25']]);
    expect(await t.ok('li', 'registration.expiring', { days: 7 })).toEqual([]);
  });

  it('identifying a record with one already the same person through another identification is a conflict, nothing written', async () => {
    at('2027-01-26T09:00:00');
    const c = await t.ok('zhang', 'desk.phoneInquiry', { customer: { name: '乔峰', phone: '13288880009' } });
    await t.ok('pm', 'customer.identify', { customer: c.customerId, sameAs: b1.customerId });
    const links = () => value<number>(t.app, sql`SELECT count(*) AS n FROM customer_links`);
    const before = await links();
    const r = await t.as('pm', 'customer.identify', { customer: c.customerId, sameAs: a1.customerId });
    expect([r.ok, r.ok ? null : r.error.code, await links()]).toEqual([false, 'conflict', before]);
  });

  it('a person is every record linked however far: D = C and C = B make D one person with A (four records, three links)', async () => {
    at('2027-01-26T09:00:00');
    const c = await t.ok('zhang', 'desk.phoneInquiry', { customer: { name: '乔峰', phone: '13288880008' } });
    const d = await t.ok('zhang', 'desk.phoneInquiry', { customer: { name: '乔峰', phone: '13288880009' } });
    await t.ok('pm', 'customer.identify', { customer: d.customerId, sameAs: c.customerId });
    await t.ok('pm', 'customer.identify', { customer: c.customerId, sameAs: b1.customerId });
    const r = await t.as('pm', 'customer.identify', { customer: d.customerId, sameAs: a1.customerId });
    expect([r.ok, r.ok ? null : r.error.code]).toEqual([false, 'conflict']);
    // and the person's owner is the same whichever record is asked
    const owners = async (id: number) => (await t.ok('pm', 'customer.get', { customer: id })).owners.map((o: { id: string }) => o.id);
    expect(await owners(d.customerId)).toEqual(await owners(a1.customerId));
    expect(await owners(a1.customerId)).toEqual(['zhang']);
  });
});
