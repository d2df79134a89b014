/** The writes of the PM's registration decisions and corrections (src/services/registrations.ts), never edits (R-OWN-4). */
import type { Kysely } from 'kysely';
import type { Database } from '../schema';
import { iso } from '../../domain/time';

type Tx = Kysely<Database>;

/** R-OWN-3: the PM's decision on a registration. */
export async function insertRegistrationDecision(
  tx: Tx,
  d: { registrationId: number; decision: 'confirmed' | 'rejected'; reason: string | null; actorId: string },
  now: Date,
): Promise<void> {
  await tx
    .insertInto('registration_decisions')
    .values({ registration_id: d.registrationId, at: iso(now), decision: d.decision, reason: d.reason, actor_id: d.actorId })
    .execute();
}

/** R-OWN-4: a correction, a new registration pointing at the one it corrects, with what changed. */
export async function insertCorrection(
  tx: Tx,
  c: {
    visitId: number;
    customerId: number;
    consultantId: string;
    registeredAt: Date;
    corrects: number;
    reason: string;
    changes: object;
    actorId: string;
  },
  now: Date,
): Promise<number> {
  const row = await tx
    .insertInto('registrations')
    .values({
      visit_id: c.visitId,
      customer_id: c.customerId,
      consultant_id: c.consultantId,
      registered_at: iso(c.registeredAt),
      corrects_id: c.corrects,
      reason: c.reason,
      recorded_by: c.actorId,
      created_at: iso(now),
      kind: 'correction',
      changes: JSON.stringify(c.changes),
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  return row.id;
}
