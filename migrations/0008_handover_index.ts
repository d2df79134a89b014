/**
 * Frozen in time. Every desk lookup and every deal split asks whether any of a customer's visits was handed
 * over (R-OWN-13, 14). With the index on visit_events (visit_id) alone, SQLite reads each visit's event rows
 * to learn their type: one random page per visit, ~30,000 of them for a month's statement. With
 * (visit_id, type) the answer, almost always "none", comes from the index.
 */
import type { Kysely } from 'kysely';

export async function up(db: Kysely<any>): Promise<void> {
  await db.schema.createIndex('visit_events_visit_type').on('visit_events').columns(['visit_id', 'type']).execute();
}
