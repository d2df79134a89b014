/** The reads of employee referrals (src/services/referrals.ts): plain facts, no decisions. */
import type { ReferralStatus } from '../../domain/referral';
import { iso } from '../../domain/time';
import type { ReadTx } from '../read-tx';

export async function referralById(tx: ReadTx, referralId: number) {
  return tx.selectFrom('referrals').selectAll().where('id', '=', referralId).executeTakeFirst();
}

/** The status the PM last recorded on a referral by `now` (valid, void, refused), or null. */
export async function recordedReferralStatus(tx: ReadTx, referralId: number, now: Date): Promise<ReferralStatus | null> {
  const ev = await tx
    .selectFrom('referral_events')
    .select('type')
    .where('referral_id', '=', referralId)
    .where('at', '<=', iso(now))
    .orderBy('id', 'desc')
    .limit(1)
    .executeTakeFirst();
  // an event's type is the status it records (referral.confirm writes 'valid')
  return (ev?.type as ReferralStatus | undefined) ?? null;
}

/** Whether the customer has a visit on this office day (yyyy-MM-dd). */
export async function visitedOnDay(tx: ReadTx, customerId: number, day: string): Promise<boolean> {
  const start = new Date(`${day}T00:00:00`);
  const row = await tx
    .selectFrom('visits')
    .select('id')
    .where('customer_id', '=', customerId)
    .where('at', '>=', iso(start))
    .where('at', '<', iso(new Date(start.getTime() + 86_400_000)))
    .limit(1)
    .executeTakeFirst();
  return !!row;
}

/** The referrals of these customers, oldest first. */
export async function referralsOf(tx: ReadTx, customerIds: readonly number[]) {
  return tx
    .selectFrom('referrals')
    .select(['id', 'referrer_id'])
    .where('customer_id', 'in', [...customerIds])
    .orderBy('id')
    .execute();
}

/** The visit a referral is confirmed against: whose it is and when. */
export async function visitById(tx: ReadTx, visitId: number) {
  return tx.selectFrom('visits').select(['customer_id', 'at']).where('id', '=', visitId).executeTakeFirst();
}
