/** The roster (R-ROS-1 … 5, 10, 11, 13): starting the day, statuses, and the manager's changes to the order. */
import type { Kysely } from 'kysely';
import type { ReadTx } from '../db/read-tx';
import { rosterStartRefusal, statusChangeRefusal, swapRefusal } from '../domain/roster-changes';
import { handle } from './handle';
import { refuse } from '../api/errors';
import { customerNamesOfVisits, visitsWithCustomer } from '../db/queries/desk';
import { longReceptions } from '../domain/desk-notices';
import type { Database } from '../db/schema';
import { insertRoster } from '../db/writes/roster';
import type { Policy } from '../domain/policy';
import {
  CONSULTANT_STATUSES,
  chooseRosterReceiver,
  emptyRoster,
  lunchDesk,
  type RosterEvent,
  type StandingMark,
  standingMarks,
} from '../domain/roster';
import { rosterEventRows } from '../db/queries/roster';
import { officeDay } from '../domain/time';
import { policyAt, requireStaff, staffNames } from './common';
import { serveWaiting } from './reception';
import { appendRosterEvent, type LoadedRoster, requireTodaysRoster, rosterAt, todaysRoster } from './roster-store';

type Tx = Kysely<Database>;

export interface RosterView {
  rosterId: number;
  day: string;
  queue: {
    id: string;
    name: string;
    status: (typeof CONSULTANT_STATUSES)[number];
    awayApproved: boolean;
    receiving: { visitId: number; reception: string; customerName: string }[];
  }[];
  /** who would receive the next roster walk-in now (null: nobody free) */
  next: string | null;
  /** walk-ins waiting for a free consultant, first come first served */
  waiting: { waitId: number; name: string; since: string }[];
  lunchDesk: string[];
  /** today's priority turns and disqualifications still in force (roster.today only; R-ROS-4, 5, 10, R-OWN-8g) */
  marks?: (Omit<StandingMark, 'consultant'> & { consultant: { id: string; name: string } })[];
}

/** The standing marks of a roster, with names. */
async function marksOf(tx: ReadTx, roster: LoadedRoster): Promise<NonNullable<RosterView['marks']>> {
  const marks = standingMarks(
    (await rosterEventRows(tx, roster.id)).map((r) => ({ at: r.at, event: JSON.parse(r.payload) as RosterEvent })),
  );
  const names = await staffNames(
    tx,
    marks.map((m) => m.consultant),
  );
  return marks.map((m) => ({ ...m, consultant: { id: m.consultant, name: names[m.consultant] ?? m.consultant } }));
}

export async function rosterView(tx: ReadTx, roster: LoadedRoster, policy: Policy): Promise<RosterView> {
  const { state } = roster;
  const names = await staffNames(
    tx,
    state.queue.map((e) => e.id),
  );
  const customerOf = await customerNamesOfVisits(
    tx,
    Object.values(state.busy).flatMap((l) => l.map((r) => r.visitId)),
  );
  return {
    rosterId: roster.id,
    day: roster.day,
    queue: state.queue.map((e) => ({
      id: e.id,
      name: names[e.id] ?? e.id,
      status: e.status,
      awayApproved: e.awayApproved,
      receiving: (state.busy[e.id] ?? []).map((r) => ({ ...r, customerName: customerOf.get(r.visitId) ?? '' })),
    })),
    next: chooseRosterReceiver(state, policy)?.consultant ?? null,
    waiting: state.waiting.map((w) => ({ waitId: w.waitId, name: w.name, since: w.since })),
    lunchDesk: lunchDesk(state, policy),
  };
}

/** Manager actions share one shape: check the people, append the event, answer the new queue. */
async function managerChange(
  call: { tx: Tx; actor: { id: string } | null; now: Date; policy: Policy },
  event: RosterEvent,
  people: string[],
): Promise<RosterView> {
  const roster = await requireTodaysRoster(call.tx, call.now);
  for (const p of people) await requireStaff(call.tx, p);
  const next = await appendRosterEvent(call.tx, roster, event, call.actor!.id, call.now);
  // A consultant back on the floor (or moved) may be the one a waiting customer goes to.
  return rosterView(call.tx, await serveWaiting(call.tx, next, call.actor!.id, call.now, call.policy), call.policy);
}

async function longReceptionCount(tx: ReadTx, roster: LoadedRoster, now: Date, policy: Policy): Promise<number> {
  const open = Object.entries(roster.state.busy).flatMap(([consultant, list]) => list.map((r) => ({ ...r, consultant })));
  const at = await visitsWithCustomer(
    tx,
    open.map((r) => r.visitId),
  );
  return longReceptions(
    open.flatMap((r) => (at.has(r.visitId) ? [{ ...r, since: at.get(r.visitId)!.at }] : [])),
    now,
    policy.receptionLongMinutes,
  ).length;
}

export const rosterHandlers = {
  'roster.start': handle('roster.start', {
    run: async ({ tx, actor, input, now, policy }) => {
      const startRefused = rosterStartRefusal(!!(await todaysRoster(tx, now)), input.order);
      if (startRefused) throw refuse(startRefused.reason);
      for (const id of input.order) await requireStaff(tx, id, ['consultant']);
      const rosterId = await insertRoster(tx, actor!.id, now);
      const roster = await appendRosterEvent(
        tx,
        { id: rosterId, day: officeDay(now), state: emptyRoster() },
        { type: 'started', order: input.order },
        actor!.id,
        now,
      );
      return rosterView(tx, roster, policy);
    },
  }),

  'roster.today': handle('roster.today', {
    run: async ({ tx, now, policy }) => {
      const roster = await todaysRoster(tx, now);
      if (!roster) return null;
      const view: RosterView = { ...(await rosterView(tx, roster, policy)), marks: await marksOf(tx, roster) };
      return view;
    },
  }),

  'roster.board': handle('roster.board', {
    run: async ({ tx, now, policy }) => {
      const roster = await todaysRoster(tx, now);
      if (!roster)
        return {
          day: officeDay(now),
          started: false,
          next: null,
          following: [],
          lunchDesk: [],
          waiting: 0,
          receiving: 0,
          longReceptions: 0,
          marks: [],
        };
      const view = await rosterView(tx, roster, policy);
      const person = (id: string) => ({ id, name: view.queue.find((e) => e.id === id)?.name ?? id });
      // "Following" are the ones who would receive after `next`, in queue order: on the floor, not receiving.
      const following = view.queue.filter((e) => e.id !== view.next && e.status === 'present' && e.receiving.length === 0).slice(0, 3);
      return {
        day: view.day,
        started: true,
        next: view.next ? person(view.next) : null,
        following: following.map((e) => person(e.id)),
        lunchDesk: view.lunchDesk.map(person),
        waiting: view.waiting.length,
        /** customers being received now (issue 17 item 19) */
        receiving: view.queue.reduce((n, e) => n + e.receiving.length, 0),
        /** of those, open longer than the policy's limit: a count only (the board names no customer); the core's clock watch re-reads it */
        longReceptions: await longReceptionCount(tx, roster, now, policy),
        /** priority turns and disqualifications in force, with their reason (issue 17 item 14) */
        marks: await marksOf(tx, roster),
      };
    },
  }),

  'roster.at': handle('roster.at', {
    run: async ({ tx, input }) => {
      const at = new Date(input.at);
      const roster = await rosterAt(tx, at);
      // judged by the policy of that moment, not today's
      return roster ? rosterView(tx, roster, await policyAt(tx, at)) : null;
    },
  }),

  'roster.status': handle('roster.status', {
    run: async (call) => {
      const { actor, input } = call;
      const refused = statusChangeRefusal(actor!, input);
      if (refused) throw refuse(refused.reason);
      return managerChange(
        call,
        {
          type: 'status',
          consultant: input.consultant,
          status: input.status,
          approvedBy: input.approvedBy ?? null,
          reason: input.reason ?? null,
        },
        [input.consultant],
      );
    },
  }),

  'roster.swap': handle('roster.swap', {
    run: (call) => {
      const refused = swapRefusal(call.input.a, call.input.b);
      if (refused) throw refuse(refused.reason);
      return managerChange(call, { type: 'swap', a: call.input.a, b: call.input.b, reason: call.input.reason ?? null }, [
        call.input.a,
        call.input.b,
      ]);
    },
  }),

  'roster.move': handle('roster.move', {
    run: (call) =>
      managerChange(call, { type: 'move', consultant: call.input.consultant, to: call.input.to, reason: call.input.reason ?? null }, [
        call.input.consultant,
      ]),
  }),

  'roster.disqualify': handle('roster.disqualify', {
    run: (call) =>
      managerChange(call, { type: 'disqualify', consultant: call.input.consultant, reason: call.input.reason }, [call.input.consultant]),
  }),

  'roster.priority': handle('roster.priority', {
    run: (call) =>
      managerChange(call, { type: 'priority', consultant: call.input.consultant, reason: call.input.reason ?? null }, [
        call.input.consultant,
      ]),
  }),

  'roster.add': handle('roster.add', {
    run: async (call) => {
      await requireStaff(call.tx, call.input.consultant, ['consultant']);
      return managerChange(call, { type: 'added', consultant: call.input.consultant, reason: call.input.reason ?? null }, []);
    },
  }),

  'roster.remove': handle('roster.remove', {
    run: (call) =>
      managerChange(call, { type: 'removed', consultant: call.input.consultant, reason: call.input.reason }, [call.input.consultant]),
  }),
};
