/**
 * Frozen in time. A counter SQLite itself moves whenever staff, their roles or the policy change — by any
 * program, any connection — so the app can keep those few rows in memory between calls and know exactly
 * when to read them again (src/db/reference-cache). Without it every write anywhere (each walk-in) made
 * the app read the whole staff list again to name the queue.
 */
import { type Kysely, sql } from 'kysely';

const WATCHED: Record<string, readonly ('INSERT' | 'UPDATE' | 'DELETE')[]> = {
  staff: ['INSERT', 'UPDATE', 'DELETE'],
  staff_roles: ['INSERT', 'UPDATE', 'DELETE'],
  policy_versions: ['INSERT', 'UPDATE', 'DELETE'],
};

export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('reference_versions')
    .addColumn('name', 'text', (c) => c.primaryKey())
    .addColumn('version', 'integer', (c) => c.notNull())
    .execute();
  await sql`INSERT INTO reference_versions (name, version) VALUES ('reference', 0)`.execute(db);
  for (const [table, events] of Object.entries(WATCHED)) {
    for (const event of events) {
      await sql
        .raw(
          `CREATE TRIGGER ${table}_${event.toLowerCase()}_reference_version AFTER ${event} ON ${table}
           BEGIN UPDATE reference_versions SET version = version + 1 WHERE name = 'reference'; END`,
        )
        .execute(db);
    }
  }
}
