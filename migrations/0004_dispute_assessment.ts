/** Frozen in time. The PM's written opinion records each party's fault and contribution (R-DIS-2) beside the proposed split. */
import type { Kysely } from 'kysely';

export async function up(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable('dispute_steps').addColumn('assessment', 'text').execute();
}
