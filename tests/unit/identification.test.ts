/**
 * R-OWN-8(g) as src/domain/identification.ts sameDayReturn decides it: B's reception becomes a void turn with a
 * priority turn only when the PM identifies the customer the day B received them, A protected them then, and B
 * did not close on the spot (R-OWN-8h). Each row one case.
 */
import { describe, expect, it } from 'vitest';
import { sameDayReturn } from '../../src/domain/identification';
import type { RegistrationFact } from '../../src/domain/ownership';

const reg = (id: number, consultant: string, at: string, status: RegistrationFact['status'] = 'confirmed'): RegistrationFact => ({
  id,
  visitId: id * 10,
  customerId: id,
  consultant,
  at: new Date(at),
  status,
});
const aOwns = [reg(1, 'zhang', '2027-01-04T10:00:00')];
const bReceived = [reg(2, 'li', '2027-01-10T10:00:00', 'pending')];
const sameDay = new Date('2027-01-10T15:00:00');

describe('sameDayReturn (R-OWN-8g)', () => {
  const cases: [
    string,
    { received: RegistrationFact[]; original: RegistrationFact[]; onSpotDeal?: boolean },
    Date,
    { visitId: number; consultant: string } | null,
  ][] = [
    [
      'identified the day li received him, zhang protecting: li’s turn void, li first again',
      { received: bReceived, original: aOwns },
      sameDay,
      { visitId: 20, consultant: 'li' },
    ],
    ['identified the next day: (i) or (j), not (g)', { received: bReceived, original: aOwns }, new Date('2027-01-11T09:00:00'), null],
    ['li closed on the spot before: (h), the turn stands', { received: bReceived, original: aOwns, onSpotDeal: true }, sameDay, null],
    [
      'zhang’s protection had lapsed when li received him',
      { received: bReceived, original: [reg(1, 'zhang', '2026-12-01T10:00:00')] },
      sameDay,
      null,
    ],
    [
      'zhang’s registration was never confirmed',
      { received: bReceived, original: [reg(1, 'zhang', '2027-01-04T10:00:00', 'pending')] },
      sameDay,
      null,
    ],
    [
      'zhang himself received the other record',
      { received: [reg(2, 'zhang', '2027-01-10T10:00:00', 'pending')], original: aOwns },
      sameDay,
      null,
    ],
    ['B’s only registration was rejected', { received: [reg(2, 'li', '2027-01-10T10:00:00', 'rejected')], original: aOwns }, sameDay, null],
    [
      'B’s first reception counts, a corrected record left out',
      {
        received: [
          reg(3, 'wang', '2027-01-10T09:00:00', 'corrected'),
          reg(2, 'li', '2027-01-10T11:00:00', 'pending'),
          reg(4, 'li', '2027-01-10T09:00:00', 'pending'),
        ],
        original: aOwns,
      },
      sameDay,
      { visitId: 40, consultant: 'li' },
    ],
    ['nothing registered under B’s record', { received: [], original: aOwns }, sameDay, null],
  ];
  it.each(cases)('%s', (_title, f, now, want) => {
    expect(sameDayReturn({ onSpotDeal: false, protectionMonths: 1, ...f }, now)).toEqual(want);
  });
});
