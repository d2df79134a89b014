/** Gathers customers' recorded history for the pure attribution and split rules. */
import { addDays } from 'date-fns';
import type { ReadTx } from '../db/read-tx';
import type { Kysely } from 'kysely';
import { handoverEventsOf, linksTouching, registeredSince } from '../db/queries/history';
import { readAhead } from '../db/read-ahead';
import type { Database } from '../db/schema';
import { consultantSide, type CustomerHistory, type DealFacts, type Handover } from '../domain/attribution';
import { personAt, personRecords, type PersonNow } from '../domain/person';
import type { ConsultantShare } from '../domain/commission';
import type { Policy } from '../domain/policy';
import { fromIso, iso } from '../domain/time';
import { longestProtectionMonths } from './common';
import { registrationFacts } from './ownership';

type Tx = Kysely<Database>;
type Link = Awaited<ReturnType<typeof linksTouching>>[number];

/** Rows grouped by a key, each group keeping the rows' order. */
function groupBy<T>(rows: readonly T[], ...keys: ((r: T) => number)[]): Map<number, T[]> {
  const out = new Map<number, T[]>();
  for (const r of rows) for (const k of new Set(keys.map((key) => key(r)))) (out.get(k) ?? out.set(k, []).get(k)!).push(r);
  return out;
}

/** The rows of these keys, in `order` (each key's group is already in that order; most sets are one key). */
function gather<T>(groups: Map<number, T[]>, keys: ReadonlySet<number>, order: (r: T) => number): T[] {
  const parts = [...keys].map((k) => groups.get(k) ?? []).filter((g) => g.length);
  if (parts.length <= 1) return parts[0] ?? [];
  return [...new Set(parts.flat())].sort((a, b) => order(a) - order(b));
}

/**
 * Each customer plus every record linked to it, followed link by link until no new record appears (A = B,
 * B = C, C = D is one person however the PM linked them; a spouse's own records come along). Most customers
 * have no link: one query, as before; each further query asks only about the records just found.
 */
async function linkedRecords(
  tx: ReadTx,
  customerIds: readonly number[],
  t: Date,
): Promise<Map<number, { ids: Set<number>; links: Link[] }>> {
  const at = iso(t);
  const found = new Map<number, Link>();
  const known = new Set(customerIds);
  for (let ask = [...known]; ask.length;) {
    const links = await linksTouching(tx, ask, at);
    ask = [];
    for (const l of links) {
      found.set(l.id, l);
      for (const end of [l.customer_id, l.other_customer_id]) if (!known.has(end)) ask.push(known.add(end) && end);
    }
  }
  const byEnd = groupBy(
    [...found.values()].sort((a, b) => a.id - b.id),
    (l) => l.customer_id,
    (l) => l.other_customer_id,
  );
  const out = new Map<number, { ids: Set<number>; links: Link[] }>();
  for (const c of customerIds) {
    const ids = new Set([c]);
    for (const queue = [c]; queue.length;) {
      for (const l of byEnd.get(queue.pop()!) ?? [])
        for (const end of [l.customer_id, l.other_customer_id]) if (!ids.has(end)) queue.push(ids.add(end) && end);
    }
    out.set(c, { ids, links: gather(byEnd, ids, (l) => l.id) });
  }
  return out;
}

/** Manager-approved switches of these customers' visits, in event order (with the event's id). */
async function handoversOf(tx: ReadTx, ids: readonly number[], at: string): Promise<(Handover & { eventId: number })[]> {
  const events = await handoverEventsOf(tx, ids, at);
  const handovers: (Handover & { eventId: number })[] = [];
  for (const e of events) {
    const p = JSON.parse(e.payload) as { kind: string; from: string; to: string; solicited?: boolean };
    if (p.kind !== 'switch') continue;
    handovers.push({
      eventId: e.id,
      customerId: e.customer_id,
      from: p.from,
      to: p.to,
      at: fromIso(e.at),
      oldCustomer: e.reception === 'owner' || e.reception === 'voluntary',
      solicited: !!p.solicited,
    });
  }
  return handovers;
}

/**
 * The histories of many customers at once, in a handful of queries whatever their number (a month's
 * statement, the desk's likely matches). Each is exactly what `customerHistory` reads for that customer.
 */
export async function customerHistories(tx: ReadTx, customerIds: readonly number[], t: Date): Promise<Map<number, CustomerHistory>> {
  const wanted = [...new Set(customerIds)];
  return wanted.length ? historiesOf(tx, await linkedRecords(tx, wanted, t), t) : new Map();
}

async function historiesOf(
  tx: ReadTx,
  linked: Map<number, { ids: Set<number>; links: Link[] }>,
  t: Date,
): Promise<Map<number, CustomerHistory>> {
  const all = [...new Set([...linked.values()].flatMap((l) => [...l.ids]))];
  await readAhead(tx, async (r) => {
    await registrationFacts(r, all, t);
    await handoversOf(r, all, iso(t));
  });
  const registrations = groupBy(await registrationFacts(tx, all, t), (r) => r.customerId);
  const handovers = groupBy(await handoversOf(tx, all, iso(t)), (h) => h.customerId);
  const out = new Map<number, CustomerHistory>();
  for (const [c, { ids, links }] of linked) {
    out.set(c, {
      registrations: gather(registrations, ids, (r) => r.id),
      identifications: links
        .filter((l) => l.type === 'identified')
        .map((l) => ({ customerId: l.customer_id, sameAs: l.other_customer_id, at: fromIso(l.at) })),
      households: links.filter((l) => l.type === 'household').map((l) => ({ a: l.customer_id, b: l.other_customer_id, at: fromIso(l.at) })),
      handovers: gather(handovers, ids, (h) => h.eventId).map(({ eventId: _, ...h }) => h),
    });
  }
  return out;
}

export async function customerHistory(tx: ReadTx, customerId: number, t: Date): Promise<CustomerHistory> {
  return (await customerHistories(tx, [customerId], t)).get(customerId)!;
}

/**
 * The one question every service asks about a customer (src/domain/person): which records are this person
 * and what their ownership is at `t` — from one read of the history, which is returned too.
 */
export async function personNow(
  tx: Tx,
  customerId: number,
  t: Date,
  policy: Policy,
  deal?: DealFacts,
): Promise<{ history: CustomerHistory; person: PersonNow }> {
  const history = await customerHistory(tx, customerId, t);
  return { history, person: personAt(history, customerId, t, policy, deal) };
}

/** The customer and every record the history links to it: identified as the same person, or the spouse. */
export function linkedIn(h: CustomerHistory, customerId: number): Set<number> {
  return new Set([customerId, ...h.identifications.flatMap((i) => [i.customerId, i.sameAs]), ...h.households.flatMap((x) => [x.a, x.b])]);
}

/** The earliest moment a registration can still protect a customer at `t`: the longest protection period any policy version gave, in calendar months of 31 days at most. */
export const protectionLookback = async (tx: ReadTx, t: Date): Promise<Date> => addDays(t, -(31 * (await longestProtectionMonths(tx)) + 1));

/**
 * The consultant side now of many customers (the desk's likely matches), as `ownersAt` gives it for each.
 * Nobody owns a customer unless a record linked to it was registered within the protection period:
 * protection lasts `protectionMonths` calendar months (31 days at most each) from the latest registration
 * of its run, and links and switches only share or move an owned customer. So only the customers with such
 * a registration have their histories read; for the rest (most namesakes in a big office) the side is empty.
 */
export async function ownersOfMany(
  tx: ReadTx,
  customerIds: readonly number[],
  t: Date,
  policy: Policy,
): Promise<Map<number, ConsultantShare[]>> {
  const wanted = [...new Set(customerIds)];
  if (wanted.length === 0) return new Map();
  const linked = await linkedRecords(tx, wanted, t);
  const recent = await registeredSince(
    tx,
    [...new Set([...linked.values()].flatMap((l) => [...l.ids]))],
    iso(await protectionLookback(tx, t)),
  );
  const live = new Map([...linked].filter(([, l]) => [...l.ids].some((id) => recent.has(id))));
  const histories = live.size ? await historiesOf(tx, live, t) : new Map<number, CustomerHistory>();
  return new Map(wanted.map((c) => [c, histories.has(c) ? consultantSide(histories.get(c)!, c, t, policy) : []]));
}

/**
 * For each of these records, the records identified as the same person now (R-OWN-8: customer_links of the
 * identified kind, followed transitively; the record asked about first), as the linking model decides it.
 * A spouse's record (R-OWN-10) is another person and is not among them. One query for most records (no link).
 */
export async function personRecordsOfMany(tx: ReadTx, customerIds: readonly number[], t: Date): Promise<Map<number, number[]>> {
  const wanted = [...new Set(customerIds)];
  if (wanted.length === 0) return new Map();
  const linked = await linkedRecords(tx, wanted, t);
  const out = new Map<number, number[]>();
  for (const [c, { links }] of linked) {
    const identifications = links
      .filter((l) => l.type === 'identified')
      .map((l) => ({ customerId: l.customer_id, sameAs: l.other_customer_id, at: fromIso(l.at) }));
    out.set(c, personRecords({ registrations: [], identifications, households: [], handovers: [] }, c, t));
  }
  return out;
}

/** Effective owners now: the consultant side of the customer's commission (scenario `owner`). */
export async function ownersAt(tx: ReadTx, customerId: number, t: Date, policy: Policy, deal?: DealFacts) {
  return consultantSide(await customerHistory(tx, customerId, t), customerId, t, policy, deal);
}
