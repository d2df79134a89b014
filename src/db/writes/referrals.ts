/** The writes of employee referrals and company clients (src/services/referrals.ts). */
import type { Kysely } from 'kysely';
import type { Database } from '../schema';
import { iso } from '../../domain/time';

type Tx = Kysely<Database>;

/** R-REF-1: an employee's referral of a customer for an appointment day. */
export async function insertReferral(
  tx: Tx,
  r: { referrerId: string; customerId: number; appointment: string; actorId: string },
  now: Date,
): Promise<number> {
  const row = await tx
    .insertInto('referrals')
    .values({ referrer_id: r.referrerId, customer_id: r.customerId, appointment: r.appointment, at: iso(now), actor_id: r.actorId })
    .returning('id')
    .executeTakeFirstOrThrow();
  return row.id;
}

/** R-REF-3: the PM confirms a referral against the customer's visit; it is valid from now. */
export async function insertReferralConfirmed(tx: Tx, referralId: number, visitId: number, actorId: string, now: Date): Promise<void> {
  await tx
    .insertInto('referral_events')
    .values({ referral_id: referralId, type: 'valid', visit_id: visitId, reason: null, at: iso(now), actor_id: actorId })
    .execute();
}

/** R-CO-1: a customer registered as the company's client, introduced by whom. */
export async function insertCompanyClient(
  tx: Tx,
  c: { customerId: number; introducedBy: string; actorId: string },
  now: Date,
): Promise<number> {
  const row = await tx
    .insertInto('company_clients')
    .values({ customer_id: c.customerId, introduced_by: c.introducedBy, at: iso(now), actor_id: c.actorId })
    .returning('id')
    .executeTakeFirstOrThrow();
  return row.id;
}
