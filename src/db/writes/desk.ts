/** The front desk's writes: customers, visits, their registrations and visit events. */
import type { Kysely } from 'kysely';
import type { Database } from '../schema';
import { nameInitials, nameKey } from '../../domain/names';
import { phoneKey } from '../../domain/phone';
import type { ReassignmentReason } from '../../domain/reception-change';
import type { Reception } from '../../domain/roster';
import { iso } from '../../domain/time';

type Tx = Kysely<Database>;

/** A new customer record; `phone` may be '' for an announced customer whose number is not known yet (R-OWN-9a). */
export async function insertCustomer(tx: Tx, c: { name: string; phone: string }, actorId: string, now: Date): Promise<number> {
  const row = await tx
    .insertInto('customers')
    .values({
      name: c.name,
      phone: c.phone.trim(),
      phone_key: c.phone ? phoneKey(c.phone) : '',
      name_key: nameKey(c.name),
      name_initials: nameInitials(c.name),
      created_at: iso(now),
      created_by: actorId,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  return row.id;
}

/** A visit and its registration (R-OWN-1), in the name of `registeredFor` (the owner, for a voluntary one). */
export async function insertReceivedVisit(
  tx: Tx,
  v: {
    customerId: number;
    consultant: string;
    reception: Reception;
    registeredFor: string;
    source: string;
    rosterId: number;
    companion: number | null;
    actorId: string;
    now: Date;
  },
): Promise<number> {
  const at = iso(v.now);
  const visit = await tx
    .insertInto('visits')
    .values({
      customer_id: v.customerId,
      at,
      consultant_id: v.consultant,
      reception: v.reception,
      source: v.source,
      registered_for: v.registeredFor,
      roster_id: v.rosterId,
      companion_customer_id: v.companion,
      recorded_by: v.actorId,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  await tx
    .insertInto('registrations')
    .values({
      visit_id: visit.id,
      customer_id: v.customerId,
      consultant_id: v.registeredFor,
      registered_at: at,
      corrects_id: null,
      reason: null,
      recorded_by: v.actorId,
      created_at: at,
    })
    .execute();
  return visit.id;
}

export async function insertVisitEvent(
  tx: Tx,
  visitId: number,
  type: 'finished' | 'handover' | 'refusal',
  payload: object,
  actorId: string,
  now: Date,
): Promise<void> {
  await tx
    .insertInto('visit_events')
    .values({ visit_id: visitId, at: iso(now), type, payload: JSON.stringify(payload), actor_id: actorId })
    .execute();
}

/**
 * R-ROS-10: the registration corrected to the consultant who took a refused reception over. Its `reason` is
 * stored as the code with its facts (JSON), read back by src/db/queries/customer-page.ts reassignmentReasonOf.
 */
export async function insertReassignment(
  tx: Tx,
  r: { visitId: number; customerId: number; consultant: string; corrects: number; reason: ReassignmentReason; actorId: string; now: Date },
): Promise<void> {
  await tx
    .insertInto('registrations')
    .values({
      visit_id: r.visitId,
      customer_id: r.customerId,
      consultant_id: r.consultant,
      registered_at: iso(r.now),
      corrects_id: r.corrects,
      reason: JSON.stringify(r.reason),
      recorded_by: r.actorId,
      created_at: iso(r.now),
      kind: 'reassignment',
    })
    .execute();
}
