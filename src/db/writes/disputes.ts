/** The writes of ownership disputes (src/services/disputes.ts): raised, then steps, never edited (R-DIS-2). */
import type { Kysely } from 'kysely';
import type { Database } from '../schema';
import { iso } from '../../domain/time';

type Tx = Kysely<Database>;

export async function insertDispute(
  tx: Tx,
  d: { dealId: number | null; customerId: number | null; claim: string; raisedBy: string },
  now: Date,
): Promise<number> {
  const row = await tx
    .insertInto('disputes')
    .values({ deal_id: d.dealId, customer_id: d.customerId, claim: d.claim, raised_by: d.raisedBy, at: iso(now) })
    .returning('id')
    .executeTakeFirstOrThrow();
  return row.id;
}

/** The PM's opinion (with its split and each party's assessment), the director's return or approval. */
export async function insertDisputeStep(
  tx: Tx,
  s: {
    disputeId: number;
    type: 'opinion' | 'return' | 'approve';
    split: Record<string, number> | null;
    text: string;
    actorId: string;
    assessment?: unknown;
  },
  now: Date,
): Promise<void> {
  await tx
    .insertInto('dispute_steps')
    .values({
      dispute_id: s.disputeId,
      type: s.type,
      split: s.split ? JSON.stringify(s.split) : null,
      text: s.text,
      at: iso(now),
      actor_id: s.actorId,
      ...(s.assessment !== undefined ? { assessment: s.assessment === null ? null : JSON.stringify(s.assessment) } : {}),
    })
    .execute();
}
