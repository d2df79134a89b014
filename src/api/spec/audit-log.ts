/** The audit log. Handlers: src/services/audit-log.ts. */
import { z } from 'zod';
import type { Role } from '../../domain/roles';
import { day, recordId, staffId } from '../schemas';

const READERS: readonly Role[] = ['project_manager', 'sales_director', 'admin'];
import { defineSpec } from './define';

export const auditSpec = defineSpec({
  'audit.list': {
    roles: READERS,
    summary: '操作日志：按人员、客户和日期筛选（含查看他人客户完整资料的记录）',
    kind: 'read',
    input: z
      .object({
        actor: staffId.optional(),
        customer: recordId.optional(),
        from: day.optional(),
        to: day.optional(),
        method: z.string().max(64).optional(),
        limit: z.number().int().min(1).max(1000).optional(),
      })
      .strict(),
  },
});
