/**
 * Ownership disputes (R-DIS-1, 2): raised, the PM's written opinion, the director's return or approval. Every step
 * kept. Which step may follow which, and by whom, is decided in src/domain/dispute.ts; this gathers and writes.
 */
import type { ReadTx } from '../db/read-tx';
import { handle } from './handle';
import { refuse } from '../api/errors';
import { fromIso, iso, officeDay } from '../domain/time';
import type { CustomerHistory } from '../domain/attribution';
import { dealRun, dealsOfDispute, disputeCovers, personAt, personRecords } from '../domain/person';
import {
  type DisputeDecision,
  type DisputeStatus,
  dealDisputeOutcome,
  decideDisputeStep,
  decideRaise,
  disputeStatusOf,
  proposedSplitOf,
  seesDispute as seesDisputeRule,
} from '../domain/dispute';
import { policiesOverTime, staffNameMap, staffNames } from './common';
import { customerHistory } from './history';
import type { Actor } from './context';
import { requireCustomer } from './customers';
import { splitForDeal } from './deals';
import { APPROVAL_STEP_TEXT } from './words-zh';
import { customerName, dealFacts, dealFactsOfCustomers, disputesAbout, disputeWithSteps } from '../db/queries/disputes';
import { insertDispute, insertDisputeStep } from '../db/writes/disputes';
import { dealChangesOf } from '../db/queries/lists';

export { disputeStatusOf, type DisputeStatus };

/** A refused decision thrown as the refusal it names (its reason and facts unchanged; no facts: no params). */
function allowedOrThrow(d: DisputeDecision): DisputeStatus {
  if (d.kind === 'refused') throw refuse(d.reason, Object.keys(d.params).length ? d.params : undefined);
  return d.status;
}

export async function disputeState(tx: ReadTx, disputeId: number, now: Date) {
  const found = await disputeWithSteps(tx, disputeId, now);
  if (!found) throw refuse('dispute_not_found', { disputeId });
  const { dispute: d, steps } = found;
  return { dispute: d, steps, status: disputeStatusOf(steps), proposed: proposedSplitOf(steps) };
}

/**
 * The disputes about a deal — over the deal itself, or over the ownership of the person who bought, raised on
 * any of their records (src/domain/person disputeCovers) — in order: any still open holds the deal (R-DIS-1);
 * the newest decided one's split applies (R-COM-4).
 */
export async function disputeOfDeal(
  tx: ReadTx,
  dealId: number,
  now: Date,
  known?: CustomerHistory,
): Promise<{ id: number; open: boolean; decision: Record<string, number> | null } | null> {
  const deal = await dealFacts(tx, dealId);
  if (!deal) return null;
  const history = known ?? (await customerHistory(tx, deal.customer_id, now));
  const records = personRecords(history, deal.customer_id, now, { at: fromIso(deal.at), onSpot: !!deal.on_spot });
  let rows = await disputesAbout(tx, dealId, records, now);
  if (rows.some((r) => r.deal_id === null)) {
    // an ownership dispute is about the deals of the ownership it questioned, not every deal the person ever makes (R-COM-4)
    const policyAt = await policiesOverTime(tx);
    const deals = await dealFactsOfCustomers(tx, records);
    const runs = deals.map((d) =>
      dealRun(history, { id: d.id, customerId: d.customer_id, at: fromIso(d.at), onSpot: !!d.on_spot }, policyAt(fromIso(d.at))),
    );
    const mine = runs.find((r) => r.id === deal.id)!;
    rows = rows.filter((r) => disputeCovers({ dealId: r.deal_id, at: fromIso(r.at) }, mine, runs));
  }
  const states = [];
  for (const r of rows) states.push({ id: r.id, ...(await disputeState(tx, r.id, now)) });
  return dealDisputeOutcome(states);
}

/**
 * What a dispute is about, as facts its screen keeps in sight at every step (issue 17 item 19): the customer,
 * the person's registrations (each a visit: who registered it, when, where it stands now) made by the time it
 * was raised, the deals concerned — the disputed deal, or for an ownership dispute the deals of the ownership
 * it questions (src/domain/person dealsOfDispute) — and who owns the person now (the PM's opinion starts from them).
 */
async function disputeSubject(
  tx: ReadTx,
  dispute: { deal_id: number | null; customer_id: number | null; at: string },
  deal: { id: number; customer_id: number; at: string; on_spot: number | boolean; unit: string } | null | undefined,
  now: Date,
) {
  const customerId = dispute.customer_id ?? deal?.customer_id ?? null;
  if (customerId === null) return { customer: null, registrations: [], deals: [], owners: [] };
  const raisedAt = fromIso(dispute.at);
  const history = await customerHistory(tx, customerId, now);
  const policyAt = await policiesOverTime(tx);
  const records = personRecords(history, customerId, now, deal ? { at: fromIso(deal.at), onSpot: !!deal.on_spot } : undefined);
  const personDeals = (await dealFactsOfCustomers(tx, records)).filter((d) => fromIso(d.at).getTime() <= now.getTime());
  const concerned = new Set(
    dispute.deal_id !== null
      ? [dispute.deal_id]
      : dealsOfDispute(
          { dealId: null, at: raisedAt },
          personDeals.map((d) =>
            dealRun(history, { id: d.id, customerId: d.customer_id, at: fromIso(d.at), onSpot: !!d.on_spot }, policyAt(fromIso(d.at))),
          ),
        ),
  );
  const names = await staffNameMap(tx);
  const nameOf = (id: string) => names.get(id) ?? id;
  const customer = await customerName(tx, customerId);
  const deals = [];
  for (const d of deal && dispute.deal_id !== null ? [deal] : personDeals.filter((x) => concerned.has(x.id))) {
    const day = officeDay(fromIso(d.at));
    // R-OWN-11: the unit now, as the deals screen shows it
    const unit = (await dealChangesOf(tx, d.id)).reduce((u, c) => c.unit ?? u, d.unit);
    deals.push({ id: d.id, customerId: d.customer_id, at: d.at, day, month: day.slice(0, 7), unit });
  }
  return {
    customer: customer ? { id: customer.id, name: customer.name } : null,
    registrations: history.registrations
      .filter((r) => records.includes(r.customerId) && r.at.getTime() <= raisedAt.getTime())
      .sort((a, b) => a.at.getTime() - b.at.getTime() || a.id - b.id)
      .map((r) => ({
        id: r.id,
        visitId: r.visitId,
        customerId: r.customerId,
        at: iso(r.at),
        day: officeDay(r.at),
        consultant: r.consultant,
        consultantName: nameOf(r.consultant),
        status: r.status,
      })),
    deals,
    owners: personAt(history, customerId, now, policyAt(now)).side.map((o) => ({
      id: o.consultant,
      name: nameOf(o.consultant),
      bps: o.bps,
      since: iso(o.since),
    })),
  };
}

/** A dispute is seen by the managers who handle it and its parties: who raised it, and whoever has a line in the disputed deal. */
export async function seesDispute(
  tx: ReadTx,
  actor: Actor,
  dispute: { raised_by: string; deal_id: number | null },
  now: Date,
): Promise<boolean> {
  const lines = dispute.deal_id ? (await splitForDeal(tx, dispute.deal_id, now)).lines : [];
  return seesDisputeRule(actor, { raisedBy: dispute.raised_by }, [...new Set(lines.map((l) => l.beneficiary))]);
}

export const disputeHandlers = {
  'dispute.raise': handle('dispute.raise', {
    run: async ({ tx, actor, input, now }) => {
      const exists = input.deal !== undefined && !!(await dealFacts(tx, input.deal));
      const deal =
        input.deal === undefined
          ? undefined
          : { id: input.deal, exists, disputeOpen: exists && !!(await disputeOfDeal(tx, input.deal, now))?.open };
      if (input.customer !== undefined && input.deal === undefined) await requireCustomer(tx, input.customer);
      const status = allowedOrThrow(decideRaise({ actorRoles: actor!.roles, deal, customer: input.customer }));
      const id = await insertDispute(
        tx,
        { dealId: input.deal ?? null, customerId: input.customer ?? null, claim: input.claim, raisedBy: actor!.id },
        now,
      );
      return { id, status };
    },
  }),

  'dispute.opinion': handle('dispute.opinion', {
    run: async ({ tx, actor, input, now }) => {
      const s = await disputeState(tx, input.dispute, now);
      const assessed = Object.keys(input.parties ?? {});
      const names = await staffNames(tx, [...Object.keys(input.split).filter((k) => k !== 'pool'), ...assessed]);
      const status = allowedOrThrow(
        decideDisputeStep(
          { disputeId: input.dispute, steps: s.steps, actorRoles: actor!.roles, isStaff: (id) => !!names[id] },
          { type: 'opinion', split: input.split, assessed },
        ),
      );
      await insertDisputeStep(
        tx,
        {
          disputeId: input.dispute,
          type: 'opinion',
          split: input.split,
          text: input.text,
          actorId: actor!.id,
          assessment: input.parties ?? null,
        },
        now,
      );
      return { id: input.dispute, status };
    },
  }),

  'dispute.return': handle('dispute.return', {
    run: async ({ tx, actor, input, now }) => {
      const s = await disputeState(tx, input.dispute, now);
      const status = allowedOrThrow(
        decideDisputeStep(
          { disputeId: input.dispute, steps: s.steps, actorRoles: actor!.roles },
          { type: 'return', comment: input.comment },
        ),
      );
      await insertDisputeStep(tx, { disputeId: input.dispute, type: 'return', split: null, text: input.comment, actorId: actor!.id }, now);
      return { id: input.dispute, status };
    },
  }),

  'dispute.approve': handle('dispute.approve', {
    run: async ({ tx, actor, input, now }) => {
      const s = await disputeState(tx, input.dispute, now);
      const status = allowedOrThrow(
        decideDisputeStep({ disputeId: input.dispute, steps: s.steps, actorRoles: actor!.roles }, { type: 'approve' }),
      );
      await insertDisputeStep(
        tx,
        { disputeId: input.dispute, type: 'approve', split: s.proposed, text: APPROVAL_STEP_TEXT, actorId: actor!.id },
        now,
      );
      return { id: input.dispute, status, split: s.proposed };
    },
  }),

  'dispute.get': handle('dispute.get', {
    run: async ({ tx, actor, input, now }) => {
      const s = await disputeState(tx, input.dispute, now);
      // not_found, as for a dispute that does not exist: a consultant learns nothing of others' disputes
      if (!(await seesDispute(tx, actor!, s.dispute, now))) throw refuse('dispute_not_found', { disputeId: input.dispute });
      const names = await staffNames(tx, [s.dispute.raised_by, ...s.steps.map((x) => x.actor_id)]);
      const deal = s.dispute.deal_id ? await dealFacts(tx, s.dispute.deal_id) : null;
      const subject = await disputeSubject(tx, s.dispute, deal, now);
      const raised = {
        id: 0,
        dispute_id: s.dispute.id,
        type: 'raise',
        split: null,
        text: s.dispute.claim,
        at: s.dispute.at,
        actor_id: s.dispute.raised_by,
        actorName: names[s.dispute.raised_by] ?? s.dispute.raised_by,
        assessment: null,
      };
      return {
        ...s.dispute,
        raisedByName: names[s.dispute.raised_by] ?? s.dispute.raised_by,
        unit: deal ? (subject.deals.find((x) => x.id === deal.id)?.unit ?? deal.unit) : null,
        customer: subject.customer,
        subject,
        status: s.status,
        proposed: s.proposed,
        steps: [
          raised,
          ...s.steps.map((x) => ({
            ...x,
            // an approval is its type: the stored word (APPROVAL_STEP_TEXT, the records' own) is not sent, the screen words it
            text: x.type === 'approve' ? '' : x.text,
            actorName: names[x.actor_id] ?? x.actor_id,
            split: x.split ? JSON.parse(x.split) : null,
            assessment: x.assessment ? JSON.parse(x.assessment) : null,
          })),
        ],
      };
    },
  }),
};
