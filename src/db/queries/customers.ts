/** The reads of customer records (src/services/customers.ts, registrations.ts and the pages): plain facts, no decisions. */
import type { ReadTx } from '../read-tx';

export async function customerById(tx: ReadTx, customerId: number) {
  return tx.selectFrom('customers').selectAll().where('id', '=', customerId).executeTakeFirst();
}

/** Another record than `exceptId` under this phone key, if any. */
export async function otherCustomerWithPhoneKey(tx: ReadTx, key: string, exceptId: number) {
  return tx.selectFrom('customers').select(['id', 'name']).where('phone_key', '=', key).where('id', '!=', exceptId).executeTakeFirst();
}

/** Whether two records are already linked (identified or household), either way round. */
export async function linkBetween(tx: ReadTx, a: number, b: number): Promise<boolean> {
  const row = await tx
    .selectFrom('customer_links')
    .select('id')
    .where((eb) =>
      eb.or([
        eb.and([eb('customer_id', '=', a), eb('other_customer_id', '=', b)]),
        eb.and([eb('customer_id', '=', b), eb('other_customer_id', '=', a)]),
      ]),
    )
    .executeTakeFirst();
  return !!row;
}

/** The names and numbers of these customer records (a manager's lists show the numbers in full, R-SEC-1). */
export async function namesAndPhones(tx: ReadTx, customerIds: readonly number[]): Promise<Map<number, { name: string; phone: string }>> {
  if (!customerIds.length) return new Map();
  const rows = await tx
    .selectFrom('customers')
    .select(['id', 'name', 'phone'])
    .where('id', 'in', [...customerIds])
    .execute();
  return new Map(rows.map((r) => [r.id, { name: r.name, phone: r.phone }]));
}
