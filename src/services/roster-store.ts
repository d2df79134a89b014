/** Today's roster as the rules see it: loaded from the stored queue, changed only through the domain's events. */
import type { Kysely } from 'kysely';
import type { ReadTx } from '../db/read-tx';
import { refuse } from '../api/errors';
import { rosterEventsUntil, rosterOfDay } from '../db/queries/roster';
import { cachedRead } from '../db/reference-cache';
import type { Database } from '../db/schema';
import { insertRosterEvent } from '../db/writes/roster';
import { applyRosterEvent, emptyRoster, type RosterEvent, RosterRuleError, type RosterState } from '../domain/roster';
import { officeDay } from '../domain/time';

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
    const r = await rosterOfDay(tx, day);
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
  await insertRosterEvent(tx, roster.id, event, state, actorId, now);
  return { ...roster, state };
}

/** R-ROS-13: the queue as it stood at `at`, rebuilt from the events of the roster of that day. */
export async function rosterAt(tx: ReadTx, at: Date): Promise<LoadedRoster | null> {
  const r = await rosterEventsUntil(tx, at);
  if (!r) return null;
  const state = r.payloads.reduce((s, p) => applyRosterEvent(s, JSON.parse(p) as RosterEvent), emptyRoster());
  return { id: r.id, day: r.day, state };
}
