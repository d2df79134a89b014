/**
 * Follow-up (R-TRK-1, 2): consultants log follow-ups on their customers with a grade and a next date; "today"
 * lists what is due or overdue and whose protection ends within 7 days; managers see every consultant's
 * customers and leave notes. A follow-up never renews protection — only visits do (R-OWN-2). Who may log or read
 * a customer's follow-ups, and on which days, is decided in src/domain/follow-up.ts.
 */
import { followUpsOf, followUpsOfCustomer, gradeLabels, managerNotesFor } from '../db/queries/follow-up';
import { customersRegisteredTo } from '../db/queries/lists';
import { customersByIds } from '../db/queries/mine';
import { activeConsultantIds } from '../db/queries/staff';
import { insertFollowUp, insertManagerNote, setGradeLabel } from '../db/writes/follow-up';
import type { ReadTx } from '../db/read-tx';
import { handle } from './handle';
import { refuse } from '../api/errors';
import type { Policy } from '../domain/policy';
import { followUpDue, followUpListRefusal, followUpLogRefusal } from '../domain/follow-up';
import { iso, officeDay } from '../domain/time';
import { requireStaff } from './common';
import { maskPhone } from './confidentiality';
import { requireCustomer } from './customers';
import { ownersAt, ownersOfMany, protectionLookback } from './history';
import { expiringProtections } from './registrations';

/** The customers a consultant owns now (any share), newest registration first. */
async function customersOf(tx: ReadTx, consultant: string, now: Date, policy: Policy): Promise<number[]> {
  const since = await protectionLookback(tx, now);
  const ids = await customersRegisteredTo(tx, consultant, iso(since));
  const owners = await ownersOfMany(tx, ids, now, policy);
  return ids.filter((id) => owners.get(id)!.some((o) => o.consultant === consultant));
}

/** The newest follow-up of each customer: its grade and next date stand for the customer. */
async function latestFollowUps(tx: ReadTx, customerIds: number[]) {
  const rows = await followUpsOf(tx, customerIds);
  const latest = new Map<number, (typeof rows)[number]>();
  for (const r of rows) latest.set(r.customer_id, r);
  return latest;
}

async function overviewOf(tx: ReadTx, consultant: string, now: Date, policy: Policy, showPhone: boolean) {
  const ids = await customersOf(tx, consultant, now, policy);
  const latest = await latestFollowUps(tx, ids);
  const customers = await customersByIds(tx, ids);
  const today = officeDay(now);
  return customers.map((c) => {
    const f = latest.get(c.id);
    return {
      customer: { ...c, phone: showPhone ? c.phone : maskPhone(c.phone) },
      consultant,
      grade: f?.grade ?? null,
      lastFollowUp: f ? { day: f.day, channel: f.channel, content: f.content } : null,
      nextDay: f?.next_day ?? null,
      ...followUpDue(f?.next_day, today),
    };
  });
}

export const followUpHandlers = {
  'followUp.log': handle('followUp.log', {
    run: async ({ tx, actor, input, now, policy }) => {
      await requireCustomer(tx, input.customer);
      const owners = await ownersAt(tx, input.customer, now, policy);
      const today = officeDay(now);
      const refused = followUpLogRefusal({
        actorId: actor!.id,
        customerId: input.customer,
        owners,
        today,
        day: input.day,
        nextDay: input.nextDay,
      });
      if (refused) throw refuse(refused.reason, refused.params);
      const on = input.day ?? today;
      const id = await insertFollowUp(
        tx,
        {
          customerId: input.customer,
          consultantId: actor!.id,
          day: on,
          channel: input.channel,
          content: input.content,
          nextDay: input.nextDay ?? null,
          grade: input.grade ?? null,
        },
        now,
      );
      return { id, customerId: input.customer };
    },
  }),

  'followUp.list': handle('followUp.list', {
    run: async ({ tx, actor, input, now, policy }) => {
      const refused = followUpListRefusal(actor!, input.customer, await ownersAt(tx, input.customer, now, policy));
      if (refused) throw refuse(refused.reason, refused.params);
      return followUpsOfCustomer(tx, input.customer);
    },
  }),

  'followUp.today': handle('followUp.today', {
    run: async ({ tx, actor, now, policy }) => {
      const all = await overviewOf(tx, actor!.id, now, policy, true);
      const notes = await managerNotesFor(tx, actor!.id);
      return {
        due: all.filter((x) => x.due).sort((a, b) => (a.nextDay ?? '').localeCompare(b.nextDay ?? '')),
        // own customers nobody has followed up yet: the first follow-up is the one most often forgotten
        untouched: all.filter((x) => !x.lastFollowUp),
        expiring: await expiringProtections(tx, now, policy, 7, actor!.id, actor!.id),
        notes,
        customers: all.length,
      };
    },
  }),

  'followUp.overview': handle('followUp.overview', {
    run: async ({ tx, input, now, policy }) => {
      const consultants = input.consultant ? [input.consultant] : await activeConsultantIds(tx);
      const rows = [];
      for (const c of consultants) rows.push(...(await overviewOf(tx, c, now, policy, true)));
      return rows.filter((r) => (!input.grade || r.grade === input.grade) && (!input.overdueOnly || r.overdue));
    },
  }),

  'followUp.note': handle('followUp.note', {
    run: async ({ tx, actor, input, now }) => {
      await requireStaff(tx, input.consultant, ['consultant']);
      if (input.customer !== undefined) await requireCustomer(tx, input.customer);
      return {
        id: await insertManagerNote(
          tx,
          { consultantId: input.consultant, customerId: input.customer ?? null, text: input.text, actorId: actor!.id },
          now,
        ),
      };
    },
  }),

  'grades.labels': handle('grades.labels', {
    // named: the office gave the grade its own word (grades.setLabel); until then the label is the one the
    // database was created with, and the renderer words the grade in the reader's language instead
    run: async ({ tx }) => (await gradeLabels(tx)).map((g) => ({ grade: g.grade, label: g.label, named: g.updated_by !== null })),
  }),

  'grades.setLabel': handle('grades.setLabel', {
    run: async ({ tx, actor, input, now }) => {
      await setGradeLabel(tx, input.grade, input.label, actor!.id, now);
      return { grade: input.grade, label: input.label };
    },
  }),
};
