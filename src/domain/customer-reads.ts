/**
 * R-SEC-1: customer records are company property. Who sees a customer's number in full, and whose read of
 * another's customer goes on the audit log. Pure: the service passes the actor, the customer's owners now (which
 * it reads anyway) and what was typed, and masks and logs as these answer; the mask itself is src/domain/phone.ts's.
 */
import { DESK_STAFF } from './desk-access';
import { holdsAnyRole, MANAGERS, type Role } from './roles';

/** Who sees every customer's number: the managers, the assistant who keeps the archive, the admin. */
export const SEES_ALL: readonly Role[] = [...MANAGERS, 'sales_assistant', 'admin'];

export interface CustomerRead {
  /** the number shown in full (else masked) */
  fullNumber: boolean;
  /** the read written to the audit log (`customer.read` on the page, `desk.lookup` at the desk) */
  logged: boolean;
}

const digits = (s: string) => s.replace(/\D/g, '');

/**
 * Opening one customer's record (the customer page). Nobody signed in sees it masked. The number someone just
 * typed is theirs to see; so is their own customer's (any owner share, R-OWN-8i/10/13 included), unlogged.
 * Anyone else's customer is logged whether shown in full (those who see all) or masked (anyone else), so the
 * audit screen shows everyone who opened a customer that is not theirs.
 */
export function customerReadAccess(facts: {
  actor: { id: string; roles: readonly Role[] } | null;
  /** the customer's owners now (consultant ids) */
  owners: readonly string[];
  phone: string;
  typed?: string;
}): CustomerRead {
  const { actor, owners, phone, typed } = facts;
  if (!actor) return { fullNumber: false, logged: false };
  if (typed !== undefined && phone && digits(typed).endsWith(digits(phone))) return { fullNumber: true, logged: false };
  if (owners.includes(actor.id)) return { fullNumber: true, logged: false };
  return { fullNumber: holdsAnyRole(actor.roles, SEES_ALL), logged: true };
}

/**
 * A number looked up at the desk (`desk.lookup`). The desk answers whose customer a typed number is, and never
 * shows another's number in full (the customer page is where it is read). A consultant looking up a customer
 * who is not theirs is logged: guessing the hidden middle digits of a masked number would otherwise recover it
 * unseen. The front desk and managers (DESK_STAFF) look numbers up all day, unlogged; an unknown number names
 * nobody's customer.
 */
export function deskLookupAccess(facts: {
  actor: { id: string; roles: readonly Role[] };
  /** whether the number is a known customer's */
  known: boolean;
  /** that customer's owners now (consultant ids) */
  owners: readonly string[];
}): CustomerRead & { fullNumber: false } {
  const { actor, known, owners } = facts;
  return { fullNumber: false, logged: known && !holdsAnyRole(actor.roles, DESK_STAFF) && !owners.includes(actor.id) };
}
