/** The day's registrations as the printed register lists them (src/services/register-sheet.ts): plain facts. */
import type { ReadTx } from '../read-tx';

export interface SheetRow {
  visitId: number;
  customerId: number;
  at: string;
  customerName: string;
  phone: string;
  source: string;
  reception: string;
  receivedBy: string;
}

/** Each visit registered in [start, end), in time order: its first registration (a correction is not a visit). */
export async function registrationsBetween(tx: ReadTx, start: string, end: string): Promise<SheetRow[]> {
  const rows = await tx
    .selectFrom('registrations')
    .innerJoin('visits', 'visits.id', 'registrations.visit_id')
    .innerJoin('customers', 'customers.id', 'registrations.customer_id')
    .select([
      'registrations.visit_id',
      'registrations.customer_id',
      'visits.at',
      'customers.name',
      'customers.phone',
      'visits.source',
      'visits.reception',
      'visits.consultant_id',
    ])
    .where('registrations.registered_at', '>=', start)
    .where('registrations.registered_at', '<', end)
    .where('registrations.corrects_id', 'is', null)
    .where('registrations.kind', '=', 'visit')
    .orderBy('registrations.registered_at')
    .orderBy('registrations.id')
    .execute();
  return rows.map((r) => ({
    visitId: r.visit_id,
    customerId: r.customer_id,
    at: r.at,
    customerName: r.name,
    phone: r.phone,
    source: r.source,
    reception: r.reception,
    receivedBy: r.consultant_id,
  }));
}
