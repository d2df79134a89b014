/** The roster's reads: today's stored queue and the events a past queue is rebuilt from (R-ROS-13). */
import type { ReadTx } from '../read-tx';
import { iso, officeDay } from '../../domain/time';

/** The latest roster started on an office day, with its stored queue (JSON of a RosterState). */
export async function rosterOfDay(tx: ReadTx, day: string): Promise<{ id: number; day: string; state: string } | undefined> {
  return tx
    .selectFrom('rosters')
    .innerJoin('roster_state', 'roster_state.roster_id', 'rosters.id')
    .select(['rosters.id', 'rosters.day', 'roster_state.state'])
    .where('rosters.day', '=', day)
    .orderBy('rosters.id', 'desc')
    .limit(1)
    .executeTakeFirst();
}

/** The roster in force at `at` and its events up to then (payloads as stored), oldest first. */
export async function rosterEventsUntil(tx: ReadTx, at: Date): Promise<{ id: number; day: string; payloads: string[] } | null> {
  const r = await tx
    .selectFrom('rosters')
    .select(['id', 'day'])
    .where('day', '=', officeDay(at))
    .where('started_at', '<=', iso(at))
    .orderBy('id', 'desc')
    .limit(1)
    .executeTakeFirst();
  if (!r) return null;
  const events = await tx
    .selectFrom('roster_events')
    .select('payload')
    .where('roster_id', '=', r.id)
    .where('at', '<=', iso(at))
    .orderBy('id')
    .execute();
  return { id: r.id, day: r.day, payloads: events.map((e) => e.payload) };
}

/** The events of one roster with their times (payloads as stored), oldest first. */
export async function rosterEventRows(tx: ReadTx, rosterId: number): Promise<{ at: string; payload: string }[]> {
  return tx.selectFrom('roster_events').select(['at', 'payload']).where('roster_id', '=', rosterId).orderBy('id').execute();
}
