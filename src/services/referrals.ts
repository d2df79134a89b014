/** Employee referrals (R-REF-1 … 4) and company clients (R-CO-1). */
import type { Kysely } from 'kysely';
import type { ReadTx } from '../db/read-tx';
import { handle } from './handle';
import { refuse } from '../api/errors';
import type { Database } from '../db/schema';
import { phoneKey } from '../domain/phone';
import type { Policy } from '../domain/policy';
import { iso, officeDay } from '../domain/time';
import { requireStaff, staffNames } from './common';
import { createCustomer } from './reception';
import { ownershipOf } from '../domain/ownership';
import { customerHistory } from './history';
import { personAt } from '../domain/person';

type Tx = Kysely<Database>;

export type ReferralStatus = 'pending' | 'valid' | 'lapsed' | 'void' | 'refused';

/** A customer a consultant registered and still protects, under any of their records, cannot be claimed by anyone else (R-REF-3, R-CO-1). */
async function refuseIfProtected(tx: Tx, customerPhone: string, now: Date, policy: Policy, claim: 'referral' | 'company'): Promise<number | null> {
  const existing = await tx.selectFrom('customers').select(['id', 'name']).where('phone_key', '=', phoneKey(customerPhone)).orderBy('id').limit(1).executeTakeFirst();
  if (!existing) return null;
  // The person, not the record: protected under their other number is protected (R-OWN-8). A spouse's
  // registration does not make this customer a registered one.
  const history = await customerHistory(tx, existing.id, now);
  const person = personAt({ ...history, households: [] }, existing.id, now, policy);
  const own = ownershipOf(history.registrations.filter((r) => person.records.includes(r.customerId)), now, policy);
  const p = person.protection;
  const pending = own.pendingToday[0];
  if (p || pending) {
    const reg = p?.first ?? pending!;
    const names = await staffNames(tx, [reg.consultant]);
    const facts = { claim, customerId: existing.id, customerName: existing.name, staffId: reg.consultant, name: names[reg.consultant] ?? reg.consultant, registeredDay: officeDay(reg.at), registrationId: reg.id };
    throw p ? refuse('customer_protected', { ...facts, untilDay: officeDay(p.until) }, { registrationId: reg.id }) : refuse('customer_registered_pending', facts, { registrationId: reg.id });
  }
  return existing.id;
}

/** The status now: valid/void/refused when recorded; otherwise pending until the appointment day is over (R-REF-2, 4). */
export async function referralStatus(tx: ReadTx, referralId: number, now: Date): Promise<ReferralStatus> {
  const r = await tx.selectFrom('referrals').selectAll().where('id', '=', referralId).executeTakeFirst();
  if (!r) throw refuse('referral_not_found', { referralId });
  const ev = await tx.selectFrom('referral_events').select('type').where('referral_id', '=', r.id).where('at', '<=', iso(now)).orderBy('id', 'desc').limit(1).executeTakeFirst();
  if (ev) return ev.type as ReferralStatus;
  if (officeDay(now) <= r.appointment) return 'pending';
  // The appointment day is over. The customer came but nobody confirmed the referral → void (R-REF-4); never came → lapsed (R-REF-2).
  const came = await tx
    .selectFrom('visits')
    .select('id')
    .where('customer_id', '=', r.customer_id)
    .where('at', '>=', iso(new Date(`${r.appointment}T00:00:00`)))
    .where('at', '<', iso(new Date(new Date(`${r.appointment}T00:00:00`).getTime() + 86_400_000)))
    .limit(1)
    .executeTakeFirst();
  return came ? 'void' : 'lapsed';
}

/** The valid referral of a customer, if any (R-REF-5). */
export async function validReferral(tx: ReadTx, customerIds: readonly number[], now: Date): Promise<{ id: number; referrer: string } | null> {
  if (customerIds.length === 0) return null;
  const rows = await tx.selectFrom('referrals').select(['id', 'referrer_id']).where('customer_id', 'in', [...customerIds]).orderBy('id').execute();
  for (const r of rows) if ((await referralStatus(tx, r.id, now)) === 'valid') return { id: r.id, referrer: r.referrer_id };
  return null;
}

export const referralHandlers = {
  'referral.register': handle('referral.register', {
    run: async ({ tx, actor, input, now, policy }) => {
      await requireStaff(tx, input.referrer);
      if (input.appointment < officeDay(now)) throw refuse('appointment_in_past', { appointmentDay: input.appointment, todayDay: officeDay(now) });
      const existing = await refuseIfProtected(tx, input.customer.phone, now, policy, 'referral');
      const customerId = existing ?? (await createCustomer(tx, input.customer, actor!.id, now));
      const open = await tx.selectFrom('referrals').select('id').where('customer_id', '=', customerId).execute();
      for (const o of open) if ((await referralStatus(tx, o.id, now)) === 'pending') throw refuse('referral_pending_exists', { referralId: o.id });
      const row = await tx
        .insertInto('referrals')
        .values({ referrer_id: input.referrer, customer_id: customerId, appointment: input.appointment, at: iso(now), actor_id: actor!.id })
        .returning('id')
        .executeTakeFirstOrThrow();
      return { id: row.id, customerId, status: 'pending' as ReferralStatus };
    },
  }),

  'referral.confirm': handle('referral.confirm', {
    run: async ({ tx, actor, input, now }) => {
      const status = await referralStatus(tx, input.referral, now);
      if (status !== 'pending') throw refuse('referral_not_pending', { referralId: input.referral, status });
      const r = (await tx.selectFrom('referrals').selectAll().where('id', '=', input.referral).executeTakeFirst())!;
      const visit = await tx.selectFrom('visits').select(['customer_id', 'at']).where('id', '=', input.visit).executeTakeFirst();
      if (!visit) throw refuse('visit_not_found', { visitId: input.visit });
      if (visit.customer_id !== r.customer_id) throw refuse('referral_visit_other_customer', { visitId: input.visit, referralId: r.id });
      if (officeDay(new Date(visit.at)) !== r.appointment) throw refuse('referral_visit_not_on_appointment', { referralId: r.id, appointmentDay: r.appointment, visitDay: officeDay(new Date(visit.at)) });
      await tx.insertInto('referral_events').values({ referral_id: r.id, type: 'valid', visit_id: input.visit, reason: null, at: iso(now), actor_id: actor!.id }).execute();
      return { id: r.id, status: 'valid' as ReferralStatus };
    },
  }),

  'referral.status': handle('referral.status', {
    run: async ({ tx, input, now }) => ({ id: input.referral, status: await referralStatus(tx, input.referral, now) }),
  }),

  'company.register': handle('company.register', {
    run: async ({ tx, actor, input, now, policy }) => {
      const existing = await refuseIfProtected(tx, input.customer.phone, now, policy, 'company');
      const customerId = existing ?? (await createCustomer(tx, input.customer, actor!.id, now));
      const row = await tx.insertInto('company_clients').values({ customer_id: customerId, introduced_by: input.introducedBy, at: iso(now), actor_id: actor!.id }).returning('id').executeTakeFirstOrThrow();
      return { id: row.id, customerId };
    },
  }),
};
