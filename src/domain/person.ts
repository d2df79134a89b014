/**
 * The linking model (docs/linking.md): which customer records are one person, and what that person's
 * ownership is at an instant. Records the PM identified as the same person (customer.identify, R-OWN-8)
 * count as one everywhere — their registrations protect and renew together, whichever number the customer
 * gave. A spouse (R-OWN-10) stays another person; the couple only shares the consultant side of a deal.
 * Pure: the service gathers the history (src/services/history.ts), this decides.
 */
import { differenceInCalendarDays } from 'date-fns';
import type { CustomerHistory, DealFacts, Handover, Identification } from './attribution';
import type { Citation, ConsultantShare } from './commission';
import { FULL_BPS } from './money';
import { protectionAt, type Protection, type RegistrationFact } from './ownership';
import type { Policy } from './policy';
import { officeDay, plusMonths } from './time';

export interface PersonNow {
  /** the records identified as this person, the one asked about first */
  records: number[];
  /** the consultant side of the commission (empty: nobody owns the person) */
  side: ConsultantShare[];
  /** the protection run the side rests on: its end is the desk's `until`; its first registration is the one R-CO-1 / R-REF-3 name */
  protection: Protection | null;
  /** who receives the person at the desk, in order of preference (R-OWN-7; R-OWN-8i: B follows up) */
  receivers: string[];
}

interface Standing {
  side: ConsultantShare[];
  protection: Protection | null;
  receivers: string[];
}

const NOBODY: Standing = { side: [], protection: null, receivers: [] };

/** For a deal, an identification made after it still decides (R-OWN-8h); otherwise only those made by `t`. */
const counts = (i: Identification, t: Date, deal?: DealFacts) => !!deal || i.at.getTime() <= t.getTime();

/** The records identified as the same person as `customerId` (transitively: A = B and B = C make one person). */
export function personRecords(h: CustomerHistory, customerId: number, t: Date, deal?: DealFacts): number[] {
  const out = [customerId];
  for (let k = 0; k < out.length; k++) {
    for (const i of h.identifications) {
      if (!counts(i, t, deal)) continue;
      const other = i.customerId === out[k] ? i.sameAs : i.sameAs === out[k] ? i.customerId : null;
      if (other !== null && !out.includes(other)) out.push(other);
    }
  }
  return out;
}

/** The person's ownership at `t` (for a deal: `deal` set, t = the deal's moment). */
export function personAt(h: CustomerHistory, customerId: number, t: Date, policy: Policy, deal?: DealFacts): PersonNow {
  const records = personRecords(h, customerId, t, deal);
  const regs = h.registrations.filter((r) => records.includes(r.customerId));
  const ident = h.identifications.find((i) => records.includes(i.customerId) && counts(i, t, deal));
  let own = ident ? identified(regs, ident, t, policy, deal) : plain(regs, t, policy);

  const household = h.households.find((x) => (records.includes(x.a) || records.includes(x.b)) && x.at <= t);
  // R-OWN-10: found to be a couple before the deal → both consultants, half each; after the deal it stands.
  if (household && (!deal || household.at < deal.at)) {
    const partner = records.includes(household.a) ? household.b : household.a;
    const other = personAt({ ...h, households: [] }, partner, t, policy);
    if (own.side.length === 1 && other.side.length === 1 && other.side[0]!.consultant !== own.side[0]!.consultant) {
      const cite: Citation = { rule: 'R-OWN-10' };
      const [first, second] = [own.side[0]!, other.side[0]!].sort((a, b) => a.since.getTime() - b.since.getTime());
      const side = [
        { ...first!, bps: policy.householdFirstBps, cites: [cite] },
        { ...second!, bps: FULL_BPS - policy.householdFirstBps, cites: [cite] },
      ];
      own = { side, protection: own.protection, receivers: side.map((s) => s.consultant) };
    } else if (own.side.length === 0 && other.side.length === 1)
      own = { side: other.side, protection: other.protection, receivers: other.receivers };
  }

  if (own.side.length === 1) {
    const owner = own.side[0]!;
    const handover = h.handovers.find((x) => records.includes(x.customerId) && x.from === owner.consultant && x.at <= t);
    if (handover) {
      const side = switched(owner, handover, policy);
      own = { ...own, side, receivers: side.map((s) => s.consultant) };
    }
  }
  return { records, ...own };
}

const INTRODUCTION_CITES: Record<'R-OWN-9a' | 'R-OWN-9b', Citation> = {
  'R-OWN-9a': { rule: 'R-OWN-9a' },
  'R-OWN-9b': { rule: 'R-OWN-9b' },
};

const single = (p: Protection, consultant: string, since: Date, cites: Citation[]): Standing => ({
  side: [{ consultant, bps: FULL_BPS, since, cites }],
  protection: p,
  receivers: [consultant],
});

/** One protection run over all the person's registrations: the earlier registration wins (R-OWN-5), the owner's renews (R-OWN-2). */
function ofRun(p: Protection | null): Standing {
  if (!p) return NOBODY;
  return single(p, p.owner, p.since, p.first.introduction ? [INTRODUCTION_CITES[p.first.introduction]] : []);
}

const plain = (regs: readonly RegistrationFact[], t: Date, policy: Policy): Standing =>
  ofRun(protectionAt(regs, t, policy.protectionMonths));

const firstConfirmed = (regs: readonly RegistrationFact[]) =>
  regs.filter((r) => r.status === 'confirmed').sort((a, b) => a.at.getTime() - b.at.getTime() || a.id - b.id)[0] ?? null;

function identified(regs: readonly RegistrationFact[], ident: Identification, t: Date, policy: Policy, deal?: DealFacts): Standing {
  const months = policy.protectionMonths;
  const bFirst = firstConfirmed(regs.filter((r) => r.customerId === ident.customerId));
  const aAtB = bFirst
    ? protectionAt(
        regs.filter((r) => r.customerId !== ident.customerId),
        bFirst.at,
        months,
      )
    : null;
  // A was not protecting the customer when B received them: B received a new customer, nothing to share.
  if (!bFirst || !aAtB || aAtB.owner === bFirst.consultant) return plain(regs, t, policy);

  const a = aAtB.owner;
  const b = bFirst.consultant;
  const days = differenceInCalendarDays(ident.at, bFirst.at);
  // B's run: B's reception and every later registration of the person, under either number (R-OWN-2 renewals).
  // Once it lapses, the next registration starts afresh and owes nothing to the identification.
  const bRun = protectionAt(
    regs.filter((r) => r.at.getTime() >= bFirst.at.getTime()),
    t,
    months,
  );
  const bOwn = bRun && bRun.first.id === bFirst.id ? bRun : null;
  // (h) first: a deal B closed on the spot before anyone recognised the customer stays B's, even when the
  // identification comes later that same day — (g) decides who goes on receiving, not a signed deal.
  if (deal?.onSpot && deal.at < ident.at) {
    return bOwn ? single(bOwn, b, bFirst.at, [{ rule: 'R-OWN-8h' }]) : ofRun(bRun);
  }
  if (officeDay(ident.at) === officeDay(bFirst.at)) {
    // (g): B's reception gave B nothing, so the whole person is A's run: B's registration inside it loses
    // (R-OWN-5) and A's visits under either number renew it.
    const aRun = protectionAt(regs, t, months);
    return aRun && aRun.first.id === aAtB.first.id ? single(aRun, a, aAtB.since, [{ rule: 'R-OWN-8g' }]) : ofRun(aRun);
  }
  if (!bOwn) return ofRun(bRun);
  if (ident.at < plusMonths(bFirst.at, policy.identificationWindowMonths)) {
    const cite: Citation = { rule: 'R-OWN-8i', params: { days } };
    return {
      side: [
        { consultant: a, bps: policy.identifiedOriginalBps, since: aAtB.since, cites: [cite] },
        { consultant: b, bps: FULL_BPS - policy.identifiedOriginalBps, since: bFirst.at, cites: [cite] },
      ],
      protection: bOwn,
      // 客户由新售楼员负责跟进: B follows up, A shares only the commission
      receivers: [b],
    };
  }
  return single(bOwn, b, bFirst.at, [{ rule: 'R-OWN-8j', params: { days } }]);
}

function switched(owner: ConsultantShare, x: Handover, policy: Policy): ConsultantShare[] {
  if (x.oldCustomer) {
    return [{ ...owner, cites: [{ rule: 'R-OWN-14' }] }];
  }
  if (x.solicited) {
    return [{ ...owner, cites: [{ rule: 'R-OWN-13', params: { solicited: 'yes' } }] }];
  }
  const cite: Citation = {
    rule: 'R-OWN-13',
    params: { solicited: 'no', firstBps: policy.switchFirstBps, namedBps: FULL_BPS - policy.switchFirstBps },
  };
  return [
    { ...owner, bps: policy.switchFirstBps, cites: [cite] },
    { consultant: x.to, bps: FULL_BPS - policy.switchFirstBps, since: x.at, cites: [cite] },
  ];
}

/** A deal of the person and the protection run its split rests on (null: nobody owned the person at the deal). */
export interface DealRun {
  id: number;
  at: Date;
  run: { id: number; at: Date } | null;
}

/** The run of a deal, as its split judges it: at the deal's moment, under the policy then. */
export function dealRun(h: CustomerHistory, deal: { id: number; customerId: number; at: Date; onSpot: boolean }, policy: Policy): DealRun {
  const p = personAt(h, deal.customerId, deal.at, policy, { at: deal.at, onSpot: deal.onSpot }).protection;
  return { id: deal.id, at: deal.at, run: p ? { id: p.first.id, at: p.first.at } : null };
}

/**
 * Whether a dispute is about a deal (R-DIS-1 holds it, R-COM-4 applies its decision to it). A dispute over a
 * deal is about that deal only. A dispute over the person's ownership, raised at `at`, is about the deals of
 * the ownership it questioned: the deals already made in the run of the latest deal before it, and later
 * deals resting on a run begun before it. A later deal after a lapse and a fresh registration (R-OWN-2) is not.
 */
export function disputeCovers(dispute: { dealId: number | null; at: Date }, deal: DealRun, personDeals: readonly DealRun[]): boolean {
  if (dispute.dealId !== null) return dispute.dealId === deal.id;
  if (deal.at.getTime() > dispute.at.getTime()) return !!deal.run && deal.run.at.getTime() <= dispute.at.getTime();
  const before = personDeals
    .filter((d) => d.at.getTime() <= dispute.at.getTime())
    .sort((x, y) => x.at.getTime() - y.at.getTime() || x.id - y.id);
  const latest = before[before.length - 1]!;
  return (latest.run?.id ?? null) === (deal.run?.id ?? null);
}

/** The deals a dispute is about (disputeCovers), among the person's deals: what its screen links to, in the given order. */
export function dealsOfDispute(dispute: { dealId: number | null; at: Date }, personDeals: readonly DealRun[]): number[] {
  return personDeals.filter((d) => disputeCovers(dispute, d, personDeals)).map((d) => d.id);
}
