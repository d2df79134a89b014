/** Registrations and the PM's daily queue (R-OWN-3, 4). Handlers: src/services/registrations.ts. */
import { z } from 'zod';
import type { Role } from '../../domain/roles';
import { day, personName, phone, reason, recordId, staffId } from '../schemas';

const CONFIRMERS: readonly Role[] = ['project_manager', 'sales_director'];
import { defineSpec } from './define';

export const registrationSpec = defineSpec({
  'registration.confirm': {
    roles: CONFIRMERS,
    summary: '项目经理确认当天的来访登记，登记自此生效（R-OWN-3）',
    kind: 'write',
    input: z.object({ visit: recordId }).strict(),
  },
  'registration.reject': {
    roles: CONFIRMERS,
    summary: '项目经理驳回来访登记（不产生归属，R-OWN-3）',
    kind: 'write',
    input: z.object({ visit: recordId, reason }).strict(),
  },
  'registration.day': {
    roles: CONFIRMERS,
    summary: '某天的来访登记及其状态，冲突与疑似老客户逐条标出（项目经理每日确认用，R-OWN-3）',
    kind: 'read',
    input: z.object({ day }).strict(),
  },
  'registration.correct': {
    roles: CONFIRMERS,
    summary: '更正登记（售楼员、客户姓名或电话）：新增一条指向原登记的更正记录，注明原因与原值，原记录保留（R-OWN-4）',
    kind: 'write',
    input: z
      .object({
        visit: recordId,
        set: z.object({ consultant: staffId.optional(), name: personName.optional(), phone: phone.optional() }).strict(),
        reason,
      })
      .strict(),
  },
  'registration.expiring': {
    roles: ['consultant', ...CONFIRMERS, 'sales_manager'],
    summary: '登记保护期将在 N 天内（默认 7 天）到期的客户；售楼员只看到自己的',
    kind: 'read',
    input: z.object({ days: z.number().int().min(1).max(31).optional(), consultant: staffId.optional() }).strict(),
  },
});
