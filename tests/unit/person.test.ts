/**
 * The linking model (src/domain/person.ts): records identified as one person protect, renew and own
 * together (R-OWN-2, R-OWN-8), and an ownership dispute is about the deals of the run it questioned
 * (R-DIS-1, R-COM-4). Times are office-local (tests/setup.ts pins TZ=Asia/Shanghai); calendar months are
 * date-fns's, so 31 Jan + 1 month = 28 Feb.
 */
import { describe, expect, it } from 'vitest';
import type { CustomerHistory, DealFacts } from '../../src/domain/attribution';
import type { RegistrationFact } from '../../src/domain/ownership';
import { dealRun, dealsOfDispute, disputeCovers, personAt, personRecords } from '../../src/domain/person';
import { DEFAULT_POLICY } from '../../src/domain/policy';
import { officeDay } from '../../src/domain/time';

const policy = DEFAULT_POLICY;
/** office-local instant in 2027: at(1, 31, 10) = 2027-01-31 10:00 */
const at = (month: number, day: number, hour = 10, minute = 0) => new Date(2027, month - 1, day, hour, minute);

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
const A_REC = 1;
const B_REC = 2;

interface Row {
  what: string;
  t: Date;
  record: number;
  deal?: DealFacts;
  owners: [string, number][];
  rules: string[];
  until: string | null;
  receivers: string[];
}

function check(h: CustomerHistory, rows: Row[]) {
  for (const row of rows) {
    const p = personAt(h, row.record, row.t, policy, row.deal);
    const got = {
      owners: p.side.map((s) => [s.consultant, s.bps]),
      rules: [...new Set(p.side.flatMap((s) => s.cites.map((c) => c.rule)))],
      until: p.protection ? officeDay(p.protection.until) : null,
      receivers: p.receivers,
    };
    expect(got, row.what).toEqual({ owners: row.owners, rules: row.rules, until: row.until, receivers: row.receivers });
  }
}

describe('R-OWN-8g: identified the same day — the owner’s visits under the person’s other number renew (R-OWN-2)', () => {
  // A registers record 1 on 4 Jan; B receives the same person as record 2 on 10 Jan; identified 10 Jan 15:00;
  // A receives them under record 2's number on 31 Jan 10:00 → protected to 28 Feb 10:00.
  const h = history({
    registrations: [reg(A_REC, 'A', at(1, 4)), reg(B_REC, 'B', at(1, 10)), reg(B_REC, 'A', at(1, 31))],
    identifications: [{ customerId: B_REC, sameAs: A_REC, at: at(1, 10, 15) }],
  });
  it('owners and `until` are the person’s, from either record, across 31 Jan → 28 Feb', () => {
    check(h, [
      {
        what: 'before the identification, B’s record is B’s',
        t: at(1, 10, 12),
        record: B_REC,
        owners: [['B', 10000]],
        rules: [],
        until: '2027-02-10',
        receivers: ['B'],
      },
      {
        what: 'after it, B’s registration gives B nothing: A until 4 Feb',
        t: at(1, 11),
        record: B_REC,
        owners: [['A', 10000]],
        rules: ['R-OWN-8g'],
        until: '2027-02-04',
        receivers: ['A'],
      },
      {
        what: 'A’s record after its own registration lapsed',
        t: at(2, 10),
        record: A_REC,
        owners: [['A', 10000]],
        rules: ['R-OWN-8g'],
        until: '2027-02-28',
        receivers: ['A'],
      },
      {
        what: 'the last minute of the renewed month',
        t: at(2, 28, 9, 59),
        record: A_REC,
        owners: [['A', 10000]],
        rules: ['R-OWN-8g'],
        until: '2027-02-28',
        receivers: ['A'],
      },
      {
        what: 'the renewed month is over (exclusive end)',
        t: at(2, 28, 10),
        record: B_REC,
        owners: [],
        rules: [],
        until: null,
        receivers: [],
      },
      {
        what: 'a deal A closes in February',
        t: at(2, 20),
        record: A_REC,
        deal: { at: at(2, 20), onSpot: false },
        owners: [['A', 10000]],
        rules: ['R-OWN-8g'],
        until: '2027-02-28',
        receivers: ['A'],
      },
    ]);
  });
});

describe('R-OWN-8 i/j: identification on the last day of B’s month versus after it', () => {
  // A registers record 1 on 5 Jan; B receives record 2 on 31 Jan 10:00 (B's month ends 28 Feb 10:00) and again on
  // 20 Feb — under record 2's number in one history, under A's number in the other: either renews B (to 20 Mar).
  const base = [reg(A_REC, 'A', at(1, 5)), reg(B_REC, 'B', at(1, 31))];
  const histories = {
    'B renews under B’s number': [...base, reg(B_REC, 'B', at(2, 20))],
    'B renews under A’s number': [...base, reg(A_REC, 'B', at(2, 20))],
  };
  const shared: Pick<Row, 'owners' | 'rules' | 'receivers'> = {
    owners: [
      ['A', 5000],
      ['B', 5000],
    ],
    rules: ['R-OWN-8i'],
    receivers: ['B'],
  };
  const bOnly: Pick<Row, 'owners' | 'rules' | 'receivers'> = { owners: [['B', 10000]], rules: ['R-OWN-8j'], receivers: ['B'] };
  for (const [name, registrations] of Object.entries(histories)) {
    it(`${name}: 28 Feb 09:00 and 09:59 → (i), B follows up; 28 Feb 10:00 and 1 Mar → (j)`, () => {
      for (const [identifiedAt, outcome] of [
        [at(2, 28, 9), shared],
        [at(2, 28, 9, 59), shared],
        [at(2, 28, 10), bOnly],
        [at(3, 1, 9), bOnly],
      ] as const) {
        const h = history({ registrations, identifications: [{ customerId: B_REC, sameAs: A_REC, at: identifiedAt }] });
        const what = `identified ${identifiedAt.toString()}`;
        check(h, [
          { what: `${what}, from A’s record`, t: at(3, 10), record: A_REC, until: '2027-03-20', ...outcome },
          { what: `${what}, from B’s record`, t: at(3, 10), record: B_REC, until: '2027-03-20', ...outcome },
          {
            what: `${what}, a deal on 19 Mar`,
            t: at(3, 19),
            record: A_REC,
            deal: { at: at(3, 19), onSpot: false },
            until: '2027-03-20',
            ...outcome,
          },
        ]);
      }
    });
  }

  it('(i) without B’s renewal: B’s month ends 28 Feb 10:00 and the person is nobody’s; a fresh registration starts afresh', () => {
    const registrations = [...base, reg(A_REC, 'C', at(5, 3))];
    const h = history({ registrations, identifications: [{ customerId: B_REC, sameAs: A_REC, at: at(2, 10) }] });
    check(h, [
      { what: 'within B’s month', t: at(2, 28, 9), record: A_REC, until: '2027-02-28', ...shared },
      { what: 'after it', t: at(3, 1), record: B_REC, owners: [], rules: [], until: null, receivers: [] },
      {
        what: 'C registered the person anew in May: C’s alone, nothing of R-OWN-8',
        t: at(5, 10),
        record: B_REC,
        owners: [['C', 10000]],
        rules: [],
        until: '2027-06-03',
        receivers: ['C'],
      },
      {
        what: 'and a deal then is C’s',
        t: at(5, 10),
        record: A_REC,
        deal: { at: at(5, 10), onSpot: false },
        owners: [['C', 10000]],
        rules: [],
        until: '2027-06-03',
        receivers: ['C'],
      },
    ]);
  });
});

describe('who the person is', () => {
  it('identified records are one person (transitively); a spouse is not', () => {
    const h = history({
      identifications: [
        { customerId: 2, sameAs: 1, at: at(1, 10) },
        { customerId: 3, sameAs: 2, at: at(1, 20) },
      ],
      households: [{ a: 1, b: 9, at: at(1, 5) }],
    });
    expect(personRecords(h, 3, at(1, 21)).sort()).toEqual([1, 2, 3]);
    expect(personRecords(h, 3, at(1, 15)).sort()).toEqual([3]);
    expect(personRecords(h, 1, at(1, 15)).sort()).toEqual([1, 2]);
    // for a deal an identification made later still decides (R-OWN-8h)
    expect(personRecords(h, 3, at(1, 15), { at: at(1, 15), onSpot: true }).sort()).toEqual([1, 2, 3]);
  });
});

describe('disputes: about the deals of the ownership they question (R-DIS-1, R-COM-4)', () => {
  // A registers record 1 on 4 Jan; B receives record 2 on 8 Jan; identified 12 Jan (i). Deals: 15 Jan on B's
  // record, 20 Jan on A's record. A's and B's protection lapses; C registers record 1 anew on 3 May; deal 10 May.
  const h = history({
    registrations: [reg(A_REC, 'A', at(1, 4)), reg(B_REC, 'B', at(1, 8)), reg(A_REC, 'C', at(5, 3))],
    identifications: [{ customerId: B_REC, sameAs: A_REC, at: at(1, 12) }],
  });
  const deals = [
    dealRun(h, { id: 1, customerId: B_REC, at: at(1, 15), onSpot: false }, policy),
    dealRun(h, { id: 2, customerId: A_REC, at: at(1, 20), onSpot: false }, policy),
    dealRun(h, { id: 3, customerId: A_REC, at: at(5, 10), onSpot: false }, policy),
  ];

  it('deals on either record of the person rest on the same run; the later one after a lapse on another', () => {
    expect(deals[0]!.run).toEqual(deals[1]!.run);
    expect(deals[0]!.run).not.toBeNull();
    expect(deals[2]!.run).not.toEqual(deals[0]!.run);
  });

  it.each([
    ['a dispute over deal 1 covers deal 1 only', { dealId: 1, at: at(1, 16) }, [1]],
    ['an ownership dispute raised 18 Jan (either record) covers both January deals, not May’s', { dealId: null, at: at(1, 18) }, [1, 2]],
    ['raised 16 Jan, between the January deals: the later one rests on the same run', { dealId: null, at: at(1, 16) }, [1, 2]],
    ['raised 12 May: about C’s run and its deal only', { dealId: null, at: at(5, 12) }, [3]],
    ['raised 1 Mar, when nobody protects the person: the deals of the latest run before it', { dealId: null, at: at(3, 1) }, [1, 2]],
  ] as const)('%s', (_, dispute, covered) => {
    expect(deals.filter((d) => disputeCovers(dispute, d, deals)).map((d) => d.id)).toEqual(covered);
    // the dispute screen's deals are the same ones, in the person's order
    expect(dealsOfDispute(dispute, deals)).toEqual(covered);
    expect(dealsOfDispute(dispute, [...deals].reverse())).toEqual([...covered].reverse());
  });
});
