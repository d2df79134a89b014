/** Policy settings. Handlers: src/services/policy.ts. */
import { z } from 'zod';
import { policyValueProblem } from '../../domain/policy';
import { MANAGERS } from '../../domain/roles';
import type { IssueProblem } from '../issues';
import { optionalReason } from '../schemas';

/** Each change checked against its key's bounds (domain/policy POLICY_BOUNDS), the refusal naming the key. */
const policyChanges = z.record(z.string().max(64), z.union([z.number(), z.boolean()])).superRefine((changes, ctx) => {
  for (const [key, value] of Object.entries(changes)) {
    const found = policyValueProblem(key, value);
    if (found) {
      const { problem, ...params } = found;
      ctx.addIssue({ code: 'custom', message: problem satisfies IssueProblem, params, path: [key] });
    }
  }
});
import { defineSpec } from './define';

export const policySpec = defineSpec({
  'policy.get': {
    roles: [...MANAGERS, 'admin', 'sales_assistant'],
    summary: '当前政策参数（保护期、各项分配比例、午餐值班人数、忙碌队首是否保留位置）及其版本历史',
    kind: 'read',
    input: z.object({}).strict(),
  },
  'policy.update': {
    roles: ['sales_director'],
    summary: '销售总监修改政策参数：保存为新版本，自保存时起生效，之前发生的事件仍按当时的版本判断',
    kind: 'write',
    input: z.object({ changes: policyChanges, reason: optionalReason }).strict(),
  },
});
