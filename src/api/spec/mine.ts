/** A consultant's own commission and customers (issue 17 item 17). Handlers: src/services/mine.ts. */
import { z } from 'zod';
import { month } from '../schemas';
import { defineSpec } from './define';

export const mineSpec = defineSpec({
  'me.commission': {
    roles: ['consultant'],
    summary: '我的佣金：某月自己在每笔成交中的那一行及其依据的规则、争议中暂缓的成交及其争议、当月合计（R-COM-2, 5）；只看得到自己的',
    kind: 'read',
    input: z.object({ month }).strict(),
  },
  'me.customers': {
    roles: ['consultant'],
    summary: '我的客户：现在归自己（含共有）的每位客户，保护期何时结束、评级、下次跟进日；只看得到自己的',
    kind: 'read',
    input: z.object({}).strict(),
  },
});
