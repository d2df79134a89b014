/** The reads of deals and their splits (src/services/deals.ts): plain facts, no decisions. */
import type { Selectable } from 'kysely';
import { inJson, precompiled } from '../precompiled';
import type { ReadTx } from '../read-tx';
import type { Database } from '../schema';
import { iso } from '../../domain/time';

export type DealRow = Selectable<Database['deals']>;

/** These deals, by id; unknown ids are left out. */
export async function dealsByIds(tx: ReadTx, dealIds: readonly number[]): Promise<DealRow[]> {
  return tx
    .selectFrom('deals')
    .selectAll()
    .where('id', 'in', inJson(JSON.stringify(dealIds)))
    .orderBy('id')
    .execute();
}

/** The deals signed in [start, end), in signing order. */
export async function dealsBetween(tx: ReadTx, start: Date, end: Date): Promise<DealRow[]> {
  return tx.selectFrom('deals').selectAll().where('at', '>=', iso(start)).where('at', '<', iso(end)).orderBy('at').orderBy('id').execute();
}

const carveRows = precompiled((db, p: { ids: readonly number[] }) =>
  db
    .selectFrom('company_clients')
    .select('customer_id')
    .where('customer_id', 'in', inJson(p.ids))
    .union((eb) => eb.selectFrom('referrals').select('customer_id').where('customer_id', 'in', inJson(p.ids))),
);

/** Of these customer records, those with a company-client record or a referral: only their deals can have carve-outs. */
export async function carveCandidates(tx: ReadTx, ids: readonly number[]): Promise<Set<number>> {
  return new Set((await carveRows.all(tx, { ids })).map((r) => r.customer_id));
}

/** Whether any of these customer records is registered as a company client (R-CO-1). */
export async function anyCompanyClient(tx: ReadTx, customerIds: readonly number[]): Promise<boolean> {
  return !!(await tx
    .selectFrom('company_clients')
    .select('id')
    .where('customer_id', 'in', [...customerIds])
    .limit(1)
    .executeTakeFirst());
}

/**
 * Whether any of these customer records had a voluntary reception registered in its receiver's own name: the
 * desk records one only when the leadership named the receiver (R-ROS-12).
 */
export async function anyLeadershipNamedVisit(tx: ReadTx, customerIds: readonly number[]): Promise<boolean> {
  return !!(await tx
    .selectFrom('visits')
    .select('id')
    .where('customer_id', 'in', [...customerIds])
    .where('reception', '=', 'voluntary')
    .whereRef('registered_for', '=', 'consultant_id')
    .limit(1)
    .executeTakeFirst());
}

/** The disputes raised by `now`: the deal or the customer record each is about (disputes are few). */
export async function disputeSubjects(tx: ReadTx, now: Date): Promise<{ deal_id: number | null; customer_id: number | null }[]> {
  return tx.selectFrom('disputes').select(['deal_id', 'customer_id']).where('at', '<=', iso(now)).execute();
}
