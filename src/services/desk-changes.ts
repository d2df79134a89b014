/** Changing who receives a visit in progress: a customer's switch (R-OWN-13, 14) or refusal (R-OWN-12, R-ROS-10). */
import type { Kysely } from 'kysely';
import { handle } from './handle';
import { refuse } from '../api/errors';
import { visitState } from '../db/queries/desk';
import type { Database } from '../db/schema';
import { insertReassignment, insertVisitEvent } from '../db/writes/desk';
import { decideRefusal, decideSwitch } from '../domain/reception-change';
import { receptionChangeRefusal } from '../domain/desk-access';
import { loadActor, staffNames } from './common';
import { currentRegistration } from './registrations';
import { rosterView } from './roster';
import { serveWaiting } from './reception';
import { appendRosterEvent, todaysRoster } from './roster-store';

type Tx = Kysely<Database>;

/** The visit, still open, on today's roster, with who is receiving it now. */
async function openVisit(tx: Tx, visitId: number, now: Date) {
  const found = await visitState(tx, visitId);
  if (!found) throw refuse('visit_not_found', { visitId });
  const roster = await todaysRoster(tx, now);
  const refused = receptionChangeRefusal({ finished: found.finished, rosterId: found.visit.roster_id }, roster?.id ?? null);
  if (refused) throw refuse(refused);
  return { visit: found.visit, roster: roster!, receiver: found.receiver };
}

export const deskChangeHandlers = {
  'desk.switch': handle('desk.switch', {
    run: async ({ tx, actor, input, now, policy }) => {
      const { visit, roster, receiver } = await openVisit(tx, input.visit, now);
      const a = await loadActor(tx, input.to);
      const decision = decideSwitch(roster.state, receiver, {
        id: input.to,
        name: a?.name ?? null,
        consultant: !!a?.roles.includes('consultant'),
      });
      if (decision.kind === 'refused') throw refuse(decision.reason, decision.params);
      const named = { id: decision.to, name: a!.name };
      await insertVisitEvent(
        tx,
        visit.id,
        'handover',
        { kind: 'switch', from: receiver, to: named.id, solicited: !!input.solicited },
        actor!.id,
        now,
      );
      let next = await appendRosterEvent(tx, roster, { type: 'handover', visitId: visit.id, from: receiver, to: named.id }, actor!.id, now);
      next = await serveWaiting(tx, next, actor!.id, now, policy);
      return {
        visitId: visit.id,
        from: receiver,
        receivedBy: { id: named.id, name: named.name },
        roster: await rosterView(tx, next, policy),
      };
    },
  }),

  'desk.refuse': handle('desk.refuse', {
    run: async ({ tx, actor, input, now, policy }) => {
      const { visit, roster, receiver } = await openVisit(tx, input.visit, now);
      const decision = decideRefusal(roster.state, { fault: input.fault, insist: !!input.insist }, policy);
      if (decision.kind === 'refused') throw refuse(decision.reason, decision.params);
      if (decision.kind === 'kept') {
        await insertVisitEvent(
          tx,
          visit.id,
          'refusal',
          { fault: input.fault, outcome: decision.outcome, consultant: receiver },
          actor!.id,
          now,
        );
        return {
          visitId: visit.id,
          outcome: decision.outcome,
          receivedBy: { id: receiver, name: (await staffNames(tx, [receiver]))[receiver] ?? receiver },
        };
      }
      const pick = { consultant: decision.to, lostTurns: decision.lostTurns };
      await insertVisitEvent(
        tx,
        visit.id,
        'handover',
        { kind: 'refuse', from: receiver, to: pick.consultant, fault: input.fault, insist: !!input.insist },
        actor!.id,
        now,
      );
      let next = await appendRosterEvent(
        tx,
        roster,
        { type: 'handover', visitId: visit.id, from: receiver, to: pick.consultant, turnUsed: true, lostTurns: pick.lostTurns },
        actor!.id,
        now,
      );
      next = await appendRosterEvent(
        tx,
        next,
        { type: 'void', visitId: visit.id, consultant: receiver, reason: 'R-ROS-10' },
        actor!.id,
        now,
      );
      if (input.priorityTurn)
        next = await appendRosterEvent(tx, next, { type: 'priority', consultant: receiver, reason: 'R-ROS-10' }, actor!.id, now);
      next = await serveWaiting(tx, next, actor!.id, now, policy);
      // The customer is treated as new: the registration is corrected to the new receiver; the refused consultant keeps no rights.
      const { latest } = await currentRegistration(tx, visit.id, now);
      await insertReassignment(tx, {
        visitId: visit.id,
        customerId: visit.customer_id,
        consultant: pick.consultant,
        corrects: latest.id,
        reason: { code: 'refusal_reassigned', params: { from: receiver } },
        actorId: actor!.id,
        now,
      });
      const names = await staffNames(tx, [pick.consultant]);
      return {
        visitId: visit.id,
        outcome: 'reassigned' as const,
        receivedBy: { id: pick.consultant, name: names[pick.consultant] ?? pick.consultant },
        roster: await rosterView(tx, next, policy),
      };
    },
  }),
};
