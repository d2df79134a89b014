/**
 * The policy defaults of rules.md. Every number a sales office may change lives here; the services judge
 * each event by the version in force when it happened. Shares are basis points (10000 = 100%).
 */
import type { RosterPolicy } from './roster';

export interface Policy extends RosterPolicy {
  /** R-OWN-2: protection period, in calendar months */
  protectionMonths: number;
  /** R-OWN-8(i): window after B's reception within which an identification splits the commission */
  identificationWindowMonths: number;
  /** R-OWN-8(i): the original consultant's share when identified within the window (B gets the rest) */
  identifiedOriginalBps: number;
  /** R-OWN-10: first-registered partner's share of a household */
  householdFirstBps: number;
  /** R-OWN-13: first consultant's share when the manager lets a named consultant take over */
  switchFirstBps: number;
  /** R-REF-5: the referrer's share */
  referrerBps: number;
  /** R-CO-3: the public pool's share when the consultant followed the company client through */
  companyIntroducedPoolBps: number;
  /** R-CO-4: the public pool's share when the company arranged the deal and a consultant did after-sales */
  companyDirectConsultantPoolBps: number;
  /** R-CO-5 and R-CO-2: the public pool's share */
  companyDirectOtherPoolBps: number;
  companyLeadershipNamedPoolBps: number;
}

export const DEFAULT_POLICY: Readonly<Policy> = Object.freeze({
  busyHeadKeepsPlace: true,
  designatedBusyHeadLosesTurn: true,
  lunchDeskSize: 2,
  protectionMonths: 1,
  identificationWindowMonths: 1,
  identifiedOriginalBps: 5000,
  householdFirstBps: 5000,
  switchFirstBps: 7000,
  referrerBps: 3000,
  companyIntroducedPoolBps: 3000,
  companyDirectConsultantPoolBps: 7000,
  companyDirectOtherPoolBps: 10000,
  companyLeadershipNamedPoolBps: 10000,
});

const BPS_KEYS = [
  'identifiedOriginalBps',
  'householdFirstBps',
  'switchFirstBps',
  'referrerBps',
  'companyIntroducedPoolBps',
  'companyDirectConsultantPoolBps',
  'companyDirectOtherPoolBps',
  'companyLeadershipNamedPoolBps',
] as const;

/** Merges overrides onto the defaults; throws a Chinese message naming the first bad key. */
export function resolvePolicy(overrides: Record<string, unknown> = {}): Policy {
  const out: Record<string, unknown> = { ...DEFAULT_POLICY };
  for (const [k, v] of Object.entries(overrides)) {
    if (!(k in DEFAULT_POLICY)) throw new Error(`未知的政策参数 ${k}`);
    const def = (DEFAULT_POLICY as unknown as Record<string, unknown>)[k];
    if (typeof v !== typeof def) throw new Error(`政策参数 ${k} 的类型应为 ${typeof def}`);
    out[k] = v;
  }
  const p = out as unknown as Policy;
  for (const k of BPS_KEYS) {
    if (!Number.isInteger(p[k]) || p[k] < 0 || p[k] > 10000) throw new Error(`政策参数 ${k} 应为 0 到 10000 之间的整数（基点）`);
  }
  if (!Number.isInteger(p.protectionMonths) || p.protectionMonths < 1) throw new Error('登记有效期至少为 1 个月');
  if (!Number.isInteger(p.lunchDeskSize) || p.lunchDeskSize < 0) throw new Error('午餐值班人数应为非负整数');
  return p;
}
