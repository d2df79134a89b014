/** Customer records: merging, corrections, announcements. Handlers: src/services/customers.ts. */
import { z } from 'zod';
import type { Role } from '../../domain/roles';
import { freeText, instant, personName, phone, recordId } from '../schemas';

const PM: readonly Role[] = ['project_manager', 'sales_director'];
import { defineSpec } from './define';

export const customerSpec = defineSpec({
  'desk.phoneInquiry': {
    roles: ['consultant'],
    summary: '来电登记：记录来电客户与咨询内容，不产生也不延续归属（R-OWN-6）',
    kind: 'write',
    input: z
      .object({ customer: z.object({ name: personName, phone }).strict(), note: freeText(1000, { optional: true }).optional() })
      .strict(),
  },
  'desk.announce': {
    roles: ['consultant'],
    summary: '老客户事先来电要介绍新客户：售楼员登记预计到访时间（R-OWN-9a）',
    kind: 'write',
    input: z
      .object({
        customer: z.object({ name: personName, phone: phone.optional() }).strict(),
        from: recordId,
        expectedAt: instant(),
      })
      .strict(),
  },
  'customer.identify': {
    roles: PM,
    summary: '认定同一客户：B 接待的“新客户”实为 A 已登记的客户（R-OWN-8 g–j）',
    kind: 'write',
    input: z.object({ customer: recordId, sameAs: recordId }).strict(),
  },
  'customer.household': {
    roles: PM,
    summary: '认定夫妻客：两位分别登记的客户为一户，由双方售楼员共同接待（R-OWN-10）',
    kind: 'write',
    input: z.object({ a: recordId, b: recordId }).strict(),
  },
});
