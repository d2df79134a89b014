/** Follow-ups and grades (R-TRK-1, 2). Handlers: src/services/follow-up.ts. */
import { z } from 'zod';
import { MANAGERS, type Role } from '../../domain/roles';
import { day, freeText, recordId, staffId } from '../schemas';

const GRADES = ['A', 'B', 'C', 'D'] as const;
const CHANNELS = ['phone', 'wechat', 'visit', 'sms'] as const;
import { defineSpec } from './define';

export const followUpSpec = defineSpec({
  'followUp.log': {
    roles: ['consultant'],
    summary: '售楼员记录对自己客户的跟进（日期、方式、内容、下次跟进日期）并评级 A/B/C/D；跟进不延续登记保护期（R-TRK-1）',
    kind: 'write',
    input: z
      .object({
        customer: recordId,
        day: day.optional(),
        channel: z.enum(CHANNELS),
        content: freeText(2000),
        nextDay: day.optional(),
        grade: z.enum(GRADES).optional(),
      })
      .strict(),
  },
  'followUp.list': {
    roles: ['consultant', ...MANAGERS],
    summary: '一位客户的全部跟进记录（售楼员只能看自己的客户）',
    kind: 'read',
    input: z.object({ customer: recordId }).strict(),
  },
  'followUp.today': {
    roles: ['consultant'],
    summary: '今天：到期与逾期的跟进、7 天内保护期到期的客户、经理的留言',
    kind: 'read',
    input: z.object({}).strict(),
  },
  'followUp.overview': {
    roles: MANAGERS,
    summary: '经理查看每位售楼员的客户、评级与逾期跟进，可筛选（R-TRK-2）',
    kind: 'read',
    input: z.object({ consultant: staffId.optional(), grade: z.enum(GRADES).optional(), overdueOnly: z.boolean().optional() }).strict(),
  },
  'followUp.note': {
    roles: MANAGERS,
    summary: '经理给售楼员留言（可针对某位客户），售楼员在“今天”中看到（R-TRK-2）',
    kind: 'write',
    input: z.object({ consultant: staffId, customer: recordId.optional(), text: freeText(1000) }).strict(),
  },
  'grades.labels': {
    roles: ['consultant', 'front_desk', 'sales_assistant', 'admin', ...MANAGERS] as Role[],
    summary: '客户评级 A/B/C/D 的名称（本办公室自定）',
    kind: 'read',
    input: z.object({}).strict(),
  },
  'grades.setLabel': {
    roles: ['sales_manager', 'sales_director'],
    summary: '修改评级名称（如 A 意向强）',
    kind: 'write',
    input: z.object({ grade: z.enum(GRADES), label: freeText(20, { line: true }) }).strict(),
  },
});
