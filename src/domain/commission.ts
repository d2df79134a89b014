/**
 * The commission split (R-COM-1 … 4): the consultant side first, then the carve-outs (a valid referral's
 * share, the public pool's share) taken from the whole, the consultant side sharing what remains in its
 * own proportions. Every line cites the rule that produced it, in Chinese for the statement.
 */
import { FULL_BPS, largestRemainder } from './money';
import type { Policy } from './policy';

export interface Citation {
  /** rule id, lettered items with their letter: R-OWN-8i */
  rule: string;
  /** why, in plain Chinese */
  text: string;
}

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

export const OWNER_CITE: Citation = { rule: 'R-OWN-1', text: 'R-OWN-1：客户由该售楼员接待并登记，佣金全部归其所有' };

export class SplitError extends Error {}

/**
 * Lines in the order R-COM-1 fixes — consultants by registration time, then the referrer, then the
 * public pool — with amounts summing exactly to `commission` (ties to the earlier line).
 */
export function composeSplit(commission: number, side: readonly ConsultantShare[], carves: readonly Carve[]): SplitLine[] {
  const carved = carves.reduce((a, c) => a + c.bps, 0);
  if (carved > FULL_BPS) throw new SplitError('提成扣除合计超过 100%');
  const sideTotal = side.reduce((a, s) => a + s.bps, 0);
  if (carved < FULL_BPS && sideTotal !== FULL_BPS) {
    throw new SplitError(side.length === 0 ? '客户在成交时没有有效登记的售楼员，无法确定佣金归属，请项目经理处理' : '售楼员一方的比例合计不是 100%');
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
export function decidedSplit(commission: number, shares: Record<string, number>, computed: readonly Pick<SplitLine, 'beneficiary' | 'kind'>[], cite: Citation): SplitLine[] {
  const total = Object.values(shares).reduce((a, b) => a + b, 0);
  if (total !== FULL_BPS) throw new SplitError(`裁决的分配比例合计为 ${total / 100}%，不是 100%`);
  const order = computed.map((l) => l.beneficiary);
  const rank = (k: string): number => (k === 'pool' ? 1e9 : order.indexOf(k) < 0 ? 1e8 : order.indexOf(k));
  const keys = Object.keys(shares).sort((a, b) => rank(a) - rank(b) || a.localeCompare(b));
  const kindOf = (k: string): SplitLine['kind'] => (k === 'pool' ? 'pool' : (computed.find((l) => l.beneficiary === k)?.kind ?? 'consultant'));
  const weights = keys.map((k) => shares[k]!);
  const amounts = largestRemainder(commission, weights);
  return keys.map((k, i) => ({ kind: kindOf(k), beneficiary: k, bps: weights[i]!, amount: amounts[i]!, cites: [cite] })).filter((l) => l.bps > 0);
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
    if (f.leadershipNamed) return { carves: [pool(policy.companyLeadershipNamedPoolBps, { rule: 'R-CO-2', text: 'R-CO-2：公司领导指定售楼员接待，视为义务接待，佣金全部作为公佣' })] };
    switch (f.companyMode ?? 'introduced') {
      case 'direct_consultant_aftersales':
        return {
          carves: [pool(policy.companyDirectConsultantPoolBps, { rule: 'R-CO-4', text: `R-CO-4：公司直接安排成交，售楼员负责售后，售楼员${(FULL_BPS - policy.companyDirectConsultantPoolBps) / 100}%，公佣${policy.companyDirectConsultantPoolBps / 100}%` })],
          side: [{ consultant: f.afterSales!, bps: FULL_BPS, since: f.dealAt, cites: [] }],
        };
      case 'direct_other_aftersales':
        return { carves: [pool(policy.companyDirectOtherPoolBps, { rule: 'R-CO-5', text: 'R-CO-5：公司直接安排成交，由其他员工跟进售后，佣金全部作为公佣' })] };
      default:
        return { carves: [pool(policy.companyIntroducedPoolBps, { rule: 'R-CO-3', text: `R-CO-3：公司介绍、售楼员全程跟进成交，售楼员${(FULL_BPS - policy.companyIntroducedPoolBps) / 100}%，公佣${policy.companyIntroducedPoolBps / 100}%` })] };
    }
  }
  if (f.referrer) {
    return { carves: [{ kind: 'referrer', referrer: f.referrer, bps: policy.referrerBps, cite: { rule: 'R-REF-5', text: `R-REF-5：员工推介有效，介绍人${policy.referrerBps / 100}%，接待售楼员${(FULL_BPS - policy.referrerBps) / 100}%` } }] };
  }
  return { carves: [] };
}
