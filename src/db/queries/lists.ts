/** The reads behind the lists screens page through (src/services/lists.ts, follow-up.ts): plain facts, no decisions. */
import { sql } from 'kysely';
import type { ReadTx } from '../read-tx';

/**
 * The customer records registered to `consultant` after `since` (an ISO instant): the only ones they can own
 * now, once `since` reaches back a whole protection period (services/history.ts protectionLookback). Whether
 * they do is the domain's decision. A subquery as well as a read: the customer search filters by it, the
 * follow-up lists read it.
 */
export function registeredTo(tx: ReadTx, consultant: string, since: string) {
  return tx.selectFrom('registrations').select('customer_id').where('consultant_id', '=', consultant).where('registered_at', '>', since);
}

/**
 * The records linked to one `registeredTo` gives (a spouse's, or the same person's other record: R-OWN-8,
 * R-OWN-10), which may share its owner. Two subqueries, as a link is stored one way round.
 */
export function linkedToRegisteredTo(tx: ReadTx, consultant: string, since: string) {
  const mine = (side: 'customer_links.customer_id' | 'customer_links.other_customer_id') =>
    tx
      .selectFrom('customer_links')
      .innerJoin('registrations', 'registrations.customer_id', side)
      .where('registrations.consultant_id', '=', consultant)
      .where('registrations.registered_at', '>', since);
  return [
    mine('customer_links.customer_id').select('customer_links.other_customer_id'),
    mine('customer_links.other_customer_id').select('customer_links.customer_id'),
  ] as const;
}

/** Every dispute, newest first, with its deal's unit and the customer it is about (its own, or its deal's). */
export async function disputeRows(tx: ReadTx) {
  return tx
    .selectFrom('disputes')
    .leftJoin('deals', 'deals.id', 'disputes.deal_id')
    .leftJoin('customers', (j) => j.on(sql`customers.id`, '=', sql`coalesce(disputes.customer_id, deals.customer_id)`))
    .select([
      'disputes.id',
      'disputes.deal_id',
      'disputes.customer_id',
      'disputes.claim',
      'disputes.raised_by',
      'disputes.at',
      'deals.unit',
      'customers.name as customerName',
    ])
    .orderBy('disputes.id', 'desc')
    .execute();
}
