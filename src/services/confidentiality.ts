/**
 * R-SEC-1: customer records are company property. A consultant sees the full phone number only of their
 * own customers (others 138****5678); managers and above see all. Every full read of a customer by
 * someone other than its owner is written to the audit log, in the same transaction as the read — and so is a
 * masked read, so the audit screen shows everyone who opened a customer that is not theirs.
 */
import type { Kysely } from 'kysely';
import type { Database } from '../db/schema';
import type { Policy } from '../domain/policy';
import { customerReadAccess } from '../domain/customer-reads';
import { audit } from './common';
import type { Actor } from './context';
import { ownersAt } from './history';
import { maskPhone } from '../domain/phone';

/** R-SEC-1's mask and who sees all numbers are the domain's (src/domain/phone.ts, customer-reads.ts), re-exported for the services that mask. */
export { maskPhone, maskPhonesIn } from '../domain/phone';
export { SEES_ALL } from '../domain/customer-reads';

type Tx = Kysely<Database>;

/**
 * The `phone_key LIKE` patterns under which typed digits find a number that the caller sees masked: only the
 * digits maskPhone shows (first three, last four) are compared, a hidden one matches whatever was typed, so
 * what a search finds never depends on digits the caller may not see (R-SEC-1). Which digits are hidden
 * depends on the number's length, hence one pattern per length; shorter than 7, nothing shows, nothing matches.
 */
export function visibleDigitPatterns(digits: string): { length: number; pattern: string }[] {
  const out = [];
  for (let length = Math.max(7, digits.length); length <= 15; length++) {
    const shown = [...digits].map((d, i) => (i < 3 || i >= length - 4 ? d : '_')).join('');
    out.push({ length, pattern: `${shown}%` });
  }
  return out;
}

export interface Reveal {
  full: boolean;
  phone: string;
}

/**
 * The phone as this person may see it, and the read logged when the domain says so (customerReadAccess:
 * unlogged for the owner and a number just typed). `reason` names the screen, for the log.
 */
export async function revealPhone(
  tx: Tx,
  actor: Actor | null,
  customer: { id: number; phone: string; name?: string },
  now: Date,
  policy: Policy,
  reason: string,
  typed?: string,
): Promise<Reveal> {
  const owners = actor ? (await ownersAt(tx, customer.id, now, policy)).map((o) => o.consultant) : [];
  const read = customerReadAccess({ actor, owners, phone: customer.phone, typed });
  if (read.logged)
    await audit(tx, now, actor!.id, 'customer.read', {
      customerId: customer.id,
      customerName: customer.name ?? null,
      reason,
      owners,
      full: read.fullNumber,
    });
  return { full: read.fullNumber, phone: read.fullNumber ? customer.phone : maskPhone(customer.phone) };
}
