/**
 * The reads the scenario replayer (src/cli/replay.ts) checks a replayed office with, beside the API reads it
 * makes as a person would: plain facts, no decisions. The CLI builds no query itself (lint: zones/cli/no-query-builder).
 */
import { createHash } from 'node:crypto';
import type { ReadTx } from './read-tx';

/**
 * Every table's content, hashed (tables by name, each table's rows as JSON, sorted): an `expectError` step must
 * leave it exactly as it was. Works on either engine: the tables are the ones introspection finds in the
 * connection's schema.
 */
export async function databaseFingerprint(db: ReadTx): Promise<string> {
  const h = createHash('sha256');
  const tables = (await db.introspection.getTables()).map((t) => t.name).sort();
  for (const name of tables) {
    const rows = (
      await db
        .selectFrom(name as never)
        .selectAll()
        .execute()
    )
      .map((r) => JSON.stringify(r))
      .sort();
    h.update(name).update(JSON.stringify(rows));
  }
  return h.digest('hex');
}

/** The ids of every staff record, active or not. */
export async function staffIds(db: ReadTx): Promise<Set<string>> {
  return new Set((await db.selectFrom('staff').select('id').execute()).map((s) => s.id));
}

/** The grade of a customer's newest follow-up logged by `at` (ISO), or null. */
export async function gradeAt(db: ReadTx, customerId: number, at: string): Promise<string | null> {
  const row = await db
    .selectFrom('follow_ups')
    .select('grade')
    .where('customer_id', '=', customerId)
    .where('at', '<=', at)
    .orderBy('id', 'desc')
    .limit(1)
    .executeTakeFirst();
  return row?.grade ?? null;
}

/** When a visit happened (ISO), or undefined for no such visit. */
export async function visitAt(db: ReadTx, visitId: number): Promise<string | undefined> {
  return (await db.selectFrom('visits').select('at').where('id', '=', visitId).executeTakeFirst())?.at;
}

/**
 * R-ROS-9's notices to `person` by `at` (ISO): visits someone else received in their name. The app keeps no
 * separate notice record, so a notice is such a visit (docs/scenario-format-extensions.md).
 */
export async function noticeCount(db: ReadTx, person: string, at: string): Promise<number> {
  const row = await db
    .selectFrom('visits')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('registered_for', '=', person)
    .whereRef('consultant_id', '!=', 'registered_for')
    .where('at', '<=', at)
    .executeTakeFirstOrThrow();
  return Number(row.n);
}
