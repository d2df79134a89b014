/**
 * Employee referrals (R-REF-2, 3, 4) and the claims a protected customer refuses (R-REF-3, R-CO-1). Pure: the
 * services read the referral, its recorded events and the customer's history, and write what these decide.
 */
import type { CustomerHistory } from './attribution';
import { ownershipOf, type RegistrationFact } from './ownership';
import { personAt } from './person';
import type { Policy } from './policy';
import { officeDay } from './time';

export type ReferralStatus = 'pending' | 'valid' | 'lapsed' | 'void' | 'refused';

/**
 * A referral's status at `now`. One the PM recorded (valid, void, refused) stays so. Otherwise it waits until
 * its appointment day is over; then the customer came but nobody confirmed it at the visit → void (R-REF-4),
 * never came → lapsed (R-REF-2). `cameOnAppointment`: the customer has a visit on the appointment day.
 */
export function referralStatusOf(
  f: { recorded: ReferralStatus | null; appointmentDay: string; cameOnAppointment: boolean },
  now: Date,
): ReferralStatus {
  if (f.recorded) return f.recorded;
  if (officeDay(now) <= f.appointmentDay) return 'pending';
  return f.cameOnAppointment ? 'void' : 'lapsed';
}

/** The registration that keeps a customer from being claimed, and the end of its protection (null: awaiting the PM). */
export interface ClaimBlocker {
  registration: RegistrationFact;
  until: Date | null;
}

/**
 * R-REF-3, R-CO-1: a customer a consultant registered and still protects cannot be claimed as a referral or a
 * company client — nor one registered today and waiting for the PM. The person counts, not the record: protected
 * under their other number is protected (R-OWN-8); a spouse's registration does not make this customer a
 * registered one (R-OWN-10 joins receptions, not records).
 */
export function claimBlocker(h: CustomerHistory, customerId: number, now: Date, policy: Policy): ClaimBlocker | null {
  const person = personAt({ ...h, households: [] }, customerId, now, policy);
  const p = person.protection;
  if (p) return { registration: p.first, until: p.until };
  const pending = ownershipOf(
    h.registrations.filter((r) => person.records.includes(r.customerId)),
    now,
    policy,
  ).pendingToday[0];
  return pending ? { registration: pending, until: null } : null;
}

type Refused<R extends string> = { kind: 'refused'; reason: R; params: Readonly<Record<string, string | number>> };

/** R-REF-1: a referral is registered before the customer's visit, for an appointment from today on. */
export function refuseAppointment(appointmentDay: string, now: Date): Refused<'appointment_in_past'> | null {
  const today = officeDay(now);
  return appointmentDay < today ? { kind: 'refused', reason: 'appointment_in_past', params: { appointmentDay, todayDay: today } } : null;
}

/** R-REF-1, 2: one referral waits for a customer at a time; another is registered once that one lapsed or was decided. */
export function refuseSecondReferral(others: readonly { id: number; status: ReferralStatus }[]): Refused<'referral_pending_exists'> | null {
  const open = others.find((o) => o.status === 'pending');
  return open ? { kind: 'refused', reason: 'referral_pending_exists', params: { referralId: open.id } } : null;
}

/**
 * R-REF-3: the PM confirms a pending referral against the customer's visit on the appointment day; a visit of
 * another customer, or on another day, does not make it valid (R-REF-2: a referral not met on its day lapses).
 */
export function decideReferralConfirm(
  referral: { id: number; customerId: number; appointmentDay: string; status: ReferralStatus },
  visit: { id: number; customerId: number; at: Date } | null,
  visitId: number,
):
  | { kind: 'valid' }
  | Refused<'referral_not_pending' | 'visit_not_found' | 'referral_visit_other_customer' | 'referral_visit_not_on_appointment'> {
  if (referral.status !== 'pending')
    return { kind: 'refused', reason: 'referral_not_pending', params: { referralId: referral.id, status: referral.status } };
  if (!visit) return { kind: 'refused', reason: 'visit_not_found', params: { visitId } };
  if (visit.customerId !== referral.customerId)
    return { kind: 'refused', reason: 'referral_visit_other_customer', params: { visitId, referralId: referral.id } };
  const visitDay = officeDay(visit.at);
  if (visitDay !== referral.appointmentDay)
    return {
      kind: 'refused',
      reason: 'referral_visit_not_on_appointment',
      params: { referralId: referral.id, appointmentDay: referral.appointmentDay, visitDay },
    };
  return { kind: 'valid' };
}
