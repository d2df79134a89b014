/** The reads of ownership disputes (src/services/disputes.ts): plain facts, no decisions. */
import { iso } from '../../domain/time';
import type { ReadTx } from '../read-tx';

/** A dispute raised by `now`, and its steps by then in order. */
export async function disputeWithSteps(tx: ReadTx, disputeId: number, now: Date) {
  const dispute = await tx.selectFrom('disputes').selectAll().where('id', '=', disputeId).where('at', '<=', iso(now)).executeTakeFirst();
  if (!dispute) return null;
  const steps = await tx
    .selectFrom('dispute_steps')
    .selectAll()
    .where('dispute_id', '=', dispute.id)
    .where('at', '<=', iso(now))
    .orderBy('id')
    .execute();
  return { dispute, steps };
}

/** The disputes raised by `now` over this deal or over the ownership of any of these records, in id order. */
export async function disputesAbout(tx: ReadTx, dealId: number, records: readonly number[], now: Date) {
  return tx
    .selectFrom('disputes')
    .select(['id', 'deal_id', 'at'])
    .where((eb) => eb.or([eb('deal_id', '=', dealId), eb('customer_id', 'in', [...records])]))
    .where('at', '<=', iso(now))
    .orderBy('id')
    .execute();
}

/** A deal's customer, moment and whether it was closed on the spot. */
export async function dealFacts(tx: ReadTx, dealId: number) {
  return tx.selectFrom('deals').select(['id', 'customer_id', 'at', 'on_spot', 'unit']).where('id', '=', dealId).executeTakeFirst();
}

/** The deals of these customer records (every one, whenever signed), in the order they were signed. */
export async function dealFactsOfCustomers(tx: ReadTx, customerIds: readonly number[]) {
  return tx
    .selectFrom('deals')
    .select(['id', 'customer_id', 'at', 'on_spot', 'unit'])
    .where('customer_id', 'in', [...customerIds])
    .orderBy('at')
    .orderBy('id')
    .execute();
}

export async function customerName(tx: ReadTx, customerId: number) {
  return tx.selectFrom('customers').select(['id', 'name']).where('id', '=', customerId).executeTakeFirst();
}
