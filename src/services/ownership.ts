/** Reads a customer's registrations as facts for the pure ownership rules (src/domain/ownership). */
import type { Kysely } from 'kysely';
import type { Database } from '../db/schema';
import { protectionAt, type Protection, type RegistrationFact, type RegistrationStatus } from '../domain/ownership';
import type { Policy } from '../domain/policy';
import { fromIso, iso, officeDay } from '../domain/time';

type Tx = Kysely<Database>;

/** Registrations of these customers written up to `t`, each with its status as known at `t`. */
export async function registrationFacts(tx: Tx, customerIds: readonly number[], t: Date): Promise<RegistrationFact[]> {
  if (customerIds.length === 0) return [];
  const at = iso(t);
  const regs = await tx
    .selectFrom('registrations')
    .innerJoin('visits', 'visits.id', 'registrations.visit_id')
    .select(['registrations.id', 'registrations.visit_id', 'registrations.customer_id', 'registrations.consultant_id', 'registrations.registered_at', 'registrations.corrects_id', 'registrations.kind', 'visits.source', 'visits.reception', 'visits.companion_customer_id'])
    .where('registrations.customer_id', 'in', [...customerIds])
    .where('registrations.created_at', '<=', at)
    .orderBy('registrations.id')
    .execute();
  if (regs.length === 0) return [];
  const ids = regs.map((r) => r.id);
  const decisions = await tx
    .selectFrom('registration_decisions')
    .select(['registration_id', 'decision'])
    .where('registration_id', 'in', ids)
    .where('at', '<=', at)
    .orderBy('id')
    .execute();
  const decided = new Map<number, string>();
  for (const d of decisions) decided.set(d.registration_id, d.decision);
  const corrected = new Set(regs.filter((r) => r.corrects_id !== null).map((r) => r.corrects_id!));
  return regs.map((r) => {
    // A correction stands in for the record it corrects and carries that record's decision (R-OWN-4).
    let status: RegistrationStatus = (decided.get(r.id) ?? (r.corrects_id ? decided.get(r.corrects_id) : undefined) ?? 'pending') as RegistrationStatus;
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

export async function ownershipAt(tx: Tx, customerIds: readonly number[], t: Date, policy: Policy): Promise<OwnershipNow> {
  const facts = await registrationFacts(tx, customerIds, t);
  const day = officeDay(t);
  return {
    protection: protectionAt(facts, t, policy.protectionMonths),
    pendingToday: facts.filter((f) => f.status === 'pending' && officeDay(f.at) === day),
  };
}
