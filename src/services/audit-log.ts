/** The audit log screen (R-SEC-1, project manager and above): who did what, and who read whose customer. */
import { handle } from './handle';
import { auditRows } from '../db/queries/audit';

export const auditHandlers = {
  'audit.list': handle('audit.list', {
    run: async ({ tx, input }) => {
      const rows = await auditRows(tx, { ...input, limit: input.limit ?? 200 });
      return rows.map((r) => ({ ...r, detail: JSON.parse(r.detail) as unknown }));
    },
  }),
};
