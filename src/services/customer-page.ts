/**
 * The customer page: the whole history in time order, and who owns the customer now and why (R-OWN-*, cited).
 * Facts only (src/api/customer-page.ts): kinds, rule citations, days, staff ids with names; the renderer words them.
 */
import type { Kysely } from 'kysely';
import { handle } from './handle';
import { refuse } from '../api/errors';
import type { CorrectionChange, HistoryEntry, HistoryFact, OwnerShare, OwnershipWhy, StaffRef } from '../api/customer-page';
import { customerHead, customerPageFacts, reassignmentReasonOf } from '../db/queries/customer-page';
import { customersByIds } from '../db/queries/mine';
import type { Database } from '../db/schema';
import type { Citation } from '../domain/commission';
import type { Policy } from '../domain/policy';
import { iso, officeDay } from '../domain/time';
import { staffNameMap } from './common';
import type { Actor } from './context';
import { splitsOfDeals } from './deals';
import { disputeStatusOf } from '../domain/dispute';
import { holds } from '../api/spec';
import { MANAGERS } from '../domain/roles';
import { maskPhone, maskPhonesIn, revealPhone } from './confidentiality';
import { customerHistory, linkedIn, personNow } from './history';

type Tx = Kysely<Database>;

/**
 * A deal's price and commission on the customer page: for managers and the sales assistant (statements), and
 * for a consultant only on a deal they have a share of or recorded — never a colleague's (issue 17 item 16).
 */
async function dealMoneyVisibleTo(
  tx: Tx,
  actor: Actor,
  deals: readonly { id: number; recorded_by: string }[],
  now: Date,
): Promise<Set<number>> {
  if (holds(actor, [...MANAGERS, 'sales_assistant'])) return new Set(deals.map((d) => d.id));
  const splits = await splitsOfDeals(
    tx,
    deals.map((d) => d.id),
    now,
  );
  return new Set(
    deals.filter((d) => d.recorded_by === actor.id || splits.get(d.id)?.lines.some((l) => l.beneficiary === actor.id)).map((d) => d.id),
  );
}

const CORRECTED = ['consultant', 'name', 'phone'] as const;

/**
 * The timeline's facts, oldest first. `staff` names a staff id; `text` is how a reader may see what a person
 * typed or a customer's number (masked unless they may see it in full, R-SEC-1).
 */
async function historyOf(
  tx: Tx,
  ids: number[],
  now: Date,
  staff: (id: string) => StaffRef,
  actor: Actor,
  text: { typed(s: string): string; phone(s: string): string },
): Promise<HistoryEntry[]> {
  const r = await customerPageFacts(tx, ids, iso(now));
  const out: (HistoryFact & { at: string; by: string | null })[] = [];
  for (const v of r.visits) {
    out.push({
      at: v.at,
      by: v.recorded_by,
      kind: 'visit',
      visitId: v.id,
      consultant: staff(v.consultant_id),
      reception: v.reception,
      registeredFor: v.registered_for !== v.consultant_id ? staff(v.registered_for) : null,
    });
  }
  for (const e of r.visitEvents) {
    const p = JSON.parse(e.payload) as { kind?: string; from?: string; to?: string; solicited?: boolean; outcome?: string };
    const base = { at: e.at, by: e.actor_id, visitId: e.visit_id };
    if (e.type === 'finished') out.push({ ...base, kind: 'finished' });
    else if (e.type === 'handover' && p.kind === 'switch')
      out.push({ ...base, kind: 'handover', change: 'switch', to: staff(p.to ?? ''), solicited: !!p.solicited });
    else if (e.type === 'handover')
      out.push({ ...base, kind: 'handover', change: 'refuse', from: staff(p.from ?? ''), to: staff(p.to ?? ''), rule: 'R-ROS-10' });
    else
      out.push({
        ...base,
        kind: 'refusal',
        outcome: p.outcome === 'penalty_recorded' ? 'penalty_recorded' : 'not_supported',
        rule: 'R-OWN-12',
      });
  }
  for (const g of r.registrations.filter((g) => g.kind === 'correction')) {
    const set = JSON.parse(g.changes ?? '{}') as Record<string, { from: string; to: string }>;
    const changes: CorrectionChange[] = CORRECTED.filter((f) => set[f]).map((f) => {
      const c = set[f]!;
      if (f === 'consultant') return { field: f, from: staff(c.from), to: staff(c.to) };
      if (f === 'phone') return { field: f, from: text.phone(c.from), to: text.phone(c.to) };
      return { field: f, from: c.from, to: c.to };
    });
    out.push({ at: g.created_at, by: g.recorded_by, kind: 'correction', changes, reason: text.typed(g.reason ?? ''), rule: 'R-OWN-4' });
  }
  for (const g of r.registrations.filter((g) => g.kind === 'reassignment')) {
    const why = reassignmentReasonOf(g.reason);
    out.push({
      at: g.created_at,
      by: g.recorded_by,
      kind: 'reassigned',
      visitId: g.visit_id,
      to: staff(g.consultant_id),
      reason: 'code' in why ? { code: why.code, from: why.from === null ? null : staff(why.from) } : { text: text.typed(why.text) },
      rule: 'R-ROS-10',
    });
  }
  for (const d of r.decisions) {
    out.push({
      at: d.at,
      by: d.actor_id,
      kind: 'decision',
      decision: d.decision === 'confirmed' ? 'confirmed' : 'rejected',
      reason: d.decision === 'confirmed' || !d.reason ? null : text.typed(d.reason),
    });
  }
  for (const q of r.calls)
    out.push({
      at: q.at,
      by: q.consultant_id,
      kind: 'call',
      consultant: staff(q.consultant_id),
      note: q.note ? text.typed(q.note) : null,
      rule: 'R-OWN-6',
    });
  for (const a of r.announcements)
    out.push({
      at: a.at,
      by: a.consultant_id,
      kind: 'announcement',
      consultant: staff(a.consultant_id),
      expectedAt: a.expected_at,
      rule: 'R-OWN-9a',
    });
  for (const l of r.links) {
    const ends = { customerId: l.customer_id, otherCustomerId: l.other_customer_id };
    out.push(
      l.type === 'identified'
        ? { at: l.at, by: l.actor_id, kind: 'identified', ...ends, rule: 'R-OWN-8' }
        : { at: l.at, by: l.actor_id, kind: 'household', ...ends, rule: 'R-OWN-10' },
    );
  }
  for (const f of r.referrals)
    out.push({
      at: f.at,
      by: f.actor_id,
      kind: 'referral',
      referralId: f.id,
      referrer: staff(f.referrer_id),
      appointmentDay: f.appointment,
      rule: 'R-REF-1',
    });
  for (const c of r.companyClients)
    out.push({ at: c.at, by: c.actor_id, kind: 'company', introducedBy: text.typed(c.introduced_by), rule: 'R-CO-1' });
  const money = r.deals.length ? await dealMoneyVisibleTo(tx, actor, r.deals, now) : new Set<number>();
  for (const d of r.deals) {
    const shown = money.has(d.id);
    out.push({
      at: d.at,
      by: d.recorded_by,
      kind: 'deal',
      dealId: d.id,
      unit: d.unit,
      onSpot: !!d.on_spot,
      priceCents: shown ? d.price : null,
      commissionCents: shown ? d.commission : null,
    });
  }
  for (const d of r.disputes) {
    out.push({
      at: d.at,
      by: d.raised_by,
      kind: 'dispute',
      disputeId: d.id,
      dealId: d.deal_id,
      dealUnit: r.deals.find((x) => x.id === d.deal_id)?.unit ?? null,
      status: disputeStatusOf(r.disputeSteps.filter((s) => s.dispute_id === d.id)),
      rule: 'R-DIS-1',
    });
  }
  // a stable sort: entries of one instant keep the order above (a visit before its events)
  return out.sort((a, b) => a.at.localeCompare(b.at)).map((e) => ({ ...e, byName: e.by ? staff(e.by).name : null }));
}

/** Who owns the customer now, with their shares and the rules that gave them, and why as facts (src/domain/person). */
export async function explainOwnership(
  tx: Tx,
  customerId: number,
  now: Date,
  policy: Policy,
): Promise<{ owners: OwnerShare[]; until: string | null; why: OwnershipWhy }> {
  // the person's protection, whichever of their numbers the visits came under (src/domain/person)
  const { person } = await personNow(tx, customerId, now, policy);
  const names = await staffNameMap(tx);
  const owners = person.side.map((s) => ({ id: s.consultant, name: names.get(s.consultant) ?? s.consultant, bps: s.bps, cites: s.cites }));
  const p = person.protection;
  const until = p ? officeDay(p.until) : null;
  if (owners.length === 0) return { owners, until, why: { kind: 'nobody' } };
  if (owners.length === 1 && owners[0]!.cites.length === 0 && p)
    return { owners, until, why: { kind: 'registered', sinceDay: officeDay(p.since), untilDay: officeDay(p.until) } };
  // each rule once, in the order the owners cite them
  const cites = new Map<string, Citation>();
  for (const c of owners.flatMap((o) => o.cites)) cites.set(JSON.stringify(c), cites.get(JSON.stringify(c)) ?? c);
  return { owners, until, why: { kind: 'cited', cites: [...cites.values()] } };
}

export const customerPageHandlers = {
  'customer.get': handle('customer.get', {
    run: async ({ tx, actor, input, now, policy }) => {
      const found = await customerHead(tx, input.customer);
      if (!found) throw refuse('customer_not_found', { customerId: input.customer });
      // R-SEC-1: the full number for the owner and managers (logged when not the owner), masked otherwise
      const reveal = await revealPhone(tx, actor, found, now, policy, 'customer.get');
      const customer = { ...found, phone: reveal.phone, phoneMasked: !reveal.full };
      const history = await customerHistory(tx, customer.id, now);
      const ids = [...new Set([...linkedIn(history, customer.id), ...history.registrations.map((r) => r.customerId)])];
      const names = await staffNameMap(tx);
      const staff = (id: string): StaffRef => ({ id, name: names.get(id) ?? id });
      const text = reveal.full ? { typed: (s: string) => s, phone: (s: string) => s } : { typed: maskPhonesIn, phone: maskPhone };
      const entries = await historyOf(tx, ids, now, staff, actor!, text);
      const linkedRows = await customersByIds(
        tx,
        ids.filter((i) => i !== customer.id),
      );
      const linked = linkedRows.map((c) => ({ ...c, phone: reveal.full ? c.phone : maskPhone(c.phone) }));
      return { customer, linked, ...(await explainOwnership(tx, customer.id, now, policy)), history: entries };
    },
  }),
};
