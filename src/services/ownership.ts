/** Reads a customer's registrations as facts for the pure ownership rules (src/domain/ownership). */
import type { ReadTx } from '../db/read-tx';
import { inJson, precompiled } from '../db/precompiled';
import { protectionAt, type Protection, type RegistrationFact, type RegistrationStatus } from '../domain/ownership';
import type { Policy } from '../domain/policy';
import { fromIso, iso, officeDay } from '../domain/time';
import { policiesOverTime } from './common';

const registrationRows = precompiled((db, p: { ids: string; at: string }) =>
  db
    .selectFrom('registrations')
    .innerJoin('visits', 'visits.id', 'registrations.visit_id')
    .select(['registrations.id', 'registrations.visit_id', 'registrations.customer_id', 'registrations.consultant_id', 'registrations.registered_at', 'registrations.corrects_id', 'registrations.kind', 'visits.source', 'visits.reception', 'visits.companion_customer_id'])
    .select((eb) => {
      const latest = (of: 'registrations.id' | 'registrations.corrects_id') =>
        eb.selectFrom('registration_decisions as d').select('d.decision').whereRef('d.registration_id', '=', of).where('d.at', '<=', p.at).orderBy('d.id', 'desc').limit(1);
      return [latest('registrations.id').as('decision'), latest('registrations.corrects_id').as('corrected_decision')];
    })
    .where('registrations.customer_id', 'in', inJson(p.ids))
    .where('registrations.created_at', '<=', p.at)
    .orderBy('registrations.id'),
);

/**
 * Registrations of these customers written up to `t`, each with its status as known at `t`.
 * One statement: the latest decision (at `t`) of each registration, and of the record a correction stands
 * in for, come as correlated subqueries, so the desk pays for one query, not two.
 */
export async function registrationFacts(tx: ReadTx, customerIds: readonly number[], t: Date): Promise<RegistrationFact[]> {
  if (customerIds.length === 0) return [];
  const regs = await registrationRows.all(tx, { ids: JSON.stringify([...new Set(customerIds)]), at: iso(t) });
  // A correction has its record's customer and is written after it, so the corrected record is in `regs` too.
  const corrected = new Set(regs.filter((r) => r.corrects_id !== null).map((r) => r.corrects_id!));
  const policyAt = await policiesOverTime(tx);
  return regs.map((r) => {
    // A correction stands in for the record it corrects and carries that record's decision (R-OWN-4).
    let status: RegistrationStatus = (r.decision ?? (r.corrects_id ? r.corrected_decision : null) ?? 'pending') as RegistrationStatus;
    if (corrected.has(r.id)) status = 'corrected';
    // An introduction received by the consultant or on their behalf (R-OWN-9a/b); 9c is a plain roster reception.
    const introduced = r.source === 'old_customer' && (r.reception === 'introduced' || r.reception === 'voluntary');
    return {
      id: r.id,
      visitId: r.visit_id,
      customerId: r.customer_id,
      consultant: r.consultant_id,
      at: fromIso(r.registered_at),
      status,
      protectionMonths: policyAt(fromIso(r.registered_at)).protectionMonths,
      ...(r.kind === 'reassignment' ? { reassignment: true } : {}),
      ...(introduced ? { introduction: r.companion_customer_id !== null ? ('R-OWN-9b' as const) : ('R-OWN-9a' as const) } : {}),
    };
  });
}

export interface OwnershipNow {
  protection: Protection | null;
  /** registrations of the office day of `t` still waiting for the PM, not rejected */
  pendingToday: RegistrationFact[];
}

/** Ownership from facts already read (one customer's registrations). */
export function ownershipOf(facts: readonly RegistrationFact[], t: Date, policy: Policy): OwnershipNow {
  const day = officeDay(t);
  return {
    protection: protectionAt(facts, t, policy.protectionMonths),
    pendingToday: facts.filter((f) => f.status === 'pending' && officeDay(f.at) === day),
  };
}
