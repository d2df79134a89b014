/** The audit log screen (R-SEC-1, project manager and above): who did what, and who read whose customer. */
import { sql } from 'kysely';
import { handle } from './handle';

export const auditHandlers = {
  'audit.list': handle('audit.list', {
    run: async ({ tx, input }) => {
      let q = tx
        .selectFrom('audit_log')
        .leftJoin('staff', 'staff.id', 'audit_log.actor_id')
        .select(['audit_log.id', 'audit_log.at', 'audit_log.actor_id', 'staff.name as actorName', 'audit_log.method', 'audit_log.detail'])
        .orderBy('audit_log.id', 'desc')
        .limit(input.limit ?? 200);
      if (input.actor) q = q.where('audit_log.actor_id', '=', input.actor);
      if (input.method) q = q.where('audit_log.method', '=', input.method);
      if (input.from) q = q.where('audit_log.at', '>=', new Date(`${input.from}T00:00:00`).toISOString());
      if (input.to) q = q.where('audit_log.at', '<', new Date(new Date(`${input.to}T00:00:00`).getTime() + 86_400_000).toISOString());
      if (input.customer !== undefined) {
        const id = input.customer;
        // customer-read rows carry customerId; actions on a customer carry it as `customer` (identify, deal.close, …);
        // a search by number lists the others' customers it found as `customers`
        q = q.where((eb) =>
          eb.or([
            eb(sql`json_extract(audit_log.detail, '$.customerId')`, '=', id),
            eb(sql`json_extract(audit_log.detail, '$.customer')`, '=', id),
            eb.exists(sql`(SELECT 1 FROM json_each(audit_log.detail, '$.customers') WHERE value = ${id})`),
          ]),
        );
      }
      const rows = await q.execute();
      return rows.map((r) => ({ ...r, detail: JSON.parse(r.detail) as unknown }));
    },
  }),
};
