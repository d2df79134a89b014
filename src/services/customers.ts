/** Customer facts beside visits: phone inquiries (R-OWN-6), announced introductions (R-OWN-9a), identification (R-OWN-8), households (R-OWN-10). */
import type { Kysely } from 'kysely';
import { handle } from './handle';
import { refuse } from '../api/errors';
import type { Database } from '../db/schema';
import { phoneKey } from '../domain/phone';
import { iso } from '../domain/time';
import { createCustomer } from './reception';
import { customerHistory, ownersAt } from './history';
import { personRecords } from '../domain/person';
import { registrationFacts } from './ownership';
import { sameDayReturn } from '../domain/identification';
import { onSpotDealBefore } from '../db/queries/ownership';
import { appendRosterEvent, todaysRoster } from './roster-store';

type Tx = Kysely<Database>;

/** A customer the call refers to: not_found, naming it, before anything refers to it in a write. */
export async function requireCustomer(tx: Tx, id: number) {
  const c = await tx.selectFrom('customers').selectAll().where('id', '=', id).executeTakeFirst();
  if (!c) throw refuse('customer_not_found', { customerId: id });
  return c;
}

async function findOrCreate(tx: Tx, c: { name: string; phone: string }, actorId: string, now: Date): Promise<number> {
  const existing = await tx.selectFrom('customers').select('id').where('phone_key', '=', phoneKey(c.phone)).orderBy('id').limit(1).executeTakeFirst();
  return existing?.id ?? createCustomer(tx, c, actorId, now);
}

async function linkExists(tx: Tx, a: number, b: number): Promise<boolean> {
  const row = await tx
    .selectFrom('customer_links')
    .select('id')
    .where((eb) => eb.or([eb.and([eb('customer_id', '=', a), eb('other_customer_id', '=', b)]), eb.and([eb('customer_id', '=', b), eb('other_customer_id', '=', a)])]))
    .executeTakeFirst();
  return !!row;
}

export const customerHandlers = {
  'desk.phoneInquiry': handle('desk.phoneInquiry', {
    run: async ({ tx, actor, input, now }) => {
      const customerId = await findOrCreate(tx, input.customer, actor!.id, now);
      const row = await tx.insertInto('phone_inquiries').values({ customer_id: customerId, at: iso(now), consultant_id: actor!.id, note: input.note ?? null }).returning('id').executeTakeFirstOrThrow();
      return { id: row.id, customerId };
    },
  }),

  'desk.announce': handle('desk.announce', {
    run: async ({ tx, actor, input, now, policy }) => {
      await requireCustomer(tx, input.from);
      const owners = (await ownersAt(tx, input.from, now, policy)).map((o) => o.consultant);
      if (!owners.includes(actor!.id)) throw refuse('announce_not_own_customer', { customerId: input.from });
      const customerId = input.customer.phone
        ? await findOrCreate(tx, { name: input.customer.name, phone: input.customer.phone }, actor!.id, now)
        : await createCustomer(tx, { name: input.customer.name, phone: '' }, actor!.id, now);
      const row = await tx
        .insertInto('announcements')
        .values({ customer_id: customerId, from_customer_id: input.from, consultant_id: actor!.id, expected_at: iso(new Date(input.expectedAt)), at: iso(now) })
        .returning('id')
        .executeTakeFirstOrThrow();
      return { id: row.id, customerId };
    },
  }),

  'customer.identify': handle('customer.identify', {
    run: async ({ tx, actor, input, now, policy }) => {
      if (input.customer === input.sameAs) throw refuse('identify_same_record');
      await requireCustomer(tx, input.customer);
      await requireCustomer(tx, input.sameAs);
      if (await linkExists(tx, input.customer, input.sameAs)) throw refuse('customers_already_linked', { customerId: input.customer, otherCustomerId: input.sameAs });
      // already one person through another identification (A = B, B = C): a second link would decide nothing new
      if (personRecords(await customerHistory(tx, input.customer, now), input.customer, now).includes(input.sameAs)) {
        throw refuse('customers_already_one_person', { customerId: input.customer, otherCustomerId: input.sameAs });
      }
      await tx.insertInto('customer_links').values({ type: 'identified', customer_id: input.customer, other_customer_id: input.sameAs, at: iso(now), actor_id: actor!.id }).execute();

      // R-OWN-8(g), decided by sameDayReturn: B's reception becomes a void turn and B gets a priority turn.
      const back = sameDayReturn(
        {
          received: await registrationFacts(tx, [input.customer], now),
          original: await registrationFacts(tx, [input.sameAs], now),
          onSpotDeal: await onSpotDealBefore(tx, input.customer, now),
          protectionMonths: policy.protectionMonths,
        },
        now,
      );
      if (back) {
        let roster = await todaysRoster(tx, now);
        // B off today's roster has no turn to void or give back
        if (roster && roster.state.queue.some((e) => e.id === back.consultant)) {
          roster = await appendRosterEvent(tx, roster, { type: 'void', visitId: back.visitId, consultant: back.consultant, reason: 'R-OWN-8g' }, actor!.id, now);
          await appendRosterEvent(tx, roster, { type: 'priority', consultant: back.consultant, reason: 'R-OWN-8g' }, actor!.id, now);
        }
      }
      const owners = (await ownersAt(tx, input.sameAs, now, policy)).map((o) => o.consultant);
      return { customerId: input.customer, sameAs: input.sameAs, owners, sameDay: back !== null };
    },
  }),

  'customer.household': handle('customer.household', {
    run: async ({ tx, actor, input, now, policy }) => {
      if (input.a === input.b) throw refuse('household_same_customer');
      await requireCustomer(tx, input.a);
      await requireCustomer(tx, input.b);
      if (await linkExists(tx, input.a, input.b)) throw refuse('customers_already_linked', { customerId: input.a, otherCustomerId: input.b });
      await tx.insertInto('customer_links').values({ type: 'household', customer_id: input.a, other_customer_id: input.b, at: iso(now), actor_id: actor!.id }).execute();
      return { a: input.a, b: input.b, owners: (await ownersAt(tx, input.a, now, policy)).map((o) => o.consultant) };
    },
  }),
};
