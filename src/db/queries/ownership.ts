/** The registrations the ownership rules read (src/domain/ownership.ts): plain records, no decisions. */
import type { Decision, RegistrationRecord } from '../../domain/ownership';
import { fromIso, iso } from '../../domain/time';
import { inJson, precompiled } from '../precompiled';
import type { ReadTx } from '../read-tx';

const registrationRows = precompiled((db, p: { ids: readonly number[]; at: string }) =>
  db
    .selectFrom('registrations')
    .innerJoin('visits', 'visits.id', 'registrations.visit_id')
    .select([
      'registrations.id',
      'registrations.visit_id',
      'registrations.customer_id',
      'registrations.consultant_id',
      'registrations.registered_at',
      'registrations.corrects_id',
      'registrations.kind',
      'visits.source',
      'visits.reception',
      'visits.companion_customer_id',
    ])
    .select((eb) => {
      const latest = (of: 'registrations.id' | 'registrations.corrects_id') =>
        eb
          .selectFrom('registration_decisions as d')
          .select('d.decision')
          .whereRef('d.registration_id', '=', of)
          .where('d.at', '<=', p.at)
          .orderBy('d.id', 'desc')
          .limit(1);
      return [latest('registrations.id').as('decision'), latest('registrations.corrects_id').as('corrected_decision')];
    })
    .where('registrations.customer_id', 'in', inJson(p.ids))
    .where('registrations.created_at', '<=', p.at)
    .orderBy('registrations.id'),
);

export interface RegistrationRow {
  id: number;
  visit_id: number;
  customer_id: number;
  consultant_id: string;
  registered_at: string;
  corrects_id: number | null;
  kind: string;
  source: string;
  reception: string;
  companion_customer_id: number | null;
  decision: string | null;
  corrected_decision: string | null;
}

/**
 * Registrations of these customers written up to `t`, in id order, each with the PM's latest decision (as of
 * `t`) on it and on the record it corrects. One statement: the two decisions come as correlated subqueries,
 * so the desk pays for one query, not two.
 */
export async function registrationRecords(tx: ReadTx, customerIds: readonly number[], t: Date): Promise<RegistrationRecord[]> {
  if (customerIds.length === 0) return [];
  const rows = await registrationRows.all(tx, { ids: [...new Set(customerIds)], at: iso(t) });
  return rows.map(registrationRecordOf);
}

/** A registration row as read (columns as stored, the two decisions beside them) as the domain's record. */
export function registrationRecordOf(r: RegistrationRow): RegistrationRecord {
  return {
    id: r.id,
    visitId: r.visit_id,
    customerId: r.customer_id,
    consultant: r.consultant_id,
    at: fromIso(r.registered_at),
    corrects: r.corrects_id,
    kind: r.kind,
    // only registration.confirm and registration.reject write decisions, and only these two
    decision: r.decision as Decision | null,
    correctedDecision: r.corrected_decision as Decision | null,
    source: r.source,
    reception: r.reception,
    withCompanion: r.companion_customer_id !== null,
  };
}

/** Whether the customer closed a deal on the spot before `t` (R-OWN-8h). */
export async function onSpotDealBefore(tx: ReadTx, customerId: number, t: Date): Promise<boolean> {
  return !!(await tx
    .selectFrom('deals')
    .select('id')
    .where('customer_id', '=', customerId)
    .where('on_spot', '=', 1)
    .where('at', '<', iso(t))
    .executeTakeFirst());
}
