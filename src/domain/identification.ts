/**
 * R-OWN-8(g): a customer B received as new, identified by the PM the same day as A's customer (A protecting them
 * when B received them), goes back to A: B's reception becomes a void turn and B gets a priority turn. Pure: the
 * service reads both records' registrations and whether B closed on the spot, and writes the roster's events.
 */
import { protectionAt, type RegistrationFact } from './ownership';
import { officeDay } from './time';

export interface SameDayReturn {
  /** B's first reception of the customer: the visit whose turn becomes void */
  visitId: number;
  /** B, who gets a priority turn */
  consultant: string;
}

export function sameDayReturn(
  f: {
    /** the registrations of B's record (the customer identified) */
    received: readonly RegistrationFact[];
    /** the registrations of A's record (the one they are the same as) */
    original: readonly RegistrationFact[];
    /** B's reception ended in a deal on the spot before the identification */
    onSpotDeal: boolean;
    protectionMonths: number;
  },
  now: Date,
): SameDayReturn | null {
  const bFirst = f.received
    .filter((r) => r.status !== 'rejected' && r.status !== 'corrected')
    .sort((a, b) => a.at.getTime() - b.at.getTime())[0];
  if (!bFirst) return null;
  const aProtection = protectionAt(f.original, bFirst.at, f.protectionMonths);
  // (h) comes first: B's reception ended in a deal on the spot, so it was a real turn and stays one.
  if (!aProtection || f.onSpotDeal || aProtection.owner === bFirst.consultant || officeDay(bFirst.at) !== officeDay(now)) return null;
  return { visitId: bFirst.visitId, consultant: bFirst.consultant };
}
