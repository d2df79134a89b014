/** Loading and appending roster events; the queue projection is written in the same transaction. */
import type { Kysely } from 'kysely';
import type { ReadTx } from '../db/read-tx';
import { refuse } from '../api/errors';
import { cachedRead } from '../db/reference-cache';
import type { Database } from '../db/schema';
import { applyRosterEvent, emptyRoster, type RosterEvent, RosterRuleError, type RosterState } from '../domain/roster';
import { iso, officeDay } from '../domain/time';

type Tx = Kysely<Database>;

export interface LoadedRoster {
  id: number;
  day: string;
  state: RosterState;
}

/** Today's roster: the latest started on the office day of `now`, or null before the manager starts it. */
export function todaysRoster(tx: ReadTx, now: Date): Promise<LoadedRoster | null> {
  const day = officeDay(now);
  // Every desk lookup proposes a reception from this queue: kept while nothing is written (src/db/reference-cache).
  return cachedRead(tx, `roster:${day}`, async () => {
    const r = await tx
      .selectFrom('rosters')
      .innerJoin('roster_state', 'roster_state.roster_id', 'rosters.id')
      .select(['rosters.id', 'rosters.day', 'roster_state.state'])
      .where('rosters.day', '=', day)
      .orderBy('rosters.id', 'desc')
      .limit(1)
      .executeTakeFirst();
    return r ? { id: r.id, day: r.day, state: { ...emptyRoster(), ...(JSON.parse(r.state) as RosterState) } } : null;
  });
}

export async function requireTodaysRoster(tx: Tx, now: Date): Promise<LoadedRoster> {
  const r = await todaysRoster(tx, now);
  if (!r) throw refuse('roster_not_started');
  return r;
}

/** Applies the event (refusing what the rules refuse), appends it, and stores the new queue. */
export async function appendRosterEvent(
  tx: Tx,
  roster: LoadedRoster,
  event: RosterEvent,
  actorId: string | null,
  now: Date,
): Promise<LoadedRoster> {
  let state: RosterState;
  try {
    state = applyRosterEvent(roster.state, event);
  } catch (e) {
    if (e instanceof RosterRuleError) throw refuse(e.reason, e.params);
    throw e;
  }
  await tx
    .insertInto('roster_events')
    .values({ roster_id: roster.id, at: iso(now), actor_id: actorId, type: event.type, payload: JSON.stringify(event) })
    .execute();
  const stateJson = JSON.stringify(state);
  const updated = await tx
    .updateTable('roster_state')
    .set((eb) => ({ state: stateJson, event_count: eb('event_count', '+', 1) }))
    .where('roster_id', '=', roster.id)
    .executeTakeFirst();
  if (Number(updated.numUpdatedRows) === 0) {
    await tx.insertInto('roster_state').values({ roster_id: roster.id, state: stateJson, event_count: 1 }).execute();
  }
  return { ...roster, state };
}

/** R-ROS-13: the queue as it stood at `at`, rebuilt from the events of the roster of that day. */
export async function rosterAt(tx: ReadTx, at: Date): Promise<LoadedRoster | null> {
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
  const state = events.reduce((s, e) => applyRosterEvent(s, JSON.parse(e.payload) as RosterEvent), emptyRoster());
  return { id: r.id, day: r.day, state };
}
