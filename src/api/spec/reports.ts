/** Reports and the dashboard. Handlers: src/services/reports.ts. */
import { z } from 'zod';
import { MANAGERS, type Role } from '../../domain/roles';
import { day, month } from '../schemas';

const READERS: readonly Role[] = [...MANAGERS, 'sales_assistant'];
import { defineSpec } from './define';

export const reportSpec = defineSpec({
  'report.weekly': {
    roles: READERS,
    summary: '周报：某周（默认上周）的来电、来访、成交，按售楼员与合计（R-TRK-3）',
    kind: 'read',
    input: z.object({ day: day.optional() }).strict(),
  },
  'report.weeklyExport': {
    roles: READERS,
    summary: '导出周报 .xlsx（销售部助理发送用）',
    kind: 'read',
    input: z.object({ day: day.optional() }).strict(),
  },
  'dashboard.data': {
    roles: READERS,
    summary: '看板数据：每日与每小时来访、各售楼员接待与失去的轮次、来访到成交的转化、未来 14 天到期的登记、按月佣金',
    kind: 'read',
    input: z.object({ month }).strict(),
  },
});
