/** Deals and their commission split (R-COM-1 … 5, R-CO-2 … 5, R-REF-5, R-OWN-11), monthly statements. */
import type { ReadTx } from '../db/read-tx';
import { dealChangeRefusal, dealCloseDecision } from '../domain/deal-entry';
import { statementOf } from '../domain/statement';
import { handle } from './handle';
import { refuse } from '../api/errors';
import {
  anyCompanyClient,
  anyLeadershipNamedVisit,
  carveCandidates,
  type DealRow,
  dealsBetween,
  dealsByIds,
  disputeSubjects,
} from '../db/queries/deals';
import { insertDeal, insertDealChange } from '../db/writes/deals';
import { consultantSide } from '../domain/attribution';
import {
  type CarveFacts,
  carveOuts,
  composeSplit,
  decidedSplit,
  type SplitLine,
  SplitError,
  type SplitProblem,
} from '../domain/commission';
import { fromIso, monthRange } from '../domain/time';
import { loadActor, policiesOverTime, staffNames } from './common';
import { requireCustomer } from './customers';
import { customerHistories } from './history';
import { disputeOfDeal } from './disputes';
import { validReferral } from './referrals';

export interface DealSplit {
  dealId: number;
  commission: number;
  /** `name` is the staff member's; null for the public pool, which the reader words */
  lines: (SplitLine & { name: string | null })[];
  /** R-COM-5 / R-DIS-1: an open dispute holds the deal out of statements */
  held: boolean;
  /** R-COM-4: an approved decision overrides the computed split */
  decided: boolean;
  /** why no split could be computed (nobody owned the customer at the deal, …) */
  problem: SplitProblem | null;
}

/**
 * The facts the carve-outs are decided from (domain/commission.ts carveOuts), for a deal whose person has a
 * company-client record or a referral on one of their records (`ids`).
 */
async function carveFacts(tx: ReadTx, deal: DealRow, ids: number[], now: Date): Promise<CarveFacts> {
  return {
    companyClient: await anyCompanyClient(tx, ids),
    leadershipNamed: await anyLeadershipNamedVisit(tx, ids),
    companyMode: deal.company_mode,
    afterSales: deal.after_sales_id,
    dealAt: fromIso(deal.at),
    referrer: (await validReferral(tx, ids, now))?.referrer ?? null,
  };
}

/** A deal whose person has no company-client record and no referral: nothing to carve out, nothing to ask. */
const NO_CARVE_FACTS = { companyClient: false, leadershipNamed: false, referrer: null } as const;

/** Deals with any dispute about them or any record of their customer (what disputeOfDeal looks for); disputes are few. */
async function disputedDeals(tx: ReadTx, deals: readonly DealRow[], idsOf: Map<number, number[]>, now: Date): Promise<Set<number>> {
  const rows = await disputeSubjects(tx, now);
  const dealIds = new Set(rows.map((r) => r.deal_id));
  const customerIds = new Set(rows.map((r) => r.customer_id));
  return new Set(deals.filter((d) => dealIds.has(d.id) || idsOf.get(d.id)!.some((c) => customerIds.has(c))).map((d) => d.id));
}

/**
 * The deals' splits now: each computed from its customer's history under the policy of the deal's moment,
 * unless decided. What every split reads is read once for all of them (a month's statement is thousands of
 * deals); the rare carve-outs and disputes are then read deal by deal, as before.
 */
/** Deals per batch: the histories of a batch are read together, and dropped before the next (a 10,000-deal month in ~30 MB, not ~80). */
const SPLIT_BATCH = 2000;

async function splitsFor(tx: ReadTx, deals: readonly DealRow[], now: Date): Promise<DealSplit[]> {
  const out: DealSplit[] = [];
  for (let i = 0; i < deals.length; i += SPLIT_BATCH) out.push(...(await batchSplits(tx, deals.slice(i, i + SPLIT_BATCH), now)));
  return out;
}

async function batchSplits(tx: ReadTx, deals: readonly DealRow[], now: Date): Promise<DealSplit[]> {
  if (deals.length === 0) return [];
  const histories = await customerHistories(
    tx,
    deals.map((d) => d.customer_id),
    now,
  );
  const idsOf = new Map(
    deals.map((d) => {
      const h = histories.get(d.customer_id)!;
      return [
        d.id,
        [
          ...new Set([
            d.customer_id,
            ...h.registrations.map((r) => r.customerId),
            ...h.identifications.flatMap((i) => [i.customerId, i.sameAs]),
          ]),
        ],
      ];
    }),
  );
  const carving = await carveCandidates(tx, [...new Set([...idsOf.values()].flat())]);
  const disputed = await disputedDeals(tx, deals, idsOf, now);
  const policyAt = await policiesOverTime(tx);
  const computed = [];
  for (const deal of deals) {
    const at = fromIso(deal.at);
    const policy = policyAt(at);
    const ids = idsOf.get(deal.id)!;
    const facts = ids.some((id) => carving.has(id))
      ? await carveFacts(tx, deal, ids, now)
      : { ...NO_CARVE_FACTS, companyMode: deal.company_mode, afterSales: deal.after_sales_id, dealAt: at };
    const { carves, side: carveSide } = carveOuts(facts, policy);
    const side =
      carveSide ?? consultantSide(histories.get(deal.customer_id)!, deal.customer_id, at, policy, { at, onSpot: !!deal.on_spot });
    const dispute = disputed.has(deal.id) ? await disputeOfDeal(tx, deal.id, now, histories.get(deal.customer_id)) : null;
    let lines: SplitLine[] = [];
    let problem: SplitProblem | null = null;
    try {
      lines = composeSplit(deal.commission, side, carves);
    } catch (e) {
      if (!(e instanceof SplitError)) throw e;
      problem = e.problem;
    }
    if (dispute?.decision) {
      lines = decidedSplit(deal.commission, dispute.decision, lines, { rule: 'R-DIS-2', params: { disputeId: dispute.id } });
      problem = null;
    }
    computed.push({ deal, lines, dispute, problem });
  }
  const names = await staffNames(
    tx,
    computed.flatMap((c) => c.lines.map((l) => l.beneficiary)).filter((b) => b !== 'pool'),
  );
  return computed.map(({ deal, lines, dispute, problem }) => ({
    dealId: deal.id,
    commission: deal.commission,
    lines: lines.map((l) => ({ ...l, name: l.beneficiary === 'pool' ? null : (names[l.beneficiary] ?? l.beneficiary) })),
    held: !!dispute?.open,
    decided: !!dispute?.decision,
    problem,
  }));
}

/** These deals' splits now, by deal id, read together (a month's list, a week's report); unknown ids are left out. */
export async function splitsOfDeals(tx: ReadTx, dealIds: readonly number[], now: Date): Promise<Map<number, DealSplit>> {
  const deals = await dealsByIds(tx, dealIds);
  return new Map((await splitsFor(tx, deals, now)).map((s) => [s.dealId, s]));
}

/** The deal's split now: computed from the customer's history under the policy of the deal's moment, unless decided. */
export async function splitForDeal(tx: ReadTx, dealId: number, now: Date): Promise<DealSplit> {
  const split = (await splitsOfDeals(tx, [dealId], now)).get(dealId);
  if (!split) throw refuse('deal_not_found', { dealId });
  return split;
}

export async function statementFor(tx: ReadTx, month: string, now: Date) {
  const { start, end } = monthRange(month);
  const deals = await dealsBetween(tx, start, end);
  const { totals, payable, held, unresolved } = statementOf(await splitsFor(tx, deals, now));
  return { month, totals, deals: payable, held, unresolved };
}

export const dealHandlers = {
  'deal.close': handle('deal.close', {
    run: async ({ tx, actor, input, now }) => {
      await requireCustomer(tx, input.customer);
      const decision = dealCloseDecision({
        actor: actor!,
        customerId: input.customer,
        priceCents: input.price,
        commissionCents: input.commission,
        companyMode: input.companyMode,
        companyClient: !!input.companyMode && (await anyCompanyClient(tx, [input.customer])),
        afterSales: input.afterSales,
        afterSalesStaff: input.afterSales ? await loadActor(tx, input.afterSales) : null,
      });
      if (decision.kind === 'refused') throw refuse(decision.reason, decision.params);
      const afterSales = decision.afterSales;
      const id = await insertDeal(tx, {
        customerId: input.customer,
        unit: input.unit,
        price: input.price,
        commission: input.commission,
        onSpot: !!input.onSpot,
        companyMode: input.companyMode ?? null,
        afterSales,
        actorId: actor!.id,
        now,
      });
      return { id, split: await splitForDeal(tx, id, now) };
    },
  }),

  'deal.change': handle('deal.change', {
    run: async ({ tx, actor, input, now }) => {
      // R-OWN-11 keeps the split; what a change must say and who may make it: src/domain/deal-entry.ts
      const before = await splitForDeal(tx, input.deal, now);
      const refused = dealChangeRefusal({
        actor: actor!,
        dealId: input.deal,
        buyerName: input.buyerName,
        unit: input.unit,
        beneficiaries: before.lines.map((l) => l.beneficiary),
      });
      if (refused) throw refuse(refused.reason, refused.params);
      await insertDealChange(tx, {
        dealId: input.deal,
        buyerName: input.buyerName ?? null,
        unit: input.unit ?? null,
        actorId: actor!.id,
        now,
      });
      return { id: input.deal, split: await splitForDeal(tx, input.deal, now) };
    },
  }),

  'deal.split': handle('deal.split', {
    run: ({ tx, input, now }) => splitForDeal(tx, input.deal, now),
  }),

  'statement.month': handle('statement.month', {
    run: ({ tx, input, now }) => statementFor(tx, input.month, now),
  }),
};
