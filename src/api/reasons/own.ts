import type { ErrorCode } from '../errors';

/**
 * Refusals of registrations, ownership, customers and referrals (src/services/registrations.ts, customers.ts,
 * referrals.ts, customer-page.ts). People are passed as `staffId` (and `name` where the service knows it),
 * customers as `customerId` (and `customerName`); the renderer words them (renderer/i18n/areas/reasons-own.ts).
 */
export const ownReasons = {
  /** params: customerId — no customer record with this id (any area that names a customer may use it) */
  customer_not_found: 'not_found',
  /** params: visitId — the visit has no registration (written up to now) */
  registration_not_found: 'not_found',
  /** params: visitId — the PM decides a registration once (R-OWN-3) */
  registration_already_confirmed: 'invalid_state',
  /** params: visitId */
  registration_already_rejected: 'invalid_state',
  /** params: visitId — a corrected record is decided through its correction (R-OWN-4) */
  registration_corrected: 'invalid_state',
  /** registration.correct with nothing to change (no consultant, name or phone) */
  correction_empty: 'validation',
  /** params: visitId — a rejected registration is registered again, not corrected */
  correction_of_rejected: 'invalid_state',
  /** params: phone, customerId, customerName — the corrected number belongs to another customer record */
  phone_of_other_customer: 'conflict',
  /** registration.correct whose values are those already registered */
  correction_unchanged: 'validation',
  /** params: customerId — desk.announce from an old customer not the consultant's own, in protection (R-OWN-9a) */
  announce_not_own_customer: 'invalid_state',
  /** customer.identify of a record with itself (R-OWN-8) */
  identify_same_record: 'validation',
  /** customer.household of a customer with themself (R-OWN-10) */
  household_same_customer: 'validation',
  /** params: customerId, otherCustomerId — these two records are already linked (identified or household) */
  customers_already_linked: 'conflict',
  /** params: customerId, otherCustomerId — already one person through other identifications (A = B, B = C) */
  customers_already_one_person: 'conflict',
  /**
   * params: claim ('referral' | 'company'), customerId, customerName, staffId, name, registeredDay, registrationId,
   * untilDay — a customer a consultant registered and still protects cannot be claimed (R-REF-3, R-CO-1)
   */
  customer_protected: 'conflict',
  /**
   * params: claim, customerId, customerName, staffId, name, registeredDay, registrationId — registered today
   * by a consultant, waiting for the PM: not claimable either (R-REF-3, R-CO-1)
   */
  customer_registered_pending: 'conflict',
  /** params: referralId */
  referral_not_found: 'not_found',
  /** params: appointmentDay, todayDay — an appointment before today (R-REF-1) */
  appointment_in_past: 'validation',
  /** params: referralId — the customer already has a referral waiting for its appointment (R-REF-1) */
  referral_pending_exists: 'conflict',
  /** params: referralId, status ('valid' | 'lapsed' | 'void' | 'refused') — only a pending referral is confirmed (R-REF-3) */
  referral_not_pending: 'invalid_state',
  /** params: visitId, referralId — the visit is another customer's (R-REF-3) */
  referral_visit_other_customer: 'validation',
  /** params: referralId, appointmentDay, visitDay — the visit was not on the appointment day: the referral lapsed (R-REF-2, 3) */
  referral_visit_not_on_appointment: 'invalid_state',
} as const satisfies Record<string, ErrorCode>;
