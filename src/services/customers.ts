/** Customer facts beside visits: phone inquiries (R-OWN-6), announced introductions (R-OWN-9a), identification (R-OWN-8), households (R-OWN-10). */
import type { Kysely } from 'kysely';
import { announceRefusal, linkRefusal } from '../domain/customer-links';
import { handle } from './handle';
import { refuse } from '../api/errors';
import type { Database } from '../db/schema';
import { customerById, linkBetween } from '../db/queries/customers';
import { customerIdByPhone } from '../db/queries/desk';
import { insertAnnouncement, insertCustomerLink, insertPhoneInquiry } from '../db/writes/customers';
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
  const c = await customerById(tx, id);
  if (!c) throw refuse('customer_not_found', { customerId: id });
  return c;
}

async function findOrCreate(tx: Tx, c: { name: string; phone: string }, actorId: string, now: Date): Promise<number> {
  return (await customerIdByPhone(tx, c.phone)) ?? createCustomer(tx, c, actorId, now);
}

const linkExists = linkBetween;

export const customerHandlers = {
  'desk.phoneInquiry': handle('desk.phoneInquiry', {
    run: async ({ tx, actor, input, now }) => {
      const customerId = await findOrCreate(tx, input.customer, actor!.id, now);
      const id = await insertPhoneInquiry(tx, { customerId, consultantId: actor!.id, note: input.note ?? null }, now);
      return { id, customerId };
    },
  }),

  'desk.announce': handle('desk.announce', {
    run: async ({ tx, actor, input, now, policy }) => {
      await requireCustomer(tx, input.from);
      const notOwn = announceRefusal(actor!.id, input.from, await ownersAt(tx, input.from, now, policy));
      if (notOwn) throw refuse(notOwn.reason, notOwn.params);
      const customerId = input.customer.phone
        ? await findOrCreate(tx, { name: input.customer.name, phone: input.customer.phone }, actor!.id, now)
        : await createCustomer(tx, { name: input.customer.name, phone: '' }, actor!.id, now);
      const id = await insertAnnouncement(
        tx,
        { customerId, fromCustomerId: input.from, consultantId: actor!.id, expectedAt: new Date(input.expectedAt) },
        now,
      );
      return { id, customerId };
    },
  }),

  'customer.identify': handle('customer.identify', {
    run: async ({ tx, actor, input, now, policy }) => {
      // the facts first (on records that do not exist: not linked, not one person), then the one decision, then
      // whether both records exist — the order of the refusals as it has always been
      const same = input.customer === input.sameAs;
      const refused = linkRefusal({
        kind: 'identified',
        a: input.customer,
        b: input.sameAs,
        linked: !same && (await linkExists(tx, input.customer, input.sameAs)),
        onePerson: !same && personRecords(await customerHistory(tx, input.customer, now), input.customer, now).includes(input.sameAs),
      });
      if (refused) throw refuse(refused.reason, refused.params);
      await requireCustomer(tx, input.customer);
      await requireCustomer(tx, input.sameAs);
      await insertCustomerLink(tx, 'identified', input.customer, input.sameAs, actor!.id, now);

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
          roster = await appendRosterEvent(
            tx,
            roster,
            { type: 'void', visitId: back.visitId, consultant: back.consultant, reason: 'R-OWN-8g' },
            actor!.id,
            now,
          );
          await appendRosterEvent(tx, roster, { type: 'priority', consultant: back.consultant, reason: 'R-OWN-8g' }, actor!.id, now);
        }
      }
      const owners = (await ownersAt(tx, input.sameAs, now, policy)).map((o) => o.consultant);
      return { customerId: input.customer, sameAs: input.sameAs, owners, sameDay: back !== null };
    },
  }),

  'customer.household': handle('customer.household', {
    run: async ({ tx, actor, input, now, policy }) => {
      const linked = input.a !== input.b && (await linkExists(tx, input.a, input.b));
      const refused = linkRefusal({ kind: 'household', a: input.a, b: input.b, linked, onePerson: false });
      if (refused) throw refuse(refused.reason, refused.params);
      await requireCustomer(tx, input.a);
      await requireCustomer(tx, input.b);
      await insertCustomerLink(tx, 'household', input.a, input.b, actor!.id, now);
      return { a: input.a, b: input.b, owners: (await ownersAt(tx, input.a, now, policy)).map((o) => o.consultant) };
    },
  }),
};
