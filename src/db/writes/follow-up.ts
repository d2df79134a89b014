/** The writes of follow-up (src/services/follow-up.ts): follow-ups, managers' notes, grade labels. */
import type { Kysely } from 'kysely';
import type { Database } from '../schema';
import { iso } from '../../domain/time';

type Tx = Kysely<Database>;

export async function insertFollowUp(
  tx: Tx,
  f: {
    customerId: number;
    consultantId: string;
    day: string;
    channel: string;
    content: string;
    nextDay: string | null;
    grade: string | null;
  },
  now: Date,
): Promise<number> {
  const row = await tx
    .insertInto('follow_ups')
    .values({
      customer_id: f.customerId,
      consultant_id: f.consultantId,
      day: f.day,
      channel: f.channel,
      content: f.content,
      next_day: f.nextDay,
      grade: f.grade,
      at: iso(now),
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  return row.id;
}

export async function insertManagerNote(
  tx: Tx,
  n: { consultantId: string; customerId: number | null; text: string; actorId: string },
  now: Date,
): Promise<number> {
  const row = await tx
    .insertInto('manager_notes')
    .values({ consultant_id: n.consultantId, customer_id: n.customerId, text: n.text, at: iso(now), actor_id: n.actorId })
    .returning('id')
    .executeTakeFirstOrThrow();
  return row.id;
}

export async function setGradeLabel(tx: Tx, grade: string, label: string, actorId: string, now: Date): Promise<void> {
  await tx
    .updateTable('grade_labels')
    .set({ label, updated_at: iso(now), updated_by: actorId })
    .where('grade', '=', grade)
    .execute();
}
