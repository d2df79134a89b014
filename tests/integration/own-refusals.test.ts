/**
 * Each refusal of registrations, customers and referrals carries its reason and the facts it is worded from
 * (src/api/reasons/own.ts), not a sentence; the code comes from the reason. One office day, a fixed clock.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { MethodName } from '../../src/api/spec';
import { refusal, testApp, type TestApp } from '../support/app';

let t: TestApp;
const v: Record<string, { visit: number; customer: number }> = {};
let referralTomorrow = 0;
let referralToday = 0;

beforeAll(async () => {
  t = await testApp({ at: '2027-03-01T09:00:00' });
  await t.ok('mgr', 'roster.start', { order: ['zhang', 'li', 'wang'] });
  t.clock.set(new Date('2027-03-01T09:30:00'));
  // a referral made before the customer's first visit: for tomorrow, and one for today
  const early = await t.ok('pm', 'referral.register', {
    referrer: 'sun',
    customer: { name: '武松', phone: '13611110005' },
    appointment: '2027-03-02',
  });
  const onTime = await t.ok('pm', 'referral.register', {
    referrer: 'sun',
    customer: { name: '鲁智深', phone: '13611110006' },
    appointment: '2027-03-01',
  });
  [referralTomorrow, referralToday] = [early.id, onTime.id];
  t.clock.set(new Date('2027-03-01T10:00:00'));
  for (const [key, name, phone] of [
    ['a', '宋江', '13611110001'],
    ['b', '林冲', '13611110002'],
    ['c', '吴用', '13611110003'],
    ['d', '武松', '13611110005'],
    ['e', '鲁智深', '13611110006'],
  ] as const) {
    const w = await t.ok('qian', 'desk.walkIn', { customer: { name, phone } });
    await t.ok(w.receivedBy!.id, 'desk.finish', { visit: w.visitId! });
    v[key] = { visit: w.visitId!, customer: w.customerId! };
  }
  t.clock.set(new Date('2027-03-01T17:00:00'));
  await t.ok('pm', 'registration.confirm', { visit: v.a!.visit });
  await t.ok('pm', 'registration.reject', { visit: v.b!.visit, reason: '重复登记' });
  await t.ok('pm', 'customer.identify', { customer: v.c!.customer, sameAs: v.d!.customer });
  await t.ok('pm', 'referral.confirm', { referral: referralToday, visit: v.e!.visit });
});
afterAll(async () => {
  await t?.close();
});

type Case = [
  title: string,
  who: string,
  method: MethodName,
  input: () => unknown,
  code: string,
  reason: string,
  params?: () => Record<string, unknown>,
];
const cases: Case[] = [
  [
    'a visit with no registration',
    'pm',
    'registration.confirm',
    () => ({ visit: 9999 }),
    'not_found',
    'registration_not_found',
    () => ({ visitId: 9999 }),
  ],
  [
    'a confirmed registration confirmed again',
    'pm',
    'registration.confirm',
    () => ({ visit: v.a!.visit }),
    'invalid_state',
    'registration_already_confirmed',
    () => ({ visitId: v.a!.visit }),
  ],
  [
    'a rejected registration confirmed',
    'pm',
    'registration.confirm',
    () => ({ visit: v.b!.visit }),
    'invalid_state',
    'registration_already_rejected',
    () => ({ visitId: v.b!.visit }),
  ],
  [
    'a correction of nothing',
    'pm',
    'registration.correct',
    () => ({ visit: v.a!.visit, set: {}, reason: '核对' }),
    'validation',
    'correction_empty',
  ],
  [
    'a correction of a rejected registration',
    'pm',
    'registration.correct',
    () => ({ visit: v.b!.visit, set: { name: '林教头' }, reason: '核对' }),
    'invalid_state',
    'correction_of_rejected',
    () => ({ visitId: v.b!.visit }),
  ],
  [
    'a corrected number that is another customer’s',
    'pm',
    'registration.correct',
    () => ({ visit: v.a!.visit, set: { phone: '13611110003' }, reason: '核对' }),
    'conflict',
    'phone_of_other_customer',
    () => ({ phone: '13611110003', customerId: v.c!.customer, customerName: '吴用' }),
  ],
  [
    'a correction that changes nothing',
    'pm',
    'registration.correct',
    () => ({ visit: v.a!.visit, set: { name: '宋江' }, reason: '核对' }),
    'validation',
    'correction_unchanged',
  ],
  [
    'the customer page of nobody',
    'pm',
    'customer.get',
    () => ({ customer: 9999 }),
    'not_found',
    'customer_not_found',
    () => ({ customerId: 9999 }),
  ],
  [
    'an introduction announced from another consultant’s customer',
    'li',
    'desk.announce',
    () => ({ from: v.a!.customer, customer: { name: '花荣' }, expectedAt: '2027-03-02T10:00:00' }),
    'invalid_state',
    'announce_not_own_customer',
    () => ({ customerId: v.a!.customer }),
  ],
  [
    'an announcement from an old customer who does not exist',
    'zhang',
    'desk.announce',
    () => ({ from: 9999, customer: { name: '花荣' }, expectedAt: '2027-03-02T10:00:00' }),
    'not_found',
    'customer_not_found',
    () => ({ customerId: 9999 }),
  ],
  [
    'a record identified with itself',
    'pm',
    'customer.identify',
    () => ({ customer: v.a!.customer, sameAs: v.a!.customer }),
    'validation',
    'identify_same_record',
  ],
  [
    'two records identified twice',
    'pm',
    'customer.identify',
    () => ({ customer: v.c!.customer, sameAs: v.d!.customer }),
    'conflict',
    'customers_already_linked',
    () => ({ customerId: v.c!.customer, otherCustomerId: v.d!.customer }),
  ],
  [
    'a couple of one customer',
    'pm',
    'customer.household',
    () => ({ a: v.a!.customer, b: v.a!.customer }),
    'validation',
    'household_same_customer',
  ],
  [
    'a couple already linked',
    'pm',
    'customer.household',
    () => ({ a: v.d!.customer, b: v.c!.customer }),
    'conflict',
    'customers_already_linked',
    () => ({ customerId: v.d!.customer, otherCustomerId: v.c!.customer }),
  ],
  [
    'a company client registered by a consultant in protection',
    'pm',
    'company.register',
    () => ({ customer: { name: '宋江', phone: '13611110001' }, introducedBy: '集团王总' }),
    'conflict',
    'customer_protected',
    () => ({
      claim: 'company',
      customerId: v.a!.customer,
      customerName: '宋江',
      staffId: 'zhang',
      name: '张伟',
      registeredDay: '2027-03-01',
      untilDay: '2027-04-01',
    }),
  ],
  [
    'a referral of a customer registered today, not yet confirmed',
    'pm',
    'referral.register',
    () => ({ referrer: 'sun', customer: { name: '吴用', phone: '13611110003' }, appointment: '2027-03-05' }),
    'conflict',
    'customer_registered_pending',
    () => ({
      claim: 'referral',
      customerId: v.c!.customer,
      customerName: '吴用',
      staffId: 'wang',
      name: '王芳',
      registeredDay: '2027-03-01',
    }),
  ],
  [
    'an appointment before today',
    'pm',
    'referral.register',
    () => ({ referrer: 'sun', customer: { name: '李逵', phone: '13611110009' }, appointment: '2027-02-28' }),
    'validation',
    'appointment_in_past',
    () => ({ appointmentDay: '2027-02-28', todayDay: '2027-03-01' }),
  ],
  [
    'a referral of nobody confirmed',
    'pm',
    'referral.confirm',
    () => ({ referral: 9999, visit: v.a!.visit }),
    'not_found',
    'referral_not_found',
    () => ({ referralId: 9999 }),
  ],
  [
    'a valid referral confirmed again',
    'pm',
    'referral.confirm',
    () => ({ referral: referralToday, visit: v.e!.visit }),
    'invalid_state',
    'referral_not_pending',
    () => ({ referralId: referralToday, status: 'valid' }),
  ],
  [
    'a referral confirmed against no visit',
    'pm',
    'referral.confirm',
    () => ({ referral: referralTomorrow, visit: 9999 }),
    'not_found',
    'visit_not_found',
    () => ({ visitId: 9999 }),
  ],
  [
    'a referral confirmed against another customer’s visit',
    'pm',
    'referral.confirm',
    () => ({ referral: referralTomorrow, visit: v.a!.visit }),
    'validation',
    'referral_visit_other_customer',
    () => ({ visitId: v.a!.visit, referralId: referralTomorrow }),
  ],
  [
    'a referral confirmed against a visit before its appointment day',
    'pm',
    'referral.confirm',
    () => ({ referral: referralTomorrow, visit: v.d!.visit }),
    'invalid_state',
    'referral_visit_not_on_appointment',
    () => ({ referralId: referralTomorrow, appointmentDay: '2027-03-02', visitDay: '2027-03-01' }),
  ],
];

describe('refusals of registrations, customers and referrals are facts', () => {
  it.each(cases)('%s', async (_title, who, method, input, code, reason, params) => {
    const e = refusal(await t.as(who, method, input()));
    expect([e.code, e.reason]).toEqual([code, reason]);
    if (params) expect(e.params).toMatchObject(params());
  });

  it('a second referral while one waits for its appointment', async () => {
    t.clock.set(new Date('2027-03-01T17:30:00'));
    const first = await t.ok('pm', 'referral.register', {
      referrer: 'sun',
      customer: { name: '李逵', phone: '13611110009' },
      appointment: '2027-03-04',
    });
    const e = refusal(
      await t.as('pm', 'referral.register', {
        referrer: 'sun',
        customer: { name: '李逵', phone: '13611110009' },
        appointment: '2027-03-05',
      }),
    );
    expect([e.code, e.reason, e.params]).toEqual(['conflict', 'referral_pending_exists', { referralId: first.id }]);
  });
});

describe('the renderer words them in both languages', () => {
  it('fills the claim, the days and the status from the params', async () => {
    const { errorText } = await import('../../renderer/i18n/reasons');
    const protectedCompany = refusal(
      await t.as('pm', 'company.register', { customer: { name: '宋江', phone: '13611110001' }, introducedBy: '集团王总' }),
    );
    expect(errorText(protectedCompany, 'en')).toMatch(
      /^Customer 宋江 was registered by 张伟 on .*2027.*protected until .*; they cannot be registered as a company client$/,
    );
    expect(errorText(protectedCompany, 'zh-CN')).toMatch(/不能再登记为公司客户$/);
    const notPending = refusal(await t.as('pm', 'referral.confirm', { referral: referralToday, visit: v.e!.visit }));
    expect(errorText(notPending, 'en')).toBe(`Referral ${referralToday} is valid; it can no longer be confirmed`);
    expect(errorText(notPending, 'zh-CN')).toContain('“有效”');
  });
});
