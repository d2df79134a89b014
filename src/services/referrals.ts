/** Employee referrals (R-REF-1 … 4) and company clients (R-CO-1). */
import type { Kysely } from 'kysely';
import type { ReadTx } from '../db/read-tx';
import { handle } from './handle';
import { refuse } from '../api/errors';
import type { Database } from '../db/schema';
import { phoneKey } from '../domain/phone';
import type { Policy } from '../domain/policy';
import { officeDay } from '../domain/time';
import { requireStaff, staffNames } from './common';
import { createCustomer } from './reception';
import { customerHistory } from './history';
import {
  claimBlocker,
  decideReferralConfirm,
  referralStatusOf,
  refuseAppointment,
  refuseSecondReferral,
  type ReferralStatus,
} from '../domain/referral';
import { customerByPhone } from '../db/queries/desk';
import { insertCompanyClient, insertReferral, insertReferralConfirmed } from '../db/writes/referrals';
import { recordedReferralStatus, referralById, referralsOf, visitById, visitedOnDay } from '../db/queries/referrals';

type Tx = Kysely<Database>;

/** A customer a consultant registered and still protects, under any of their records, cannot be claimed by anyone else (R-REF-3, R-CO-1). */
async function refuseIfProtected(
  tx: Tx,
  customerPhone: string,
  now: Date,
  policy: Policy,
  claim: 'referral' | 'company',
): Promise<number | null> {
  const existing = await customerByPhone.first(tx, { key: phoneKey(customerPhone) });
  if (!existing) return null;
  const blocker = claimBlocker(await customerHistory(tx, existing.id, now), existing.id, now, policy);
  if (!blocker) return existing.id;
  const reg = blocker.registration;
  const names = await staffNames(tx, [reg.consultant]);
  const facts = {
    claim,
    customerId: existing.id,
    customerName: existing.name,
    staffId: reg.consultant,
    name: names[reg.consultant] ?? reg.consultant,
    registeredDay: officeDay(reg.at),
    registrationId: reg.id,
  };
  throw blocker.until
    ? refuse('customer_protected', { ...facts, untilDay: officeDay(blocker.until) }, { registrationId: reg.id })
    : refuse('customer_registered_pending', facts, { registrationId: reg.id });
}

/** The status now (R-REF-2, 4), decided by `referralStatusOf` from what was recorded and whether the customer came. */
export async function referralStatus(tx: ReadTx, referralId: number, now: Date): Promise<ReferralStatus> {
  const r = await referralById(tx, referralId);
  if (!r) throw refuse('referral_not_found', { referralId });
  const recorded = await recordedReferralStatus(tx, r.id, now);
  const cameOnAppointment = recorded === null && (await visitedOnDay(tx, r.customer_id, r.appointment));
  return referralStatusOf({ recorded, appointmentDay: r.appointment, cameOnAppointment }, now);
}

/** The valid referral of a customer, if any (R-REF-5). */
export async function validReferral(
  tx: ReadTx,
  customerIds: readonly number[],
  now: Date,
): Promise<{ id: number; referrer: string } | null> {
  if (customerIds.length === 0) return null;
  for (const r of await referralsOf(tx, customerIds))
    if ((await referralStatus(tx, r.id, now)) === 'valid') return { id: r.id, referrer: r.referrer_id };
  return null;
}

export const referralHandlers = {
  'referral.register': handle('referral.register', {
    run: async ({ tx, actor, input, now, policy }) => {
      await requireStaff(tx, input.referrer);
      const past = refuseAppointment(input.appointment, now);
      if (past) throw refuse(past.reason, past.params);
      const existing = await refuseIfProtected(tx, input.customer.phone, now, policy, 'referral');
      const customerId = existing ?? (await createCustomer(tx, input.customer, actor!.id, now));
      const others = [];
      for (const o of await referralsOf(tx, [customerId])) others.push({ id: o.id, status: await referralStatus(tx, o.id, now) });
      const second = refuseSecondReferral(others);
      if (second) throw refuse(second.reason, second.params);
      const id = await insertReferral(
        tx,
        { referrerId: input.referrer, customerId, appointment: input.appointment, actorId: actor!.id },
        now,
      );
      return { id, customerId, status: 'pending' as ReferralStatus };
    },
  }),

  'referral.confirm': handle('referral.confirm', {
    run: async ({ tx, actor, input, now }) => {
      const status = await referralStatus(tx, input.referral, now);
      const r = (await referralById(tx, input.referral))!;
      const visit = await visitById(tx, input.visit);
      const decision = decideReferralConfirm(
        { id: r.id, customerId: r.customer_id, appointmentDay: r.appointment, status },
        visit ? { id: input.visit, customerId: visit.customer_id, at: new Date(visit.at) } : null,
        input.visit,
      );
      if (decision.kind === 'refused') throw refuse(decision.reason, decision.params);
      await insertReferralConfirmed(tx, r.id, input.visit, actor!.id, now);
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
      const id = await insertCompanyClient(tx, { customerId, introducedBy: input.introducedBy, actorId: actor!.id }, now);
      return { id, customerId };
    },
  }),
};
