/**
 * Re-judges a roster's recorded events against the rules: every `assigned` roster turn must go to the
 * consultant the rules pick from the state just before it, and nobody may hold two receptions at once.
 */
import type BetterSqlite3 from 'better-sqlite3';
import { DEFAULT_POLICY } from '../../src/domain/policy';
import { applyRosterEvent, chooseRosterReceiver, emptyRoster, type RosterEvent } from '../../src/domain/roster';

export function checkRosterLog(raw: BetterSqlite3.Database, rosterId: number): { assigned: string[]; problems: string[] } {
  const events = (
    raw.prepare('SELECT payload FROM roster_events WHERE roster_id = ? ORDER BY id').all(rosterId) as { payload: string }[]
  ).map((e) => JSON.parse(e.payload) as RosterEvent);
  let state = emptyRoster();
  const assigned: string[] = [];
  const problems: string[] = [];
  for (const ev of events) {
    if (ev.type === 'assigned') {
      if ((state.busy[ev.consultant]?.length ?? 0) > 0) problems.push(`visit ${ev.visitId}: ${ev.consultant} was already receiving`);
      if (ev.reception === 'roster') {
        const pick = chooseRosterReceiver(state, DEFAULT_POLICY);
        if (pick?.consultant !== ev.consultant)
          problems.push(`visit ${ev.visitId}: went to ${ev.consultant}, the rules pick ${pick?.consultant}`);
      }
      assigned.push(ev.consultant);
    }
    state = applyRosterEvent(state, ev);
  }
  return { assigned, problems };
}
