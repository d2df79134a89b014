/** Deals and their commission splits, statements. Handlers: src/services/deals.ts. */
import { z } from 'zod';
import { COMPANY_MODES } from '../../domain/deal-entry';
import { MANAGERS, type Role } from '../../domain/roles';
import { freeText, month, personName, recordId, staffId } from '../schemas';

const DEAL_RECORDERS: readonly Role[] = ['consultant', ...MANAGERS];
const STATEMENT_READERS: readonly Role[] = [...MANAGERS, 'sales_assistant'];
const cents = z.number().int().nonnegative().max(Number.MAX_SAFE_INTEGER);
import { defineSpec } from './define';

export const dealSpec = defineSpec({
  'deal.close': {
    roles: DEAL_RECORDERS,
    summary: '登记成交：房号、成交价与佣金（分）；佣金按客户的登记历史自动分配（R-COM-1 … 3）',
    kind: 'write',
    input: z
      .object({
        customer: recordId,
        unit: freeText(40, { line: true }),
        price: cents,
        commission: cents,
        onSpot: z.boolean().optional(),
        companyMode: z.enum(COMPANY_MODES).optional(),
        afterSales: staffId.optional(),
      })
      .strict(),
  },
  'deal.change': {
    roles: DEAL_RECORDERS,
    summary: '成交后更名或换房：经办售楼员与佣金不变（R-OWN-11）；售楼员只能改自己参与分配的成交',
    kind: 'write',
    input: z.object({ deal: recordId, buyerName: personName.optional(), unit: freeText(40, { line: true }).optional() }).strict(),
  },
  'deal.split': {
    roles: [...DEAL_RECORDERS, 'sales_assistant'],
    summary: '成交的佣金分配，每一行注明所依据的规则（R-COM-2）',
    kind: 'read',
    input: z.object({ deal: recordId }).strict(),
  },
  'statement.month': {
    roles: STATEMENT_READERS,
    summary: '月度佣金结算单：按售楼员、介绍人与公佣汇总，争议中的成交单列暂缓（R-COM-5）',
    kind: 'read',
    input: z.object({ month }).strict(),
  },
});
