/** The front desk (R-ROS-1, 6, 8, 9, R-OWN-1, 7): look a customer up, receive a walk-in, finish a reception. */
import type { Kysely } from 'kysely';
import type { ReadTx } from '../db/read-tx';
import { finishRefusal, namedReceptionRefusal } from '../domain/desk-access';
import { handle } from './handle';
import { refuse } from '../api/errors';
import {
  announcementsByName,
  announcementsOf,
  companyClientOf,
  customerByPhone,
  customerExists,
  customersOfVisits,
  namesakes,
  referralsForDay,
  visitState,
  visitsElsewhere,
  visitsWithCustomer,
} from '../db/queries/desk';
import { recordedReferralStatus } from '../db/queries/referrals';
import { readAhead } from '../db/read-ahead';
import { referralStatusOf } from '../domain/referral';
import { rosterEventRows } from '../db/queries/roster';
import { longReceptions, servedFromWaiting } from '../domain/desk-notices';
import type { Database } from '../db/schema';
import { insertCustomer, insertVisitEvent } from '../db/writes/desk';
import { personAt } from '../domain/person';
import { nameKey } from '../domain/names';
import { likelyMatch, type MatchWhy, phoneUnderOtherName } from '../domain/likely-match';
import { phoneKey } from '../domain/phone';
import type { Policy } from '../domain/policy';
import { type Presence, presenceOf, type RosterEvent, type RosterState } from '../domain/roster';
import { iso, officeDay } from '../domain/time';
import { announcedToday, type NamedStaff, routeWalkIn, type WalkInFacts } from '../domain/walk-in';
import { audit, loadActor, staffNames } from './common';
import { customerHistory, linkedIn, ownersAt, ownersOfMany } from './history';
import { ownershipOf } from '../domain/ownership';
import { maskPhone } from './confidentiality';
import { deskLookupAccess } from '../domain/customer-reads';
import { receive, serveWaiting } from './reception';
import { appendRosterEvent, type LoadedRoster, requireTodaysRoster, todaysRoster } from './roster-store';
import { rosterView } from './roster';

type Tx = Kysely<Database>;

export interface Verdict {
  status: 'new' | 'owned' | 'possible_match';
  customerId: number | null;
  /** the name on the record of this number (the desk fills it in; another name typed is a possibleMatch 'phone') */
  name: string | null;
  /** each owner and where they are now on today's roster (null: no roster today) — busy is not absent (R-ROS-9) */
  owners: { id: string; name: string; presence: Presence | null }[];
  /** who receives the customer, in order (R-OWN-7; R-OWN-8i: the new consultant follows up while both share) */
  receivers: string[];
  /** the office day on which protection ends */
  until: string | null;
  /** registered earlier today and waiting for the PM (R-OWN-3): the desk routes to them */
  pendingToday: { consultant: { id: string; name: string }; visitAt: string } | null;
  /** likely the same person under another number (R-OWN-8): shown at the desk, queued for the PM */
  possibleMatches: { customerId: number; name: string; phone: string; why: MatchWhy; owner: string | null }[];
  /** this person is being received right now (any of their records): the desk records no second reception (R-ROS-7) */
  inReception: { visitId: number; consultant: { id: string; name: string } } | null;
  /** this number already waits for a free consultant (R-ROS-6) */
  waitingAlready: { waitId: number; position: number } | null;
  /** an employee's referral with its appointment today, not yet confirmed: confirm it at this visit or it becomes void (R-REF-3, 4) */
  referralToday: { referralId: number; referrer: { id: string; name: string } } | null;
  /** registered as a company client before any visit (R-CO-1): the leadership may name the consultant (R-ROS-12, R-CO-2) */
  companyClient: { introducedBy: string; since: string } | null;
}

/** The verdict's first reads, known from what was typed: the record of the number, the namesakes of the name. */
async function verdictOpening(tx: ReadTx, phoneInput: string, name: string | undefined): Promise<void> {
  const key = phoneKey(phoneInput);
  await customerByPhone.first(tx, { key });
  if (name) await namesakesOf(tx, key, name);
}

/**
 * The desk's verdict for a phone (and name) as typed (R-OWN-7), with what today's roster says of this person:
 * whether they are with a consultant or waiting already, and where each owner is. Its callers send its first reads
 * ahead with theirs (verdictOpening).
 */
export async function verdictFor(
  tx: Tx,
  now: Date,
  policy: Policy,
  phoneInput: string,
  name: string | undefined,
  roster: LoadedRoster | null,
): Promise<Verdict> {
  const key = phoneKey(phoneInput);
  const customer = await customerByPhone.first(tx, { key });
  const v: Verdict = {
    status: 'new',
    customerId: customer?.id ?? null,
    name: customer?.name ?? null,
    owners: [],
    receivers: [],
    until: null,
    pendingToday: null,
    possibleMatches: [],
    inReception: null,
    waitingAlready: null,
    referralToday: null,
    companyClient: null,
  };
  if (roster) {
    const i = roster.state.waiting.findIndex((w) => phoneKey(w.phone) === key);
    if (i >= 0) v.waitingAlready = { waitId: roster.state.waiting[i]!.waitId, position: i + 1 };
  }
  if (customer) {
    const open = roster
      ? Object.entries(roster.state.busy).flatMap(([consultant, list]) => list.map((r) => ({ consultant, visitId: r.visitId })))
      : [];
    // What follows reads, for a customer with no linked record (most): sent ahead together (src/db/read-ahead.ts).
    await readAhead(tx, async (r) => {
      await customerHistory(r, customer.id, now);
      await customersOfVisits(
        r,
        open.map((o) => o.visitId),
      );
      await referralsForDay(r, [customer.id], officeDay(now));
      await companyClientOf(r, [customer.id]);
      await announcementsOf(r, customer.id);
    });
    // One read of the history gives the person (every record identified as them), its owners, the protection
    // they rest on and today's pending registration under any of the person's numbers.
    const history = await customerHistory(tx, customer.id, now);
    const person = personAt(history, customer.id, now, policy);
    const own = ownershipOf(
      history.registrations.filter((r) => person.records.includes(r.customerId)),
      now,
      policy,
    );
    const pending = own.pendingToday[0];
    const customerOf = await customersOfVisits(
      tx,
      open.map((o) => o.visitId),
    );
    const receiving = open.find((o) => person.records.includes(customerOf.get(o.visitId) ?? -1));
    const day = officeDay(now);
    const referrals = await referralsForDay(tx, person.records, day);
    let referral: (typeof referrals)[number] | undefined;
    for (const r of referrals) {
      const recorded = await recordedReferralStatus(tx, r.id, now);
      if (referralStatusOf({ recorded, appointmentDay: r.appointment, cameOnAppointment: false }, now) === 'pending') referral = r;
    }
    const company = await companyClientOf(tx, person.records);
    const names = await staffNames(tx, [
      ...person.side.map((o) => o.consultant),
      ...(pending ? [pending.consultant] : []),
      ...(receiving ? [receiving.consultant] : []),
      ...(referral ? [referral.referrer_id] : []),
    ]);
    const named = (id: string) => ({ id, name: names[id] ?? id });
    if (receiving) v.inReception = { visitId: receiving.visitId, consultant: named(receiving.consultant) };
    if (referral) v.referralToday = { referralId: referral.id, referrer: named(referral.referrer_id) };
    if (company) v.companyClient = { introducedBy: company.introduced_by, since: company.at };
    if (person.side.length) {
      v.status = 'owned';
      v.owners = person.side.map((o) => ({ ...named(o.consultant), presence: roster ? presenceOf(roster.state, o.consultant) : null }));
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
    const other = name ? phoneUnderOtherName(customer.name, name) : null;
    if (other)
      v.possibleMatches.push({
        customerId: customer.id,
        name: customer.name,
        phone: maskPhone(customer.phone),
        why: other,
        owner: v.owners[0]?.id ?? null,
      });
    if (pending) {
      v.pendingToday = {
        consultant: { id: pending.consultant, name: names[pending.consultant] ?? pending.consultant },
        visitAt: iso(pending.at),
      };
    }
    return v;
  }
  if (name) v.possibleMatches = await likelyMatches(tx, now, policy, key, name);
  if (v.possibleMatches.some((m) => m.owner)) v.status = 'possible_match';
  return v;
}

/** The records whose name is like the one typed (the same name, or its key), other than the number's own. */
const namesakesOf = (tx: ReadTx, key: string, name: string) => {
  const trimmed = name.trim();
  return namesakes.all(tx, { name: trimmed, nameKey: nameKey(trimmed), key });
};

/** R-OWN-8: other records that may be the same person (src/domain/likely-match.ts decides which), with their owners. */
export async function likelyMatches(tx: ReadTx, now: Date, policy: Policy, key: string, name: string): Promise<Verdict['possibleMatches']> {
  const trimmed = name.trim();
  const candidates = await namesakesOf(tx, key, name);
  const hits = candidates.flatMap((c) => {
    const why = likelyMatch({ name: trimmed, phoneKey: key }, { name: c.name, phoneKey: c.phone_key });
    return why ? [{ c, why }] : [];
  });
  // A common name brings up to 20 candidates: their owners are found together, not one by one.
  const ids = hits.map((h) => h.c.id);
  await readAhead(tx, (r) => ownersOfMany(r, ids, now, policy));
  const owners = await ownersOfMany(tx, ids, now, policy);
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

/** Everything the walk-in's routing may turn on (src/domain/walk-in.ts decides which of it counts). */
async function walkInFacts(tx: Tx, now: Date, policy: Policy, s: RosterState, verdict: Verdict, input: WalkInInput): Promise<WalkInFacts> {
  const owners = verdict.receivers.length ? verdict.receivers : verdict.pendingToday ? [verdict.pendingToday.consultant.id] : [];
  const announcements = verdict.customerId
    ? await announcementsOf(tx, verdict.customerId)
    : await announcementsByName(tx, input.customer.name);
  const facts: WalkInFacts = {
    roster: s,
    owners,
    announcedBy: announcedToday(announcements, now),
    inReception: verdict.inReception
      ? { visitId: verdict.inReception.visitId, consultant: verdict.inReception.consultant.id, name: verdict.inReception.consultant.name }
      : null,
    waitingAlready: verdict.waitingAlready ? { waitId: verdict.waitingAlready.waitId } : null,
  };
  if (input.leadershipNamed) facts.leadershipNamed = await namedStaff(tx, input.leadershipNamed);
  if (input.asksFor) facts.asksFor = await namedStaff(tx, input.asksFor);
  if (input.with !== undefined) {
    facts.companion = (await customerExists(tx, input.with))
      ? { owners: (await ownersAt(tx, input.with, now, policy)).map((o) => o.consultant) }
      : null;
  }
  return facts;
}

type WalkInInput = { customer: { name: string; phone: string }; with?: number; asksFor?: string; leadershipNamed?: string };
type LookupInput = { phone: string; name?: string; with?: number; asksFor?: string; leadershipNamed?: string };

async function namedStaff(tx: Tx, id: string): Promise<NamedStaff> {
  const a = await loadActor(tx, id);
  return { id, name: a?.name ?? null, consultant: !!a?.roles.includes('consultant') };
}

/**
 * How the desk would receive this customer now, with the companion, designated or leadership-named consultant
 * chosen so far, without writing anything: one key then confirms it. Refused: why, as the walk-in would say.
 */
async function propose(tx: Tx, now: Date, policy: Policy, roster: LoadedRoster | null, verdict: Verdict, input: LookupInput) {
  if (!roster) return null;
  const { phone, name, ...chosen } = input;
  const decision = routeWalkIn(
    await walkInFacts(tx, now, policy, roster.state, verdict, { customer: { name: name ?? '', phone }, ...chosen }),
    policy,
  );
  if (decision.kind === 'refused')
    return {
      waiting: false,
      consultant: null,
      registeredFor: null,
      reception: null,
      why: null,
      refused: { reason: decision.reason, params: decision.params },
    };
  if (decision.kind === 'wait')
    return { waiting: true, consultant: null, registeredFor: null, reception: null, why: decision.why, refused: null };
  const { route } = decision;
  const names = await namesFor(tx, [route.consultant, route.registeredFor], verdict);
  return {
    waiting: false,
    consultant: { id: route.consultant, name: names[route.consultant] ?? route.consultant },
    registeredFor: { id: route.registeredFor, name: names[route.registeredFor] ?? route.registeredFor },
    reception: route.reception,
    why: route.why,
    refused: null,
  };
}

export const deskHandlers = {
  'desk.lookup': handle('desk.lookup', {
    run: async ({ tx, actor, now, policy, input }) => {
      await readAhead(tx, async (r) => {
        await todaysRoster(r, now);
        await verdictOpening(r, input.phone, input.name);
        await visitsElsewhere(r, input.phone);
        await announcementsByName(r, input.name ?? '');
      });
      const roster = await todaysRoster(tx, now);
      const verdict = await verdictFor(tx, now, policy, input.phone, input.name, roster);
      // R-SEC-1: a consultant's lookup of another's customer is logged (src/domain/customer-reads.ts)
      const read = deskLookupAccess({ actor: actor!, known: verdict.customerId !== null, owners: verdict.owners.map((o) => o.id) });
      if (read.logged) {
        await audit(tx, now, actor!.id, 'desk.lookup', {
          customerId: verdict.customerId,
          phone: maskPhone(input.phone),
          owners: verdict.owners.map((o) => o.id),
        });
      }
      // An office group's other sites where this phone visited: told to the desk, decided nothing (issue 16 item 4).
      const elsewhere = await visitsElsewhere(tx, input.phone);
      return { ...verdict, proposal: await propose(tx, now, policy, roster, verdict, input), elsewhere };
    },
  }),

  'desk.walkIn': handle('desk.walkIn', {
    run: async ({ tx, actor, input, now, policy }) => {
      const named = namedReceptionRefusal(actor!.roles, input);
      if (named) throw refuse(named.reason);
      await readAhead(tx, async (r) => {
        await todaysRoster(r, now);
        await verdictOpening(r, input.customer.phone, input.customer.name);
        await announcementsByName(r, input.customer.name);
      });
      const roster = await requireTodaysRoster(tx, now);
      const verdict = await verdictFor(tx, now, policy, input.customer.phone, input.customer.name, roster);
      const decision = routeWalkIn(await walkInFacts(tx, now, policy, roster.state, verdict, input), policy);
      if (decision.kind === 'refused') throw refuse(decision.reason, decision.params);
      const route = decision.kind === 'route' ? decision.route : null;
      const names = await namesFor(tx, route ? [route.consultant, route.registeredFor] : [], verdict);
      const person = (id: string) => ({ id, name: names[id] ?? id });
      if (!route) {
        // R-ROS-6: nobody is free; the customer waits and goes to the first consultant who becomes free.
        const source = input.source ?? 'walk_in';
        const next = await appendRosterEvent(
          tx,
          roster,
          { type: 'queued', customer: { name: input.customer.name, phone: input.customer.phone.trim(), source, since: iso(now) } },
          actor!.id,
          now,
        );
        const waitId = next.state.waitSeq;
        return {
          visitId: null,
          customerId: verdict.customerId,
          receivedBy: null,
          reception: null,
          registeredFor: null,
          why: { rule: 'R-ROS-6' as const },
          waiting: { waitId, position: next.state.waiting.length },
          lostTurns: [],
          possibleMatches: verdict.possibleMatches,
          roster: await rosterView(tx, next, policy),
        };
      }
      const customerId = verdict.customerId ?? (await insertCustomer(tx, input.customer, actor!.id, now));
      const source = input.source ?? (route.introduction || input.with ? 'old_customer' : 'walk_in');
      const received = await receive(tx, roster, { customerId, route, source, companion: input.with ?? null, actorId: actor!.id, now });
      if (input.asksFor || input.leadershipNamed) {
        // A named reception bypasses the queue: its own row on the audit screen says who recorded it, for whom, and by which rule.
        const named = input.leadershipNamed ? { leadershipNamed: input.leadershipNamed } : { asksFor: input.asksFor };
        await audit(tx, now, actor!.id, 'desk.named', {
          customer: customerId,
          visit: received.visitId,
          ...named,
          consultant: route.consultant,
          reception: route.reception,
          why: route.why,
        });
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
      const next = await appendRosterEvent(
        tx,
        roster,
        { type: 'left', waitId: input.waitId, reason: input.reason ?? null },
        actor!.id,
        now,
      );
      return rosterView(tx, next, policy);
    },
  }),

  // Facts only: the desk words them (renderer/components/DeskNotices.tsx). Re-read on the roster's pushed change;
  // a reception crossing the limit while nothing is written is announced by the core's clock watch (src/core).
  'desk.notices': handle('desk.notices', {
    run: async ({ tx, now, policy }) => {
      const limitMinutes = policy.receptionLongMinutes;
      const roster = await todaysRoster(tx, now);
      if (!roster) return { limitMinutes, served: [], long: [] };
      const openNow = new Map<number, { consultant: string; reception: RosterState['busy'][string][number]['reception'] }>();
      for (const [consultant, list] of Object.entries(roster.state.busy))
        for (const r of list) openNow.set(r.visitId, { consultant, reception: r.reception });
      const visits = await visitsWithCustomer(tx, [...openNow.keys()]);
      const names = await staffNames(tx, [...new Set([...openNow.values()].map((o) => o.consultant))]);
      const person = (id: string) => ({ id, name: names[id] ?? id });
      const events = (await rosterEventRows(tx, roster.id)).map((r) => JSON.parse(r.payload) as RosterEvent);
      const served = servedFromWaiting(events, new Map([...openNow].map(([v, o]) => [v, o.consultant]))).map((s) => ({
        waitId: s.waitId,
        visitId: s.visitId,
        consultant: person(s.consultant),
        customerName: visits.get(s.visitId)?.customerName ?? '',
        at: visits.get(s.visitId)?.at ?? '',
      }));
      const open = [...openNow].flatMap(([visitId, o]) => {
        const v = visits.get(visitId);
        return v ? [{ visitId, consultant: o.consultant, reception: o.reception, since: v.at }] : [];
      });
      const long = longReceptions(open, now, limitMinutes).map((r) => ({
        visitId: r.visitId,
        consultant: person(r.consultant),
        customerName: visits.get(r.visitId)?.customerName ?? '',
        since: r.since,
        minutes: r.minutes,
      }));
      return { limitMinutes, served, long };
    },
  }),

  'desk.finish': handle('desk.finish', {
    run: async ({ tx, actor, input, now, policy }) => {
      const found = await visitState(tx, input.visit);
      if (!found) throw refuse('visit_not_found', { visitId: input.visit });
      const { visit, finished, receiver } = found;
      const notYours = finishRefusal(actor!, { finished, receiver });
      if (notYours) throw refuse(notYours.reason);
      await insertVisitEvent(tx, visit.id, 'finished', {}, actor!.id, now);
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
