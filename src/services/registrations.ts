/** Registrations (R-OWN-3, 4): pending until the PM confirms; never edited, corrections are new records. */
import type { Kysely } from 'kysely';
import { z } from 'zod';
import { method } from '../api/define';
import { fail } from '../api/errors';
import { reason, recordId } from '../api/schemas';
import type { Database } from '../db/schema';
import type { Role } from '../domain/roles';
import { iso } from '../domain/time';
import { registrationFacts } from './ownership';

type Tx = Kysely<Database>;
const CONFIRMERS: readonly Role[] = ['project_manager', 'sales_director'];

/** The visit's registration now in force (the newest correction, else the original). */
export async function currentRegistration(tx: Tx, visitId: number, now: Date) {
  const regs = await tx.selectFrom('registrations').select(['id', 'customer_id']).where('visit_id', '=', visitId).orderBy('id').execute();
  if (regs.length === 0) throw fail.notFound(`找不到来访记录 ${visitId} 的登记`);
  const facts = await registrationFacts(tx, [regs[0]!.customer_id], now);
  const mine = facts.filter((f) => f.visitId === visitId);
  return { latest: mine[mine.length - 1]!, all: mine };
}

async function decide(tx: Tx, actorId: string, now: Date, visitId: number, decision: 'confirmed' | 'rejected', why: string | null) {
  const { latest } = await currentRegistration(tx, visitId, now);
  if (latest.status !== 'pending') {
    throw fail.invalidState(latest.status === 'confirmed' ? '这条登记已经确认过' : latest.status === 'rejected' ? '这条登记已经被驳回' : '这条登记已被更正，请处理更正后的记录');
  }
  await tx.insertInto('registration_decisions').values({ registration_id: latest.id, at: iso(now), decision, reason: why, actor_id: actorId }).execute();
  return { visitId, registrationId: latest.id, status: decision };
}

export const registrationMethods = {
  'registration.confirm': method({
    roles: CONFIRMERS,
    summary: '项目经理确认当天的来访登记，登记自此生效（R-OWN-3）',
    write: true,
    input: z.object({ visit: recordId }).strict(),
    run: ({ tx, actor, now, input }) => decide(tx, actor!.id, now, input.visit, 'confirmed', null),
  }),

  'registration.reject': method({
    roles: CONFIRMERS,
    summary: '项目经理驳回来访登记（不产生归属，R-OWN-3）',
    write: true,
    input: z.object({ visit: recordId, reason }).strict(),
    run: ({ tx, actor, now, input }) => decide(tx, actor!.id, now, input.visit, 'rejected', input.reason),
  }),

  'registration.day': method({
    roles: CONFIRMERS,
    summary: '某天的来访登记及其状态（项目经理每日确认用）',
    write: false,
    input: z.object({ day: z.iso.date({ error: '日期格式应为 YYYY-MM-DD' }) }).strict(),
    run: async ({ tx, now, input }) => {
      const rows = await tx
        .selectFrom('registrations')
        .innerJoin('visits', 'visits.id', 'registrations.visit_id')
        .innerJoin('customers', 'customers.id', 'registrations.customer_id')
        .innerJoin('staff', 'staff.id', 'registrations.consultant_id')
        .select(['registrations.visit_id', 'registrations.customer_id', 'customers.name as customerName', 'customers.phone', 'staff.name as consultantName', 'registrations.consultant_id', 'visits.reception', 'visits.at'])
        .where('registrations.registered_at', '>=', iso(new Date(`${input.day}T00:00:00`)))
        .where('registrations.registered_at', '<', iso(new Date(new Date(`${input.day}T00:00:00`).getTime() + 86_400_000)))
        .where('registrations.corrects_id', 'is', null)
        .orderBy('registrations.registered_at')
        .execute();
      const out = [];
      for (const r of rows) {
        const { latest } = await currentRegistration(tx, r.visit_id, now);
        out.push({ ...r, status: latest.status });
      }
      return out;
    },
  }),
};
