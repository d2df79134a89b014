/** The writes of the policy (src/services/policy.ts, staff.ts seedStaff): a new version, effective from `now`. */
import type { Kysely } from 'kysely';
import type { Database } from '../schema';
import { iso } from '../../domain/time';

export async function insertPolicyVersion(tx: Kysely<Database>, params: object, createdBy: string | null, now: Date): Promise<number> {
  const row = await tx
    .insertInto('policy_versions')
    .values({ effective_at: iso(now), params: JSON.stringify(params), created_by: createdBy, created_at: iso(now) })
    .returning('id')
    .executeTakeFirstOrThrow();
  return row.id;
}
