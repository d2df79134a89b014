/**
 * Employee referrals and the claims a protected customer refuses (src/domain/referral.ts): R-REF-1 … 4, R-CO-1.
 * Each row one case, the answer written out.
 */
import { describe, expect, it } from 'vitest';
import type { CustomerHistory } from '../../src/domain/attribution';
import type { RegistrationFact } from '../../src/domain/ownership';
import { DEFAULT_POLICY } from '../../src/domain/policy';
import {
  claimBlocker,
  decideReferralConfirm,
  type ReferralStatus,
  referralStatusOf,
  refuseAppointment,
  refuseSecondReferral,
} from '../../src/domain/referral';

const now = new Date('2027-03-10T15:00:00');

describe('referralStatusOf (R-REF-2, 4)', () => {
  const cases: [string, ReferralStatus | null, string, boolean, ReferralStatus][] = [
    ['recorded valid stays valid after its day', 'valid', '2027-03-01', false, 'valid'],
    ['recorded void', 'void', '2027-03-20', false, 'void'],
    ['waiting for a later appointment', null, '2027-03-12', false, 'pending'],
    ['its appointment is today: still pending, whether or not the customer came yet', null, '2027-03-10', true, 'pending'],
    ['the day is over and the customer never came: lapsed', null, '2027-03-09', false, 'lapsed'],
    ['the day is over, the customer came, nobody confirmed: void', null, '2027-03-09', true, 'void'],
  ];
  it.each(cases)('%s', (_title, recorded, appointmentDay, cameOnAppointment, want) => {
    expect(referralStatusOf({ recorded, appointmentDay, cameOnAppointment }, now)).toBe(want);
  });
});

describe('registering a referral (R-REF-1)', () => {
  it.each([
    [
      'yesterday',
      '2027-03-09',
      { kind: 'refused', reason: 'appointment_in_past', params: { appointmentDay: '2027-03-09', todayDay: '2027-03-10' } },
    ],
    ['today', '2027-03-10', null],
    ['next week', '2027-03-17', null],
  ] as const)('an appointment %s', (_title, day, want) => {
    expect(refuseAppointment(day, now)).toEqual(want);
  });

  it.each([
    ['no earlier referral', [], null],
    [
      'earlier ones lapsed or valid',
      [
        { id: 1, status: 'lapsed' },
        { id: 2, status: 'valid' },
      ],
      null,
    ],
    [
      'one still pending',
      [
        { id: 1, status: 'lapsed' },
        { id: 3, status: 'pending' },
      ],
      { kind: 'refused', reason: 'referral_pending_exists', params: { referralId: 3 } },
    ],
  ] as const)('%s', (_title, others, want) => {
    expect(refuseSecondReferral(others)).toEqual(want);
  });
});

describe('decideReferralConfirm (R-REF-3)', () => {
  const referral = { id: 5, customerId: 40, appointmentDay: '2027-03-10', status: 'pending' as ReferralStatus };
  const visit = { id: 8, customerId: 40, at: new Date('2027-03-10T10:00:00') };
  const cases: [string, Partial<typeof referral>, typeof visit | null, unknown][] = [
    ['the customer’s visit on the appointment day', {}, visit, { kind: 'valid' }],
    [
      'a referral already valid',
      { status: 'valid' },
      visit,
      { kind: 'refused', reason: 'referral_not_pending', params: { referralId: 5, status: 'valid' } },
    ],
    [
      'a lapsed referral, whatever the visit',
      { status: 'lapsed' },
      null,
      { kind: 'refused', reason: 'referral_not_pending', params: { referralId: 5, status: 'lapsed' } },
    ],
    ['no such visit', {}, null, { kind: 'refused', reason: 'visit_not_found', params: { visitId: 8 } }],
    [
      'another customer’s visit',
      {},
      { ...visit, customerId: 41 },
      { kind: 'refused', reason: 'referral_visit_other_customer', params: { visitId: 8, referralId: 5 } },
    ],
    [
      'a visit the day before the appointment',
      {},
      { ...visit, at: new Date('2027-03-09T16:00:00') },
      {
        kind: 'refused',
        reason: 'referral_visit_not_on_appointment',
        params: { referralId: 5, appointmentDay: '2027-03-10', visitDay: '2027-03-09' },
      },
    ],
  ];
  it.each(cases)('%s', (_title, over, v, want) => {
    expect(decideReferralConfirm({ ...referral, ...over }, v, 8)).toEqual(want);
  });
});

describe('claimBlocker (R-REF-3, R-CO-1)', () => {
  const reg = (id: number, customerId: number, consultant: string, at: string, status: RegistrationFact['status']): RegistrationFact => ({
    id,
    visitId: id,
    customerId,
    consultant,
    at: new Date(at),
    status,
  });
  const history = (over: Partial<CustomerHistory>): CustomerHistory => ({
    registrations: [],
    identifications: [],
    households: [],
    handovers: [],
    ...over,
  });
  const confirmedA = reg(1, 40, 'zhang', '2027-03-01T10:00:00', 'confirmed');
  const cases: [string, CustomerHistory, { registration: number; until: string | null } | null][] = [
    ['never registered', history({}), null],
    [
      'registered and confirmed, in protection',
      history({ registrations: [confirmedA] }),
      { registration: 1, until: '2027-04-01T10:00:00' },
    ],
    [
      'registered this morning, waiting for the PM',
      history({ registrations: [reg(2, 40, 'li', '2027-03-10T09:00:00', 'pending')] }),
      { registration: 2, until: null },
    ],
    [
      'registered yesterday and never confirmed: nothing to protect',
      history({ registrations: [reg(2, 40, 'li', '2027-03-09T09:00:00', 'pending')] }),
      null,
    ],
    ['rejected today', history({ registrations: [reg(2, 40, 'li', '2027-03-10T09:00:00', 'rejected')] }), null],
    ['protection lapsed', history({ registrations: [reg(1, 40, 'zhang', '2027-02-01T10:00:00', 'confirmed')] }), null],
    [
      'protected under the person’s other record (identified, R-OWN-8)',
      history({
        registrations: [reg(1, 39, 'zhang', '2027-03-01T10:00:00', 'confirmed')],
        identifications: [{ customerId: 40, sameAs: 39, at: new Date('2027-03-05T10:00:00') }],
      }),
      { registration: 1, until: '2027-04-01T10:00:00' },
    ],
    [
      'only the spouse is registered (R-OWN-10): this customer is not',
      history({
        registrations: [reg(1, 39, 'zhang', '2027-03-01T10:00:00', 'confirmed')],
        households: [{ a: 40, b: 39, at: new Date('2027-03-05T10:00:00') }],
      }),
      null,
    ],
  ];
  it.each(cases)('%s', (_title, h, want) => {
    const got = claimBlocker(h, 40, now, DEFAULT_POLICY);
    expect(got && { registration: got.registration.id, until: got.until && got.until.toISOString() }).toEqual(
      want && { ...want, until: want.until && new Date(want.until).toISOString() },
    );
  });
});
