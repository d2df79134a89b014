/**
 * The commission split (R-COM-1 … 4): the consultant side first, then the carve-outs (a valid referral's
 * share, the public pool's share) taken from the whole, the consultant side sharing what remains in its
 * own proportions. Every line cites the rule that produced it, as the rule and the facts its words need.
 */
import { FULL_BPS, largestRemainder } from './money';
import type { Policy } from './policy';

/**
 * Why a line goes where it does (R-COM-2): the rule, lettered items with their letter (R-OWN-8i), and the facts
 * its words need — shares in basis points, day counts, ids. The words are the reader's: the renderer's
 * dictionary (`cite.<rule>`, renderer/i18n/areas/deals.ts) and, for the files the server writes, its own
 * (src/services/words-zh.ts). R-OWN-13 has two outcomes: `solicited` says which.
 */
export type Citation =
  | { rule: 'R-OWN-1' | 'R-OWN-8g' | 'R-OWN-8h' | 'R-OWN-9a' | 'R-OWN-9b' | 'R-OWN-10' | 'R-OWN-14' | 'R-CO-2' | 'R-CO-5' }
  | { rule: 'R-OWN-8i' | 'R-OWN-8j'; params: { days: number } }
  | { rule: 'R-OWN-13'; params: { solicited: 'yes' } | { solicited: 'no'; firstBps: number; namedBps: number } }
  | { rule: 'R-CO-3' | 'R-CO-4'; params: { consultantBps: number; poolBps: number } }
  | { rule: 'R-REF-5'; params: { referrerBps: number; consultantBps: number } }
  | { rule: 'R-DIS-2'; params: { disputeId: number } };

export type CiteRule = Citation['rule'];

export interface ConsultantShare {
  consultant: string;
  /** share of the consultant side, basis points; the side sums to 10000 */
  bps: number;
  /** registration time, for line order (R-COM-1) */
  since: Date;
  cites: Citation[];
}

export type Carve = { kind: 'referrer'; referrer: string; bps: number; cite: Citation } | { kind: 'pool'; bps: number; cite: Citation };

export interface SplitLine {
  kind: 'consultant' | 'referrer' | 'pool';
  /** staff id, or 'pool' */
  beneficiary: string;
  bps: number;
  amount: number;
  cites: Citation[];
}

export const OWNER_CITE: Citation = { rule: 'R-OWN-1' };

/**
 * Why no split could be made: carve-outs above 100%, nobody owning the customer at the deal while the
 * carve-outs leave something to the consultant side, a consultant side not making 100%, a decision's shares
 * not making 100%.
 */
export type SplitProblem = 'carves_over_full' | 'no_owner' | 'side_not_full' | 'decision_not_full';

export class SplitError extends Error {
  constructor(readonly problem: SplitProblem) {
    super(problem);
  }
}

/**
 * Lines in the order R-COM-1 fixes — consultants by registration time, then the referrer, then the
 * public pool — with amounts summing exactly to `commission` (ties to the earlier line).
 */
export function composeSplit(commission: number, side: readonly ConsultantShare[], carves: readonly Carve[]): SplitLine[] {
  const carved = carves.reduce((a, c) => a + c.bps, 0);
  if (carved > FULL_BPS) throw new SplitError('carves_over_full');
  const sideTotal = side.reduce((a, s) => a + s.bps, 0);
  if (carved < FULL_BPS && sideTotal !== FULL_BPS) {
    throw new SplitError(side.length === 0 ? 'no_owner' : 'side_not_full');
  }
  // Equal registration instants fall back to the consultant id, so the input order never decides a cent.
  const consultants = [...side].sort((a, b) => a.since.getTime() - b.since.getTime() || a.consultant.localeCompare(b.consultant));
  const lines: Omit<SplitLine, 'bps' | 'amount'>[] = [];
  const weights: number[] = [];
  if (carved < FULL_BPS) {
    for (const s of consultants) {
      const carveCites = carves.map((c) => c.cite);
      const cites = [...s.cites, ...carveCites];
      lines.push({ kind: 'consultant', beneficiary: s.consultant, cites: cites.length ? cites : [OWNER_CITE] });
      weights.push(s.bps * (FULL_BPS - carved));
    }
  }
  for (const c of [...carves].sort((a, b) => (a.kind === b.kind ? 0 : a.kind === 'referrer' ? -1 : 1))) {
    lines.push({ kind: c.kind, beneficiary: c.kind === 'referrer' ? c.referrer : 'pool', cites: [c.cite] });
    weights.push(c.bps * FULL_BPS);
  }
  const bps = largestRemainder(FULL_BPS, weights);
  const amounts = largestRemainder(commission, weights);
  return lines.map((l, i) => ({ ...l, bps: bps[i]!, amount: amounts[i]! })).filter((l) => l.bps > 0 || l.amount > 0);
}

/** R-COM-4 / R-DIS-2: an approved decision replaces the computed split, in the order the computed one had. */
export function decidedSplit(
  commission: number,
  shares: Record<string, number>,
  computed: readonly Pick<SplitLine, 'beneficiary' | 'kind'>[],
  cite: Citation,
): SplitLine[] {
  const total = Object.values(shares).reduce((a, b) => a + b, 0);
  if (total !== FULL_BPS) throw new SplitError('decision_not_full');
  const order = computed.map((l) => l.beneficiary);
  const rank = (k: string): number => (k === 'pool' ? 1e9 : order.indexOf(k) < 0 ? 1e8 : order.indexOf(k));
  const keys = Object.keys(shares).sort((a, b) => rank(a) - rank(b) || a.localeCompare(b));
  const kindOf = (k: string): SplitLine['kind'] =>
    k === 'pool' ? 'pool' : (computed.find((l) => l.beneficiary === k)?.kind ?? 'consultant');
  const weights = keys.map((k) => shares[k]!);
  const amounts = largestRemainder(commission, weights);
  return keys
    .map((k, i) => ({ kind: kindOf(k), beneficiary: k, bps: weights[i]!, amount: amounts[i]!, cites: [cite] }))
    .filter((l) => l.bps > 0);
}

/** What the carve-outs are decided from: facts about every record of the person who bought. */
export interface CarveFacts {
  /** a record is a company client (R-CO-1) */
  companyClient: boolean;
  /** a voluntary reception registered in its receiver's own name: the leadership named them (R-ROS-12) */
  leadershipNamed: boolean;
  /** how the company made the deal (R-CO-3 … 5) as recorded; null, or anything unknown, reads as introduced */
  companyMode: string | null;
  /** who handles the after-sales of a deal the company arranged (R-CO-4) */
  afterSales: string | null;
  dealAt: Date;
  /** the referrer of a valid referral of a record (R-REF-3) */
  referrer: string | null;
}

/**
 * The carve-outs from the whole commission (R-COM-3): a company client's share to the public pool (R-CO-2 … 5),
 * else a valid referral's (R-REF-5). `side` replaces the consultant side from the history when the company
 * arranged the deal and a consultant only handles the after-sales (R-CO-4): the line is theirs, not the owner's.
 */
export function carveOuts(f: CarveFacts, policy: Policy): { carves: Carve[]; side?: ConsultantShare[] } {
  const pool = (bps: number, cite: Citation): Carve => ({ kind: 'pool', bps, cite });
  if (f.companyClient) {
    // a leadership-named reception decides the whole commission, however the deal was then made (R-CO-2)
    if (f.leadershipNamed) return { carves: [pool(policy.companyLeadershipNamedPoolBps, { rule: 'R-CO-2' })] };
    switch (f.companyMode ?? 'introduced') {
      case 'direct_consultant_aftersales':
        return {
          carves: [
            pool(policy.companyDirectConsultantPoolBps, {
              rule: 'R-CO-4',
              params: { consultantBps: FULL_BPS - policy.companyDirectConsultantPoolBps, poolBps: policy.companyDirectConsultantPoolBps },
            }),
          ],
          side: [{ consultant: f.afterSales!, bps: FULL_BPS, since: f.dealAt, cites: [] }],
        };
      case 'direct_other_aftersales':
        return { carves: [pool(policy.companyDirectOtherPoolBps, { rule: 'R-CO-5' })] };
      default:
        return {
          carves: [
            pool(policy.companyIntroducedPoolBps, {
              rule: 'R-CO-3',
              params: { consultantBps: FULL_BPS - policy.companyIntroducedPoolBps, poolBps: policy.companyIntroducedPoolBps },
            }),
          ],
        };
    }
  }
  if (f.referrer) {
    return {
      carves: [
        {
          kind: 'referrer',
          referrer: f.referrer,
          bps: policy.referrerBps,
          cite: { rule: 'R-REF-5', params: { referrerBps: policy.referrerBps, consultantBps: FULL_BPS - policy.referrerBps } },
        },
      ],
    };
  }
  return { carves: [] };
}
