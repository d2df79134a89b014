/** The lists: customer search, deals, disputes, referrals. Handlers: src/services/lists.ts. */
import { z } from 'zod';
import { MANAGERS, type Role } from '../../domain/roles';
import { freeText, month } from '../schemas';

const SIGNED_IN: readonly Role[] = ['consultant', 'front_desk', 'sales_assistant', 'admin', ...MANAGERS];
import { defineSpec } from './define';

export const listSpec = defineSpec({
  'customer.search': {
    roles: SIGNED_IN,
    summary:
      '按电话、姓名、拼音、拼音首字母或房号查找客户（边输入边显示）；他人的客户只按可见的号码位匹配，按号码查到他人客户时记入操作日志（R-SEC-1）；认定为同一客户的记录合为一条，带其全部号码与当前归属（R-OWN-8）',
    kind: 'auditedRead',
    input: z.object({ q: freeText(40, { line: true }) }).strict(),
  },
  'deal.list': {
    roles: [...MANAGERS, 'consultant', 'sales_assistant'],
    summary: '某月的成交及其佣金分配（售楼员只看到与自己有关的）',
    kind: 'read',
    input: z.object({ month }).strict(),
  },
  'dispute.list': {
    roles: ['consultant', 'project_manager', 'sales_director', 'sales_manager'],
    summary: '争议列表：总监的待审批、项目经理的待写意见、售楼员自己提出或涉及的',
    kind: 'read',
    input: z.object({ status: z.enum(['open', 'opinion', 'returned', 'decided']).optional() }).strict(),
  },
  'referral.list': {
    roles: ['project_manager', 'sales_director', 'sales_assistant', 'sales_manager'],
    summary: '员工推介登记列表及其状态',
    kind: 'read',
    input: z.object({}).strict(),
  },
});
