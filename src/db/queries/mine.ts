/** The reads of a consultant's own commission and customers (src/services/mine.ts): plain facts, no decisions. */
import { iso } from '../../domain/time';
import type { ReadTx } from '../read-tx';

/** Customers with a registration in this consultant's name made after `since`: the only ones they can own now. */
export async function customersRegisteredBy(tx: ReadTx, consultant: string, since: Date, now: Date): Promise<number[]> {
  const rows = await tx
    .selectFrom('registrations')
    .select('customer_id')
    .distinct()
    .where('consultant_id', '=', consultant)
    .where('registered_at', '>', iso(since))
    .where('registered_at', '<=', iso(now))
    .orderBy('customer_id')
    .execute();
  return rows.map((r) => r.customer_id);
}

export async function customersByIds(tx: ReadTx, ids: readonly number[]) {
  return ids.length
    ? tx
        .selectFrom('customers')
        .select(['id', 'name', 'phone'])
        .where('id', 'in', [...ids])
        .orderBy('id')
        .execute()
    : [];
}

/** Each customer's newest follow-up by `now` (its grade and next day stand for the customer), by customer id. */
export async function latestFollowUpsOf(tx: ReadTx, ids: readonly number[], now: Date) {
  const rows = ids.length
    ? await tx
        .selectFrom('follow_ups')
        .select(['customer_id', 'day', 'grade', 'next_day'])
        .where('customer_id', 'in', [...ids])
        .where('at', '<=', iso(now))
        .orderBy('id')
        .execute()
    : [];
  const latest = new Map<number, (typeof rows)[number]>();
  for (const r of rows) latest.set(r.customer_id, r);
  return latest;
}

/** The deals signed in [start, end), with the customer's name and the unit as changed since (R-OWN-11), oldest first. */
export async function dealsSignedBetween(tx: ReadTx, start: Date, end: Date) {
  const deals = await tx
    .selectFrom('deals')
    .innerJoin('customers', 'customers.id', 'deals.customer_id')
    .select(['deals.id', 'deals.at', 'deals.unit', 'deals.customer_id', 'customers.name as customerName'])
    .where('deals.at', '>=', iso(start))
    .where('deals.at', '<', iso(end))
    .orderBy('deals.at')
    .orderBy('deals.id')
    .execute();
  const changes = deals.length
    ? await tx
        .selectFrom('deal_changes')
        .select(['deal_id', 'unit'])
        .where(
          'deal_id',
          'in',
          deals.map((d) => d.id),
        )
        .orderBy('id')
        .execute()
    : [];
  return deals.map((d) => ({ ...d, unit: changes.filter((c) => c.deal_id === d.id).reduce((u, c) => c.unit ?? u, d.unit) }));
}
