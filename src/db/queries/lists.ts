/** The reads behind the lists screens page through (src/services/lists.ts, follow-up.ts): plain facts, no decisions. */
import { type Expression, type ExpressionBuilder, type SqlBool, sql } from 'kysely';
import { nameKey } from '../../domain/names';
import { iso } from '../../domain/time';
import type { ReadTx } from '../read-tx';
import type { Database } from '../schema';

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

/** The customer records registered to `consultant` after `since` (an ISO instant), once each. */
export async function customersRegisteredTo(tx: ReadTx, consultant: string, since: string): Promise<number[]> {
  return (await registeredTo(tx, consultant, since).distinct().execute()).map((r) => r.customer_id);
}

/** How the customer search matches: the number's digits (a prefix, or only the digits a masked number shows), and the text. */
export interface CustomerSearch {
  /** what was typed */
  q: string;
  /** the typed digits, when they are a number to match (3 or more), else null */
  digits: string | null;
}

type CustomersEb = ExpressionBuilder<Database, 'customers'>;

/** The text matches: a name in part, its pinyin or initials, or a unit number (3-1201) finds its buyer. */
function byText(eb: CustomersEb, q: string) {
  return [
    eb('name', 'like', `%${q.replace(/[%_]/g, '')}%`),
    ...(/^[a-z]+$/i.test(q)
      ? [eb('name_key', 'like', `${q.toLowerCase()}%`), eb('name_initials', '=', q.toLowerCase())]
      : [eb('name_key', '=', nameKey(q))]),
    eb('id', 'in', eb.selectFrom('deals').select('customer_id').where('unit', '=', q)),
  ];
}

/** The newest 20 customer records matching `where`, each saying whether the text matched it. */
function newest(tx: ReadTx, q: string, where: (eb: CustomersEb) => Expression<SqlBool>) {
  return tx
    .selectFrom('customers')
    .select(['id', 'name', 'phone', 'phone_key'])
    .select((eb) => eb.or(byText(eb, q)).as('textHit'))
    .where(where)
    .orderBy('id', 'desc')
    .limit(20)
    .execute();
}

/** Whoever sees every number: the newest 20 by number prefix or text. */
export function searchAllCustomers(tx: ReadTx, s: CustomerSearch) {
  return newest(tx, s.q, (eb) => eb.or([...(s.digits ? [eb('phone_key', 'like', `${s.digits}%`)] : []), ...byText(eb, s.q)]));
}

/**
 * The newest 20 whose number starts with the digits among the records registered to `consultant` after
 * `since` (ISO), or linked to one of them (a spouse's or a duplicate record shares the owner, R-OWN-8, R-OWN-10).
 */
export function searchRegisteredTo(tx: ReadTx, digits: string, q: string, consultant: string, since: string) {
  return newest(tx, q, (eb) =>
    eb.and([
      eb('phone_key', 'like', `${digits}%`),
      eb.or([
        eb('id', 'in', registeredTo(tx, consultant, since)),
        ...linkedToRegisteredTo(tx, consultant, since).map((linked) => eb('id', 'in', linked)),
      ]),
    ]),
  );
}

/** The newest 20 whose number shows these digits where a masked number shows them (LIKE patterns of a length), or by text. */
export function searchByVisibleDigits(tx: ReadTx, patterns: readonly { length: number; pattern: string }[], q: string) {
  return newest(tx, q, (eb) =>
    eb.or([
      ...patterns.map((p) => eb.and([eb(eb.fn('length', ['phone_key']), '=', p.length), eb('phone_key', 'like', p.pattern)])),
      ...byText(eb, q),
    ]),
  );
}

/** The deals signed in [start, end) with the customer's name, oldest first. */
export async function dealsOfMonth(tx: ReadTx, start: Date, end: Date) {
  return tx
    .selectFrom('deals')
    .innerJoin('customers', 'customers.id', 'deals.customer_id')
    .select([
      'deals.id',
      'deals.at',
      'deals.unit',
      'deals.price',
      'deals.commission',
      'deals.customer_id',
      'deals.recorded_by',
      'customers.name as customerName',
    ])
    .where('deals.at', '>=', iso(start))
    .where('deals.at', '<', iso(end))
    .orderBy('deals.at')
    .execute();
}

/** R-OWN-11: a deal's changes of buyer or unit, oldest first. */
export async function dealChangesOf(tx: ReadTx, dealId: number) {
  return tx
    .selectFrom('deal_changes')
    .select(['buyer_name', 'unit', 'at', 'actor_id'])
    .where('deal_id', '=', dealId)
    .orderBy('id')
    .execute();
}

/** The newest 200 referrals with the customer and the referrer. */
export async function referralRows(tx: ReadTx) {
  return tx
    .selectFrom('referrals')
    .innerJoin('customers', 'customers.id', 'referrals.customer_id')
    .innerJoin('staff', 'staff.id', 'referrals.referrer_id')
    .select([
      'referrals.id',
      'referrals.appointment',
      'referrals.at',
      'referrals.customer_id',
      'customers.name as customerName',
      'customers.phone',
      'staff.name as referrerName',
      'referrals.referrer_id',
    ])
    .orderBy('referrals.id', 'desc')
    .limit(200)
    .execute();
}
