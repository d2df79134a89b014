/**
 * The customer page's facts (customer.get, src/services/customer-page.ts): what happened to the customer and
 * who owns them now, as kinds, codes, rule citations, days and staff ids with their names. No sentence crosses
 * the API: the renderer words each entry and the ownership in the reader's language
 * (renderer/components/customer-words.ts, `cust.event.*` / `cust.why.*` in renderer/i18n/areas/customers.ts).
 * Text a person typed (a call's note, a correction's or rejection's reason, a company client's introducer) is
 * data and is sent as typed, with the numbers in it masked for a reader who may not see them (R-SEC-1).
 */
import type { Citation } from '../domain/commission';

/** A member of staff as the page names them: the id, and the name the staff list holds (the id if none). */
export interface StaffRef {
  id: string;
  name: string;
}

/** What a registration correction changed (R-OWN-4): the consultant by person, the name and phone as text. */
export type CorrectionChange =
  { field: 'consultant'; from: StaffRef; to: StaffRef } | { field: 'name' | 'phone'; from: string; to: string };

export type HistoryFact =
  /** a visit, received by `consultant` in the given reception kind; registered for another when `registeredFor` */
  | { kind: 'visit'; visitId: number; consultant: StaffRef; reception: string; registeredFor: StaffRef | null }
  | { kind: 'finished'; visitId: number }
  /** the manager let the customer switch to `to` mid-reception (R-OWN-13 / 14; solicited: the named one pushed for it) */
  | { kind: 'handover'; visitId: number; change: 'switch'; to: StaffRef; solicited: boolean }
  /** the customer refused `from`: reassigned by roster to `to`, `from`'s reception void (R-ROS-10) */
  | { kind: 'handover'; visitId: number; change: 'refuse'; from: StaffRef; to: StaffRef; rule: 'R-ROS-10' }
  /** a change of consultant asked for and not granted: no fault, or a penalty recorded (R-OWN-12) */
  | { kind: 'refusal'; visitId: number; outcome: 'penalty_recorded' | 'not_supported'; rule: 'R-OWN-12' }
  | { kind: 'correction'; changes: CorrectionChange[]; reason: string; rule: 'R-OWN-4' }
  /**
   * the visit's registration given to `to`, the customer treated as new (R-ROS-10): why as a code with the
   * refused consultant (`from` null on a row written before it was stored), or a stored text shown as written
   */
  | {
      kind: 'reassigned';
      visitId: number;
      to: StaffRef;
      reason: { code: 'refusal_reassigned'; from: StaffRef | null } | { text: string };
      rule: 'R-ROS-10';
    }
  | { kind: 'decision'; decision: 'confirmed' | 'rejected'; reason: string | null }
  | { kind: 'call'; consultant: StaffRef; note: string | null; rule: 'R-OWN-6' }
  | { kind: 'announcement'; consultant: StaffRef; expectedAt: string; rule: 'R-OWN-9a' }
  /** the PM found two records to be one person (R-OWN-8) or a married couple (R-OWN-10) */
  | { kind: 'identified'; customerId: number; otherCustomerId: number; rule: 'R-OWN-8' }
  | { kind: 'household'; customerId: number; otherCustomerId: number; rule: 'R-OWN-10' }
  | { kind: 'referral'; referralId: number; referrer: StaffRef; appointmentDay: string; rule: 'R-REF-1' }
  | { kind: 'company'; introducedBy: string; rule: 'R-CO-1' }
  /** price and commission only for a reader who may see them (issue 17 item 16) */
  | { kind: 'deal'; dealId: number; unit: string; onSpot: boolean; priceCents: number | null; commissionCents: number | null }
  /** a dispute raised over the customer's ownership or one of their deals, with where it stands now (R-DIS-1) */
  | {
      kind: 'dispute';
      disputeId: number;
      dealId: number | null;
      dealUnit: string | null;
      status: 'open' | 'opinion' | 'returned' | 'decided';
      rule: 'R-DIS-1';
    };

/** Every kind of timeline entry (the renderer words each: a missing one does not compile there). */
export type HistoryKind = HistoryFact['kind'];

/** One timeline entry: when, who recorded it, and what. */
export type HistoryEntry = HistoryFact & { at: string; by: string | null; byName: string | null };

/**
 * Why the owners own the customer:
 * - `nobody`: no confirmed registration in protection (R-OWN-2, R-OWN-3): a new customer at the next visit;
 * - `registered`: one owner by their own confirmed registration (R-OWN-1, R-OWN-3), protected from `sinceDay`
 *   to `untilDay` (R-OWN-2);
 * - `cited`: the rules that gave the shares, each with its facts (R-OWN-8i {days}, R-OWN-10, R-OWN-13 …).
 */
export type OwnershipWhy =
  { kind: 'nobody' } | { kind: 'registered'; sinceDay: string; untilDay: string } | { kind: 'cited'; cites: Citation[] };

export interface OwnerShare {
  id: string;
  name: string;
  bps: number;
  cites: Citation[];
}
