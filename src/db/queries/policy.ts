/** The reads of the policy's versions (src/services/common.ts, policy.ts): plain facts, no decisions. */
import type { ReadTx } from '../read-tx';

/** Every version, newest in effect first (ties: the later saved first). */
export async function policyVersions(tx: ReadTx) {
  return tx.selectFrom('policy_versions').selectAll().orderBy('effective_at', 'desc').orderBy('id', 'desc').execute();
}

/** Every version's stored parameters, in no order. */
export async function policyParams(tx: ReadTx): Promise<string[]> {
  return (await tx.selectFrom('policy_versions').select('params').execute()).map((v) => v.params);
}

/** The audit rows of policy changes (the reason a version was saved is kept there). */
export async function policyChangeAudits(tx: ReadTx) {
  return tx.selectFrom('audit_log').select(['at', 'actor_id', 'detail']).where('method', '=', 'policy.update').execute();
}
