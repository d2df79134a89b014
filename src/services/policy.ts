/**
 * Policy settings (rules.md: every number is a policy default): the sales director edits them; each change
 * is a new version, effective from the moment it is saved, and every event is judged by the version in
 * force when it happened (services/common.ts `policyAt`).
 */
import { handle } from './handle';
import { refuse } from '../api/errors';
import { DEFAULT_POLICY, resolvePolicy } from '../domain/policy';
import { iso } from '../domain/time';
import { policyChangeAudits, policyVersions } from '../db/queries/policy';
import { insertPolicyVersion } from '../db/writes/policy';

export const policyHandlers = {
  'policy.get': handle('policy.get', {
    run: async ({ tx, policy }) => {
      const versions = await policyVersions(tx);
      // the reason is in the audit row written with the version (same instant, same person)
      const reasons = await policyChangeAudits(tx);
      const reasonOf = (at: string, by: string | null) => {
        const row = reasons.find((r) => r.at === at && r.actor_id === by);
        return row ? ((JSON.parse(row.detail) as { reason?: string | null }).reason ?? null) : null;
      };
      return {
        current: policy,
        defaults: DEFAULT_POLICY,
        versions: versions.map((v) => ({
          id: v.id,
          effectiveAt: v.effective_at,
          createdBy: v.created_by,
          reason: reasonOf(v.effective_at, v.created_by),
          params: JSON.parse(v.params) as Record<string, unknown>,
        })),
      };
    },
  }),

  'policy.update': handle('policy.update', {
    run: async ({ tx, actor, input, now, policy }) => {
      if (Object.keys(input.changes).length === 0) throw refuse('policy_no_changes');
      // A version holds the whole policy, so later defaults never silently change a saved choice.
      // every change was checked against its bounds by the schema, and the policy in force is within them
      const next = resolvePolicy({ ...policy, ...input.changes });
      const id = await insertPolicyVersion(tx, next, actor!.id, now);
      return { id, effectiveAt: iso(now), policy: next };
    },
  }),
};
