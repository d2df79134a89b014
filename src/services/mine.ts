/**
 * A consultant's own commission and customers (issue 17 item 17). The consultant is always the caller: these
 * methods take no staff id, so nobody can ask for a colleague's lines or customers, and a deal's other lines
 * (a colleague's share, the referrer's, the pool's) never leave the server here.
 */
import { customersByIds, customersRegisteredBy, dealsSignedBetween, latestFollowUpsOf } from '../db/queries/mine';
import { personAt } from '../domain/person';
import { iso, monthRange, officeDay } from '../domain/time';
import { splitsOfDeals } from './deals';
import { disputeOfDeal } from './disputes';
import { handle } from './handle';
import { customerHistories, protectionLookback } from './history';
import { staffNames } from './common';

export const mineHandlers = {
  'me.commission': handle('me.commission', {
    run: async ({ tx, actor, input, now }) => {
      const me = actor!.id;
      const { start, end } = monthRange(input.month);
      const deals = await dealsSignedBetween(tx, start, end);
      const splits = await splitsOfDeals(
        tx,
        deals.map((d) => d.id),
        now,
      );
      const lines = [];
      const held = [];
      for (const d of deals) {
        const split = splits.get(d.id)!;
        const mine = split.lines.filter((l) => l.beneficiary === me);
        if (mine.length === 0) continue;
        const deal = {
          dealId: d.id,
          day: officeDay(new Date(d.at)),
          unit: d.unit,
          customerId: d.customer_id,
          customerName: d.customerName,
        };
        const share = mine.map((l) => ({ kind: l.kind, bps: l.bps, amountCents: l.amount, cites: l.cites }));
        // R-COM-5: a deal under dispute is out of the month's total until decided; the consultant sees which dispute
        if (split.held) held.push({ ...deal, lines: share, disputeId: (await disputeOfDeal(tx, d.id, now))?.id ?? null });
        else lines.push(...share.map((l) => ({ ...deal, ...l, decided: split.decided })));
      }
      return { month: input.month, lines, held, totalCents: lines.reduce((sum, l) => sum + l.amountCents, 0) };
    },
  }),

  'me.customers': handle('me.customers', {
    run: async ({ tx, actor, now, policy }) => {
      const me = actor!.id;
      const ids = await customersRegisteredBy(tx, me, await protectionLookback(tx, now), now);
      const histories = await customerHistories(tx, ids, now);
      const seen = new Set<number>();
      const owned = [];
      for (const id of ids) {
        const person = personAt(histories.get(id)!, id, now, policy);
        // one person under several numbers is one customer, listed under the record met first
        if (person.records.some((r) => seen.has(r))) continue;
        person.records.forEach((r) => seen.add(r));
        if (!person.side.some((s) => s.consultant === me)) continue;
        owned.push({
          id,
          until: person.protection?.until ?? null,
          sharedWith: person.side.filter((s) => s.consultant !== me).map((s) => s.consultant),
        });
      }
      const names = await staffNames(
        tx,
        owned.flatMap((o) => o.sharedWith),
      );
      const rows = new Map(
        (
          await customersByIds(
            tx,
            owned.map((o) => o.id),
          )
        ).map((c) => [c.id, c]),
      );
      const latest = await latestFollowUpsOf(
        tx,
        owned.map((o) => o.id),
        now,
      );
      const today = officeDay(now);
      const out = owned.map((o) => {
        const f = latest.get(o.id);
        return {
          customer: rows.get(o.id)!,
          protectionUntil: o.until ? iso(o.until) : null,
          protectionUntilDay: o.until ? officeDay(o.until) : null,
          sharedWith: o.sharedWith.map((staffId) => ({ staffId, name: names[staffId] ?? staffId })),
          grade: f?.grade ?? null,
          lastFollowUpDay: f?.day ?? null,
          nextFollowUpDay: f?.next_day ?? null,
          overdue: !!f?.next_day && f.next_day < today,
        };
      });
      // the follow-up due soonest first, then whoever has none planned by protection's end
      // (code-unit order: localeCompare would sort the '~' that puts unplanned ones last before the digits)
      const key = (r: (typeof out)[number]) => r.nextFollowUpDay ?? `~${r.protectionUntil ?? ''}`;
      return out.sort((a, b) => (key(a) < key(b) ? -1 : key(a) > key(b) ? 1 : a.customer.id - b.customer.id));
    },
  }),
};
