/**
 * Who the consultant side of a customer is, from the customer's recorded history (R-OWN-2, 8, 10, 13,
 * 14): identification of a customer registered twice, married couples, a manager-approved switch.
 * The decision itself is the linking model's (person.ts): records identified as one person count as one.
 */
import type { ConsultantShare } from './commission';
import type { RegistrationFact } from './ownership';
import { personAt } from './person';
import type { Policy } from './policy';

export interface Identification {
  /** B's record: the customer received as new */
  customerId: number;
  /** A's record: the same person, registered earlier */
  sameAs: number;
  at: Date;
}

export interface Household {
  a: number;
  b: number;
  at: Date;
}

export interface Handover {
  customerId: number;
  from: string;
  to: string;
  at: Date;
  /** the customer had been received before (owner/voluntary reception): R-OWN-14, else R-OWN-13 */
  oldCustomer: boolean;
  solicited: boolean;
}

export interface CustomerHistory {
  /** registrations of every customer record involved (the customer, identified records, the spouse) */
  registrations: readonly RegistrationFact[];
  identifications: readonly Identification[];
  households: readonly Household[];
  handovers: readonly Handover[];
}

export interface DealFacts {
  at: Date;
  onSpot: boolean;
}

/** The consultant side for `customerId` at `t` (for a deal: `deal` set, t = the deal's moment). Empty: nobody owns. */
export function consultantSide(h: CustomerHistory, customerId: number, t: Date, policy: Policy, deal?: DealFacts): ConsultantShare[] {
  return personAt(h, customerId, t, policy, deal).side;
}
