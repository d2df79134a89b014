/**
 * What the desk is told without asking (issue 17 item 12): a waiting customer the roster gave to a consultant
 * the moment one became free (R-ROS-6, served from the waiting list), and a reception left open longer than the
 * office's policy allows (`receptionLongMinutes`, default 2 h: someone forgot to finish it, or the customer is
 * still there and the desk should know). Pure: facts in, notices out; the clock is an argument.
 */
import type { Reception, RosterEvent } from './roster';

export interface OpenReceptionFact {
  visitId: number;
  consultant: string;
  reception: Reception;
  /** when the visit was received (the visit's time) */
  since: string;
}

export interface LongReception extends OpenReceptionFact {
  /** whole minutes open at `now` */
  minutes: number;
}

/** The open receptions that have been open at least `limitMinutes` at `now`, longest first. */
export function longReceptions(open: readonly OpenReceptionFact[], now: Date, limitMinutes: number): LongReception[] {
  const out: LongReception[] = [];
  for (const r of open) {
    const minutes = Math.floor((now.getTime() - new Date(r.since).getTime()) / 60_000);
    if (minutes >= limitMinutes) out.push({ ...r, minutes });
  }
  return out.sort((a, b) => b.minutes - a.minutes || a.visitId - b.visitId);
}

export interface ServedFromWaiting {
  waitId: number;
  visitId: number;
  consultant: string;
}

/**
 * The day's assignments that served a waiting customer (an `assigned` event carrying its waitId) whose reception
 * is still open: `openNow` maps each open visit to whoever receives it now. Once finished there is nothing to announce.
 */
export function servedFromWaiting(events: readonly RosterEvent[], openNow: ReadonlyMap<number, string>): ServedFromWaiting[] {
  const out: ServedFromWaiting[] = [];
  for (const ev of events) {
    if (ev.type !== 'assigned' || ev.waitId === undefined) continue;
    // the one receiving now (a handover since moved it), or nobody: no longer news
    const consultant = openNow.get(ev.visitId);
    if (consultant !== undefined) out.push({ waitId: ev.waitId, visitId: ev.visitId, consultant });
  }
  return out;
}
