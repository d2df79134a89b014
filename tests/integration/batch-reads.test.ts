/**
 * The reads made fast for the performance budget give exactly the answers of the plain reads they replace,
 * on every scenario of the rulebook (corrections, refusals, switches, couples, identified records, company
 * clients, referrals, disputes), for every customer, at several instants:
 * - registration facts of many customers at once = each customer's read alone (and, on a day written out by
 *   hand below, the statuses and introductions a person can work out from what happened);
 * - histories read for many customers at once = each read alone;
 * - owners of many (histories only for those registered within the protection period) = `ownersAt` each;
 * - a month's statement = each deal's split on its own.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { addDays } from 'date-fns';
import { describe, expect, it } from 'vitest';
import { replayOnEngine as replayText } from '../support/engine';
import { fromIso, officeDay } from '../../src/domain/time';
import { policyAt } from '../../src/services/common';
import { splitForDeal, statementFor } from '../../src/services/deals';
import { customerHistories, ownersAt, ownersOfMany } from '../../src/services/history';
import { registrationFacts } from '../../src/services/ownership';
import { testApp } from '../support/app';

const DIR = resolve(__dirname, '../scenarios');
const files = readdirSync(DIR)
  .filter((f) => f.endsWith('.yaml'))
  .sort();

describe('batch reads equal the plain reads on every scenario', () => {
  for (const file of files) {
    it(file, async () => {
      let compared = 0;
      await replayText(readFileSync(join(DIR, file), 'utf8'), async (app, clock) => {
        const db = app.db;
        const ids = (await db.selectFrom('customers').select('id').orderBy('id').execute()).map((c) => c.id);
        const end = clock.now();
        for (const t of [addDays(end, -10), end, addDays(end, 20), addDays(end, 45)]) {
          const policy = await policyAt(db, t);
          const all = await customerHistories(db, ids, t);
          const owners = await ownersOfMany(db, ids, t, policy);
          expect([all.size, owners.size]).toEqual([ids.length, ids.length]);
          for (const id of ids) {
            const alone = (await customerHistories(db, [id], t)).get(id);
            expect(alone, `history of ${id}`).toBeTruthy();
            expect(all.get(id), `history of ${id}`).toEqual(alone);
            expect(owners.get(id), `owners of ${id}`).toEqual(await ownersAt(db, id, t, policy));
            compared++;
          }
          const each = (await Promise.all(ids.map((id) => registrationFacts(db, [id], t)))).flat();
          expect(await registrationFacts(db, ids, t)).toEqual(each.sort((x, y) => x.id - y.id));
        }
        const months = (await db.selectFrom('deals').select('at').execute()).map((d) => officeDay(fromIso(d.at)).slice(0, 7));
        for (const month of new Set(months)) {
          const st = await statementFor(db, month, end);
          expect(st.deals.length + st.held.length + st.unresolved.length, `deals of ${month}`).toBe(
            months.filter((m) => m === month).length,
          );
          for (const split of [...st.deals, ...st.held, ...st.unresolved]) expect(split).toEqual(await splitForDeal(db, split.dealId, end));
        }
      });
      expect(compared).toBeGreaterThan(0);
    });
  }
});

describe('registration facts, worked out by hand', () => {
  it('a confirmed, a rejected, a corrected and an introduced registration, now and as they stood that morning', async () => {
    const t = await testApp({ at: '2026-03-02T09:00:00' });
    try {
      const at = (hhmm: string) => t.clock.set(new Date(`2026-03-02T${hhmm}:00`));
      await t.ok('mgr', 'roster.start', { order: ['zhang', 'li', 'wang'] });
      const walkIn = async (phone: string, extra: { with?: number; asksFor?: string } = {}) => {
        const w = await t.ok('qian', 'desk.walkIn', { customer: { name: `客户${phone.slice(-2)}`, phone }, ...extra });
        await t.ok(w.receivedBy!.id, 'desk.finish', { visit: w.visitId! });
        return { visit: w.visitId!, customer: w.customerId!, by: w.receivedBy!.id, reception: w.reception };
      };
      at('09:10');
      const a = await walkIn('13800000001');
      const b = await walkIn('13800000002');
      const c = await walkIn('13800000003');
      expect([a.by, b.by, c.by]).toEqual(['zhang', 'li', 'wang']);
      const morning = new Date('2026-03-02T09:30:00');
      at('10:00');
      await t.ok('pm', 'registration.confirm', { visit: a.visit });
      await t.ok('pm', 'registration.reject', { visit: b.visit, reason: '重复登记' });
      await t.ok('pm', 'registration.correct', { visit: c.visit, set: { consultant: 'li' }, reason: '实际由李娜接待' });
      at('11:00');
      expect((await walkIn('13800000005')).by).toBe('zhang'); // zhang is no longer at the head
      // a's customer (zhang's, confirmed) brings a friend and asks for zhang: his introduction (R-OWN-9b)
      const d = await walkIn('13800000004', { with: a.customer, asksFor: 'zhang' });
      expect([d.by, d.reception]).toEqual(['zhang', 'introduced']);

      const db = t.app.db;
      const facts = async (customer: number, when: Date) =>
        (await registrationFacts(db, [customer], when)).map((f) => ({
          visit: f.visitId,
          consultant: f.consultant,
          status: f.status,
          months: f.protectionMonths,
          ...(f.introduction ? { introduction: f.introduction } : {}),
        }));
      const now = t.clock.now();
      expect(await facts(a.customer, now)).toEqual([{ visit: a.visit, consultant: 'zhang', status: 'confirmed', months: 1 }]);
      expect(await facts(b.customer, now)).toEqual([{ visit: b.visit, consultant: 'li', status: 'rejected', months: 1 }]);
      // the original stays, marked corrected; the correction stands in for it, still awaiting the PM
      expect(await facts(c.customer, now)).toEqual([
        { visit: c.visit, consultant: 'wang', status: 'corrected', months: 1 },
        { visit: c.visit, consultant: 'li', status: 'pending', months: 1 },
      ]);
      expect(await facts(d.customer, now)).toEqual([
        { visit: d.visit, consultant: 'zhang', status: 'pending', months: 1, introduction: 'R-OWN-9b' },
      ]);
      // that morning nothing had been decided or corrected yet, and d had not come
      expect(await facts(a.customer, morning)).toEqual([{ visit: a.visit, consultant: 'zhang', status: 'pending', months: 1 }]);
      expect(await facts(b.customer, morning)).toEqual([{ visit: b.visit, consultant: 'li', status: 'pending', months: 1 }]);
      expect(await facts(c.customer, morning)).toEqual([{ visit: c.visit, consultant: 'wang', status: 'pending', months: 1 }]);
      expect(await facts(d.customer, morning)).toEqual([]);
      // confirming the corrected visit confirms the correction, not the original
      await t.ok('pm', 'registration.confirm', { visit: c.visit });
      expect((await facts(c.customer, t.clock.now())).map((f) => f.status)).toEqual(['corrected', 'confirmed']);
    } finally {
      await t.close();
    }
  });
});
