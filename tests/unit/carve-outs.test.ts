/**
 * The carve-outs from a deal's whole commission (src/domain/commission.ts carveOuts): a company client's share
 * to the public pool (R-CO-2 … 5), else a valid referral's (R-REF-5), and the consultant side a company-arranged
 * deal puts in the after-sales consultant's hands (R-CO-4). Each row: the facts the service gathers → the carves.
 * Shares are written out, not read from the policy, so a changed default fails here; each carve's citation is
 * compared whole, with the shares its words state.
 */
import { describe, expect, it } from 'vitest';
import { type CarveFacts, carveOuts, type Citation } from '../../src/domain/commission';
import { DEFAULT_POLICY, type Policy } from '../../src/domain/policy';

const DEAL_AT = new Date(2026, 3, 20, 15, 0);
const facts = (f: Partial<CarveFacts>): CarveFacts => ({
  companyClient: false,
  leadershipNamed: false,
  companyMode: null,
  afterSales: null,
  dealAt: DEAL_AT,
  referrer: null,
  ...f,
});

/** A carve as `[kind, who, bps, citation]`; the side as `[consultant, bps, since]`. */
type Expected = {
  carves: [kind: 'pool' | 'referrer', who: string, bps: number, cite: Citation][];
  side?: [consultant: string, bps: number, since: Date][];
};

const rows: [what: string, facts: Partial<CarveFacts>, expected: Expected, policy?: Partial<Policy>][] = [
  ['nothing special: no carve-out, the history decides the side', {}, { carves: [] }],
  [
    'a valid referral: the referrer 30% (R-REF-5)',
    { referrer: 'R' },
    { carves: [['referrer', 'R', 3000, { rule: 'R-REF-5', params: { referrerBps: 3000, consultantBps: 7000 } }]] },
  ],
  ['a leadership-named reception of someone who is no company client carves nothing', { leadershipNamed: true }, { carves: [] }],
  [
    'a company client, introduced: the pool 30% (R-CO-3)',
    { companyClient: true, companyMode: 'introduced' },
    { carves: [['pool', 'pool', 3000, { rule: 'R-CO-3', params: { consultantBps: 7000, poolBps: 3000 } }]] },
  ],
  [
    'a company client recorded without a mode reads as introduced (R-CO-3)',
    { companyClient: true },
    { carves: [['pool', 'pool', 3000, { rule: 'R-CO-3', params: { consultantBps: 7000, poolBps: 3000 } }]] },
  ],
  [
    'an unknown recorded mode reads as introduced (R-CO-3)',
    { companyClient: true, companyMode: 'something_else' },
    { carves: [['pool', 'pool', 3000, { rule: 'R-CO-3', params: { consultantBps: 7000, poolBps: 3000 } }]] },
  ],
  [
    'arranged by the company, a consultant’s after-sales: the pool 70%, the after-sales consultant the rest, from the deal’s moment (R-CO-4)',
    { companyClient: true, companyMode: 'direct_consultant_aftersales', afterSales: 'C' },
    { carves: [['pool', 'pool', 7000, { rule: 'R-CO-4', params: { consultantBps: 3000, poolBps: 7000 } }]], side: [['C', 10000, DEAL_AT]] },
  ],
  [
    'arranged by the company, another employee’s after-sales: the pool 100% (R-CO-5)',
    { companyClient: true, companyMode: 'direct_other_aftersales', afterSales: 'E' },
    { carves: [['pool', 'pool', 10000, { rule: 'R-CO-5' }]] },
  ],
  [
    'leadership-named: the pool 100% (R-CO-2)',
    { companyClient: true, leadershipNamed: true },
    { carves: [['pool', 'pool', 10000, { rule: 'R-CO-2' }]] },
  ],
  [
    'leadership-named wins over how the deal was then made (R-CO-2, not R-CO-4; no after-sales side)',
    { companyClient: true, leadershipNamed: true, companyMode: 'direct_consultant_aftersales', afterSales: 'C' },
    { carves: [['pool', 'pool', 10000, { rule: 'R-CO-2' }]] },
  ],
  [
    'a company client’s referral earns nothing: the company’s carve-out alone (R-CO-3)',
    { companyClient: true, referrer: 'R' },
    { carves: [['pool', 'pool', 3000, { rule: 'R-CO-3', params: { consultantBps: 7000, poolBps: 3000 } }]] },
  ],
  [
    'leadership-named with a referral: the pool 100%, no referrer (R-CO-2)',
    { companyClient: true, leadershipNamed: true, referrer: 'R' },
    { carves: [['pool', 'pool', 10000, { rule: 'R-CO-2' }]] },
  ],
  // the shares are the policy's of the deal's moment, not constants
  [
    'an office’s own referral share',
    { referrer: 'R' },
    { carves: [['referrer', 'R', 2500, { rule: 'R-REF-5', params: { referrerBps: 2500, consultantBps: 7500 } }]] },
    { referrerBps: 2500 },
  ],
  [
    'an office’s own introduced share',
    { companyClient: true },
    { carves: [['pool', 'pool', 2000, { rule: 'R-CO-3', params: { consultantBps: 8000, poolBps: 2000 } }]] },
    { companyIntroducedPoolBps: 2000 },
  ],
  [
    'an office’s own direct shares',
    { companyClient: true, companyMode: 'direct_consultant_aftersales', afterSales: 'C' },
    { carves: [['pool', 'pool', 6000, { rule: 'R-CO-4', params: { consultantBps: 4000, poolBps: 6000 } }]], side: [['C', 10000, DEAL_AT]] },
    { companyDirectConsultantPoolBps: 6000 },
  ],
  [
    'an office’s own other-employee share',
    { companyClient: true, companyMode: 'direct_other_aftersales' },
    { carves: [['pool', 'pool', 9000, { rule: 'R-CO-5' }]] },
    { companyDirectOtherPoolBps: 9000 },
  ],
  [
    'an office’s own leadership-named share',
    { companyClient: true, leadershipNamed: true },
    { carves: [['pool', 'pool', 8000, { rule: 'R-CO-2' }]] },
    { companyLeadershipNamedPoolBps: 8000 },
  ],
];

describe('carveOuts: from the facts of the buyer’s records to the carve-outs (R-COM-3, R-CO-2 … 5, R-REF-5)', () => {
  for (const [what, f, expected, policy] of rows) {
    it(what, () => {
      const got = carveOuts(facts(f), { ...DEFAULT_POLICY, ...policy });
      expect(got.carves.map((c) => [c.kind, c.kind === 'referrer' ? c.referrer : 'pool', c.bps, c.cite])).toEqual(expected.carves);
      expect(got.side?.map((s) => [s.consultant, s.bps, s.since])).toEqual(expected.side);
      // the after-sales consultant's line cites the company's rule through the carve, not a rule of its own
      for (const s of got.side ?? []) expect(s.cites).toEqual([]);
    });
  }
});
