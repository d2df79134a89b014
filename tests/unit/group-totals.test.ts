/** The office group's figures and totals (src/domain/group.ts, issue 16 item 4): exact cents, table-driven. */
import { describe, expect, it } from 'vitest';
import {
  dashboardFigures,
  disputeFigures,
  groupTotals,
  NO_DASHBOARD,
  NO_DISPUTES,
  NO_STATEMENT,
  statementFigures,
  type StatementFacts,
  type StatementFigures,
} from '../../src/domain/group';

const deal = (commission: number, lines: [string, number][]) => ({
  commission,
  lines: lines.map(([beneficiary, amount]) => ({ beneficiary, amount })),
});

describe('statementFigures: one site’s month (R-COM-5)', () => {
  const cases: { name: string; st: StatementFacts; want: StatementFigures }[] = [
    { name: 'an empty month', st: { deals: [], held: [], unresolved: [] }, want: { ...NO_STATEMENT } },
    {
      name: 'one deal, one owner',
      st: { deals: [deal(100_000, [['zhang', 100_000]])], held: [], unresolved: [] },
      want: { ...NO_STATEMENT, payableDeals: 1, payableCents: 100_000 },
    },
    {
      name: 'a 50/50 split with an odd cent and a company deal with the pool (each line summed, not the deals)',
      st: {
        deals: [
          deal(100_001, [
            ['zhang', 50_001],
            ['li', 50_000],
          ]),
          deal(30_000, [
            ['wang', 9_000],
            ['pool', 21_000],
          ]),
        ],
        held: [],
        unresolved: [],
      },
      want: { ...NO_STATEMENT, payableDeals: 2, payableCents: 130_001, poolCents: 21_000 },
    },
    {
      name: 'held and unresolved deals stay out of the payable sum',
      st: { deals: [deal(5_000, [['zhang', 5_000]])], held: [{ commission: 70_000 }, { commission: 1 }], unresolved: [{ commission: 9 }] },
      want: { payableDeals: 1, payableCents: 5_000, poolCents: 0, heldDeals: 2, heldCents: 70_001, unresolvedDeals: 1, unresolvedCents: 9 },
    },
  ];
  for (const c of cases) it(c.name, () => expect(statementFigures(c.st)).toEqual(c.want));

  it('a fractional or negative cent is refused, never rounded', () => {
    expect(() => statementFigures({ deals: [deal(10, [['zhang', 0.5]])], held: [], unresolved: [] })).toThrow(RangeError);
    expect(() => statementFigures({ deals: [], held: [{ commission: -1 }], unresolved: [] })).toThrow(RangeError);
  });
});

describe('disputeFigures: where each dispute stands (R-DIS-1, 2)', () => {
  const cases = [
    { statuses: [], want: { ...NO_DISPUTES } },
    { statuses: ['open'], want: { undecided: 1, awaitingOpinion: 1, awaitingDecision: 0, decided: 0 } },
    { statuses: ['returned', 'opinion', 'opinion'], want: { undecided: 3, awaitingOpinion: 1, awaitingDecision: 2, decided: 0 } },
    { statuses: ['decided', 'open', 'decided'], want: { undecided: 1, awaitingOpinion: 1, awaitingDecision: 0, decided: 2 } },
  ] as const;
  for (const c of cases) it(`${c.statuses.join(', ') || 'none'}`, () => expect(disputeFigures(c.statuses)).toEqual(c.want));
});

describe('dashboardFigures: a site’s month at a glance', () => {
  const cases = [
    { name: 'nothing', visits: [], deals: [], want: { ...NO_DASHBOARD } },
    {
      name: 'a customer visiting twice counts once as a visitor; a buyer who did not visit this month is not converted',
      visits: [{ customer_id: 1 }, { customer_id: 1 }, { customer_id: 2 }],
      deals: [
        { customer_id: 1, commission: 12_345 },
        { customer_id: 7, commission: 1 },
      ],
      want: { visits: 3, visitors: 2, deals: 2, commissionCents: 12_346, converted: 1 },
    },
  ];
  for (const c of cases) it(c.name, () => expect(dashboardFigures(c.visits, c.deals)).toEqual(c.want));
});

describe('groupTotals: every figure summed over the sites, exactly', () => {
  const a = { ...NO_STATEMENT, payableDeals: 3, payableCents: 100_001, poolCents: 30_000, heldDeals: 1, heldCents: 5 };
  const b = { ...NO_STATEMENT, payableDeals: 1, payableCents: 99_999, unresolvedDeals: 2, unresolvedCents: 40 };
  const cases: { name: string; sites: StatementFigures[]; want: StatementFigures }[] = [
    { name: 'no sites: zeros', sites: [], want: { ...NO_STATEMENT } },
    { name: 'one site (a single office): its own figures', sites: [a], want: a },
    {
      name: 'two sites: each figure added',
      sites: [a, b],
      want: {
        payableDeals: 4,
        payableCents: 200_000,
        poolCents: 30_000,
        heldDeals: 1,
        heldCents: 5,
        unresolvedDeals: 2,
        unresolvedCents: 40,
      },
    },
  ];
  for (const c of cases) it(c.name, () => expect(groupTotals(c.sites, NO_STATEMENT)).toEqual(c.want));

  it('the dashboard’s and the disputes’ figures add up the same way', () => {
    expect(
      groupTotals(
        [
          { visits: 1, visitors: 1, deals: 0, commissionCents: 0, converted: 0 },
          { visits: 4, visitors: 3, deals: 2, commissionCents: 7, converted: 1 },
        ],
        NO_DASHBOARD,
      ),
    ).toEqual({ visits: 5, visitors: 4, deals: 2, commissionCents: 7, converted: 1 });
    expect(
      groupTotals(
        [
          { undecided: 2, awaitingOpinion: 1, awaitingDecision: 1, decided: 0 },
          { ...NO_DISPUTES, decided: 3 },
        ],
        NO_DISPUTES,
      ),
    ).toEqual({
      undecided: 2,
      awaitingOpinion: 1,
      awaitingDecision: 1,
      decided: 3,
    });
  });

  it('refuses a fraction, a negative, a missing figure and a sum past 2^53 instead of rounding', () => {
    expect(() => groupTotals([{ ...a, payableCents: 1.5 }], NO_STATEMENT)).toThrow(RangeError);
    expect(() => groupTotals([{ ...a, heldCents: -1 }], NO_STATEMENT)).toThrow(RangeError);
    const { poolCents: _, ...missing } = a;
    expect(() => groupTotals([missing as StatementFigures], NO_STATEMENT)).toThrow(RangeError);
    expect(() => groupTotals([{ ...a, payableCents: Number.MAX_SAFE_INTEGER }, b], NO_STATEMENT)).toThrow(RangeError);
  });
});
