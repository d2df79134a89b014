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
  /** the desk is told of a reception open this long (issue 17 item 12), in minutes */
  receptionLongMinutes: number;
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
  receptionLongMinutes: 120,
});

/**
 * Every key a policy may hold, its type and bounds: what policy.update and a scenario's policy are checked
 * against (docs/policy.md is written from this table). Bounds keep each value one an office could mean —
 * a protection period of 2^31 months would overflow the calendar and stop every walk-in.
 */
export type PolicyKey = keyof Policy;
export interface PolicyBound {
  type: 'boolean' | 'integer';
  min?: number;
  max?: number;
  /** how the value reads at the desk, in Chinese */
  label: string;
}
const bps = (label: string): PolicyBound => ({ type: 'integer', min: 0, max: 10000, label: `${label}（基点，10000 = 100%）` });
export const POLICY_BOUNDS: Readonly<Record<PolicyKey, PolicyBound>> = Object.freeze({
  busyHeadKeepsPlace: { type: 'boolean', label: '忙碌的队首是否保留位置' },
  designatedBusyHeadLosesTurn: { type: 'boolean', label: '因指定接待而忙碌的队首是否失去轮次' },
  lunchDeskSize: { type: 'integer', min: 0, max: 20, label: '午餐值班人数' },
  protectionMonths: { type: 'integer', min: 1, max: 24, label: '登记保护期（月）' },
  identificationWindowMonths: { type: 'integer', min: 0, max: 24, label: '认定分佣期限（月）' },
  identifiedOriginalBps: bps('期限内认定时原售楼员的比例'),
  householdFirstBps: bps('夫妻客先登记一方的比例'),
  switchFirstBps: bps('换人接待时最先接待者的比例'),
  referrerBps: bps('推介人的比例'),
  companyIntroducedPoolBps: bps('公司介绍客户的公佣比例'),
  companyDirectConsultantPoolBps: bps('公司直接成交、售楼员做售后时的公佣比例'),
  companyDirectOtherPoolBps: bps('公司直接成交、非销售人员做售后时的公佣比例'),
  companyLeadershipNamedPoolBps: bps('领导指定接待时的公佣比例'),
  receptionLongMinutes: { type: 'integer', min: 15, max: 720, label: '接待超过多少分钟提醒接待台' },
});

/** What can be wrong with one policy value (words: the renderer's issue.policy_*). */
export type PolicyValueProblem =
  { problem: 'policy_key_unknown' } | { problem: 'policy_boolean' } | { problem: 'policy_out_of_range'; min: number; max: number };

/** null when `value` fits `key`, else what is wrong. */
export function policyValueProblem(key: string, value: unknown): PolicyValueProblem | null {
  if (!Object.hasOwn(POLICY_BOUNDS, key)) return { problem: 'policy_key_unknown' };
  const b = POLICY_BOUNDS[key as PolicyKey];
  if (b.type === 'boolean') return typeof value === 'boolean' ? null : { problem: 'policy_boolean' };
  if (typeof value !== 'number' || !Number.isInteger(value) || value < b.min! || value > b.max!)
    return { problem: 'policy_out_of_range', min: b.min!, max: b.max! };
  return null;
}

/** A policy that cannot be: the first bad key and what is wrong with it. */
export class PolicyValueError extends Error {
  constructor(
    readonly key: string,
    readonly found: PolicyValueProblem,
  ) {
    super(`policy ${key}: ${found.problem}${found.problem === 'policy_out_of_range' ? ` (${found.min}…${found.max})` : ''}`);
  }
}

/** Merges overrides onto the defaults; throws a PolicyValueError naming the first bad key. */
export function resolvePolicy(overrides: Record<string, unknown> = {}): Policy {
  const out: Record<string, unknown> = { ...DEFAULT_POLICY };
  for (const [k, v] of Object.entries(overrides)) {
    const problem = policyValueProblem(k, v);
    if (problem) throw new PolicyValueError(k, problem);
    out[k] = v;
  }
  return out as unknown as Policy;
}

/**
 * A policy version already stored, read back. Versions written before the bounds existed may hold values
 * outside them (the settings screen once allowed 999 months): refusing them here would stop every call,
 * including the policy.update that could fix them. So a stored value of the right type is clamped into its
 * bounds and a value of the wrong type or an unknown key falls back to the default; writes stay strict.
 */
export function storedPolicy(overrides: Record<string, unknown> = {}): Policy {
  const out: Record<string, unknown> = { ...DEFAULT_POLICY };
  for (const [k, v] of Object.entries(overrides)) {
    if (!Object.hasOwn(POLICY_BOUNDS, k)) continue;
    const b = POLICY_BOUNDS[k as PolicyKey];
    if (b.type === 'boolean') {
      if (typeof v === 'boolean') out[k] = v;
    } else if (typeof v === 'number' && Number.isFinite(v)) out[k] = Math.min(b.max!, Math.max(b.min!, Math.trunc(v)));
  }
  return out as unknown as Policy;
}
