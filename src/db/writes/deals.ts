/** The writes of deals (src/services/deals.ts): a signed deal, and a later change of its buyer or unit. */
import type { Kysely } from 'kysely';
import type { Database } from '../schema';
import { iso } from '../../domain/time';

type Tx = Kysely<Database>;

export async function insertDeal(
  tx: Tx,
  d: {
    customerId: number;
    unit: string;
    price: number;
    commission: number;
    onSpot: boolean;
    companyMode: string | null;
    afterSales: string | null;
    actorId: string;
    now: Date;
  },
): Promise<number> {
  const row = await tx
    .insertInto('deals')
    .values({
      customer_id: d.customerId,
      unit: d.unit,
      price: d.price,
      commission: d.commission,
      on_spot: d.onSpot ? 1 : 0,
      company_mode: d.companyMode,
      after_sales_id: d.afterSales,
      at: iso(d.now),
      recorded_by: d.actorId,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  return row.id;
}

/** R-OWN-11: a change of buyer name or unit, kept beside the deal (the deal row itself is never altered). */
export async function insertDealChange(
  tx: Tx,
  c: { dealId: number; buyerName: string | null; unit: string | null; actorId: string; now: Date },
): Promise<void> {
  await tx
    .insertInto('deal_changes')
    .values({ deal_id: c.dealId, buyer_name: c.buyerName, unit: c.unit, at: iso(c.now), actor_id: c.actorId })
    .execute();
}
