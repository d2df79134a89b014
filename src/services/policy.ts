/**
 * Policy settings (rules.md: every number is a policy default): the sales director edits them; each change
 * is a new version, effective from the moment it is saved, and every event is judged by the version in
 * force when it happened (services/common.ts `policyAt`).
 */
import { z } from 'zod';
import { method } from '../api/define';
import { fail } from '../api/errors';
import { optionalReason } from '../api/schemas';
import { DEFAULT_POLICY, policyValueProblem, resolvePolicy } from '../domain/policy';
import { MANAGERS } from '../domain/roles';
import { iso } from '../domain/time';

/** Each change checked against its key's bounds (domain/policy POLICY_BOUNDS), the refusal naming the key. */
const policyChanges = z.record(z.string().max(64), z.union([z.number(), z.boolean()], { error: '政策参数的值应为数字或 true/false' })).superRefine((changes, ctx) => {
  for (const [key, value] of Object.entries(changes)) {
    const problem = policyValueProblem(key, value);
    if (problem) ctx.addIssue({ code: 'custom', message: problem, path: [key] });
  }
});

export const policyMethods = {
  'policy.get': method({
    roles: [...MANAGERS, 'admin', 'sales_assistant'],
    summary: '当前政策参数（保护期、各项分配比例、午餐值班人数、忙碌队首是否保留位置）及其版本历史',
    kind: 'read',
    input: z.object({}).strict(),
    run: async ({ tx, policy }) => {
      const versions = await tx.selectFrom('policy_versions').selectAll().orderBy('effective_at', 'desc').orderBy('id', 'desc').execute();
      // the reason is in the audit row written with the version (same instant, same person)
      const reasons = await tx.selectFrom('audit_log').select(['at', 'actor_id', 'detail']).where('method', '=', 'policy.update').execute();
      const reasonOf = (at: string, by: string | null) => {
        const row = reasons.find((r) => r.at === at && r.actor_id === by);
        return row ? ((JSON.parse(row.detail) as { reason?: string | null }).reason ?? null) : null;
      };
      return {
        current: policy,
        defaults: DEFAULT_POLICY,
        versions: versions.map((v) => ({ id: v.id, effectiveAt: v.effective_at, createdBy: v.created_by, reason: reasonOf(v.effective_at, v.created_by), params: JSON.parse(v.params) as Record<string, unknown> })),
      };
    },
  }),

  'policy.update': method({
    roles: ['sales_director'],
    summary: '销售总监修改政策参数：保存为新版本，自保存时起生效，之前发生的事件仍按当时的版本判断',
    kind: 'write',
    input: z.object({ changes: policyChanges, reason: optionalReason }).strict(),
    run: async ({ tx, actor, input, now, policy }) => {
      if (Object.keys(input.changes).length === 0) throw fail.validation('没有要修改的参数');
      // A version holds the whole policy, so later defaults never silently change a saved choice.
      // every change was checked against its bounds by the schema, and the policy in force is within them
      const next = resolvePolicy({ ...policy, ...input.changes });
      const row = await tx
        .insertInto('policy_versions')
        .values({ effective_at: iso(now), params: JSON.stringify(next), created_by: actor!.id, created_at: iso(now) })
        .returning('id')
        .executeTakeFirstOrThrow();
      return { id: row.id, effectiveAt: iso(now), policy: next };
    },
  }),
};
