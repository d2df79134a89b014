/** The reads behind a customer's recorded history (src/services/history.ts): links, switches, recent registrations. */
import { inJson, precompiled } from '../precompiled';
import type { ReadTx } from '../read-tx';

const linkRows = precompiled((db, p: { ids: readonly number[]; at: string }) =>
  db
    .selectFrom('customer_links')
    .selectAll()
    .where((eb) => eb.or([eb('customer_id', 'in', inJson(p.ids)), eb('other_customer_id', 'in', inJson(p.ids))]))
    .where('at', '<=', p.at)
    .orderBy('id'),
);

/** Links (identified / household) with either end among `ids`, made up to `at` (ISO), in id order. */
export function linksTouching(tx: ReadTx, ids: readonly number[], at: string) {
  return linkRows.all(tx, { ids, at });
}

const handoverRows = precompiled((db, p: { ids: readonly number[]; at: string }) =>
  db
    .selectFrom('visit_events')
    .innerJoin('visits', 'visits.id', 'visit_events.visit_id')
    .select(['visit_events.id', 'visits.customer_id', 'visits.reception', 'visit_events.payload', 'visit_events.at'])
    .where('visits.customer_id', 'in', inJson(p.ids))
    .where('visit_events.type', '=', 'handover')
    .where('visit_events.at', '<=', p.at)
    .orderBy('visit_events.id'),
);

/** The handover events (refusals and switches) of these customers' visits up to `at` (ISO), in event order. */
export function handoverEventsOf(tx: ReadTx, ids: readonly number[], at: string) {
  return handoverRows.all(tx, { ids, at });
}

const registeredSinceRows = precompiled((db, p: { ids: readonly number[]; since: string }) =>
  db
    .selectFrom('registrations')
    .select('customer_id')
    .distinct()
    .where('customer_id', 'in', inJson(p.ids))
    .where('registered_at', '>', p.since),
);

/** Those of `ids` with a registration made after `since` (ISO; the index on customer and time answers alone). */
export async function registeredSince(tx: ReadTx, ids: readonly number[], since: string): Promise<Set<number>> {
  const rows = await registeredSinceRows.all(tx, { ids, since });
  return new Set(rows.map((r) => r.customer_id));
}
