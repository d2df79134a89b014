/** Disputes (R-DIS-1, 2). Handlers: src/services/disputes.ts; who may take each step: src/domain/dispute.ts DISPUTE_ROLES. */
import { z } from 'zod';
import { FULL_BPS } from '../../domain/money';
import { DISPUTE_ROLES } from '../../domain/dispute';
import { freeText, recordId, staffId } from '../schemas';

const text = freeText(2000);
import { defineSpec } from './define';

export const disputeSpec = defineSpec({
  'dispute.raise': {
    roles: DISPUTE_ROLES.raise,
    summary: '对客户归属或成交佣金提出争议；争议期间该成交佣金暂缓（R-DIS-1）',
    kind: 'write',
    input: z.object({ deal: recordId.optional(), customer: recordId.optional(), claim: text }).strict(),
  },
  'dispute.opinion': {
    roles: DISPUTE_ROLES.opinion,
    summary: '项目经理的书面意见：双方过错与贡献，以及建议的分配比例（合计 100%）（R-DIS-2）',
    kind: 'write',
    input: z
      .object({
        dispute: recordId,
        split: z.record(staffId, z.number().int().min(0).max(FULL_BPS)),
        text: text,
        /** each party's fault and contribution, in the PM's words */
        parties: z
          .record(staffId, z.object({ fault: freeText(500, { optional: true }), contribution: freeText(500, { optional: true }) }).strict())
          .optional(),
      })
      .strict(),
  },
  'dispute.return': {
    roles: DISPUTE_ROLES.return,
    summary: '销售总监退回项目经理的意见并附说明（R-DIS-2）',
    kind: 'write',
    input: z.object({ dispute: recordId, comment: text }).strict(),
  },
  'dispute.approve': {
    roles: DISPUTE_ROLES.approve,
    summary: '销售总监批准项目经理的意见：裁决为终局，按其比例分配该成交佣金（R-DIS-2，R-COM-4）',
    kind: 'write',
    input: z.object({ dispute: recordId }).strict(),
  },
  'dispute.get': {
    roles: ['consultant', 'project_manager', 'sales_director', 'sales_manager'],
    summary: '争议的状态与全部步骤（谁、何时、内容）；售楼员只能查看自己提出或涉及的争议',
    kind: 'read',
    input: z.object({ dispute: recordId }).strict(),
  },
});
