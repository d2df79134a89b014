/** The customer page. Handlers: src/services/customer-page.ts. */
import { z } from 'zod';
import { MANAGERS, type Role } from '../../domain/roles';
import { recordId } from '../schemas';

const READERS: readonly Role[] = ['front_desk', 'consultant', 'sales_assistant', ...MANAGERS];
import { defineSpec } from './define';

export const customerPageSpec = defineSpec({
  'customer.get': {
    roles: READERS,
    summary: '客户页：全部来访、登记、来电、认定、成交与争议的时间线，以及当前归属及其规则依据',
    kind: 'auditedRead',
    input: z.object({ customer: recordId }).strict(),
  },
});
