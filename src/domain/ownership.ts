/**
 * Who owns a customer at an instant (R-OWN-2, 3, 5): pure, over the customer's registrations.
 * Only confirmed registrations count (R-OWN-3). Each gives its consultant protection for one calendar
 * month from the visit; a later registration by the owner renews it from that visit; a registration by
 * someone else while the owner is protected loses (R-OWN-5: the earlier registration wins, by
 * registration time). When protection lapses the customer is new again.
 */
import { plusMonths } from './time';

export type RegistrationStatus = 'pending' | 'confirmed' | 'rejected' | 'corrected';

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

export const byTime = (a: { at: Date; id: number }, b: { at: Date; id: number }): number =>
  a.at.getTime() - b.at.getTime() || a.id - b.id;
