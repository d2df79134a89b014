/**
 * Who logs and reads a customer's follow-ups (src/domain/follow-up.ts, R-TRK-1): the owners now, managers
 * reading excepted. The owners come from real histories through the ownership rules (consultantSide), so a
 * former owner whose protection ended is one the rules say owns nothing, not one the test leaves out.
 */
import { describe, expect, it } from 'vitest';
import { consultantSide, type CustomerHistory } from '../../src/domain/attribution';
import { followUpDue, followUpListRefusal, followUpLogRefusal } from '../../src/domain/follow-up';
import type { RegistrationFact } from '../../src/domain/ownership';
import { DEFAULT_POLICY } from '../../src/domain/policy';
import type { Role } from '../../src/domain/roles';

/** office-local instant in 2027 */
const at = (month: number, day: number, hour = 10) => new Date(2027, month - 1, day, hour);
let nextReg = 1;
const reg = (customerId: number, consultant: string, when: Date): RegistrationFact => {
  const id = nextReg++;
  return { id, visitId: id, customerId, consultant, at: when, status: 'confirmed' };
};
const history = (h: Partial<CustomerHistory>): CustomerHistory => ({
  registrations: [],
  identifications: [],
  households: [],
  handovers: [],
  ...h,
});

const NOW = at(3, 20);
const TODAY = '2027-03-20';
const CUSTOMER = 1;
// zhang registered customer 1 on 10 March (protected to 10 April); customer 2, li's since 12 March, is found
// to be customer 1's spouse on 15 March (R-OWN-10: both consultants, half each); wang registered customer 1 in
// January, protection ended 10 February before zhang's registration.
const h = history({
  registrations: [reg(CUSTOMER, 'wang', at(1, 10)), reg(CUSTOMER, 'zhang', at(3, 10)), reg(2, 'li', at(3, 12))],
  households: [{ a: CUSTOMER, b: 2, at: at(3, 15) }],
});
const owners = consultantSide(h, CUSTOMER, NOW, DEFAULT_POLICY);

it('the history gives the owners the table below assumes: zhang and li, half each; wang no longer', () => {
  expect(owners.map((o) => [o.consultant, o.bps])).toEqual([
    ['zhang', 5000],
    ['li', 5000],
  ]);
});

type Who = [string, string, Role[]];
const WHO = {
  owner: ['the owner', 'zhang', ['consultant']],
  coOwner: ['the co-owner at 50/50 (the spouse’s consultant)', 'li', ['consultant']],
  former: ['the former owner after the protection ended', 'wang', ['consultant']],
  other: ['another consultant', 'zhao', ['consultant']],
  pm: ['the PM', 'pm', ['project_manager']],
  manager: ['a sales manager', 'mgr', ['sales_manager']],
  director: ['the director', 'dir', ['sales_director']],
  managerConsultant: ['a sales manager who is also a consultant, not an owner', 'sun', ['consultant', 'sales_manager']],
} satisfies Record<string, Who>;

describe('followUpLogRefusal: only an owner now logs a follow-up (no manager in a consultant’s name)', () => {
  it.each([
    [WHO.owner, true],
    [WHO.coOwner, true],
    [WHO.former, false],
    [WHO.other, false],
    [WHO.pm, false],
    [WHO.manager, false],
    [WHO.director, false],
    [WHO.managerConsultant, false],
  ] as const)('%s → %s', ([, id], allowed) => {
    const refused = followUpLogRefusal({ actorId: id, customerId: CUSTOMER, owners, today: TODAY });
    expect(refused).toEqual(allowed ? null : { reason: 'follow_up_not_owner', params: { customerId: CUSTOMER }, rule: 'R-TRK-1' });
  });

  it('nobody owns a customer whose only protection ended: nobody logs', () => {
    const lapsed = consultantSide(history({ registrations: [reg(5, 'wang', at(1, 10))] }), 5, NOW, DEFAULT_POLICY);
    expect(lapsed).toEqual([]);
    expect(followUpLogRefusal({ actorId: 'wang', customerId: 5, owners: lapsed, today: TODAY })?.reason).toBe('follow_up_not_owner');
  });
});

describe('followUpLogRefusal: the day of a follow-up and its next one', () => {
  it.each([
    ['today, by default', undefined, undefined, null],
    ['an earlier day', '2027-03-18', undefined, null],
    ['the next one the same day', '2027-03-18', '2027-03-18', null],
    ['the next one later', undefined, '2027-03-27', null],
    [
      'tomorrow',
      '2027-03-21',
      undefined,
      { reason: 'follow_up_day_future', params: { followUpDay: '2027-03-21', todayDay: TODAY }, rule: 'R-TRK-1' },
    ],
    [
      'the next one before this one',
      '2027-03-18',
      '2027-03-17',
      { reason: 'follow_up_next_before', params: { followUpDay: '2027-03-18', nextDay: '2027-03-17' }, rule: 'R-TRK-1' },
    ],
    [
      'the next one before today’s',
      undefined,
      '2027-03-19',
      { reason: 'follow_up_next_before', params: { followUpDay: TODAY, nextDay: '2027-03-19' }, rule: 'R-TRK-1' },
    ],
  ] as const)('%s', (_what, day, nextDay, expected) => {
    expect(followUpLogRefusal({ actorId: 'zhang', customerId: CUSTOMER, owners, today: TODAY, day, nextDay })).toEqual(expected);
  });

  it('the owner first: a non-owner’s future day is refused as not theirs', () => {
    expect(followUpLogRefusal({ actorId: 'zhao', customerId: CUSTOMER, owners, today: TODAY, day: '2027-04-01' })?.reason).toBe(
      'follow_up_not_owner',
    );
  });
});

describe('followUpListRefusal: the owners read a customer’s follow-ups, and every manager', () => {
  it.each([
    [WHO.owner, true],
    [WHO.coOwner, true],
    [WHO.former, false],
    [WHO.other, false],
    [WHO.pm, true],
    [WHO.manager, true],
    [WHO.director, true],
    [WHO.managerConsultant, true],
  ] as const)('%s → %s', ([, id, roles], allowed) => {
    expect(followUpListRefusal({ id, roles }, CUSTOMER, owners)).toEqual(
      allowed ? null : { reason: 'follow_up_list_not_owner', params: { customerId: CUSTOMER }, rule: 'R-TRK-1' },
    );
  });
});

describe('followUpDue: on the today list from the next day on, overdue after it', () => {
  it.each([
    ['no next day', null, { due: false, overdue: false }],
    ['tomorrow', '2027-03-21', { due: false, overdue: false }],
    ['today', TODAY, { due: true, overdue: false }],
    ['yesterday', '2027-03-19', { due: true, overdue: true }],
    ['last month', '2027-02-28', { due: true, overdue: true }],
  ] as const)('%s', (_what, nextDay, expected) => {
    expect(followUpDue(nextDay, TODAY)).toEqual(expected);
  });
});
