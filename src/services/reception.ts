/**
 * Receiving a customer: the visit, its registration (R-OWN-1) and the roster event, written together.
 * Also serves the waiting list: a walk-in who arrived while nobody was free goes to the first consultant
 * who becomes free, in queue order (R-ROS-6), the moment that happens.
 */
import type { Kysely } from 'kysely';
import { customerIdByPhone } from '../db/queries/desk';
import type { Database } from '../db/schema';
import { insertCustomer, insertReceivedVisit } from '../db/writes/desk';
import type { Policy } from '../domain/policy';
import { type Route, routeWaiting } from '../domain/walk-in';
import { appendRosterEvent, type LoadedRoster } from './roster-store';

type Tx = Kysely<Database>;

export async function receive(
  tx: Tx,
  roster: LoadedRoster,
  args: { customerId: number; route: Route; source: string; companion: number | null; actorId: string; now: Date; waitId?: number },
): Promise<{ visitId: number; roster: LoadedRoster }> {
  const { route, now } = args;
  // R-OWN-1: every reception is registered, in the owner's name for a voluntary one (R-ROS-9).
  const visitId = await insertReceivedVisit(tx, {
    customerId: args.customerId,
    consultant: route.consultant,
    reception: route.reception,
    registeredFor: route.registeredFor,
    source: args.source,
    rosterId: roster.id,
    companion: args.companion,
    actorId: args.actorId,
    now,
  });
  const next = await appendRosterEvent(
    tx,
    roster,
    {
      type: 'assigned',
      visitId,
      consultant: route.consultant,
      reception: route.reception,
      turnUsed: route.turnUsed,
      lostTurns: route.lostTurns,
      ...(args.waitId !== undefined ? { waitId: args.waitId } : {}),
    },
    args.actorId,
    now,
  );
  return { visitId, roster: next };
}

/** Gives waiting walk-ins to consultants who are free now; call after anything that can free one. */
export async function serveWaiting(tx: Tx, roster: LoadedRoster, actorId: string, now: Date, policy: Policy): Promise<LoadedRoster> {
  let current = roster;
  for (;;) {
    const head = current.state.waiting[0];
    if (!head) return current;
    const route = routeWaiting(current.state, policy);
    if (!route) return current;
    const customerId = (await customerIdByPhone(tx, head.phone)) ?? (await insertCustomer(tx, head, actorId, now));
    current = (await receive(tx, current, { customerId, route, source: head.source, companion: null, actorId, now, waitId: head.waitId }))
      .roster;
  }
}

/** Other areas create customers by this name (the write is src/db/writes/desk insertCustomer). */
export const createCustomer = insertCustomer;
