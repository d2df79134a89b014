/** The roster's writes: a day's roster, and each event with the queue it leaves (the projection, same transaction). */
import type { Kysely } from 'kysely';
import type { Database } from '../schema';
import type { RosterEvent, RosterState } from '../../domain/roster';
import { iso, officeDay } from '../../domain/time';

type Tx = Kysely<Database>;

export async function insertRoster(tx: Tx, actorId: string, now: Date): Promise<number> {
  const row = await tx
    .insertInto('rosters')
    .values({ day: officeDay(now), started_at: iso(now), started_by: actorId })
    .returning('id')
    .executeTakeFirstOrThrow();
  return row.id;
}

export async function insertRosterEvent(
  tx: Tx,
  rosterId: number,
  event: RosterEvent,
  state: RosterState,
  actorId: string | null,
  now: Date,
): Promise<void> {
  await tx
    .insertInto('roster_events')
    .values({ roster_id: rosterId, at: iso(now), actor_id: actorId, type: event.type, payload: JSON.stringify(event) })
    .execute();
  const stateJson = JSON.stringify(state);
  const updated = await tx
    .updateTable('roster_state')
    .set((eb) => ({ state: stateJson, event_count: eb('event_count', '+', 1) }))
    .where('roster_id', '=', rosterId)
    .executeTakeFirst();
  if (Number(updated.numUpdatedRows) === 0) {
    await tx.insertInto('roster_state').values({ roster_id: rosterId, state: stateJson, event_count: 1 }).execute();
  }
}
