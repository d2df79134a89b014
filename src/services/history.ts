/** Gathers a customer's recorded history for the pure attribution and split rules. */
import type { Kysely } from 'kysely';
import type { Database } from '../db/schema';
import { consultantSide, type CustomerHistory, type DealFacts, type Handover } from '../domain/attribution';
import type { Policy } from '../domain/policy';
import { fromIso, iso } from '../domain/time';
import { registrationFacts } from './ownership';

type Tx = Kysely<Database>;

/** The customer plus every record linked to it (identified as the same person, or the spouse). */
async function linkedRecords(tx: Tx, customerId: number, t: Date) {
  const links = await tx
    .selectFrom('customer_links')
    .selectAll()
    .where((eb) => eb.or([eb('customer_id', '=', customerId), eb('other_customer_id', '=', customerId)]))
    .where('at', '<=', iso(t))
    .orderBy('id')
    .execute();
  // one hop further for identified records of the spouse (a couple where one was registered twice)
  const ids = new Set<number>([customerId]);
  for (const l of links) ids.add(l.customer_id).add(l.other_customer_id);
  const more = await tx
    .selectFrom('customer_links')
    .selectAll()
    .where((eb) => eb.or([eb('customer_id', 'in', [...ids]), eb('other_customer_id', 'in', [...ids])]))
    .where('at', '<=', iso(t))
    .orderBy('id')
    .execute();
  for (const l of more) ids.add(l.customer_id).add(l.other_customer_id);
  return { ids: [...ids], links: more };
}

export async function customerHistory(tx: Tx, customerId: number, t: Date): Promise<CustomerHistory> {
  const { ids, links } = await linkedRecords(tx, customerId, t);
  const registrations = await registrationFacts(tx, ids, t);
  const events = await tx
    .selectFrom('visit_events')
    .innerJoin('visits', 'visits.id', 'visit_events.visit_id')
    .select(['visits.customer_id', 'visits.reception', 'visit_events.payload', 'visit_events.at'])
    .where('visits.customer_id', 'in', ids)
    .where('visit_events.type', '=', 'handover')
    .where('visit_events.at', '<=', iso(t))
    .orderBy('visit_events.id')
    .execute();
  const handovers: Handover[] = [];
  for (const e of events) {
    const p = JSON.parse(e.payload) as { kind: string; from: string; to: string; solicited?: boolean };
    if (p.kind !== 'switch') continue;
    handovers.push({ customerId: e.customer_id, from: p.from, to: p.to, at: fromIso(e.at), oldCustomer: e.reception === 'owner' || e.reception === 'voluntary', solicited: !!p.solicited });
  }
  return {
    registrations,
    identifications: links.filter((l) => l.type === 'identified').map((l) => ({ customerId: l.customer_id, sameAs: l.other_customer_id, at: fromIso(l.at) })),
    households: links.filter((l) => l.type === 'household').map((l) => ({ a: l.customer_id, b: l.other_customer_id, at: fromIso(l.at) })),
    handovers,
  };
}

/** Effective owners now: the consultant side of the customer's commission (scenario `owner`). */
export async function ownersAt(tx: Tx, customerId: number, t: Date, policy: Policy, deal?: DealFacts) {
  return consultantSide(await customerHistory(tx, customerId, t), customerId, t, policy, deal);
}
