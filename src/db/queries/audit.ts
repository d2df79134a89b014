/** The audit log's reads (R-SEC-1): who did what, filtered by person, action, days and customer. */
import { sql } from 'kysely';
import { engineOf } from '../engine';
import type { ReadTx } from '../read-tx';

export interface AuditFilter {
  actor?: string;
  method?: string;
  /** office days (yyyy-MM-dd), both included, in this machine's time zone */
  from?: string;
  to?: string;
  customer?: number;
  limit: number;
}

export interface AuditRow {
  id: number;
  at: string;
  actor_id: string | null;
  actorName: string | null;
  method: string;
  /** the row's detail as stored (JSON) */
  detail: string;
}

/** Audit rows, newest first. */
export async function auditRows(tx: ReadTx, f: AuditFilter): Promise<AuditRow[]> {
  // No stored person or action holds a NUL character, and PostgreSQL refuses one in any text it is sent
  // ('invalid byte sequence for encoding "UTF8": 0x00'): such a filter finds nothing, on either engine.
  if ([f.actor, f.method].some((v) => v?.includes('\u0000'))) return [];
  let q = tx
    .selectFrom('audit_log')
    .leftJoin('staff', 'staff.id', 'audit_log.actor_id')
    .select(['audit_log.id', 'audit_log.at', 'audit_log.actor_id', 'staff.name as actorName', 'audit_log.method', 'audit_log.detail'])
    .orderBy('audit_log.id', 'desc')
    .limit(f.limit);
  if (f.actor) q = q.where('audit_log.actor_id', '=', f.actor);
  if (f.method) q = q.where('audit_log.method', '=', f.method);
  if (f.from) q = q.where('audit_log.at', '>=', new Date(`${f.from}T00:00:00`).toISOString());
  if (f.to) q = q.where('audit_log.at', '<', new Date(new Date(`${f.to}T00:00:00`).getTime() + 86_400_000).toISOString());
  if (f.customer !== undefined) {
    const id = f.customer;
    // customer-read rows carry customerId; actions on a customer carry it as `customer` (identify, deal.close, …);
    // a search by number lists the others' customers it found as `customers`. The detail is JSON text on both
    // engines; PostgreSQL reads it as jsonb, where containment matches a number as SQLite's json_extract does
    // (the number 5, never the text "5").
    q = q.where((eb) =>
      engineOf(tx) === 'postgres'
        ? eb.or([
            eb(sql`audit_log.detail::jsonb`, '@>', sql`jsonb_build_object('customerId', ${id}::bigint)`),
            eb(sql`audit_log.detail::jsonb`, '@>', sql`jsonb_build_object('customer', ${id}::bigint)`),
            eb(sql`audit_log.detail::jsonb`, '@>', sql`jsonb_build_object('customers', jsonb_build_array(${id}::bigint))`),
          ])
        : eb.or([
            eb(sql`json_extract(audit_log.detail, '$.customerId')`, '=', id),
            eb(sql`json_extract(audit_log.detail, '$.customer')`, '=', id),
            eb.exists(sql`(SELECT 1 FROM json_each(audit_log.detail, '$.customers') WHERE value = ${id})`),
          ]),
    );
  }
  return q.execute();
}
