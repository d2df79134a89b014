/**
 * The office group's view over its sites (issue 16 item 4: "a group role sees every site's statements, disputes
 * and dashboards, with group totals"). Pure: each site's figures come in as facts (integer cents, counts), the
 * group's totals go out. A single office (SQLite) is one site, so its group totals are its own figures.
 */
import { assertCents } from './money';

/** The home site's code: a single office's file, and a group database's first office (schema public). Its changes name no site. */
export const HOME_SITE = 'main';

/** What a month's statement of one site adds up to (R-COM-5): payable lines, deals held by a dispute, deals without a split. */
export interface StatementFigures {
  /** deals in the statement (their lines paid this month) */
  payableDeals: number;
  /** the sum of every payable line, in cents: what the site pays for the month */
  payableCents: number;
  /** of which to the public pool (公佣, R-CO-2..5) */
  poolCents: number;
  /** deals held out while a dispute is open (R-DIS-1) */
  heldDeals: number;
  /** their commission, in cents, not in payableCents */
  heldCents: number;
  /** deals no split could be computed for (nobody owned the customer at the deal, …) */
  unresolvedDeals: number;
  unresolvedCents: number;
}

/** One site's disputes by where they stand (R-DIS-1, R-DIS-2). */
export interface DisputeFigures {
  /** not yet decided: open, with the PM's opinion, or returned */
  undecided: number;
  /** waiting for the PM's written opinion (open or returned) */
  awaitingOpinion: number;
  /** the PM has written, waiting for the director (opinion) */
  awaitingDecision: number;
  decided: number;
}

/** One site's month at a glance (the dashboard's headline numbers). */
export interface DashboardFigures {
  visits: number;
  /** different customers who visited */
  visitors: number;
  deals: number;
  /** the month's deals' commission, in cents */
  commissionCents: number;
  /** visitors of the month who bought in it */
  converted: number;
}

/** A statement as src/services/deals statementFor gives it, reduced to what its figures are computed from. */
export interface StatementFacts {
  deals: readonly { commission: number; lines: readonly { beneficiary: string; amount: number }[] }[];
  held: readonly { commission: number }[];
  unresolved: readonly { commission: number }[];
}

const sumOf = (xs: readonly number[]): number => xs.reduce((a, b) => a + b, 0);

/** A site's statement figures: every payable line summed exactly (cents), the held and unresolved deals apart. */
export function statementFigures(st: StatementFacts): StatementFigures {
  const lines = st.deals.flatMap((d) => d.lines);
  for (const l of lines) assertCents(l.amount, 'line');
  for (const d of [...st.deals, ...st.held, ...st.unresolved]) assertCents(d.commission, 'commission');
  return {
    payableDeals: st.deals.length,
    payableCents: sumOf(lines.map((l) => l.amount)),
    poolCents: sumOf(lines.filter((l) => l.beneficiary === 'pool').map((l) => l.amount)),
    heldDeals: st.held.length,
    heldCents: sumOf(st.held.map((d) => d.commission)),
    unresolvedDeals: st.unresolved.length,
    unresolvedCents: sumOf(st.unresolved.map((d) => d.commission)),
  };
}

/** A site's disputes counted by their status (src/domain/dispute disputeStatusOf). */
export function disputeFigures(statuses: readonly ('open' | 'opinion' | 'returned' | 'decided')[]): DisputeFigures {
  const n = (...s: string[]) => statuses.filter((x) => s.includes(x)).length;
  return {
    undecided: n('open', 'opinion', 'returned'),
    awaitingOpinion: n('open', 'returned'),
    awaitingDecision: n('opinion'),
    decided: n('decided'),
  };
}

/** A site's month at a glance, from its visits and its deals of the month (each deal's commission in cents). */
export function dashboardFigures(
  visits: readonly { customer_id: number }[],
  deals: readonly { customer_id: number; commission: number }[],
): DashboardFigures {
  for (const d of deals) assertCents(d.commission, 'commission');
  const visitors = new Set(visits.map((v) => v.customer_id));
  const buyers = new Set(deals.map((d) => d.customer_id));
  return {
    visits: visits.length,
    visitors: visitors.size,
    deals: deals.length,
    commissionCents: sumOf(deals.map((d) => d.commission)),
    converted: [...visitors].filter((c) => buyers.has(c)).length,
  };
}

/**
 * The group's totals: each figure summed over the sites. Every figure is a count or integer cents; a value that
 * is not a non-negative safe integer, or a sum past 2^53, is refused rather than rounded (no float money).
 * No sites: every total is 0.
 */
export function groupTotals<F extends object>(perSite: readonly F[], zero: F): F {
  const keys = Object.keys(zero) as (keyof F & string)[];
  const out = { ...zero };
  for (const k of keys) {
    let total = 0;
    for (const site of perSite) {
      const v = site[k] as unknown;
      if (typeof v !== 'number') throw new RangeError(`${k} missing`);
      assertCents(v, k);
      total += v;
    }
    assertCents(total, k);
    (out as Record<string, number>)[k] = total;
  }
  return out;
}

export const NO_STATEMENT: Readonly<StatementFigures> = Object.freeze({
  payableDeals: 0,
  payableCents: 0,
  poolCents: 0,
  heldDeals: 0,
  heldCents: 0,
  unresolvedDeals: 0,
  unresolvedCents: 0,
});
export const NO_DISPUTES: Readonly<DisputeFigures> = Object.freeze({ undecided: 0, awaitingOpinion: 0, awaitingDecision: 0, decided: 0 });
export const NO_DASHBOARD: Readonly<DashboardFigures> = Object.freeze({
  visits: 0,
  visitors: 0,
  deals: 0,
  commissionCents: 0,
  converted: 0,
});
