/** The front desk (R-ROS-1, 6, 8, 9, R-OWN-1, 7): look a customer up, receive a walk-in, finish a reception. */
import type { Kysely } from 'kysely';
import type { ReadTx } from '../db/read-tx';
import { DESK_STAFF } from '../api/spec/desk';
import { handle } from './handle';
import { refuse } from '../api/errors';
import { precompiled } from '../db/precompiled';
import type { Database } from '../db/schema';
import { personAt } from '../domain/person';
import { digitDistance, nameKey } from '../domain/names';
import { phoneKey } from '../domain/phone';
import type { Policy } from '../domain/policy';
import { chooseRosterReceiver, chooseVoluntaryReceiver, isFree, type RosterState } from '../domain/roster';
import { iso, officeDay } from '../domain/time';
import { audit, requireStaff, staffNames } from './common';
import { hasRole } from './context';
import { customerHistory, linkedIn, ownersAt, ownersOfMany } from './history';
import { ownershipOf } from './ownership';
import { maskPhone } from './confidentiality';
import { createCustomer, receive, type Routing, serveWaiting } from './reception';
import { appendRosterEvent, requireTodaysRoster, todaysRoster } from './roster-store';
import { rosterView } from './roster';

type Tx = Kysely<Database>;

export interface Verdict {
  status: 'new' | 'owned' | 'possible_match';
  customerId: number | null;
  owners: { id: string; name: string }[];
  /** who receives the customer, in order (R-OWN-7; R-OWN-8i: the new consultant follows up while both share) */
  receivers: string[];
  /** the office day on which protection ends */
  until: string | null;
  /** registered earlier today and waiting for the PM (R-OWN-3): the desk routes to them */
  pendingToday: { consultant: { id: string; name: string }; visitAt: string } | null;
  /** likely the same person under another number (R-OWN-8): shown at the desk, queued for the PM */
  possibleMatches: { customerId: number; name: string; phone: string; why: string; owner: string | null }[];
}

const customerByPhone = precompiled((db, p: { key: string }) => db.selectFrom('customers').selectAll().where('phone_key', '=', p.key).orderBy('id').limit(1));
// The newest 20 by name or by pinyin. Asked as one OR, SQLite gathers and sorts every namesake (thousands
// for 王伟 among a million customers); asked per index, each walks its index backwards and stops at 20.
const namesakes = precompiled((db, p: { name: string; nameKey: string; key: string }) => {
  const newest = (column: 'name' | 'name_key', value: string) =>
    db.selectFrom('customers').select(['id', 'name', 'phone', 'phone_key']).where(column, '=', value).where('phone_key', '!=', p.key).orderBy('id', 'desc').limit(20);
  return db.selectFrom(newest('name', p.name).as('by_name')).selectAll().union(db.selectFrom(newest('name_key', p.nameKey).as('by_pinyin')).selectAll()).orderBy('id', 'desc').limit(20);
});

/** The desk's verdict for a phone (and name) as typed (R-OWN-7). */
export async function verdictFor(tx: Tx, now: Date, policy: Policy, phoneInput: string, name?: string): Promise<Verdict> {
  const key = phoneKey(phoneInput);
  const customer = await customerByPhone.first(tx, { key });
  const v: Verdict = { status: 'new', customerId: customer?.id ?? null, owners: [], receivers: [], until: null, pendingToday: null, possibleMatches: [] };
  if (customer) {
    // One read of the history gives the person (every record identified as them), its owners, the protection
    // they rest on and today's pending registration under any of the person's numbers.
    const history = await customerHistory(tx, customer.id, now);
    const person = personAt(history, customer.id, now, policy);
    const own = ownershipOf(history.registrations.filter((r) => person.records.includes(r.customerId)), now, policy);
    const pending = own.pendingToday[0];
    const names = await staffNames(tx, [...person.side.map((o) => o.consultant), ...(pending ? [pending.consultant] : [])]);
    if (person.side.length) {
      v.status = 'owned';
      v.owners = person.side.map((o) => ({ id: o.consultant, name: names[o.consultant] ?? o.consultant }));
      v.receivers = person.receivers;
      v.until = person.protection ? officeDay(person.protection.until) : null;
    }
    // Another record of the same person (given another number earlier) is worth the desk's eye too.
    const matches = name ? await likelyMatches(tx, now, policy, key, name) : [];
    if (matches.length) {
      // records already identified as this person, or linked as the spouse, are settled
      const linked = linkedIn(history, customer.id);
      v.possibleMatches = matches.filter((m) => !linked.has(m.customerId));
    }
    if (name && customer.name !== name.trim() && nameKey(customer.name) !== nameKey(name)) {
      v.possibleMatches.push({ customerId: customer.id, name: customer.name, phone: maskPhone(customer.phone), why: `该电话已登记在 ${customer.name} 名下（可能是家庭成员或记错号码）`, owner: v.owners[0]?.id ?? null });
    }
    if (pending) {
      v.pendingToday = { consultant: { id: pending.consultant, name: names[pending.consultant] ?? pending.consultant }, visitAt: iso(pending.at) };
    }
    return v;
  }
  if (name) v.possibleMatches = await likelyMatches(tx, now, policy, key, name);
  if (v.possibleMatches.some((m) => m.owner)) v.status = 'possible_match';
  return v;
}

/**
 * R-OWN-8: the same person under another number — same name, or same pinyin with a phone one or two
 * digits off. Shown at the desk and on the PM's daily list; never decides a reception by itself.
 */
export async function likelyMatches(tx: ReadTx, now: Date, policy: Policy, key: string, name: string): Promise<Verdict['possibleMatches']> {
  const trimmed = name.trim();
  const candidates = await namesakes.all(tx, { name: trimmed, nameKey: nameKey(trimmed), key });
  const hits: { c: (typeof candidates)[number]; why: string }[] = [];
  for (const c of candidates) {
    const distance = digitDistance(c.phone_key, key);
    const near = distance !== null && distance <= 2;
    let why: string | null = null;
    if (c.name === trimmed) why = near ? `同名客户，电话相差 ${distance} 位` : '同名客户';
    else if (near) why = `姓名拼音相同（${c.name}），电话相差 ${distance} 位`;
    if (why) hits.push({ c, why });
  }
  // A common name brings up to 20 candidates: their owners are found together, not one by one.
  const owners = await ownersOfMany(tx, hits.map((h) => h.c.id), now, policy);
  return hits.map(({ c, why }) => {
    const side = owners.get(c.id)!;
    // another customer's number is never shown in full at the desk (R-SEC-1): the customer page is where it is read
    return { customerId: c.id, name: c.name, phone: maskPhone(c.phone), why, owner: side[0]?.consultant ?? null };
  });
}

/** Staff names, taking those the verdict already carries instead of asking the database again. */
async function namesFor(tx: Tx, ids: string[], verdict: Verdict): Promise<Record<string, string>> {
  const known: Record<string, string> = Object.fromEntries(verdict.owners.map((o) => [o.id, o.name]));
  if (verdict.pendingToday) known[verdict.pendingToday.consultant.id] = verdict.pendingToday.consultant.name;
  const missing = ids.filter((id) => !(id in known));
  return { ...known, ...(await staffNames(tx, missing)) };
}

/** How the desk would receive this customer now, without writing anything: one key then confirms it. */
async function propose(tx: Tx, now: Date, policy: Policy, verdict: Verdict, input: { phone: string; name?: string }) {
  const roster = await todaysRoster(tx, now);
  if (!roster) return null;
  try {
    const route = await routeWalkIn(tx, roster.state, verdict, { customer: { name: input.name ?? '', phone: input.phone } }, now, policy);
    if (!route) return { waiting: true, consultant: null, registeredFor: null, reception: null, why: 'R-ROS-6：所有售楼员都在接待中，客户将进入等候名单' };
    const names = await namesFor(tx, [route.consultant, route.registeredFor], verdict);
    return {
      waiting: false,
      consultant: { id: route.consultant, name: names[route.consultant] ?? route.consultant },
      registeredFor: { id: route.registeredFor, name: names[route.registeredFor] ?? route.registeredFor },
      reception: route.reception,
      why: route.why,
    };
  } catch {
    return null; // the walk-in itself will say what is wrong
  }
}

/** The owner receives; if not free, the back of the queue receives in the owner's name (R-ROS-9). */
function ownerOrVoluntary(s: RosterState, owner: string, reception: 'owner' | 'introduced', why: string, introduction?: Routing['introduction']): Routing {
  const extra = introduction ? { introduction } : {};
  if (isFree(s, owner)) return { consultant: owner, reception, registeredFor: owner, turnUsed: reception === 'introduced', lostTurns: [], why, ...extra };
  const v = chooseVoluntaryReceiver(s, [owner]);
  if (!v) throw refuse('nobody_free_for_owner', { staffId: owner });
  return { consultant: v, reception: 'voluntary', registeredFor: owner, turnUsed: false, lostTurns: [], why: `R-ROS-9：原售楼员不在，由队尾售楼员义务接待（${why}）`, ...extra };
}

async function routeWalkIn(
  tx: Tx,
  s: RosterState,
  verdict: Verdict,
  input: { customer: { name: string; phone: string }; with?: number; asksFor?: string; leadershipNamed?: string },
  now: Date,
  policy: Policy,
): Promise<Routing | null> {
  const owners = verdict.receivers.length ? verdict.receivers : verdict.pendingToday ? [verdict.pendingToday.consultant.id] : [];
  // R-OWN-7: a returning customer with an effective registration goes to the owner, not a turn; a couple's
  // customer (R-OWN-10) to whichever of the two consultants is free.
  const freeOwner = owners.find((o) => isFree(s, o));
  if (freeOwner) return ownerOrVoluntary(s, freeOwner, 'owner', 'R-OWN-7：老客户由原售楼员接待');
  if (owners[0]) return ownerOrVoluntary(s, owners[0], 'owner', 'R-OWN-7：老客户由原售楼员接待');
  if (input.leadershipNamed) {
    // R-ROS-12 / R-CO-2: the leadership named a consultant for a company client: voluntary, not a turn.
    const named = await requireStaff(tx, input.leadershipNamed, ['consultant']);
    if (!isFree(s, named.id)) throw refuse('consultant_not_free', { staffId: named.id, name: named.name });
    return { consultant: named.id, reception: 'voluntary', registeredFor: named.id, turnUsed: false, lostTurns: [], why: 'R-ROS-12：公司领导指定售楼员，视为义务接待，不计轮排' };
  }
  // R-OWN-9a: announced in advance by the old customer's consultant.
  const announced = verdict.customerId ? await announcementFor(tx, verdict.customerId, now) : await announcementByName(tx, input.customer.name, now);
  if (announced) return ownerOrVoluntary(s, announced, 'introduced', 'R-OWN-9a：老客户事先电话告知，售楼员已登记介绍', 'R-OWN-9a');
  if (input.with !== undefined) {
    const companion = await tx.selectFrom('customers').select('id').where('id', '=', input.with).executeTakeFirst();
    if (!companion) throw refuse('companion_not_found', { customerId: input.with });
    const oldOwners = (await ownersAt(tx, input.with, now, policy)).map((o) => o.consultant);
    // R-OWN-9b / R-ROS-7: brought by the old customer asking for their consultant: one reception, their turn.
    if (input.asksFor && oldOwners.includes(input.asksFor)) return ownerOrVoluntary(s, input.asksFor, 'introduced', 'R-OWN-9b：老客户带新客户并指明原售楼员', 'R-OWN-9b');
  }
  if (input.asksFor) {
    // R-ROS-8: named before substantive reception; not a turn, the queue does not move.
    const named = await requireStaff(tx, input.asksFor, ['consultant']);
    if (!s.queue.some((e) => e.id === named.id)) throw refuse('designated_not_on_roster', { staffId: named.id, name: named.name });
    if (!isFree(s, named.id)) throw refuse('consultant_not_free', { staffId: named.id, name: named.name });
    return { consultant: named.id, reception: 'designated', registeredFor: named.id, turnUsed: false, lostTurns: [], why: 'R-ROS-8：客户在实质接待前指定售楼员，不计轮排' };
  }
  const pick = chooseRosterReceiver(s, policy);
  if (!pick) return null;
  return { consultant: pick.consultant, reception: 'roster', registeredFor: pick.consultant, turnUsed: true, lostTurns: pick.lostTurns, why: 'R-ROS-1：按轮排顺序接待' };
}

/** R-OWN-9a: a declaration is good for the announced day. */
const announcementsOf = precompiled((db, p: { id: number }) => db.selectFrom('announcements').select(['consultant_id', 'expected_at']).where('customer_id', '=', p.id).orderBy('id', 'desc'));

async function announcementFor(tx: Tx, customerId: number, now: Date): Promise<string | null> {
  const rows = await announcementsOf.all(tx, { id: customerId });
  return rows.find((r) => officeDay(new Date(r.expected_at)) === officeDay(now))?.consultant_id ?? null;
}

async function announcementByName(tx: Tx, name: string, now: Date): Promise<string | null> {
  // Announced customers without a number are few: found by the empty phone, the name compared here. (Asked
  // by name, SQLite takes the name index and reads every namesake of a common name to find none.)
  const rows = await tx
    .selectFrom('announcements')
    .innerJoin('customers', 'customers.id', 'announcements.customer_id')
    .select(['customers.name', 'announcements.consultant_id', 'announcements.expected_at'])
    .where('customers.phone_key', '=', '')
    .orderBy('announcements.id', 'desc')
    .execute();
  return rows.find((r) => r.name === name && officeDay(new Date(r.expected_at)) === officeDay(now))?.consultant_id ?? null;
}

export const deskHandlers = {
  'desk.lookup': handle('desk.lookup', {
    run: async ({ tx, actor, now, policy, input }) => {
      const verdict = await verdictFor(tx, now, policy, input.phone, input.name);
      // R-SEC-1: the desk answers whose customer a typed number is. A consultant guessing the hidden middle digits
      // of a masked number would otherwise recover it unseen; the front desk and managers look numbers up all day.
      if (verdict.customerId !== null && !hasRole(actor, DESK_STAFF) && !verdict.owners.some((o) => o.id === actor!.id)) {
        await audit(tx, now, actor!.id, 'desk.lookup', { customerId: verdict.customerId, phone: maskPhone(input.phone), owners: verdict.owners.map((o) => o.id) });
      }
      return { ...verdict, proposal: await propose(tx, now, policy, verdict, input) };
    },
  }),

  'desk.walkIn': handle('desk.walkIn', {
    run: async ({ tx, actor, input, now, policy }) => {
      if ((input.asksFor || input.leadershipNamed) && !hasRole(actor, DESK_STAFF)) throw refuse('named_reception_desk_only');
      const roster = await requireTodaysRoster(tx, now);
      const verdict = await verdictFor(tx, now, policy, input.customer.phone, input.customer.name);
      const route = await routeWalkIn(tx, roster.state, verdict, input, now, policy);
      const names = await namesFor(tx, route ? [route.consultant, route.registeredFor] : [], verdict);
      const person = (id: string) => ({ id, name: names[id] ?? id });
      if (!route) {
        // R-ROS-6: nobody is free; the customer waits and goes to the first consultant who becomes free.
        const source = input.source ?? 'walk_in';
        const next = await appendRosterEvent(tx, roster, { type: 'queued', customer: { name: input.customer.name, phone: input.customer.phone.trim(), source, since: iso(now) } }, actor!.id, now);
        const waitId = next.state.waitSeq;
        return { visitId: null, customerId: verdict.customerId, receivedBy: null, reception: null, registeredFor: null, why: 'R-ROS-6：所有售楼员都在接待中，客户进入等候名单', waiting: { waitId, position: next.state.waiting.length }, lostTurns: [], possibleMatches: verdict.possibleMatches, roster: await rosterView(tx, next, policy) };
      }
      const customerId = verdict.customerId ?? (await createCustomer(tx, input.customer, actor!.id, now));
      const source = input.source ?? (route.introduction || input.with ? 'old_customer' : 'walk_in');
      const received = await receive(tx, roster, { customerId, route, source, companion: input.with ?? null, actorId: actor!.id, now });
      if (input.asksFor || input.leadershipNamed) {
        // A named reception bypasses the queue: its own row on the audit screen says who recorded it, for whom, and by which rule.
        const named = input.leadershipNamed ? { leadershipNamed: input.leadershipNamed } : { asksFor: input.asksFor };
        await audit(tx, now, actor!.id, 'desk.named', { customer: customerId, visit: received.visitId, ...named, consultant: route.consultant, reception: route.reception, why: route.why });
      }
      return {
        visitId: received.visitId,
        customerId,
        receivedBy: person(route.consultant),
        reception: route.reception,
        registeredFor: person(route.registeredFor),
        why: route.why,
        waiting: null,
        lostTurns: route.lostTurns,
        possibleMatches: verdict.possibleMatches,
        roster: await rosterView(tx, received.roster, policy),
      };
    },
  }),

  'desk.leaveWaiting': handle('desk.leaveWaiting', {
    run: async ({ tx, actor, input, now, policy }) => {
      const roster = await requireTodaysRoster(tx, now);
      const next = await appendRosterEvent(tx, roster, { type: 'left', waitId: input.waitId, reason: input.reason ?? null }, actor!.id, now);
      return rosterView(tx, next, policy);
    },
  }),

  'desk.finish': handle('desk.finish', {
    run: async ({ tx, actor, input, now, policy }) => {
      const visit = await tx.selectFrom('visits').selectAll().where('id', '=', input.visit).executeTakeFirst();
      if (!visit) throw refuse('visit_not_found', { visitId: input.visit });
      const events = await tx.selectFrom('visit_events').select(['type', 'payload']).where('visit_id', '=', visit.id).orderBy('id').execute();
      if (events.some((e) => e.type === 'finished')) throw refuse('reception_finished');
      const handover = events.filter((e) => e.type === 'handover').pop();
      const receiver = handover ? (JSON.parse(handover.payload) as { to: string }).to : visit.consultant_id;
      if (actor!.id !== receiver && !hasRole(actor, DESK_STAFF)) throw refuse('finish_not_allowed');
      await tx.insertInto('visit_events').values({ visit_id: visit.id, at: iso(now), type: 'finished', payload: '{}', actor_id: actor!.id }).execute();
      let roster = await todaysRoster(tx, now);
      // A reception left open on an earlier day already counts as finished (scenario-format roster.start).
      if (roster && roster.id === visit.roster_id && Object.values(roster.state.busy).some((l) => l.some((r) => r.visitId === visit.id))) {
        roster = await appendRosterEvent(tx, roster, { type: 'finished', visitId: visit.id }, actor!.id, now);
        roster = await serveWaiting(tx, roster, actor!.id, now, policy);
      }
      return { visitId: visit.id, finishedAt: iso(now), roster: roster ? await rosterView(tx, roster, policy) : null };
    },
  }),
};
