/**
 * Receiving a customer: the visit, its registration (R-OWN-1) and the roster event, written together.
 * Also serves the waiting list: a walk-in who arrived while nobody was free goes to the first consultant
 * who becomes free, in queue order (R-ROS-6), the moment that happens.
 */
import type { Kysely } from 'kysely';
import type { Database } from '../db/schema';
import { nameInitials, nameKey } from '../domain/names';
import { phoneKey } from '../domain/phone';
import type { Policy } from '../domain/policy';
import { chooseRosterReceiver, type Reception, type TurnLoss } from '../domain/roster';
import { iso } from '../domain/time';
import { appendRosterEvent, type LoadedRoster } from './roster-store';

type Tx = Kysely<Database>;

export interface Routing {
  consultant: string;
  reception: Reception;
  registeredFor: string;
  turnUsed: boolean;
  lostTurns: TurnLoss[];
  /** the rule that decided, for the desk to show */
  why: string;
  /** an old customer's introduction (R-OWN-9a announced, 9b brought along): the new customer is the consultant's */
  introduction?: 'R-OWN-9a' | 'R-OWN-9b';
}

/** A new customer record; `phone` may be '' for an announced customer whose number is not known yet (R-OWN-9a). */
export async function createCustomer(tx: Tx, c: { name: string; phone: string }, actorId: string, now: Date): Promise<number> {
  const row = await tx
    .insertInto('customers')
    .values({ name: c.name, phone: c.phone.trim(), phone_key: c.phone ? phoneKey(c.phone) : '', name_key: nameKey(c.name), name_initials: nameInitials(c.name), created_at: iso(now), created_by: actorId })
    .returning('id')
    .executeTakeFirstOrThrow();
  return row.id;
}

export async function customerIdByPhone(tx: Tx, phone: string): Promise<number | null> {
  const row = await tx.selectFrom('customers').select('id').where('phone_key', '=', phoneKey(phone)).orderBy('id').limit(1).executeTakeFirst();
  return row?.id ?? null;
}

export async function receive(
  tx: Tx,
  roster: LoadedRoster,
  args: { customerId: number; route: Routing; source: string; companion: number | null; actorId: string; now: Date; waitId?: number },
): Promise<{ visitId: number; roster: LoadedRoster }> {
  const { route, now } = args;
  const visit = await tx
    .insertInto('visits')
    .values({
      customer_id: args.customerId,
      at: iso(now),
      consultant_id: route.consultant,
      reception: route.reception,
      source: args.source,
      registered_for: route.registeredFor,
      roster_id: roster.id,
      companion_customer_id: args.companion,
      recorded_by: args.actorId,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  // R-OWN-1: every reception is registered, in the owner's name for a voluntary one (R-ROS-9).
  await tx
    .insertInto('registrations')
    .values({ visit_id: visit.id, customer_id: args.customerId, consultant_id: route.registeredFor, registered_at: iso(now), corrects_id: null, reason: null, recorded_by: args.actorId, created_at: iso(now) })
    .execute();
  const next = await appendRosterEvent(
    tx,
    roster,
    {
      type: 'assigned',
      visitId: visit.id,
      consultant: route.consultant,
      reception: route.reception,
      turnUsed: route.turnUsed,
      lostTurns: route.lostTurns,
      ...(args.waitId !== undefined ? { waitId: args.waitId } : {}),
    },
    args.actorId,
    now,
  );
  return { visitId: visit.id, roster: next };
}

/** Gives waiting walk-ins to consultants who are free now; call after anything that can free one. */
export async function serveWaiting(tx: Tx, roster: LoadedRoster, actorId: string, now: Date, policy: Policy): Promise<LoadedRoster> {
  let current = roster;
  for (;;) {
    const head = current.state.waiting[0];
    if (!head) return current;
    const pick = chooseRosterReceiver(current.state, policy);
    if (!pick) return current;
    const customerId = (await customerIdByPhone(tx, head.phone)) ?? (await createCustomer(tx, head, actorId, now));
    const route: Routing = { consultant: pick.consultant, reception: 'roster', registeredFor: pick.consultant, turnUsed: true, lostTurns: pick.lostTurns, why: 'R-ROS-6：等候的客户由第一位空闲的售楼员按轮排接待' };
    current = (await receive(tx, current, { customerId, route, source: head.source, companion: null, actorId, now, waitId: head.waitId })).roster;
  }
}
