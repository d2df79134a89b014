/** The monthly statement as a file. Handlers: src/services/statement-export.ts. */
import { z } from 'zod';
import { MANAGERS, type Role } from '../../domain/roles';
import { month } from '../schemas';

const READERS: readonly Role[] = [...MANAGERS, 'sales_assistant'];
const monthInput = z.object({ month, format: z.enum(['xlsx', 'csv']) }).strict();
import { defineSpec } from './define';

export const statementExportSpec = defineSpec({
  'statement.export': {
    roles: READERS,
    summary: '导出月度佣金结算单（.xlsx，或带 BOM 的 CSV 以便 Excel 正确显示中文）（R-COM-5）',
    kind: 'read',
    input: monthInput,
  },
});
