/** The reads of the weekly report and the dashboard (src/services/reports.ts, R-TRK-3): counts straight from the ledger tables. */
import { iso } from '../../domain/time';
import { engineOf } from '../engine';
import { siteHere } from '../group-sites';
import type { ReadTx } from '../read-tx';

/** The calls, visits and deals in [from, to) (ISO instants) with the customer's name and number, in time order. */
export async function weekFacts(tx: ReadTx, from: string, to: string) {
  const calls = await tx
    .selectFrom('phone_inquiries')
    .innerJoin('customers', 'customers.id', 'phone_inquiries.customer_id')
    .select(['phone_inquiries.at', 'phone_inquiries.consultant_id', 'customers.name', 'customers.phone', 'phone_inquiries.note'])
    .where('phone_inquiries.at', '>=', from)
    .where('phone_inquiries.at', '<', to)
    .orderBy('phone_inquiries.at')
    .execute();
  const visits = await tx
    .selectFrom('visits')
    .innerJoin('customers', 'customers.id', 'visits.customer_id')
    .select(['visits.at', 'visits.consultant_id', 'visits.reception', 'visits.source', 'customers.name', 'customers.phone'])
    .where('visits.at', '>=', from)
    .where('visits.at', '<', to)
    .orderBy('visits.at')
    .execute();
  const deals = await tx
    .selectFrom('deals')
    .innerJoin('customers', 'customers.id', 'deals.customer_id')
    .select(['deals.id', 'deals.at', 'deals.unit', 'deals.price', 'deals.commission', 'customers.name', 'customers.phone'])
    .where('deals.at', '>=', from)
    .where('deals.at', '<', to)
    .orderBy('deals.at')
    .execute();
  return { calls, visits, deals };
}

/** The visits in [start, end): who received whom, how and from which source. */
export async function visitsBetween(tx: ReadTx, start: Date, end: Date) {
  return tx
    .selectFrom('visits')
    .select(['id', 'at', 'consultant_id', 'reception', 'source', 'customer_id'])
    .where('at', '>=', iso(start))
    .where('at', '<', iso(end))
    .execute();
}

/** The roster events' payloads in [start, end). */
export async function rosterPayloadsBetween(tx: ReadTx, start: Date, end: Date): Promise<string[]> {
  return (await tx.selectFrom('roster_events').select(['payload']).where('at', '>=', iso(start)).where('at', '<', iso(end)).execute()).map(
    (e) => e.payload,
  );
}

/** The deals signed in [start, end): customer, moment, commission. */
export async function dealCommissionsBetween(tx: ReadTx, start: Date, end: Date) {
  return tx
    .selectFrom('deals')
    .select(['id', 'customer_id', 'at', 'commission'])
    .where('at', '>=', iso(start))
    .where('at', '<', iso(end))
    .execute();
}

/** The deals of a statement with their day, unit and customer's name. */
export async function dealHeads(tx: ReadTx, dealIds: readonly number[]) {
  return dealIds.length
    ? tx
        .selectFrom('deals')
        .innerJoin('customers', 'customers.id', 'deals.customer_id')
        .select(['deals.id', 'deals.at', 'deals.unit', 'customers.name'])
        .where('deals.id', 'in', [...dealIds])
        .execute()
    : [];
}

/** The audit row an office's import into a group leaves (src/db/import-office.ts IMPORT_METHOD). */
const OFFICE_IMPORT = 'office.import';

/**
 * The office's (project's) name, as the group knows it: the site's own name (`salesdesk site name CODE --name`,
 * office_group.sites), else the name it was imported under (`import-office FILE --site NAME`, which does not
 * name the site yet). null when nobody has named it: a single office's SQLite file holds no name.
 */
export async function officeName(tx: ReadTx): Promise<string | null> {
  // Only a group database (PostgreSQL) has sites and imports; an office's file is never scanned for them
  // (audit_log has no index on method, and grows with every audited read).
  if (engineOf(tx) !== 'postgres') return null;
  const named = (await siteHere(tx))?.name;
  if (named) return named;
  const row = await tx
    .selectFrom('audit_log')
    .select('detail')
    .where('method', '=', OFFICE_IMPORT)
    .orderBy('id')
    .limit(1)
    .executeTakeFirst();
  if (!row) return null;
  try {
    const site = (JSON.parse(row.detail) as { site?: unknown }).site;
    return typeof site === 'string' && site.trim() !== '' ? site.trim() : null;
  } catch {
    return null;
  }
}
