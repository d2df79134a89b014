/** The printed daily visitor register (来访登记表, issue 17 item 20). Handler: src/services/register-sheet.ts. */
import { z } from 'zod';
import { day } from '../schemas';
import { defineSpec } from './define';

export const registerSheetSpec = defineSpec({
  'registration.sheet': {
    // the project manager signs it; the director may print it too (the same people who confirm registrations)
    roles: ['project_manager', 'sales_director'],
    summary:
      '来访登记表：某天的全部来访登记（时间、客户、完整电话、来源、接待售楼员、登记归属、状态），供项目经理打印签字；经理看得到完整号码（R-SEC-1），每次打开记入审计日志',
    kind: 'auditedRead',
    input: z.object({ day }).strict(),
  },
});
