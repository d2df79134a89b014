/**
 * Follow-up (R-TRK-1, 2): consultants log follow-ups on their customers with a grade and a next date; "today"
 * lists what is due or overdue and whose protection ends within 7 days; managers see every consultant's
 * customers and leave notes. A follow-up never renews protection — only visits do (R-OWN-2).
 */
import { registeredTo } from '../db/queries/lists';
import type { ReadTx } from '../db/read-tx';
import { handle } from './handle';
import { refuse } from '../api/errors';
import type { Policy } from '../domain/policy';
import { MANAGERS } from '../domain/roles';
import { iso, officeDay } from '../domain/time';
import { requireStaff } from './common';
import { maskPhone } from './confidentiality';
import { requireCustomer } from './customers';
import { hasRole } from './context';
import { ownersAt, ownersOfMany, protectionLookback } from './history';
import { expiringProtections } from './registrations';

/** The customers a consultant owns now (any share), newest registration first. */
async function customersOf(tx: ReadTx, consultant: string, now: Date, policy: Policy): Promise<number[]> {
  const since = await protectionLookback(tx, now);
  const rows = await registeredTo(tx, consultant, iso(since)).distinct().execute();
  const owners = await ownersOfMany(tx, rows.map((r) => r.customer_id), now, policy);
  return rows.map((r) => r.customer_id).filter((id) => owners.get(id)!.some((o) => o.consultant === consultant));
}

/** The newest follow-up of each customer: its grade and next date stand for the customer. */
async function latestFollowUps(tx: ReadTx, customerIds: number[]) {
  const rows = customerIds.length ? await tx.selectFrom('follow_ups').selectAll().where('customer_id', 'in', customerIds).orderBy('id').execute() : [];
  const latest = new Map<number, (typeof rows)[number]>();
  for (const r of rows) latest.set(r.customer_id, r);
  return latest;
}

async function overviewOf(tx: ReadTx, consultant: string, now: Date, policy: Policy, showPhone: boolean) {
  const ids = await customersOf(tx, consultant, now, policy);
  const latest = await latestFollowUps(tx, ids);
  const customers = ids.length ? await tx.selectFrom('customers').select(['id', 'name', 'phone']).where('id', 'in', ids).execute() : [];
  const today = officeDay(now);
  return customers.map((c) => {
    const f = latest.get(c.id);
    return {
      customer: { ...c, phone: showPhone ? c.phone : maskPhone(c.phone) },
      consultant,
      grade: f?.grade ?? null,
      lastFollowUp: f ? { day: f.day, channel: f.channel, content: f.content } : null,
      nextDay: f?.next_day ?? null,
      overdue: !!f?.next_day && f.next_day < today,
      due: !!f?.next_day && f.next_day <= today,
    };
  });
}

export const followUpHandlers = {
  'followUp.log': handle('followUp.log', {
    run: async ({ tx, actor, input, now, policy }) => {
      await requireCustomer(tx, input.customer);
      const owners = (await ownersAt(tx, input.customer, now, policy)).map((o) => o.consultant);
      if (!owners.includes(actor!.id)) throw refuse('follow_up_not_owner', { customerId: input.customer });
      const today = officeDay(now);
      const on = input.day ?? today;
      if (on > today) throw refuse('follow_up_day_future', { followUpDay: on, todayDay: today });
      if (input.nextDay && input.nextDay < on) throw refuse('follow_up_next_before', { followUpDay: on, nextDay: input.nextDay });
      const row = await tx
        .insertInto('follow_ups')
        .values({ customer_id: input.customer, consultant_id: actor!.id, day: on, channel: input.channel, content: input.content, next_day: input.nextDay ?? null, grade: input.grade ?? null, at: iso(now) })
        .returning('id')
        .executeTakeFirstOrThrow();
      return { id: row.id, customerId: input.customer };
    },
  }),

  'followUp.list': handle('followUp.list', {
    run: async ({ tx, actor, input, now, policy }) => {
      if (!hasRole(actor, MANAGERS) && !(await ownersAt(tx, input.customer, now, policy)).some((o) => o.consultant === actor!.id)) {
        throw refuse('follow_up_list_not_owner', { customerId: input.customer });
      }
      return tx.selectFrom('follow_ups').selectAll().where('customer_id', '=', input.customer).orderBy('id', 'desc').execute();
    },
  }),

  'followUp.today': handle('followUp.today', {
    run: async ({ tx, actor, now, policy }) => {
      const all = await overviewOf(tx, actor!.id, now, policy, true);
      const notes = await tx
        .selectFrom('manager_notes')
        .innerJoin('staff', 'staff.id', 'manager_notes.actor_id')
        .leftJoin('customers', 'customers.id', 'manager_notes.customer_id')
        .select(['manager_notes.id', 'manager_notes.customer_id', 'customers.name as customerName', 'manager_notes.text', 'manager_notes.at', 'staff.name as fromName'])
        .where('manager_notes.consultant_id', '=', actor!.id)
        .orderBy('manager_notes.id', 'desc')
        .limit(20)
        .execute();
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
      const consultants = input.consultant
        ? [input.consultant]
        : (await tx.selectFrom('staff_roles').innerJoin('staff', 'staff.id', 'staff_roles.staff_id').select('staff.id').where('staff_roles.role', '=', 'consultant').where('staff.active', '=', 1).orderBy('staff.id').execute()).map((r) => r.id);
      const rows = [];
      for (const c of consultants) rows.push(...(await overviewOf(tx, c, now, policy, true)));
      return rows.filter((r) => (!input.grade || r.grade === input.grade) && (!input.overdueOnly || r.overdue));
    },
  }),

  'followUp.note': handle('followUp.note', {
    run: async ({ tx, actor, input, now }) => {
      await requireStaff(tx, input.consultant, ['consultant']);
      if (input.customer !== undefined) await requireCustomer(tx, input.customer);
      const row = await tx.insertInto('manager_notes').values({ consultant_id: input.consultant, customer_id: input.customer ?? null, text: input.text, at: iso(now), actor_id: actor!.id }).returning('id').executeTakeFirstOrThrow();
      return { id: row.id };
    },
  }),

  'grades.labels': handle('grades.labels', {
    run: async ({ tx }) => tx.selectFrom('grade_labels').select(['grade', 'label']).orderBy('grade').execute(),
  }),

  'grades.setLabel': handle('grades.setLabel', {
    run: async ({ tx, actor, input, now }) => {
      await tx.updateTable('grade_labels').set({ label: input.label, updated_at: iso(now), updated_by: actor!.id }).where('grade', '=', input.grade).execute();
      return { grade: input.grade, label: input.label };
    },
  }),
};
