/**
 * The office group's reads over every site (issue 16 item 4): statements, disputes and dashboards per site with
 * the group's totals. Handlers: src/services/group.ts. `site` (a site's code, from a previous answer) narrows
 * the answer to that one site and adds its detail, read-only: the drill-down of the group screen.
 */
import { z } from 'zod';
import { GROUP_ROLES } from '../../domain/roles';
import { month } from '../schemas';
import { defineSpec } from './define';

const site = z
  .string()
  .trim()
  .regex(/^[a-z0-9_]{1,40}$/);

export const groupSpec = defineSpec({
  'group.statements': {
    roles: GROUP_ROLES,
    summary:
      '集团：各售楼处某月佣金结算单的合计（应付、公佣、争议暂缓、无法分配）与集团合计；指定售楼处时附其结算单明细（只读）（R-COM-5）',
    kind: 'read',
    input: z.object({ month, site: site.optional() }).strict(),
  },
  'group.disputes': {
    roles: GROUP_ROLES,
    summary: '集团：各售楼处的争议按状态计数与集团合计；指定售楼处时附其争议列表（只读）（R-DIS-1，R-DIS-2）',
    kind: 'read',
    input: z.object({ site: site.optional() }).strict(),
  },
  'group.dashboard': {
    roles: GROUP_ROLES,
    summary: '集团看板：各售楼处某月的来访、来访客户、成交、佣金与转化，以及集团合计',
    kind: 'read',
    input: z.object({ month }).strict(),
  },
});
