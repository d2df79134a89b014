/** The front desk's reads (src/services/desk*.ts, reception.ts): plain facts, no decisions. */
import { inJson, precompiled } from '../precompiled';
import type { ReadTx } from '../read-tx';
import { sql } from 'kysely';
import { phoneKey } from '../../domain/phone';
import { officeDay } from '../../domain/time';
import { engineOf } from '../engine';

/** The first customer record under a phone key. */
export const customerByPhone = precompiled((db, p: { key: string }) =>
  db.selectFrom('customers').selectAll().where('phone_key', '=', p.key).orderBy('id').limit(1),
);

// The newest 20 by name or by pinyin. Asked as one OR, SQLite gathers and sorts every namesake (thousands
// for 王伟 among a million customers); asked per index, each walks its index backwards and stops at 20.
export const namesakes = precompiled((db, p: { name: string; nameKey: string; key: string }) => {
  const newest = (column: 'name' | 'name_key', value: string) =>
    db
      .selectFrom('customers')
      .select(['id', 'name', 'phone', 'phone_key'])
      .where(column, '=', value)
      .where('phone_key', '!=', p.key)
      .orderBy('id', 'desc')
      .limit(20);
  return db
    .selectFrom(newest('name', p.name).as('by_name'))
    .selectAll()
    .union(db.selectFrom(newest('name_key', p.nameKey).as('by_pinyin')).selectAll())
    .orderBy('id', 'desc')
    .limit(20);
});

export async function customerIdByPhone(tx: ReadTx, phone: string): Promise<number | null> {
  const row = await tx
    .selectFrom('customers')
    .select('id')
    .where('phone_key', '=', phoneKey(phone))
    .orderBy('id')
    .limit(1)
    .executeTakeFirst();
  return row?.id ?? null;
}

export async function customerExists(tx: ReadTx, id: number): Promise<boolean> {
  return !!(await tx.selectFrom('customers').select('id').where('id', '=', id).executeTakeFirst());
}

/** An announcement (R-OWN-9a): who declared the customer, for which moment. Newest first. */
export interface Announcement {
  consultant: string;
  expectedAt: string;
}

const announcementRows = precompiled((db, p: { id: number }) =>
  db.selectFrom('announcements').select(['consultant_id', 'expected_at']).where('customer_id', '=', p.id).orderBy('id', 'desc'),
);

export async function announcementsOf(tx: ReadTx, customerId: number): Promise<Announcement[]> {
  return (await announcementRows.all(tx, { id: customerId })).map((r) => ({ consultant: r.consultant_id, expectedAt: r.expected_at }));
}

/** Announcements of a customer without a number yet, by the name typed at the desk. */
export async function announcementsByName(tx: ReadTx, name: string): Promise<Announcement[]> {
  // Announced customers without a number are few: found by the empty phone, the name compared here. (Asked
  // by name, SQLite takes the name index and reads every namesake of a common name to find none.)
  const rows = await tx
    .selectFrom('announcements')
    .innerJoin('customers', 'customers.id', 'announcements.customer_id')
    .select(['customers.name', 'announcements.consultant_id', 'announcements.expected_at'])
    .where('customers.phone_key', '=', '')
    .orderBy('announcements.id', 'desc')
    .execute();
  return rows.filter((r) => r.name === name).map((r) => ({ consultant: r.consultant_id, expectedAt: r.expected_at }));
}

/** A visit with what happened to it since: finished or not, and who receives it now (the last handover's receiver). */
export async function visitState(tx: ReadTx, visitId: number) {
  const visit = await tx.selectFrom('visits').selectAll().where('id', '=', visitId).executeTakeFirst();
  if (!visit) return null;
  const events = await tx.selectFrom('visit_events').select(['type', 'payload']).where('visit_id', '=', visitId).orderBy('id').execute();
  const handover = events.filter((e) => e.type === 'handover').pop();
  const receiver = handover ? (JSON.parse(handover.payload) as { to: string }).to : visit.consultant_id;
  return { visit, finished: events.some((e) => e.type === 'finished'), receiver };
}

/** The customer's name of each of these visits. */
/** Each visit's time and customer name (the desk's notices: how long a reception has been open, with whom). */
export async function visitsWithCustomer(
  tx: ReadTx,
  visitIds: readonly number[],
): Promise<Map<number, { at: string; customerName: string }>> {
  if (!visitIds.length) return new Map();
  const rows = await tx
    .selectFrom('visits')
    .innerJoin('customers', 'customers.id', 'visits.customer_id')
    .select(['visits.id', 'visits.at', 'customers.name'])
    .where('visits.id', 'in', visitIds)
    .execute();
  return new Map(rows.map((r) => [r.id, { at: r.at, customerName: r.name }]));
}

export async function customerNamesOfVisits(tx: ReadTx, visitIds: readonly number[]): Promise<Map<number, string>> {
  if (!visitIds.length) return new Map();
  const rows = await tx
    .selectFrom('visits')
    .innerJoin('customers', 'customers.id', 'visits.customer_id')
    .select(['visits.id', 'customers.name'])
    .where('visits.id', 'in', visitIds)
    .execute();
  return new Map(rows.map((c) => [c.id, c.name]));
}

/** The customer record of each of these visits (the receptions open on today's roster). */
export async function customersOfVisits(tx: ReadTx, visitIds: readonly number[]): Promise<Map<number, number>> {
  if (!visitIds.length) return new Map();
  const rows = await tx
    .selectFrom('visits')
    .select(['id', 'customer_id'])
    .where('id', 'in', [...visitIds])
    .execute();
  return new Map(rows.map((r) => [r.id, r.customer_id]));
}

const referralRows = precompiled((db, p: { ids: readonly number[]; day: string }) =>
  db
    .selectFrom('referrals')
    .select(['id', 'referrer_id', 'customer_id', 'appointment'])
    .where('customer_id', 'in', inJson(p.ids))
    .where('appointment', '=', p.day)
    .orderBy('id'),
);

/** Referrals of these customer records with their appointment on this office day (yyyy-MM-dd), oldest first. */
export async function referralsForDay(tx: ReadTx, customerIds: readonly number[], day: string) {
  if (!customerIds.length) return [];
  return referralRows.all(tx, { ids: customerIds, day });
}

const companyClientRows = precompiled((db, p: { ids: readonly number[] }) =>
  db
    .selectFrom('company_clients')
    .select(['id', 'customer_id', 'introduced_by', 'at'])
    .where('customer_id', 'in', inJson(p.ids))
    .orderBy('id')
    .limit(1),
);

/** The first company-client registration of these customer records (R-CO-1), if any. */
export async function companyClientOf(tx: ReadTx, customerIds: readonly number[]) {
  if (!customerIds.length) return undefined;
  return companyClientRows.first(tx, { ids: customerIds });
}

/**
 * Issue 16 item 4: the other sites of an office group where this phone visited, and the office day of its last
 * visit there: information for the desk, never ownership (a customer owned at one project is new at another).
 * One function in the shared schema reads each other site's schema (migrations/postgres/group.ts); a single
 * office's file is one site and has no elsewhere.
 */
export async function visitsElsewhere(
  db: ReadTx,
  phone: string,
): Promise<{ site: { code: string; name: string | null }; lastVisitDay: string }[]> {
  if (engineOf(db) !== 'postgres') return [];
  const key = phoneKey(phone);
  if (key === '') return [];
  const r = await sql<{ site_code: string; site_name: string | null; last_visit: string }>`
    SELECT site_code, site_name, last_visit FROM office_group.visits_elsewhere(current_schema()::text, ${key})`.execute(db);
  return r.rows.map((s) => ({ site: { code: s.site_code, name: s.site_name }, lastVisitDay: officeDay(new Date(s.last_visit)) }));
}
