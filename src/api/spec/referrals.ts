/** Staff referrals. Handlers: src/services/referrals.ts. */
import { z } from 'zod';
import type { Role } from '../../domain/roles';
import { day, freeText, personName, phone, recordId, staffId } from '../schemas';

const PM: readonly Role[] = ['project_manager', 'sales_director'];
import { defineSpec } from './define';

export const referralSpec = defineSpec({
  'referral.register': {
    roles: PM,
    summary: '员工推介客户：在客户首次来访前由项目经理登记，注明预约日期（R-REF-1）',
    kind: 'write',
    input: z.object({ referrer: staffId, customer: z.object({ name: personName, phone }).strict(), appointment: day }).strict(),
  },
  'referral.confirm': {
    roles: PM,
    summary: '客户如期来访，介绍人陪同或来电，项目经理核对后确认推介有效（R-REF-3）',
    kind: 'write',
    input: z.object({ referral: recordId, visit: recordId }).strict(),
  },
  'referral.status': {
    roles: [...PM, 'sales_assistant', 'sales_manager'],
    summary: '推介登记的当前状态（待确认 / 有效 / 失效 / 无效 / 拒绝）',
    kind: 'read',
    input: z.object({ referral: recordId }).strict(),
  },
  'company.register': {
    roles: PM,
    summary: '登记公司客户：到访前经公司或公司高层联系介绍（已在现场登记的客户不是公司客户，R-CO-1）',
    kind: 'write',
    input: z.object({ customer: z.object({ name: personName, phone }).strict(), introducedBy: freeText(100, { line: true }) }).strict(),
  },
});
