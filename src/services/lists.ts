/** Lists the screens page through: deals, disputes, referrals, customers found as you type. */
import { handle } from './handle';
import { MANAGERS } from '../domain/roles';
import { iso, monthRange, officeDay } from '../domain/time';
import { phoneKey } from '../domain/phone';
import {
  dealChangesOf,
  dealsOfMonth,
  disputeRows,
  referralRows,
  searchAllCustomers,
  searchByVisibleDigits,
  searchRegisteredTo,
} from '../db/queries/lists';
import { audit } from './common';
import { maskPhone, SEES_ALL, visibleDigitPatterns } from './confidentiality';
import { hasRole } from './context';
import { ownersOfMany, personRecordsOfMany, protectionLookback } from './history';
import { namesAndPhones } from '../db/queries/customers';
import { splitsOfDeals } from './deals';
import { disputeState, seesDispute } from './disputes';
import { referralStatus } from './referrals';

export const listHandlers = {
  'customer.search': handle('customer.search', {
    run: async ({ tx, actor, input, now, policy }) => {
      const q = input.q;
      const digits = phoneKey(q);
      const byPhone = /^\d{3,}$/.test(digits);
      const seesAll = hasRole(actor, SEES_ALL);
      // Everyone else matches a number in full only among their own customers (asked apart, so a short prefix's
      // thousands of others cannot crowd them out), and anyone else's by the digits a masked number shows.
      const lookback = seesAll ? null : iso(await protectionLookback(tx, now));
      // a spouse's or a duplicate record shares the owner (R-OWN-8, R-OWN-10)
      const mine = seesAll
        ? await searchAllCustomers(tx, { q, digits: byPhone ? digits : null })
        : byPhone
          ? await searchRegisteredTo(tx, digits, q, actor!.id, lookback!)
          : [];
      const others = seesAll ? [] : await searchByVisibleDigits(tx, byPhone ? visibleDigitPatterns(digits) : [], q);
      // Records the PM identified as one person (认定同一客户, R-OWN-8) are one hit: the person with every number
      // and its owners now, not one row per record.
      const found = [...new Set([...mine, ...others].map((r) => r.id))];
      const people = await personRecordsOfMany(tx, found, now);
      const records = [...new Set([...people.values()].flat())];
      const owners = await ownersOfMany(tx, records, now, policy);
      const ownersOf = (id: number) => owners.get(id)!.map((o) => o.consultant);
      const owns = (id: number) => ownersOf(id).includes(actor!.id);
      const more = await namesAndPhones(
        tx,
        records.filter((id) => !found.includes(id)),
      );
      const byId = new Map([...mine, ...others].map((r) => [r.id, { name: r.name, phone: r.phone }]));
      const seen = new Set<number>();
      const out = [];
      const masked: number[] = [];
      // Found by the full number only if the customer is the caller's now (a lapsed one is another's again);
      // one's own customer found by a hidden digit it does not have is no match; another's stays masked.
      for (const [r, full] of [...mine.map((r) => [r, true] as const), ...others.map((r) => [r, false] as const)]) {
        const own = seesAll || owns(r.id);
        if (seen.has(r.id)) continue;
        if (!seesAll && ((full && !own) || (!full && own && !r.textHit && !(byPhone && r.phone_key.startsWith(digits))))) continue;
        const person = people.get(r.id)!;
        for (const id of person) seen.add(id);
        const shown = (phone: string) => (own ? phone : maskPhone(phone));
        if (!own && !r.textHit) masked.push(...person);
        out.push({
          id: r.id,
          name: r.name,
          phone: shown(r.phone),
          // the person's other records (another number it gave), each as the caller may see it (R-SEC-1)
          sameAs: person
            .filter((id) => id !== r.id)
            .map((id) => {
              const c = byId.get(id) ?? more.get(id)!;
              return { id, name: c.name, phone: shown(c.phone) };
            }),
          owners: ownersOf(r.id),
        });
        if (out.length === 20) break;
      }
      // Digits typed past the third reach into others' hidden digits: each such search that found others'
      // customers is on the audit screen, so probing a number is seen even though it recovers nothing.
      if (byPhone && digits.length > 3 && masked.length)
        await audit(tx, now, actor!.id, 'customer.search', { q: digits, customers: masked });
      return out;
    },
  }),

  'deal.list': handle('deal.list', {
    run: async ({ tx, actor, input, now }) => {
      const { start, end } = monthRange(input.month);
      const deals = await dealsOfMonth(tx, start, end);
      const all = hasRole(actor, [...MANAGERS, 'sales_assistant']);
      const splits = await splitsOfDeals(
        tx,
        deals.map((d) => d.id),
        now,
      );
      const out = [];
      for (const { recorded_by, ...d } of deals) {
        const split = splits.get(d.id)!;
        if (!all && !split.lines.some((l) => l.beneficiary === actor!.id) && recorded_by !== actor!.id) continue;
        // R-OWN-11: the unit and buyer now, with every change; the split never follows them
        const changes = await dealChangesOf(tx, d.id);
        const unit = changes.reduce((u, c) => c.unit ?? u, d.unit);
        const buyerName = changes.reduce<string>((b, c) => c.buyer_name ?? b, d.customerName);
        out.push({ ...d, unit, originalUnit: d.unit, buyerName, changes, day: officeDay(new Date(d.at)), split });
      }
      return out;
    },
  }),

  'dispute.list': handle('dispute.list', {
    run: async ({ tx, actor, input, now }) => {
      const rows = await disputeRows(tx);
      const out = [];
      for (const r of rows) {
        const s = await disputeState(tx, r.id, now);
        if (input.status && s.status !== input.status) continue;
        if (!(await seesDispute(tx, actor!, r, now))) continue;
        out.push({ ...r, status: s.status, proposed: s.proposed, steps: s.steps.length });
      }
      return out;
    },
  }),

  'referral.list': handle('referral.list', {
    run: async ({ tx, now }) => {
      const rows = await referralRows(tx);
      const out = [];
      for (const r of rows) out.push({ ...r, phone: maskPhone(r.phone), status: await referralStatus(tx, r.id, now) });
      return out;
    },
  }),
};
