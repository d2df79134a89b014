/**
 * Example-based tests for the consultant side of a customer (attribution.ts: R-OWN-8 g–j, R-OWN-10,
 * R-OWN-13, R-OWN-14) and for the composed split on the rulebook's own examples (commission.ts: R-COM-3,
 * R-REF-5, R-CO-3..5). Times are office-local (tests/setup.ts pins TZ=Asia/Shanghai).
 */
import { describe, expect, it } from 'vitest';
import { consultantSide, type CustomerHistory, type DealFacts, type Handover } from '../../src/domain/attribution';
import { type Carve, type Citation, composeSplit, type ConsultantShare, SplitError } from '../../src/domain/commission';
import type { RegistrationFact } from '../../src/domain/ownership';
import { DEFAULT_POLICY } from '../../src/domain/policy';

const policy = DEFAULT_POLICY;
/** office-local instant: at(3, 10, 15) = 2025-03-10 15:00 */
const at = (month: number, day: number, hour = 10, minute = 0) => new Date(2025, month - 1, day, hour, minute);

let nextReg = 1;
const reg = (customerId: number, consultant: string, when: Date, status: RegistrationFact['status'] = 'confirmed'): RegistrationFact => {
  const id = nextReg++;
  return { id, visitId: id, customerId, consultant, at: when, status };
};
const history = (h: Partial<CustomerHistory>): CustomerHistory => ({
  registrations: [],
  identifications: [],
  households: [],
  handovers: [],
  ...h,
});
const rules = (cites: readonly Citation[]) => cites.map((c) => c.rule);
/** the side without the registration instants, for readable comparisons */
const brief = (side: ConsultantShare[]) => side.map((s) => ({ consultant: s.consultant, bps: s.bps, rules: rules(s.cites) }));

// The R-OWN-8 story: A registered customer record 1 on 1 March (protected to 1 April). The same person came
// back, was not matched, and B received them as new: customer record 2, 10 March 10:00.
const A_REG = at(3, 1);
const B_REG = at(3, 10);
const A_RECORD = 1;
const B_RECORD = 2;
const identifiedAt = (when: Date, extra: RegistrationFact[] = []) =>
  history({
    registrations: [reg(A_RECORD, 'A', A_REG), reg(B_RECORD, 'B', B_REG), ...extra],
    identifications: [{ customerId: B_RECORD, sameAs: A_RECORD, at: when }],
  });

describe('R-OWN-8: a returning customer received as new by B, later identified as A’s', () => {
  it('(g) identified the same day → returned to A, A only, citing R-OWN-8g', () => {
    const h = identifiedAt(at(3, 10, 15));
    const side = consultantSide(h, B_RECORD, at(3, 10, 16), policy);
    expect(brief(side)).toEqual([{ consultant: 'A', bps: 10000, rules: ['R-OWN-8g'] }]);
    expect(side[0]!.since).toEqual(A_REG);
    // and so for a later deal A closes (not on the spot)
    const deal: DealFacts = { at: at(3, 20), onSpot: false };
    expect(brief(consultantSide(h, B_RECORD, deal.at, policy, deal))).toEqual([{ consultant: 'A', bps: 10000, rules: ['R-OWN-8g'] }]);
    // looked up from A's record too
    expect(brief(consultantSide(h, A_RECORD, at(3, 10, 16), policy))).toEqual([{ consultant: 'A', bps: 10000, rules: ['R-OWN-8g'] }]);
  });

  it('(h) B closed the deal on the spot, identified on a later day → customer and commission all to B, citing R-OWN-8h', () => {
    const h = identifiedAt(at(3, 12, 9));
    const deal: DealFacts = { at: at(3, 10, 11, 30), onSpot: true };
    const side = consultantSide(h, B_RECORD, deal.at, policy, deal);
    expect(brief(side)).toEqual([{ consultant: 'B', bps: 10000, rules: ['R-OWN-8h'] }]);
    expect(side[0]!.since).toEqual(B_REG);
  });

  it('(h) B closed the deal on the spot, identified later that same day → still all to B, citing R-OWN-8h (h, not g)', () => {
    // rules.md R-OWN-8(h): "B closed the deal on the spot before identification → customer and commission all to B";
    // seed [3.7h]: 如新售楼员促成当场成交，且成交前未认出原售楼员的，客户资源和佣金全部归新售楼员所有 — no condition on the
    // day of identification, and (g) "returned to A" (还由原售楼员进行接待) is about who goes on receiving the customer,
    // which a deal already signed by B leaves nothing of.
    const h = identifiedAt(at(3, 10, 14));
    const deal: DealFacts = { at: at(3, 10, 11, 30), onSpot: true };
    expect(brief(consultantSide(h, B_RECORD, deal.at, policy, deal))).toEqual([{ consultant: 'B', bps: 10000, rules: ['R-OWN-8h'] }]);
  });

  it('(i) not closed on the spot, identified within a month of B’s reception → A and B 50/50, citing R-OWN-8i with the day count', () => {
    const h = identifiedAt(at(3, 22, 15)); // 12 calendar days after B's reception
    for (const [t, deal] of [
      [at(3, 23), undefined],
      [at(3, 25), { at: at(3, 25), onSpot: false }],
    ] as [Date, DealFacts | undefined][]) {
      const side = consultantSide(h, B_RECORD, t, policy, deal);
      expect(brief(side)).toEqual([
        { consultant: 'A', bps: 5000, rules: ['R-OWN-8i'] },
        { consultant: 'B', bps: 5000, rules: ['R-OWN-8i'] },
      ]);
      expect(side.map((s) => s.since)).toEqual([A_REG, B_REG]);
      for (const s of side) expect(s.cites[0]).toEqual({ rule: 'R-OWN-8i', params: { days: 12 } });
    }
  });

  it('(i) also when B closed (not on the spot) before the identification, still within the month', () => {
    const h = identifiedAt(at(4, 2, 15)); // 23 days after B's reception
    const deal: DealFacts = { at: at(3, 28), onSpot: false };
    const side = consultantSide(h, B_RECORD, deal.at, policy, deal);
    expect(brief(side)).toEqual([
      { consultant: 'A', bps: 5000, rules: ['R-OWN-8i'] },
      { consultant: 'B', bps: 5000, rules: ['R-OWN-8i'] },
    ]);
    expect(side[0]!.cites[0]).toEqual({ rule: 'R-OWN-8i', params: { days: 23 } });
  });

  it('(j) identified more than a month after B’s reception → customer and commission all to B, citing R-OWN-8j', () => {
    // B followed the customer up (visit 5 April renews B's protection); identified 15 April, 36 days on
    const h = identifiedAt(at(4, 15), [reg(B_RECORD, 'B', at(4, 5))]);
    const deal: DealFacts = { at: at(4, 20), onSpot: false };
    const side = consultantSide(h, B_RECORD, deal.at, policy, deal);
    expect(brief(side)).toEqual([{ consultant: 'B', bps: 10000, rules: ['R-OWN-8j'] }]);
    expect(side[0]!.since).toEqual(B_REG);
    expect(side[0]!.cites[0]).toEqual({ rule: 'R-OWN-8j', params: { days: 36 } });
  });

  it('A’s protection had lapsed when B received the customer → B only, no R-OWN-8 citation at all', () => {
    const aReg = at(1, 5); // protected to 5 February
    const bReg = at(2, 10);
    const h = history({
      registrations: [reg(A_RECORD, 'A', aReg), reg(B_RECORD, 'B', bReg)],
      identifications: [{ customerId: B_RECORD, sameAs: A_RECORD, at: at(2, 12) }],
    });
    for (const deal of [undefined, { at: at(2, 20), onSpot: false }, { at: at(2, 10, 11), onSpot: true }] as (DealFacts | undefined)[]) {
      const t = deal?.at ?? at(2, 13);
      const side = consultantSide(h, B_RECORD, t, policy, deal);
      expect(side.map((s) => [s.consultant, s.bps])).toEqual([['B', 10000]]);
      expect(rules(side[0]!.cites).filter((r) => r.startsWith('R-OWN-8'))).toEqual([]);
      // the statement then cites plain ownership
      expect(composeSplit(100, side, [])[0]!.cites.map((c) => c.rule)).toEqual(['R-OWN-1']);
    }
  });
});

describe('R-OWN-10: a married couple registered separately by A and B', () => {
  const WIFE = 1;
  const HUSBAND = 3;
  const couple = (foundAt: Date) =>
    history({
      registrations: [reg(WIFE, 'A', at(3, 1)), reg(HUSBAND, 'B', at(3, 5))],
      households: [{ a: WIFE, b: HUSBAND, at: foundAt }],
    });

  it('found before the deal → A and B 50/50, citing R-OWN-10, A first (registered first) from either record', () => {
    const h = couple(at(3, 8));
    const deal: DealFacts = { at: at(3, 20), onSpot: false };
    for (const customer of [WIFE, HUSBAND]) {
      const side = consultantSide(h, customer, deal.at, policy, deal);
      expect(brief(side)).toEqual([
        { consultant: 'A', bps: 5000, rules: ['R-OWN-10'] },
        { consultant: 'B', bps: 5000, rules: ['R-OWN-10'] },
      ]);
      expect(side.map((s) => s.since)).toEqual([at(3, 1), at(3, 5)]);
    }
  });

  it('found after the deal → the deal stands as registered (one owner, no R-OWN-10)', () => {
    const h = couple(at(3, 25));
    const deal: DealFacts = { at: at(3, 20), onSpot: false };
    // judged at the deal (what the deal service does) and judged afterwards, with the household on record
    for (const t of [deal.at, at(3, 26)]) {
      expect(brief(consultantSide(h, WIFE, t, policy, deal))).toEqual([{ consultant: 'A', bps: 10000, rules: [] }]);
      expect(brief(consultantSide(h, HUSBAND, t, policy, deal))).toEqual([{ consultant: 'B', bps: 10000, rules: [] }]);
    }
  });
});

describe('R-OWN-13 / R-OWN-14: a customer asks for another consultant', () => {
  const CUSTOMER = 5;
  const switchTo = (x: Partial<Handover>, regs: RegistrationFact[] = [reg(CUSTOMER, 'A', at(3, 10))]) =>
    history({
      registrations: regs,
      handovers: [{ customerId: CUSTOMER, from: 'A', to: 'C', at: at(3, 10, 10, 40), oldCustomer: false, solicited: false, ...x }],
    });
  const deal: DealFacts = { at: at(3, 15), onSpot: false };

  it('R-OWN-13: manager lets the named consultant take over → first 70%, named 30%', () => {
    const side = consultantSide(switchTo({}), CUSTOMER, deal.at, policy, deal);
    expect(brief(side)).toEqual([
      { consultant: 'A', bps: 7000, rules: ['R-OWN-13'] },
      { consultant: 'C', bps: 3000, rules: ['R-OWN-13'] },
    ]);
    expect(composeSplit(1000001, side, []).map((l) => [l.beneficiary, l.bps, l.amount])).toEqual([
      ['A', 7000, 700001],
      ['C', 3000, 300000],
    ]);
  });

  it('R-OWN-13: the named consultant solicited it → 100% to the first', () => {
    expect(brief(consultantSide(switchTo({ solicited: true }), CUSTOMER, deal.at, policy, deal))).toEqual([
      { consultant: 'A', bps: 10000, rules: ['R-OWN-13'] },
    ]);
  });

  it('R-OWN-14: an old customer asks for a different consultant → 100% to the original', () => {
    const regs = [reg(CUSTOMER, 'A', at(2, 20)), reg(CUSTOMER, 'A', at(3, 10))];
    expect(brief(consultantSide(switchTo({ oldCustomer: true }, regs), CUSTOMER, deal.at, policy, deal))).toEqual([
      { consultant: 'A', bps: 10000, rules: ['R-OWN-14'] },
    ]);
  });
});

describe('composeSplit on the rulebook’s examples (R-COM-1, R-COM-3)', () => {
  const REF: Carve = {
    kind: 'referrer',
    referrer: 'R',
    bps: policy.referrerBps,
    cite: { rule: 'R-REF-5', params: { referrerBps: 3000, consultantBps: 7000 } },
  };
  const pool = (bps: number, rule: 'R-CO-3' | 'R-CO-4' | 'R-CO-5'): Carve => ({
    kind: 'pool',
    bps,
    cite: rule === 'R-CO-5' ? { rule } : { rule, params: { consultantBps: 10000 - bps, poolBps: bps } },
  });
  const owner = (since = at(3, 1)): ConsultantShare[] => [{ consultant: 'A', bps: 10000, since, cites: [] }];
  const rows = (lines: ReturnType<typeof composeSplit>) => lines.map((l) => [l.kind, l.beneficiary, l.bps, l.amount]);

  it('a valid referral on a household customer of A and B → referrer 30%, A 35%, B 35%; odd cent to A (tie, earlier line)', () => {
    const h = history({
      registrations: [reg(1, 'A', at(3, 1)), reg(3, 'B', at(3, 5))],
      households: [{ a: 1, b: 3, at: at(3, 8) }],
    });
    const deal: DealFacts = { at: at(3, 20), onSpot: false };
    const side = consultantSide(h, 3, deal.at, policy, deal);
    // 1000001 · 35% = 350000.35 twice, · 30% = 300000.3: one cent left, A and B tie on .35 → A (the earlier line)
    const expected = [
      ['consultant', 'A', 3500, 350001],
      ['consultant', 'B', 3500, 350000],
      ['referrer', 'R', 3000, 300000],
    ];
    const lines = composeSplit(1000001, side, [REF]);
    expect(rows(lines)).toEqual(expected);
    expect(rows(composeSplit(1000001, [...side].reverse(), [REF]))).toEqual(expected);
    expect(lines.map((l) => rules(l.cites))).toEqual([['R-OWN-10', 'R-REF-5'], ['R-OWN-10', 'R-REF-5'], ['R-REF-5']]);
  });

  it('R-CO-3: consultant 70%, public pool 30%', () => {
    expect(rows(composeSplit(1000001, owner(), [pool(policy.companyIntroducedPoolBps, 'R-CO-3')]))).toEqual([
      ['consultant', 'A', 7000, 700001],
      ['pool', 'pool', 3000, 300000],
    ]);
    // 12345 · 70% = 8641.5, · 30% = 3703.5: a tie, the consultant line is earlier
    expect(rows(composeSplit(12345, owner(), [pool(3000, 'R-CO-3')]))).toEqual([
      ['consultant', 'A', 7000, 8642],
      ['pool', 'pool', 3000, 3703],
    ]);
  });

  it('R-CO-4: consultant 30%, public pool 70%', () => {
    expect(rows(composeSplit(1000001, owner(), [pool(policy.companyDirectConsultantPoolBps, 'R-CO-4')]))).toEqual([
      ['consultant', 'A', 3000, 300000],
      ['pool', 'pool', 7000, 700001],
    ]);
    expect(rows(composeSplit(12345, owner(), [pool(7000, 'R-CO-4')]))).toEqual([
      ['consultant', 'A', 3000, 3704],
      ['pool', 'pool', 7000, 8641],
    ]);
  });

  it('R-CO-5: public pool 100% — one line, whether or not anyone owns the customer', () => {
    for (const side of [owner(), []]) {
      const lines = composeSplit(1000001, side, [pool(policy.companyDirectOtherPoolBps, 'R-CO-5')]);
      expect(rows(lines)).toEqual([['pool', 'pool', 10000, 1000001]]);
      expect(rules(lines[0]!.cites)).toEqual(['R-CO-5']);
    }
  });

  it('nobody owns the customer and the carve-outs leave something for the consultant side → SplitError', () => {
    for (const carves of [[], [REF], [pool(3000, 'R-CO-3')], [pool(7000, 'R-CO-4')], [pool(9999, 'R-CO-3')]]) {
      expect(() => composeSplit(1000001, [], carves)).toThrow(SplitError);
    }
  });
});
