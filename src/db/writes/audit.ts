/** The audit log's one write (src/services/common.ts audit): a row per action, never changed. */
import type { Kysely } from 'kysely';
import { writeAtCommit } from '../postgres';
import type { Database } from '../schema';
import { iso } from '../../domain/time';

/** Nothing in a call reads its own audit row back: on PostgreSQL it goes with the COMMIT, one round trip less. */
export async function insertAudit(tx: Kysely<Database>, at: Date, actorId: string | null, method: string, detail: unknown): Promise<void> {
  const query = tx.insertInto('audit_log').values({ at: iso(at), actor_id: actorId, method, detail: JSON.stringify(detail) });
  if (writeAtCommit(tx, query.compile())) return;
  await query.execute();
}
