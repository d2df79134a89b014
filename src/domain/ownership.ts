/**
 * Who owns a customer at an instant (R-OWN-2, 3, 5): pure, over the customer's registrations.
 * Only confirmed registrations count (R-OWN-3). Each gives its consultant protection for one calendar
 * month from the visit; a later registration by the owner renews it from that visit; a registration by
 * someone else while the owner is protected loses (R-OWN-5: the earlier registration wins, by
 * registration time). When protection lapses the customer is new again.
 */
import type { Policy } from './policy';
import { officeDay, plusMonths } from './time';

export type RegistrationStatus = 'pending' | 'confirmed' | 'rejected' | 'corrected';

/** The PM's decision on a registration (R-OWN-3). */
export type Decision = 'confirmed' | 'rejected';

export interface RegistrationFact {
  id: number;
  visitId: number;
  customerId: number;
  consultant: string;
  at: Date;
  status: RegistrationStatus;
  /** R-ROS-10: made when the customer refused their consultant; it ends that consultant's rights at once */
  reassignment?: boolean;
  /**
   * the protection period in force when the registration was made (rules.md: each event is judged by the policy
   * of its moment — a later change of protectionMonths neither lengthens nor shortens it); absent: the caller's
   */
  protectionMonths?: number;
  /** the visit was an old customer's introduction: R-OWN-9a (announced) or R-OWN-9b (brought along) */
  introduction?: 'R-OWN-9a' | 'R-OWN-9b';
}

export interface Protection {
  owner: string;
  /** when the current owner first registered the customer in this unbroken run */
  since: Date;
  /** the instant protection ends (exclusive) */
  until: Date;
  /** the registration that started the run */
  first: RegistrationFact;
}

/** The protection in force at `t`, from registrations made up to `t` (statuses as known at `t`). */
export function protectionAt(regs: readonly RegistrationFact[], t: Date, months: number): Protection | null {
  const confirmed = regs.filter((r) => r.status === 'confirmed' && r.at.getTime() <= t.getTime()).sort(byTime);
  let cur = null as Protection | null;
  for (const r of confirmed) {
    const end = plusMonths(r.at, r.protectionMonths ?? months);
    const prev = cur;
    if (prev && r.at.getTime() < prev.until.getTime() && !(r.reassignment && r.consultant !== prev.owner)) {
      if (r.consultant === prev.owner && end > prev.until) cur = { ...prev, until: end };
      continue;
    }
    cur = { owner: r.consultant, since: r.at, until: end, first: r };
  }
  return cur && t.getTime() < cur.until.getTime() ? cur : null;
}

export const byTime = (a: { at: Date; id: number }, b: { at: Date; id: number }): number => a.at.getTime() - b.at.getTime() || a.id - b.id;

/**
 * A registration as recorded, with what the PM had decided by the instant asked about: the latest decision on
 * this record and on the record it corrects. The visit's facts say whether it was an old customer's introduction.
 */
export interface RegistrationRecord {
  id: number;
  visitId: number;
  customerId: number;
  consultant: string;
  at: Date;
  /** the record this one corrects (R-OWN-4); null for a visit's own registration and for a reassignment */
  corrects: number | null;
  /** as stored: 'visit', 'correction' or 'reassignment' (R-ROS-10) */
  kind: string;
  decision: Decision | null;
  correctedDecision: Decision | null;
  /** the visit's source ('walk_in', 'old_customer', …) and reception kind ('roster', 'introduced', 'voluntary', …) */
  source: string;
  reception: string;
  /** an old customer came along with the new one (the visit names a companion) */
  withCompanion: boolean;
  protectionMonths?: number;
}

/**
 * R-OWN-3, 4: a record's status. A record a later correction stands in for is `corrected`, whatever was decided
 * on it; a correction not yet decided itself carries the decision of the record it corrects (correcting a
 * confirmed registration's name does not send it back to the PM); otherwise the latest decision, or pending.
 */
export function registrationStatus(
  r: Pick<RegistrationRecord, 'decision' | 'corrects' | 'correctedDecision'>,
  correctedLater: boolean,
): RegistrationStatus {
  if (correctedLater) return 'corrected';
  return r.decision ?? (r.corrects !== null ? r.correctedDecision : null) ?? 'pending';
}

/**
 * R-OWN-9: an old customer's introduction received by their consultant or on that consultant's behalf (R-ROS-9):
 * 9b when the old customer came along, 9a when the consultant had announced it. An introduction received by the
 * roster is 9c: a plain new customer, not an introduction.
 */
export function introductionOf(visit: Pick<RegistrationRecord, 'source' | 'reception' | 'withCompanion'>): 'R-OWN-9a' | 'R-OWN-9b' | null {
  if (visit.source !== 'old_customer' || (visit.reception !== 'introduced' && visit.reception !== 'voluntary')) return null;
  return visit.withCompanion ? 'R-OWN-9b' : 'R-OWN-9a';
}

/**
 * Each record as a fact for the ownership rules: its status (the corrections among `records` considered) and
 * introduction; its protection period from `protectionMonthsAt` (the policy of the record's moment) when given,
 * else the record's own. Every fact has the same fields (an absent one undefined): a statement builds thousands.
 */
export function registrationFactsOf(records: readonly RegistrationRecord[], protectionMonthsAt?: (at: Date) => number): RegistrationFact[] {
  // A correction has its record's customer and is written after it, so a corrected record and its correction come together.
  const corrected = new Set(records.filter((r) => r.corrects !== null).map((r) => r.corrects));
  return records.map((r) => ({
    id: r.id,
    visitId: r.visitId,
    customerId: r.customerId,
    consultant: r.consultant,
    at: r.at,
    status: registrationStatus(r, corrected.has(r.id)),
    protectionMonths: protectionMonthsAt ? protectionMonthsAt(r.at) : r.protectionMonths,
    reassignment: r.kind === 'reassignment' ? true : undefined,
    introduction: introductionOf(r) ?? undefined,
  }));
}

export interface OwnershipNow {
  protection: Protection | null;
  /** registrations of the office day of `t` still waiting for the PM, not rejected */
  pendingToday: RegistrationFact[];
}

/** Ownership from one person's registrations: the protection in force, and today's registrations the PM has yet to decide. */
export function ownershipOf(facts: readonly RegistrationFact[], t: Date, policy: Pick<Policy, 'protectionMonths'>): OwnershipNow {
  const day = officeDay(t);
  return {
    protection: protectionAt(facts, t, policy.protectionMonths),
    pendingToday: facts.filter((f) => f.status === 'pending' && officeDay(f.at) === day),
  };
}

/** R-OWN-3: the PM decides a registration once, while it is pending; a corrected record through its correction (R-OWN-4). */
export function decisionRefusal(
  status: RegistrationStatus,
): 'registration_already_confirmed' | 'registration_already_rejected' | 'registration_corrected' | null {
  if (status === 'pending') return null;
  return status === 'confirmed'
    ? 'registration_already_confirmed'
    : status === 'rejected'
      ? 'registration_already_rejected'
      : 'registration_corrected';
}

/** R-OWN-4: a correction stands in for a registration that can still give ownership; a rejected one is registered again instead. */
export function correctionRefusal(status: RegistrationStatus): 'correction_of_rejected' | null {
  return status === 'rejected' ? 'correction_of_rejected' : null;
}
