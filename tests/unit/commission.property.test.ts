/**
 * Property tests for the commission engine (rules.md R-COM-1 … R-COM-4, R-DIS-2):
 * largestRemainder (money.ts), composeSplit and decidedSplit (commission.ts).
 *
 * "Exact share" below is always the rational number the rulebook defines, checked in BigInt:
 *  - consultant line: commission · sideBps · (10000 − carved) / 10000²   (R-COM-3: the side shares what remains)
 *  - carve-out line:  commission · carveBps / 10000                       (R-REF-5, R-CO-2..5: taken from the whole)
 * Largest remainder (R-COM-1) gives each line floor(exact) or floor(exact)+1, the extra cents going to the
 * largest remainders, a tie to the earlier line.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { citationZh } from '../../src/services/words-zh';
import {
  type Carve,
  type Citation,
  composeSplit,
  type ConsultantShare,
  decidedSplit,
  type SplitLine,
  SplitError,
} from '../../src/domain/commission';
import { FULL_BPS, largestRemainder } from '../../src/domain/money';

const RULE_ID = /^R-[A-Z]+-\d+[a-z]?$/;
const MAX_COMMISSION = 10 ** 13;
const FULL = BigInt(FULL_BPS);
const FULL2 = FULL * FULL;
const RUNS = { numRuns: 400 };

// ---------------------------------------------------------------------------------------------------------
// arbitraries

/** 0 … 10^13 cents, with odd amounts, tiny amounts and the edges forced in. */
const commissionArb: fc.Arbitrary<number> = fc.oneof(
  fc.integer({ min: 0, max: MAX_COMMISSION }),
  fc.integer({ min: 0, max: MAX_COMMISSION / 2 - 1 }).map((x) => 2 * x + 1),
  fc.integer({ min: 0, max: 1000 }),
  fc.constantFrom(0, 1, 2, 3, 7, 99, 1000001, MAX_COMMISSION - 1, MAX_COMMISSION),
);

/** n non-negative integers summing to exactly `total` (cut points on [0, total]). */
const partition = (n: number, total: number): fc.Arbitrary<number[]> =>
  fc.array(fc.integer({ min: 0, max: total }), { minLength: n - 1, maxLength: n - 1 }).map((cuts) => {
    const c = [0, ...cuts.sort((a, b) => a - b), total];
    return c.slice(1).map((x, i) => x - c[i]!);
  });

const consultantCites: Citation[] = [
  { rule: 'R-OWN-1' },
  { rule: 'R-OWN-8i', params: { days: 12 } },
  { rule: 'R-OWN-10' },
  { rule: 'R-OWN-13', params: { solicited: 'no', firstBps: 7000, namedBps: 3000 } },
];
const REF_CITE: Citation = { rule: 'R-REF-5', params: { referrerBps: 3000, consultantBps: 7000 } };
const cite = (rule: 'R-CO-2' | 'R-CO-3' | 'R-CO-4' | 'R-CO-5'): Citation =>
  rule === 'R-CO-3' || rule === 'R-CO-4' ? { rule, params: { consultantBps: 0, poolBps: 0 } } : { rule };

/** 2020 … 2030, in ms; distinct per side so "ordered by registration time" is a total order. */
const T0 = Date.UTC(2020, 0, 1);
const T1 = Date.UTC(2030, 0, 1);

/** A valid consultant side: 1–4 consultants, distinct ids, distinct registration instants, bps summing to 10000. */
const sideArb: fc.Arbitrary<ConsultantShare[]> = fc.integer({ min: 1, max: 4 }).chain((n) =>
  fc
    .tuple(
      fc.uniqueArray(fc.integer({ min: 1, max: 999 }), { minLength: n, maxLength: n }),
      fc.uniqueArray(fc.integer({ min: T0, max: T1 }), { minLength: n, maxLength: n }),
      // any partition, plus the rulebook's own sides: 100%, 50/50 (R-OWN-8i, R-OWN-10), 70/30 (R-OWN-13)
      n === 1
        ? fc.constant([FULL_BPS])
        : n === 2
          ? fc.oneof(partition(2, FULL_BPS), fc.constantFrom([5000, 5000], [7000, 3000], [3000, 7000]))
          : partition(n, FULL_BPS),
      fc.array(fc.subarray(consultantCites), { minLength: n, maxLength: n }),
    )
    .map(([ids, times, bps, cites]) =>
      ids.map((id, i) => ({ consultant: `staff-${id}`, bps: bps[i]!, since: new Date(times[i]!), cites: cites[i]! })),
    ),
);

/** The carve-out sets R-COM-3 allows: none, a referral 30%, a pool 30 / 70 / 100%, or custom shares. */
const carvesArb: fc.Arbitrary<Carve[]> = fc.oneof(
  fc.constant([]),
  fc.constant([{ kind: 'referrer', referrer: 'ref-1', bps: 3000, cite: REF_CITE }]),
  fc.constant([{ kind: 'pool', bps: 3000, cite: cite('R-CO-3') }]),
  fc.constant([{ kind: 'pool', bps: 7000, cite: cite('R-CO-4') }]),
  fc.constant([{ kind: 'pool', bps: 10000, cite: cite('R-CO-5') }]),
  fc.constant([{ kind: 'pool', bps: 10000, cite: cite('R-CO-2') }]),
  fc.integer({ min: 0, max: FULL_BPS }).map((bps): Carve[] => [{ kind: 'referrer', referrer: 'ref-1', bps, cite: REF_CITE }]),
  fc.integer({ min: 0, max: FULL_BPS }).map((bps): Carve[] => [{ kind: 'pool', bps, cite: cite('R-CO-3') }]),
  // both kinds at once (given pool first, so the referrer-before-pool order is exercised)
  partition(3, FULL_BPS).map(([r, p]): Carve[] => [
    { kind: 'pool', bps: p!, cite: cite('R-CO-3') },
    { kind: 'referrer', referrer: 'ref-1', bps: r!, cite: REF_CITE },
  ]),
) as fc.Arbitrary<Carve[]>;

const splitInput = fc.record({ commission: commissionArb, side: sideArb, carves: carvesArb });

// ---------------------------------------------------------------------------------------------------------
// the rulebook's model of a split: which lines, in which order, with which exact rational share

interface Expected {
  kind: SplitLine['kind'];
  beneficiary: string;
  /** exact share = commission · num / 10000² */
  num: bigint;
}

function expectedLines(side: readonly ConsultantShare[], carves: readonly Carve[]): Expected[] {
  const carved = carves.reduce((a, c) => a + c.bps, 0);
  const out: Expected[] = [];
  if (carved < FULL_BPS) {
    for (const s of [...side].sort((a, b) => a.since.getTime() - b.since.getTime())) {
      out.push({ kind: 'consultant', beneficiary: s.consultant, num: BigInt(s.bps) * BigInt(FULL_BPS - carved) });
    }
  }
  for (const c of carves.filter((c) => c.kind === 'referrer'))
    out.push({ kind: 'referrer', beneficiary: (c as { referrer: string }).referrer, num: BigInt(c.bps) * FULL });
  for (const c of carves.filter((c) => c.kind === 'pool')) out.push({ kind: 'pool', beneficiary: 'pool', num: BigInt(c.bps) * FULL });
  return out;
}

/** |amount − total·num/den| < 1, in BigInt. */
const withinOne = (amount: number, total: number, num: bigint, den: bigint): boolean => {
  const diff = BigInt(amount) * den - BigInt(total) * num;
  return (diff < 0n ? -diff : diff) < den;
};

/**
 * The largest-remainder characterisation, on a list of (amount, exact = total·num/den) in line order:
 * each amount is floor or floor+1, the number of +1s is what is left over, and a line that got the extra
 * cent never has a smaller remainder than one that did not — on equal remainders the earlier line gets it.
 */
function checkLargestRemainder(total: number, nums: bigint[], den: bigint, amounts: number[]): void {
  const T = BigInt(total);
  const floor = nums.map((n) => (T * n) / den);
  const rem = nums.map((n) => (T * n) % den);
  const bumped = amounts.map((a, i) => BigInt(a) - floor[i]!);
  for (const b of bumped) expect(b === 0n || b === 1n).toBe(true);
  for (let i = 0; i < amounts.length; i++) {
    for (let j = 0; j < amounts.length; j++) {
      if (bumped[j] === 1n && bumped[i] === 0n) {
        // j got the cent, i did not: j's remainder is larger, or equal and j is earlier
        expect(rem[j]! > rem[i]! || (rem[j] === rem[i] && j < i), `line ${j} got the extra cent over line ${i}`).toBe(true);
      }
    }
  }
}

// ---------------------------------------------------------------------------------------------------------

describe('largestRemainder (money.ts, R-COM-1)', () => {
  const weightsArb = fc.array(fc.integer({ min: 0, max: 10 ** 8 }), { minLength: 1, maxLength: 8 }).filter((w) => w.some((x) => x > 0));
  const totalArb = fc.oneof(fc.integer({ min: 0, max: MAX_COMMISSION }), fc.integer({ min: 0, max: 50 }));
  const exactSum = (w: number[]) => w.reduce((a, b) => a + BigInt(b), 0n);

  it('amounts sum exactly to the total', () => {
    fc.assert(
      fc.property(totalArb, weightsArb, (total, w) => {
        expect(largestRemainder(total, w).reduce((a, b) => a + b, 0)).toBe(total);
      }),
      RUNS,
    );
  });

  it('every amount is a non-negative integer within 1 of its exact share total·w/W', () => {
    fc.assert(
      fc.property(totalArb, weightsArb, (total, w) => {
        const out = largestRemainder(total, w);
        expect(out).toHaveLength(w.length);
        const W = exactSum(w);
        out.forEach((a, i) => {
          expect(Number.isSafeInteger(a)).toBe(true);
          expect(a).toBeGreaterThanOrEqual(0);
          expect(withinOne(a, total, BigInt(w[i]!), W)).toBe(true);
        });
      }),
      RUNS,
    );
  });

  it('extra cents go to the largest remainders, a tie to the earlier line', () => {
    fc.assert(
      fc.property(totalArb, weightsArb, (total, w) => {
        checkLargestRemainder(total, w.map(BigInt), exactSum(w), largestRemainder(total, w));
      }),
      RUNS,
    );
  });

  it('ties go to the earlier line: equal weights, leftover cents fill from the front', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 8 }),
        fc.integer({ min: 1, max: 10 ** 6 }),
        fc.integer({ min: 0, max: 10 ** 9 }),
        (n, weight, total) => {
          const out = largestRemainder(total, Array(n).fill(weight));
          const q = Math.floor(total / n);
          const r = total % n;
          expect(out).toEqual(Array.from({ length: n }, (_, i) => q + (i < r ? 1 : 0)));
        },
      ),
      RUNS,
    );
    expect(largestRemainder(1, [1, 1])).toEqual([1, 0]);
    expect(largestRemainder(5, [1, 1, 1])).toEqual([2, 2, 1]);
  });

  it('within one call a larger weight never gets less than a smaller one, nor an earlier equal weight less than a later one (within a call only: nothing is claimed across calls)', () => {
    fc.assert(
      fc.property(totalArb, weightsArb, (total, w) => {
        const out = largestRemainder(total, w);
        for (let i = 0; i < w.length; i++)
          for (let j = 0; j < w.length; j++) if (w[i]! > w[j]! || (w[i] === w[j] && i < j)) expect(out[i]!).toBeGreaterThanOrEqual(out[j]!);
      }),
      RUNS,
    );
  });

  it('a zero weight gets nothing; all-zero weights give all zeros', () => {
    fc.assert(
      fc.property(totalArb, weightsArb, (total, w) => {
        const out = largestRemainder(total, w);
        w.forEach((x, i) => x === 0 && expect(out[i]).toBe(0));
      }),
      RUNS,
    );
    expect(largestRemainder(12345, [0, 0, 0])).toEqual([0, 0, 0]);
  });

  it('is deterministic and does not touch its input', () => {
    fc.assert(
      fc.property(totalArb, weightsArb, (total, w) => {
        const copy = [...w];
        expect(largestRemainder(total, w)).toEqual(largestRemainder(total, w));
        expect(w).toEqual(copy);
      }),
      RUNS,
    );
  });

  it('refuses negative or fractional totals and weights', () => {
    expect(() => largestRemainder(-1, [1])).toThrow(RangeError);
    expect(() => largestRemainder(1.5, [1])).toThrow(RangeError);
    expect(() => largestRemainder(Number.NaN, [1])).toThrow(RangeError);
    expect(() => largestRemainder(10, [1, -1])).toThrow(RangeError);
    expect(() => largestRemainder(10, [0.5, 1])).toThrow(RangeError);
  });

  it('stays exact for any weights it accepts (safe integers, whose sum may exceed 2^53)', () => {
    const bigWeights = fc
      .array(
        fc.oneof(
          fc.integer({ min: 0, max: Number.MAX_SAFE_INTEGER }),
          fc.integer({ min: Number.MAX_SAFE_INTEGER - 1000, max: Number.MAX_SAFE_INTEGER }),
          fc.integer({ min: 0, max: 10 }),
        ),
        {
          minLength: 2,
          maxLength: 6,
        },
      )
      .filter((w) => w.some((x) => x > 0));
    fc.assert(
      fc.property(totalArb, bigWeights, (total, w) => {
        const out = largestRemainder(total, w);
        expect(out.reduce((a, b) => a + b, 0)).toBe(total);
        const W = exactSum(w);
        out.forEach((a, i) => expect(withinOne(a, total, BigInt(w[i]!), W)).toBe(true));
      }),
      RUNS,
    );
  });
});

describe('composeSplit (commission.ts, R-COM-1 … 3)', () => {
  it('line bps sum to exactly 10000', () => {
    fc.assert(
      fc.property(splitInput, ({ commission, side, carves }) => {
        expect(composeSplit(commission, side, carves).reduce((a, l) => a + l.bps, 0)).toBe(FULL_BPS);
      }),
      RUNS,
    );
  });

  it('amounts sum exactly to the commission', () => {
    fc.assert(
      fc.property(splitInput, ({ commission, side, carves }) => {
        expect(composeSplit(commission, side, carves).reduce((a, l) => a + l.amount, 0)).toBe(commission);
      }),
      RUNS,
    );
  });

  it('nothing is negative and every amount and bps is an integer', () => {
    fc.assert(
      fc.property(splitInput, ({ commission, side, carves }) => {
        for (const l of composeSplit(commission, side, carves)) {
          expect(Number.isSafeInteger(l.amount)).toBe(true);
          expect(Number.isInteger(l.bps)).toBe(true);
          expect(l.amount).toBeGreaterThanOrEqual(0);
          expect(l.bps).toBeGreaterThanOrEqual(0);
          expect(l.amount <= commission).toBe(true);
        }
      }),
      RUNS,
    );
  });

  it('same input → same output (and the input is left untouched)', () => {
    fc.assert(
      fc.property(splitInput, ({ commission, side, carves }) => {
        const snapshot = JSON.stringify({ side, carves });
        const a = composeSplit(commission, side, carves);
        const b = composeSplit(commission, side, carves);
        expect(b).toEqual(a);
        expect(JSON.stringify({ side, carves })).toBe(snapshot);
      }),
      RUNS,
    );
  });

  it('order independence: shuffling the consultant side gives the same lines (they are ordered by registration time)', () => {
    const shuffled = splitInput.chain((input) =>
      fc.tuple(fc.constant(input), fc.shuffledSubarray(input.side, { minLength: input.side.length, maxLength: input.side.length })),
    );
    fc.assert(
      fc.property(shuffled, ([{ commission, side, carves }, side2]) => {
        expect(composeSplit(commission, side2, carves)).toEqual(composeSplit(commission, side, carves));
      }),
      RUNS,
    );
  });

  it('lines are ordered consultants by registration time, then the referrer, then the pool', () => {
    fc.assert(
      fc.property(splitInput, ({ commission, side, carves }) => {
        const lines = composeSplit(commission, side, carves);
        const order = expectedLines(side, carves).map((e) => `${e.kind}:${e.beneficiary}`);
        const got = lines.map((l) => `${l.kind}:${l.beneficiary}`);
        // got is the rulebook order with only empty lines (0 bps, 0 cents) left out
        let k = 0;
        for (const g of got) {
          while (k < order.length && order[k] !== g) k++;
          expect(k < order.length, `${g} out of order in ${got.join(', ')}`).toBe(true);
          k++;
        }
        const since = new Map(side.map((s) => [s.consultant, s.since.getTime()]));
        const times = lines.filter((l) => l.kind === 'consultant').map((l) => since.get(l.beneficiary)!);
        expect(times).toEqual([...times].sort((a, b) => a - b));
      }),
      RUNS,
    );
  });

  it("each line's amount is within 1 cent of the exact rational share; only empty lines are left out", () => {
    fc.assert(
      fc.property(splitInput, ({ commission, side, carves }) => {
        const lines = composeSplit(commission, side, carves);
        for (const e of expectedLines(side, carves)) {
          const line = lines.find((l) => l.kind === e.kind && l.beneficiary === e.beneficiary);
          const amount = line?.amount ?? 0;
          expect(withinOne(amount, commission, e.num, FULL2), `${e.kind} ${e.beneficiary}: ${amount} vs ${commission}·${e.num}/10^8`).toBe(
            true,
          );
          // a missing line could only have had nothing: less than a cent and less than a basis point
          if (!line) expect(e.num < FULL && BigInt(commission) * e.num < FULL2).toBe(true);
        }
      }),
      RUNS,
    );
  });

  it('extra cents (and basis points) go to the largest remainders, a tie to the earlier line', () => {
    fc.assert(
      fc.property(splitInput, ({ commission, side, carves }) => {
        const lines = composeSplit(commission, side, carves);
        const exp = expectedLines(side, carves);
        const amountOf = (e: Expected) => lines.find((l) => l.kind === e.kind && l.beneficiary === e.beneficiary)?.amount ?? 0;
        const bpsOf = (e: Expected) => lines.find((l) => l.kind === e.kind && l.beneficiary === e.beneficiary)?.bps ?? 0;
        checkLargestRemainder(
          commission,
          exp.map((e) => e.num),
          FULL2,
          exp.map(amountOf),
        );
        checkLargestRemainder(
          FULL_BPS,
          exp.map((e) => e.num),
          FULL2,
          exp.map(bpsOf),
        );
      }),
      RUNS,
    );
  });

  it('ties go to the earlier line: two consultants 50/50 on an odd commission — the earlier registration gets the extra cent', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: MAX_COMMISSION / 2 - 1 }).map((x) => 2 * x + 1),
        fc.uniqueArray(fc.integer({ min: T0, max: T1 }), { minLength: 2, maxLength: 2 }),
        fc.boolean(),
        (commission, [t1, t2], reversed) => {
          const [early, late] = [Math.min(t1!, t2!), Math.max(t1!, t2!)];
          const side: ConsultantShare[] = [
            { consultant: 'late', bps: 5000, since: new Date(late), cites: [] },
            { consultant: 'early', bps: 5000, since: new Date(early), cites: [] },
          ];
          const lines = composeSplit(commission, reversed ? side.reverse() : side, []);
          expect(lines.map((l) => [l.beneficiary, l.amount])).toEqual([
            ['early', (commission + 1) / 2],
            ['late', (commission - 1) / 2],
          ]);
        },
      ),
      RUNS,
    );
    // consultant / pool tie: 12345 · 70% = 8641.5, 12345 · 30% = 3703.5 → the consultant line (earlier) gets it
    const one: ConsultantShare[] = [{ consultant: 'a', bps: 10000, since: new Date(T0), cites: [] }];
    expect(composeSplit(12345, one, [{ kind: 'pool', bps: 3000, cite: cite('R-CO-3') }]).map((l) => l.amount)).toEqual([8642, 3703]);
    // referrer / pool tie: 1 cent, 50% / 50% → the referrer (earlier than the pool) gets it
    expect(
      composeSplit(
        1,
        [],
        [
          { kind: 'pool', bps: 5000, cite: cite('R-CO-3') },
          { kind: 'referrer', referrer: 'r', bps: 5000, cite: REF_CITE },
        ],
      ).map((l) => [l.kind, l.amount]),
    ).toEqual([
      ['referrer', 1],
      ['pool', 0],
    ]);
  });

  it('every line has at least one citation, each with a rule id like R-OWN-8i', () => {
    fc.assert(
      fc.property(splitInput, ({ commission, side, carves }) => {
        for (const l of composeSplit(commission, side, carves)) {
          expect(l.cites.length).toBeGreaterThanOrEqual(1);
          for (const c of l.cites) {
            expect(c.rule).toMatch(RULE_ID);
            expect(citationZh(c).startsWith(`${c.rule}：`)).toBe(true);
          }
        }
      }),
      RUNS,
    );
  });

  it('a consultant with no special history and no carve-out cites R-OWN-1 (R-COM-2)', () => {
    fc.assert(
      fc.property(commissionArb, fc.integer({ min: T0, max: T1 }), (commission, t) => {
        const lines = composeSplit(commission, [{ consultant: 'a', bps: 10000, since: new Date(t), cites: [] }], []);
        expect(lines).toEqual([
          { kind: 'consultant', beneficiary: 'a', bps: 10000, amount: commission, cites: [expect.objectContaining({ rule: 'R-OWN-1' })] },
        ]);
      }),
    );
  });

  it('refuses carve-outs above 100% and a consultant side not summing to 100% (SplitError)', () => {
    fc.assert(
      fc.property(commissionArb, sideArb, fc.integer({ min: 1, max: FULL_BPS }), (commission, side, extra) => {
        expect(() => composeSplit(commission, side, [{ kind: 'pool', bps: FULL_BPS + extra, cite: cite('R-CO-3') }])).toThrow(SplitError);
        const bad = side.map((s, i) => (i === 0 ? { ...s, bps: s.bps + extra } : s));
        expect(() => composeSplit(commission, bad, [])).toThrow(SplitError);
      }),
    );
  });
});

describe('decidedSplit (commission.ts, R-COM-4 / R-DIS-2)', () => {
  const DIS_CITE: Citation = { rule: 'R-DIS-2', params: { disputeId: 1 } };
  const computedOf = (order: string[]) => order.map((beneficiary) => ({ beneficiary, kind: 'consultant' as const }));
  const decisionArb = fc
    .tuple(fc.uniqueArray(fc.constantFrom('s1', 's2', 's3', 'ref-1', 'x9', 'pool'), { minLength: 1, maxLength: 6 }), commissionArb)
    .chain(([keys, commission]) =>
      fc.tuple(
        fc.constant(commission),
        fc.constant(keys),
        partition(keys.length, FULL_BPS),
        // the computed split's order: some of the keys (never 'pool', which is always last), plus a stranger
        fc.shuffledSubarray([...keys.filter((k) => k !== 'pool'), 'other']),
      ),
    );

  it('amounts sum exactly to the commission; each is a non-negative integer within 1 cent of commission·bps/10000', () => {
    fc.assert(
      fc.property(decisionArb, ([commission, keys, bps, order]) => {
        const shares = Object.fromEntries(keys.map((k, i) => [k, bps[i]!]));
        const lines = decidedSplit(commission, shares, computedOf(order), DIS_CITE);
        expect(lines.reduce((a, l) => a + l.amount, 0)).toBe(commission);
        expect(lines.reduce((a, l) => a + l.bps, 0)).toBe(FULL_BPS);
        for (const l of lines) {
          expect(Number.isSafeInteger(l.amount)).toBe(true);
          expect(l.amount).toBeGreaterThanOrEqual(0);
          expect(l.bps).toBe(shares[l.beneficiary]);
          expect(withinOne(l.amount, commission, BigInt(l.bps), FULL)).toBe(true);
          expect(l.cites).toEqual([DIS_CITE]);
          expect(l.cites[0]!.rule).toMatch(RULE_ID);
        }
        // only zero shares are left out
        expect(lines.map((l) => l.beneficiary).sort()).toEqual(keys.filter((k) => shares[k]! > 0).sort());
      }),
      RUNS,
    );
  });

  it('keeps the computed order (unknown beneficiaries after, the pool last); ties go to the earlier line; deterministic', () => {
    fc.assert(
      fc.property(decisionArb, ([commission, keys, bps, order]) => {
        const shares = Object.fromEntries(keys.map((k, i) => [k, bps[i]!]));
        const lines = decidedSplit(commission, shares, computedOf(order), DIS_CITE);
        const rank = (k: string) => (k === 'pool' ? 3 : order.includes(k) ? 1 : 2);
        const got = lines.map((l) => l.beneficiary);
        for (let i = 1; i < got.length; i++) {
          const [p, q] = [got[i - 1]!, got[i]!];
          expect(rank(p) <= rank(q)).toBe(true);
          if (rank(p) === 1 && rank(q) === 1) expect(order.indexOf(p)).toBeLessThan(order.indexOf(q));
        }
        expect(lines.find((l) => l.beneficiary === 'pool')?.kind ?? 'pool').toBe('pool');
        checkLargestRemainder(
          commission,
          lines.map((l) => BigInt(l.bps)),
          FULL,
          lines.map((l) => l.amount),
        );
        // the key order of the shares object does not matter
        const reversed = Object.fromEntries(Object.entries(shares).reverse());
        expect(decidedSplit(commission, reversed, computedOf(order), DIS_CITE)).toEqual(lines);
      }),
      RUNS,
    );
    // a referrer keeps their kind under a decision; shares not adding up to 100% are refused
    expect(
      decidedSplit(
        100,
        { a: 7000, r: 3000 },
        [
          { beneficiary: 'a', kind: 'consultant' },
          { beneficiary: 'r', kind: 'referrer' },
        ],
        DIS_CITE,
      ).map((l) => l.kind),
    ).toEqual(['consultant', 'referrer']);
    expect(() => decidedSplit(100, { a: 7000, r: 2000 }, [], DIS_CITE)).toThrow(SplitError);
    // a constructed tie: 1 cent, 50/50 → the line earlier in the computed order gets it
    expect(decidedSplit(1, { b: 5000, a: 5000 }, computedOf(['b', 'a']), DIS_CITE).map((l) => [l.beneficiary, l.amount])).toEqual([
      ['b', 1],
      ['a', 0],
    ]);
  });
});
