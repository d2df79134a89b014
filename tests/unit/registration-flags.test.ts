/**
 * The PM's flags on a registration (R-OWN-3) as facts (src/domain/registration-flags.ts registrationFlags):
 * a conflict with someone else's protection (R-OWN-5), possible old customers under other records (R-OWN-8).
 * Each row one case, the flags written out.
 */
import { describe, expect, it } from 'vitest';
import { type FlagFacts, type LikelyMatch, type RegistrationFlag, registrationFlags } from '../../src/domain/registration-flags';
import type { Protection } from '../../src/domain/ownership';

const since = new Date('2027-01-04T10:00:00');
const until = new Date('2027-02-04T10:00:00');
const protection = (owner: string): Protection => ({
  owner,
  since,
  until,
  first: { id: 1, visitId: 1, customerId: 7, consultant: owner, at: since, status: 'confirmed' },
});
const owned = (...owners: string[]): FlagFacts['person'] => ({
  side: owners.map((consultant) => ({ consultant, bps: 10000 / owners.length, since, cites: [] })),
  protection: owners.length ? protection(owners[0]!) : null,
});
const match = (customerId: number, owner: string | null = null): LikelyMatch => ({
  customerId,
  name: '吴敏',
  phone: '139****3333',
  why: { kind: 'same_name', digitsOff: null },
  owner,
});
const facts = (over: Partial<FlagFacts>): FlagFacts => ({
  customerId: 7,
  consultant: 'li',
  person: owned(),
  linked: new Set(),
  matches: [],
  ...over,
});
const conflict = (ownerId: string): RegistrationFlag => ({ kind: 'conflict', rule: 'R-OWN-5', ownerId, since, until });
const possible = (customerId: number, ownerId: string | null = null): RegistrationFlag => ({
  kind: 'possible_match',
  rule: 'R-OWN-8',
  customerId,
  name: '吴敏',
  phone: '139****3333',
  why: { kind: 'same_name', digitsOff: null },
  ownerId,
});

describe('registrationFlags', () => {
  const cases: [string, Partial<FlagFacts>, RegistrationFlag[]][] = [
    ['a new customer, no likely match: nothing to check', {}, []],
    ['registered by someone else while zhang protects the person', { person: owned('zhang') }, [conflict('zhang')]],
    ['the owner’s own visit renews, no conflict', { consultant: 'zhang', person: owned('zhang') }, []],
    ['one of two co-owners (a couple, R-OWN-10) registers: no conflict', { consultant: 'li', person: owned('zhang', 'li') }, []],
    [
      'a protection with nobody on the consultant side (lapsed run, void turn) flags nothing',
      { person: { side: [], protection: protection('zhang') } },
      [],
    ],
    ['a likely match under another record, owned by zhang', { matches: [match(9, 'zhang')] }, [possible(9, 'zhang')]],
    ['a likely match nobody owns is still flagged', { matches: [match(9)] }, [possible(9)]],
    ['the record itself is no match', { matches: [match(7, 'zhang')] }, []],
    [
      'a record the PM already linked (identified, household) is settled',
      { linked: new Set([9]), matches: [match(9, 'zhang'), match(11)] },
      [possible(11)],
    ],
    [
      'a conflict first, then each match',
      { person: owned('wang'), matches: [match(9, 'zhang'), match(11)] },
      [conflict('wang'), possible(9, 'zhang'), possible(11)],
    ],
  ];
  it.each(cases)('%s', (_title, over, want) => {
    expect(registrationFlags(facts(over))).toEqual(want);
  });
});
