/** The audit log's one write (src/services/common.ts audit): a row per action, never changed. */
import type { Kysely } from 'kysely';
import type { Database } from '../schema';
import { iso } from '../../domain/time';

export async function insertAudit(tx: Kysely<Database>, at: Date, actorId: string | null, method: string, detail: unknown): Promise<void> {
  await tx
    .insertInto('audit_log')
    .values({ at: iso(at), actor_id: actorId, method, detail: JSON.stringify(detail) })
    .execute();
}
