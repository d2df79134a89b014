/**
 * How the desk routes a walk-in whose owners are known: the domain's routeWalkIn (src/domain/walk-in.ts) with
 * only the facts the synthetic office has (no announcements, companions or named consultants).
 * null: nobody is free (the customer would wait, or nobody can stand in for a busy owner).
 */
import type { Policy } from '../src/domain/policy';
import type { RosterState } from '../src/domain/roster';
import { type Route, routeWalkIn } from '../src/domain/walk-in';

export type { Route };

export function routeByOwners(s: RosterState, owners: readonly string[], policy: Policy): Route | null {
  const d = routeWalkIn({ roster: s, owners, announcedBy: null }, policy);
  return d.kind === 'route' ? d.route : null;
}
