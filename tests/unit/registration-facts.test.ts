/**
 * A registration's status (R-OWN-3, 4) and introduction (R-OWN-9) from its recorded facts
 * (src/domain/ownership.ts registrationFactsOf): each row one case, the expected answer written out.
 */
import { describe, expect, it } from 'vitest';
import {
  correctionRefusal,
  decisionRefusal,
  introductionOf,
  ownershipOf,
  type RegistrationRecord,
  registrationFactsOf,
  registrationStatus,
  type RegistrationStatus,
} from '../../src/domain/ownership';

const at = new Date('2027-05-03T10:00:00');
const record = (over: Partial<RegistrationRecord> = {}): RegistrationRecord => ({
  id: 1,
  visitId: 10,
  customerId: 100,
  consultant: 'zhang',
  at,
  corrects: null,
  kind: 'visit',
  decision: null,
  correctedDecision: null,
  source: 'walk_in',
  reception: 'roster',
  withCompanion: false,
  ...over,
});

describe('registrationStatus (R-OWN-3, 4)', () => {
  const cases: [string, Partial<RegistrationRecord>, boolean, RegistrationStatus][] = [
    ['nothing decided yet', {}, false, 'pending'],
    ['confirmed by the PM', { decision: 'confirmed' }, false, 'confirmed'],
    ['rejected by the PM', { decision: 'rejected' }, false, 'rejected'],
    [
      'a correction not decided itself carries its record’s confirmation',
      { corrects: 1, kind: 'correction', correctedDecision: 'confirmed' },
      false,
      'confirmed',
    ],
    ['… and its record’s rejection', { corrects: 1, kind: 'correction', correctedDecision: 'rejected' }, false, 'rejected'],
    ['a correction of an undecided record waits for the PM', { corrects: 1, kind: 'correction' }, false, 'pending'],
    [
      'a correction decided itself: its own decision',
      { corrects: 1, kind: 'correction', decision: 'rejected', correctedDecision: 'confirmed' },
      false,
      'rejected',
    ],
    ['a record a later correction stands in for', { decision: 'confirmed' }, true, 'corrected'],
    ['a correction corrected again', { corrects: 1, kind: 'correction', correctedDecision: 'confirmed' }, true, 'corrected'],
    ['not a correction: a decision on no record is not inherited', { correctedDecision: 'confirmed' }, false, 'pending'],
  ];
  it.each(cases)('%s', (_title, over, correctedLater, want) => {
    expect(registrationStatus(record(over), correctedLater)).toBe(want);
  });
});

describe('introductionOf (R-OWN-9)', () => {
  const cases: [string, Pick<RegistrationRecord, 'source' | 'reception' | 'withCompanion'>, 'R-OWN-9a' | 'R-OWN-9b' | null][] = [
    [
      'brought along, received by the old customer’s consultant',
      { source: 'old_customer', reception: 'introduced', withCompanion: true },
      'R-OWN-9b',
    ],
    ['announced, received by the announcer', { source: 'old_customer', reception: 'introduced', withCompanion: false }, 'R-OWN-9a'],
    [
      'brought along, received on the absent consultant’s behalf (R-ROS-9)',
      { source: 'old_customer', reception: 'voluntary', withCompanion: true },
      'R-OWN-9b',
    ],
    [
      'announced, received on the absent announcer’s behalf',
      { source: 'old_customer', reception: 'voluntary', withCompanion: false },
      'R-OWN-9a',
    ],
    [
      'an old customer’s friend received by the roster is 9c: new',
      { source: 'old_customer', reception: 'roster', withCompanion: true },
      null,
    ],
    ['a designated reception of an old customer’s friend', { source: 'old_customer', reception: 'designated', withCompanion: true }, null],
    [
      'a walk-in received on someone’s behalf is no introduction',
      { source: 'walk_in', reception: 'voluntary', withCompanion: false },
      null,
    ],
    ['a company client', { source: 'company', reception: 'roster', withCompanion: false }, null],
  ];
  it.each(cases)('%s', (_title, visit, want) => {
    expect(introductionOf(visit)).toBe(want);
  });
});

describe('registrationFactsOf', () => {
  it('marks the record a correction stands in for, keeps the period, flags a reassignment and names the introduction', () => {
    const facts = registrationFactsOf([
      record({ id: 1, decision: 'confirmed', protectionMonths: 1 }),
      record({ id: 2, consultant: 'li', corrects: 1, kind: 'correction', correctedDecision: 'confirmed', protectionMonths: 1 }),
      record({ id: 3, visitId: 11, consultant: 'wang', kind: 'reassignment' }),
      record({ id: 4, visitId: 12, source: 'old_customer', reception: 'introduced', withCompanion: true, decision: 'confirmed' }),
    ]);
    expect(facts).toEqual([
      { id: 1, visitId: 10, customerId: 100, consultant: 'zhang', at, status: 'corrected', protectionMonths: 1 },
      { id: 2, visitId: 10, customerId: 100, consultant: 'li', at, status: 'confirmed', protectionMonths: 1 },
      { id: 3, visitId: 11, customerId: 100, consultant: 'wang', at, status: 'pending', reassignment: true },
      { id: 4, visitId: 12, customerId: 100, consultant: 'zhang', at, status: 'confirmed', introduction: 'R-OWN-9b' },
    ]);
  });

  it('takes each period from the policy of the record’s moment when asked, over the record’s own', () => {
    const change = new Date('2027-05-01T00:00:00');
    const monthsAt = (t: Date) => (t < change ? 1 : 2);
    const facts = registrationFactsOf(
      [
        record({ id: 1, at: new Date('2027-04-30T23:59:00'), protectionMonths: 3 }),
        record({ id: 2, visitId: 11, at: change, decision: 'confirmed' }),
      ],
      monthsAt,
    );
    expect(facts.map((f) => [f.id, f.protectionMonths])).toEqual([
      [1, 1],
      [2, 2],
    ]);
    // the period of its moment is what protects: 2 months from 1 May, whatever the caller's period
    const own = ownershipOf([facts[1]!], new Date('2027-06-15T12:00:00'), { protectionMonths: 1 });
    expect(own.protection?.until).toEqual(new Date('2027-07-01T00:00:00'));
  });

  it('ownershipOf: the protection in force, and only today’s undecided registrations as pending', () => {
    const yesterday = new Date('2027-05-02T15:00:00');
    const facts = registrationFactsOf([
      record({ id: 1, at: yesterday, decision: 'confirmed' }),
      record({ id: 2, visitId: 11, consultant: 'li', at: new Date('2027-05-02T16:00:00') }),
      record({ id: 3, visitId: 12, consultant: 'wang' }),
      record({ id: 4, visitId: 13, consultant: 'li', decision: 'rejected' }),
    ]);
    const own = ownershipOf(facts, new Date('2027-05-03T12:00:00'), { protectionMonths: 1 });
    expect([own.protection?.owner, own.protection?.until, own.pendingToday.map((f) => f.id)]).toEqual([
      'zhang',
      new Date('2027-06-02T15:00:00'),
      [3],
    ]);
  });
});

describe('what the PM may still do with a registration (R-OWN-3, 4)', () => {
  it.each([
    ['pending', null, null],
    ['confirmed', 'registration_already_confirmed', null],
    ['rejected', 'registration_already_rejected', 'correction_of_rejected'],
    ['corrected', 'registration_corrected', null],
  ] as const)('%s: decide → %s, correct → %s', (status, decide, correct) => {
    expect([decisionRefusal(status), correctionRefusal(status)]).toEqual([decide, correct]);
  });
});
