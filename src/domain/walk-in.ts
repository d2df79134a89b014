/**
 * Who receives a walk-in, and in whose name (R-OWN-7, 9a, 9b, 10, R-ROS-1, 6, 8, 9, 12). The routes are tried
 * in a fixed order and the first that applies wins, once the customer is known not to be with a consultant
 * already or waiting already (R-ROS-7: one person, one reception — a second would take a second turn):
 *   1. the customer's owner (R-OWN-7; a couple's customer, R-OWN-10: whichever of the two is free);
 *   2. a consultant the leadership named for a company client (R-ROS-12 / R-CO-2);
 *   3. the consultant who announced the customer for today (R-OWN-9a);
 *   4. the old customer's consultant, asked for by the old customer who brought the new one (R-OWN-9b / R-ROS-7);
 *   5. a consultant the customer named before any presentation (R-ROS-8);
 *   6. the roster (R-ROS-1); nobody free: the customer waits (R-ROS-6).
 * An owner or introducer who is not free is stood in for by the back of the queue, in their name (R-ROS-9).
 * Pure: the service gathers the facts (src/db/queries/desk.ts) and writes what this decides.
 */
import {
  chooseRosterReceiver,
  chooseVoluntaryReceiver,
  isFree,
  type Reception,
  type RosterPolicy,
  type RosterState,
  type TurnLoss,
} from './roster';
import { officeDay } from './time';

/** The rule that decided who a walk-in is for. */
export type RouteRule = 'R-OWN-7' | 'R-ROS-12' | 'R-OWN-9a' | 'R-OWN-9b' | 'R-ROS-8' | 'R-ROS-1' | 'R-ROS-6';

/** Why a reception went where it did; R-ROS-9 when someone else received on behalf of the one `because` names. */
export type RouteWhy = { rule: RouteRule } | { rule: 'R-ROS-9'; because: RouteRule };

export interface Route {
  consultant: string;
  reception: Reception;
  registeredFor: string;
  turnUsed: boolean;
  lostTurns: TurnLoss[];
  why: RouteWhy;
  /** an old customer's introduction (R-OWN-9a announced, 9b brought along): the new customer is the consultant's */
  introduction?: 'R-OWN-9a' | 'R-OWN-9b';
}

/** A staff member named in the input, as found: `name` null when no active staff member has the id. */
export interface NamedStaff {
  id: string;
  name: string | null;
  consultant: boolean;
}

export interface WalkInFacts {
  roster: RosterState;
  /** the reception this person (any of their records) is in right now, if any */
  inReception?: { visitId: number; consultant: string; name: string } | null;
  /** the place this phone already holds on the waiting list, if any */
  waitingAlready?: { waitId: number } | null;
  /** who receives by ownership, in order (the verdict's receivers, else today's pending registration) */
  owners: readonly string[];
  /** R-ROS-12: whom the leadership named (absent: nobody) */
  leadershipNamed?: NamedStaff;
  /** R-OWN-9a: the consultant who announced this customer for today, if any */
  announcedBy: string | null;
  /** the old customer said to accompany the walk-in (absent: none said): null when there is no such customer */
  companion?: { owners: readonly string[] } | null;
  /** R-ROS-8 / R-OWN-9b: whom the customer asked for (absent: nobody) */
  asksFor?: NamedStaff;
}

export type WalkInRefusal =
  | 'staff_not_found'
  | 'staff_not_in_role'
  | 'consultant_not_free'
  | 'designated_not_on_roster'
  | 'nobody_free_for_owner'
  | 'companion_not_found'
  | 'customer_in_reception'
  | 'customer_already_waiting';

export type WalkInDecision =
  | { kind: 'route'; route: Route }
  /** R-ROS-6: nobody is free; the customer waits for the first consultant who becomes free */
  | { kind: 'wait'; why: { rule: 'R-ROS-6' } }
  | { kind: 'refused'; reason: WalkInRefusal; params: Readonly<Record<string, string | number>> };

const refused = (reason: WalkInRefusal, params: Record<string, string | number> = {}): WalkInDecision => ({
  kind: 'refused',
  reason,
  params,
});
const route = (r: Route): WalkInDecision => ({ kind: 'route', route: r });

/** The owner (or introducer) receives; if not free, the back of the queue receives in their name (R-ROS-9). */
function ownerOrVoluntary(
  s: RosterState,
  owner: string,
  reception: 'owner' | 'introduced',
  rule: RouteRule,
  introduction?: Route['introduction'],
): WalkInDecision {
  const extra = introduction ? { introduction } : {};
  if (isFree(s, owner))
    return route({
      consultant: owner,
      reception,
      registeredFor: owner,
      turnUsed: reception === 'introduced',
      lostTurns: [],
      why: { rule },
      ...extra,
    });
  const v = chooseVoluntaryReceiver(s, [owner]);
  if (!v) return refused('nobody_free_for_owner', { staffId: owner });
  return route({
    consultant: v,
    reception: 'voluntary',
    registeredFor: owner,
    turnUsed: false,
    lostTurns: [],
    why: { rule: 'R-ROS-9', because: rule },
    ...extra,
  });
}

/** A named consultant must exist and be a consultant (the refusals requireStaff gives elsewhere). */
function namedRefusal(n: NamedStaff): WalkInDecision | null {
  if (n.name === null) return refused('staff_not_found', { staffId: n.id });
  if (!n.consultant) return refused('staff_not_in_role', { staffId: n.id, name: n.name, roles: 'consultant' });
  return null;
}

export function routeWalkIn(f: WalkInFacts, policy: RosterPolicy): WalkInDecision {
  const s = f.roster;
  if (f.inReception)
    return refused('customer_in_reception', {
      visitId: f.inReception.visitId,
      staffId: f.inReception.consultant,
      name: f.inReception.name,
    });
  if (f.waitingAlready) return refused('customer_already_waiting', { waitId: f.waitingAlready.waitId });
  const owner = f.owners.find((o) => isFree(s, o)) ?? f.owners[0];
  if (owner) return ownerOrVoluntary(s, owner, 'owner', 'R-OWN-7');
  if (f.leadershipNamed) {
    const named = f.leadershipNamed;
    const bad = namedRefusal(named);
    if (bad) return bad;
    // voluntary, not a turn
    if (!isFree(s, named.id)) return refused('consultant_not_free', { staffId: named.id, name: named.name! });
    return route({
      consultant: named.id,
      reception: 'voluntary',
      registeredFor: named.id,
      turnUsed: false,
      lostTurns: [],
      why: { rule: 'R-ROS-12' },
    });
  }
  if (f.announcedBy) return ownerOrVoluntary(s, f.announcedBy, 'introduced', 'R-OWN-9a', 'R-OWN-9a');
  if (f.companion === null) return refused('companion_not_found');
  // brought by the old customer asking for their consultant: one reception, that consultant's turn
  if (f.companion && f.asksFor && f.companion.owners.includes(f.asksFor.id))
    return ownerOrVoluntary(s, f.asksFor.id, 'introduced', 'R-OWN-9b', 'R-OWN-9b');
  if (f.asksFor) {
    // named before substantive reception: not a turn, the queue does not move
    const named = f.asksFor;
    const bad = namedRefusal(named);
    if (bad) return bad;
    if (!s.queue.some((e) => e.id === named.id)) return refused('designated_not_on_roster', { staffId: named.id, name: named.name! });
    if (!isFree(s, named.id)) return refused('consultant_not_free', { staffId: named.id, name: named.name! });
    return route({
      consultant: named.id,
      reception: 'designated',
      registeredFor: named.id,
      turnUsed: false,
      lostTurns: [],
      why: { rule: 'R-ROS-8' },
    });
  }
  const pick = chooseRosterReceiver(s, policy);
  if (!pick) return { kind: 'wait', why: { rule: 'R-ROS-6' } };
  return route({
    consultant: pick.consultant,
    reception: 'roster',
    registeredFor: pick.consultant,
    turnUsed: true,
    lostTurns: pick.lostTurns,
    why: { rule: 'R-ROS-1' },
  });
}

/** R-ROS-6: a waiting customer goes to the first free consultant by the roster, as that consultant's turn. */
export function routeWaiting(s: RosterState, policy: RosterPolicy): Route | null {
  const pick = chooseRosterReceiver(s, policy);
  if (!pick) return null;
  return {
    consultant: pick.consultant,
    reception: 'roster',
    registeredFor: pick.consultant,
    turnUsed: true,
    lostTurns: pick.lostTurns,
    why: { rule: 'R-ROS-6' },
  };
}

/** R-OWN-9a: a declaration is good for the announced office day; the newest one of today wins. */
export function announcedToday(announcements: readonly { consultant: string; expectedAt: string }[], now: Date): string | null {
  return announcements.find((a) => officeDay(new Date(a.expectedAt)) === officeDay(now))?.consultant ?? null;
}
