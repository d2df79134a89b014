/**
 * A correction of a registration (R-OWN-4: never altered; a correction is a new record with the changed fields and
 * their old values). Pure: the service gathers the registration in force, its customer, the consultant named (if
 * one is) and the customer the new number belongs to (if any), asks once, and writes what this answers.
 */
import { correctionRefusal, type RegistrationStatus } from './ownership';
import { phoneKey } from './phone';
import type { Role } from './roles';

export type CorrectionChanges = Partial<Record<'consultant' | 'name' | 'phone', { from: string; to: string }>>;

export interface CorrectionRefusal {
  reason:
    | 'correction_empty'
    | 'registration_not_found'
    | 'correction_of_rejected'
    | 'customer_not_found'
    | 'staff_not_found'
    | 'staff_not_in_role'
    | 'phone_of_other_customer'
    | 'correction_unchanged';
  params?: Readonly<Record<string, string | number>>;
  rule: 'R-OWN-4';
}

/** Who a correction may make the registration's consultant: a consultant (R-OWN-4's consultant correction moves ownership). */
const CORRECTED_TO: readonly Role[] = ['consultant'];

/**
 * The changes a correction makes, or why it is refused. The refusals in the order they have always been judged:
 * nothing to correct (the input alone), no registration, a rejected one (registered again instead), no customer,
 * a consultant named who is no active consultant, the new number another customer's, then nothing that differs.
 * A consultant, name or number equal to the current one is no change; a number is the same when its key is.
 */
export function correctionDecision(facts: {
  visitId: number;
  set: { consultant?: string; name?: string; phone?: string };
  /** the registration in force for the visit, null when the visit has none */
  registration: { status: RegistrationStatus; consultant: string; customerId: number } | null;
  /** the registration's customer record, null when it does not exist */
  customer: { name: string; phone: string; phoneKey: string } | null;
  /** the active staff member `set.consultant` names, null when there is none (ignored without `set.consultant`) */
  consultant?: { id: string; name: string; roles: readonly Role[] } | null;
  /** another customer whose number has the new number's key (ignored without `set.phone`) */
  phoneOwner?: { id: number; name: string } | null;
}): { refusal: CorrectionRefusal } | { refusal: null; changes: CorrectionChanges } {
  const refused = (reason: CorrectionRefusal['reason'], params?: CorrectionRefusal['params']) => ({
    refusal: { reason, ...(params ? { params } : {}), rule: 'R-OWN-4' as const },
  });
  const { set, registration: reg, customer } = facts;
  if (!set.consultant && !set.name && !set.phone) return refused('correction_empty');
  if (!reg) return refused('registration_not_found', { visitId: facts.visitId });
  const rejected = correctionRefusal(reg.status);
  if (rejected) return refused(rejected, { visitId: facts.visitId });
  if (!customer) return refused('customer_not_found', { customerId: reg.customerId });
  const changes: CorrectionChanges = {};
  if (set.consultant && set.consultant !== reg.consultant) {
    const c = facts.consultant;
    if (!c) return refused('staff_not_found', { staffId: set.consultant });
    if (!c.roles.some((r) => CORRECTED_TO.includes(r)))
      return refused('staff_not_in_role', { staffId: set.consultant, name: c.name, roles: CORRECTED_TO.join(',') });
    changes.consultant = { from: reg.consultant, to: set.consultant };
  }
  if (set.name && set.name !== customer.name) changes.name = { from: customer.name, to: set.name };
  if (set.phone && phoneKey(set.phone) !== customer.phoneKey) {
    const taken = facts.phoneOwner;
    if (taken) return refused('phone_of_other_customer', { phone: set.phone, customerId: taken.id, customerName: taken.name });
    changes.phone = { from: customer.phone, to: set.phone.trim() };
  }
  if (Object.keys(changes).length === 0) return refused('correction_unchanged');
  return { refusal: null, changes };
}
