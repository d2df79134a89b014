/** The writes of customer facts beside visits (src/services/customers.ts, registrations.ts). */
import type { Kysely } from 'kysely';
import type { Database } from '../schema';
import { nameInitials, nameKey } from '../../domain/names';
import { phoneKey } from '../../domain/phone';
import { iso } from '../../domain/time';

type Tx = Kysely<Database>;

/** R-OWN-6: a call, recorded; it never gives ownership. */
export async function insertPhoneInquiry(
  tx: Tx,
  q: { customerId: number; consultantId: string; note: string | null },
  now: Date,
): Promise<number> {
  const row = await tx
    .insertInto('phone_inquiries')
    .values({ customer_id: q.customerId, at: iso(now), consultant_id: q.consultantId, note: q.note })
    .returning('id')
    .executeTakeFirstOrThrow();
  return row.id;
}

/** R-OWN-9a: a consultant's declaration that an old customer will bring this one. */
export async function insertAnnouncement(
  tx: Tx,
  a: { customerId: number; fromCustomerId: number; consultantId: string; expectedAt: Date },
  now: Date,
): Promise<number> {
  const row = await tx
    .insertInto('announcements')
    .values({
      customer_id: a.customerId,
      from_customer_id: a.fromCustomerId,
      consultant_id: a.consultantId,
      expected_at: iso(a.expectedAt),
      at: iso(now),
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  return row.id;
}

/** Two records linked: the same person (R-OWN-8) or a household (R-OWN-10). */
export async function insertCustomerLink(
  tx: Tx,
  type: 'identified' | 'household',
  customerId: number,
  otherId: number,
  actorId: string,
  now: Date,
): Promise<void> {
  await tx
    .insertInto('customer_links')
    .values({ type, customer_id: customerId, other_customer_id: otherId, at: iso(now), actor_id: actorId })
    .execute();
}

/** The record's current name and/or phone (a correction, R-OWN-4: the old values stay in the correction's changes). */
export async function updateCustomerNameOrPhone(tx: Tx, customerId: number, set: { name?: string; phone?: string }): Promise<void> {
  await tx
    .updateTable('customers')
    .set({
      ...(set.name !== undefined ? { name: set.name, name_key: nameKey(set.name), name_initials: nameInitials(set.name) } : {}),
      ...(set.phone !== undefined ? { phone: set.phone, phone_key: phoneKey(set.phone) } : {}),
    })
    .where('id', '=', customerId)
    .execute();
}
