/**
 * The synthetic office group, as pure functions of (scale, index): who the staff are, each customer's name
 * and phone, how many customers and visits each day brings. Deterministic, so the generator (a child
 * process) and the measurements (the parent) agree on every phone without passing a million of them around.
 */
import { nameInitials, nameKey } from '../src/domain/names';

export const DAYS = 730;
/** A full-scale office group (scale 1). */
export const FULL = { customers: 1_000_000, visits: 3_000_000, deals: 50_000, statementDeals: 10_000, consultants: 200 };

export interface Plan {
  scale: number;
  customers: number;
  visits: number;
  deals: number;
  statementDeals: number;
  consultants: number;
}

export function plan(scale: number): Plan {
  const n = (x: number, min: number) => Math.max(min, Math.round(x * scale));
  const customers = n(FULL.customers, 200);
  const statementDeals = n(FULL.statementDeals, 20);
  return {
    scale,
    customers,
    visits: Math.max(customers, n(FULL.visits, 600)),
    deals: Math.max(statementDeals, n(FULL.deals, 100)),
    statementDeals,
    consultants: n(FULL.consultants, 12),
  };
}

/** The bench's "now": a Monday morning in the office's time zone (run.ts sets TZ=Asia/Shanghai). */
export const benchNow = (): Date => new Date(2026, 2, 2, 10, 0, 0);
/** Midnight of history day `d` (0 … DAYS-1); day DAYS-1 is yesterday. */
export const dayStart = (d: number): Date => {
  const now = benchNow();
  return new Date(now.getFullYear(), now.getMonth(), now.getDate() - (DAYS - d));
};
/** The month whose statement the bench reads: the last full month, seeded with `statementDeals` deals. */
export const statementMonth = (): { month: string; start: Date; end: Date } => {
  const now = benchNow();
  const start = new Date(now.getFullYear(), now.getMonth() - 1, 1);
  const end = new Date(now.getFullYear(), now.getMonth(), 1);
  return { month: `${start.getFullYear()}-${String(start.getMonth() + 1).padStart(2, '0')}`, start, end };
};

/** Customers are created at their first visit, in id order across the two years. */
export const firstCustomerOfDay = (p: Plan, d: number): number => Math.floor((d * p.customers) / DAYS);

/**
 * Returning visits per day: the rest of the visits, ramping up over the first month (nobody can return
 * on day 0), spread so the total is exact.
 */
export function returningPerDay(p: Plan): Int32Array {
  const weight = (d: number) => Math.min(1, d / 30);
  let total = 0;
  for (let d = 0; d < DAYS; d++) total += weight(d);
  const out = new Int32Array(DAYS);
  let cum = 0;
  let given = 0;
  for (let d = 0; d < DAYS; d++) {
    cum += weight(d);
    const upTo = Math.round(((p.visits - p.customers) * cum) / total);
    out[d] = upTo - given;
    given = upTo;
  }
  return out;
}

/** A small fast PRNG (mulberry32): the same seed gives the same office. */
export function rng(seed: number): () => number {
  let s = seed >>> 0;
  return () => {
    s = (s + 0x6d2b79f5) >>> 0;
    let t = Math.imul(s ^ (s >>> 15), 1 | s);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 2 ** 32;
  };
}

/** A stateless hash of an index to [0, 1), for values that must be recomputable from the index alone. */
export function hash01(i: number, salt: number): number {
  let h = Math.imul(i ^ Math.imul(salt, 0x9e3779b1), 0x85ebca6b);
  h = Math.imul(h ^ (h >>> 13), 0xc2b2ae35);
  return ((h ^ (h >>> 16)) >>> 0) / 2 ** 32;
}

const SURNAMES = '王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘蒋蔡余杜叶程苏魏吕丁任沈姚卢单解';
const GIVEN_CHARS = '伟芳娜敏静丽强磊军洋勇艳杰娟涛明超秀英霞平刚华文晨浩然子涵雨桐一鸣思远佳欣宇轩梓萱博俊';
/** ~400 given names, common ones first: Chinese names repeat a lot, and the desk must cope with that. */
const GIVEN: string[] = (() => {
  const chars = [...GIVEN_CHARS];
  const out = [...chars];
  const r = rng(7);
  while (out.length < 400) out.push(chars[Math.floor(r() * chars.length)]! + chars[Math.floor(r() * chars.length)]!);
  return [...new Set(out)];
})();
const SURNAME_LIST = [...SURNAMES];
const skewed = <T>(xs: readonly T[], u: number): T => xs[Math.floor(u * u * xs.length)]!;

export const personName = (i: number, salt = 1): string => skewed(SURNAME_LIST, hash01(i, salt)) + skewed(GIVEN, hash01(i, salt + 1));

/** Customer i (0-based; id i+1): a unique mobile, a bijection of i onto 13xxxxxxxxx. */
export const customerPhone = (i: number): string => `13${String((i * 387_420_489 + 12_345_678) % 1_000_000_000).padStart(9, '0')}`;
export const customerName = (i: number): string => personName(i, 11);
/** Phones no generated customer has: walk-ins (15…) and unknown look-ups (18…). */
export const walkInPhone = (k: number): string => `15${String(k).padStart(9, '0')}`;
export const unknownPhone = (k: number): string => `18${String(k * 7919).padStart(9, '0')}`;

/** nameKey/nameInitials of a name, remembered: pinyin costs ~25 µs a call and names repeat. */
const pinyinCache = new Map<string, [string, string]>();
export function pinyinOf(name: string): [string, string] {
  let v = pinyinCache.get(name);
  if (!v) {
    v = [nameKey(name), nameInitials(name)];
    if (pinyinCache.size < 200_000) pinyinCache.set(name, v);
  }
  return v;
}

/** The front desk's PIN: web mode signs in with it. */
export const DESK_PIN = '2468';

export interface StaffMember {
  id: string;
  name: string;
  roles: string[];
}

export function staffOf(p: Plan): StaffMember[] {
  const consultants = Array.from({ length: p.consultants }, (_, i) => ({
    id: `c${String(i + 1).padStart(3, '0')}`,
    name: personName(i, 3),
    roles: ['consultant'],
  }));
  return [
    { id: 'dir', name: '赵总', roles: ['sales_director', 'admin'] },
    { id: 'mgr', name: '陈静', roles: ['sales_manager'] },
    { id: 'pm', name: '刘强', roles: ['project_manager'] },
    { id: 'qian', name: '钱敏', roles: ['front_desk'] },
    { id: 'asst', name: '方圆', roles: ['sales_assistant'] },
    ...consultants,
  ];
}

/** Who is on duty on day d (about nine in ten), in a shuffled roster order. */
export function rosterOrder(p: Plan, d: number): string[] {
  const r = rng(1000 + d);
  const ids = staffOf(p)
    .filter((s) => s.roles.includes('consultant'))
    .map((s) => s.id)
    .filter(() => r() < 0.9);
  for (let i = ids.length - 1; i > 0; i--) {
    const j = Math.floor(r() * (i + 1));
    [ids[i], ids[j]] = [ids[j]!, ids[i]!];
  }
  return ids;
}
