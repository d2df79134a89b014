/**
 * How the desk routes a walk-in whose owners are known: the domain's routeWalkIn (src/domain/walk-in.ts) with
 * only the facts the synthetic office has (no announcements, companions or named consultants), and what the
 * verdict says the person holds already (a reception in progress, a place on the waiting list).
 */
import type { Policy } from '../src/domain/policy';
import type { RosterState } from '../src/domain/roster';
import { type Route, routeWalkIn, type WalkInDecision, type WalkInFacts } from '../src/domain/walk-in';

export type { Route };

/** The domain's decision: a route, waiting (nobody is free), or refused (the reason). */
export function routeDecision(
  s: RosterState,
  owners: readonly string[],
  policy: Policy,
  held: Pick<WalkInFacts, 'inReception' | 'waitingAlready'> = {},
): WalkInDecision {
  return routeWalkIn({ roster: s, owners, announcedBy: null, ...held }, policy);
}

/** The route, or null: nobody is free (the customer would wait, or nobody can stand in for a busy owner). */
export function routeByOwners(s: RosterState, owners: readonly string[], policy: Policy): Route | null {
  const d = routeDecision(s, owners, policy);
  return d.kind === 'route' ? d.route : null;
}
