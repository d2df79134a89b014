/** The reads of the PM's registration queue (src/services/registrations.ts): plain facts, no decisions. */
import { addDays } from 'date-fns';
import { iso } from '../../domain/time';
import type { ReadTx } from '../read-tx';

/** The registrations of a visit made by `now` (the original, its corrections and reassignments), in id order. */
export async function registrationsOfVisit(tx: ReadTx, visitId: number, now: Date) {
  return tx
    .selectFrom('registrations')
    .select(['id', 'customer_id', 'kind'])
    .where('visit_id', '=', visitId)
    .where('created_at', '<=', iso(now))
    .orderBy('id')
    .execute();
}

/** The original registrations (not corrections) registered on the office day starting at `start`, with customer, consultant and visit. */
export async function registrationsOnDay(tx: ReadTx, start: Date) {
  return tx
    .selectFrom('registrations')
    .innerJoin('visits', 'visits.id', 'registrations.visit_id')
    .innerJoin('customers', 'customers.id', 'registrations.customer_id')
    .innerJoin('staff', 'staff.id', 'registrations.consultant_id')
    .select([
      'registrations.visit_id',
      'registrations.customer_id',
      'customers.name as customerName',
      'customers.phone',
      'staff.name as consultantName',
      'registrations.consultant_id',
      'registrations.registered_at',
      'visits.reception',
      'visits.consultant_id as receivedBy',
      'visits.at',
    ])
    .where('registrations.registered_at', '>=', iso(start))
    .where('registrations.registered_at', '<', iso(addDays(start, 1)))
    .where('registrations.corrects_id', 'is', null)
    .orderBy('registrations.registered_at')
    .execute();
}

/** The customer records with a registration made in (since, now]: the only ones a protection can still cover. */
export async function customersRegisteredBetween(tx: ReadTx, since: Date, now: Date): Promise<number[]> {
  const rows = await tx
    .selectFrom('registrations')
    .select('customer_id')
    .distinct()
    .where('registered_at', '>', iso(since))
    .where('registered_at', '<=', iso(now))
    .execute();
  return rows.map((r) => r.customer_id);
}
