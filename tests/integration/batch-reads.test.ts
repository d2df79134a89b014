/**
 * The reads made fast for the performance budget give exactly the answers of the plain reads they replace,
 * on every scenario of the rulebook (corrections, refusals, switches, couples, identified records, company
 * clients, referrals, disputes), for every customer, at several instants:
 * - registration facts in one statement = the original two statements (registrations, then decisions);
 * - histories read for many customers at once = each read alone;
 * - owners of many (histories only for those registered within the protection period) = `ownersAt` each;
 * - a month's statement = each deal's split on its own.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { addDays } from 'date-fns';
import type { Kysely } from 'kysely';
import { describe, expect, it } from 'vitest';
import { replayText } from '../../src/cli/replay';
import type { Database } from '../../src/db/schema';
import type { RegistrationFact, RegistrationStatus } from '../../src/domain/ownership';
import { fromIso, iso, officeDay } from '../../src/domain/time';
import { policyAt } from '../../src/services/common';
import { splitForDeal, statementFor } from '../../src/services/deals';
import { customerHistories, ownersAt, ownersOfMany } from '../../src/services/history';
import { registrationFacts } from '../../src/services/ownership';

const DIR = resolve(__dirname, '../scenarios');
const files = readdirSync(DIR).filter((f) => f.endsWith('.yaml')).sort();

/** registrationFacts as it was before (two statements), kept here as the reference. */
async function factsAsBefore(tx: Kysely<Database>, customerIds: number[], t: Date): Promise<RegistrationFact[]> {
  const at = iso(t);
  const regs = await tx
    .selectFrom('registrations')
    .innerJoin('visits', 'visits.id', 'registrations.visit_id')
    .select(['registrations.id', 'registrations.visit_id', 'registrations.customer_id', 'registrations.consultant_id', 'registrations.registered_at', 'registrations.corrects_id', 'registrations.kind', 'visits.source', 'visits.reception', 'visits.companion_customer_id'])
    .where('registrations.customer_id', 'in', customerIds)
    .where('registrations.created_at', '<=', at)
    .orderBy('registrations.id')
    .execute();
  if (regs.length === 0) return [];
  const decided = new Map<number, string>();
  for (const d of await tx.selectFrom('registration_decisions').select(['registration_id', 'decision']).where('registration_id', 'in', regs.map((r) => r.id)).where('at', '<=', at).orderBy('id').execute()) decided.set(d.registration_id, d.decision);
  const corrected = new Set(regs.filter((r) => r.corrects_id !== null).map((r) => r.corrects_id!));
  const out: RegistrationFact[] = [];
  for (const r of regs) {
    let status = (decided.get(r.id) ?? (r.corrects_id ? decided.get(r.corrects_id) : undefined) ?? 'pending') as RegistrationStatus;
    if (corrected.has(r.id)) status = 'corrected';
    const introduced = r.source === 'old_customer' && (r.reception === 'introduced' || r.reception === 'voluntary');
    out.push({
      id: r.id,
      visitId: r.visit_id,
      customerId: r.customer_id,
      consultant: r.consultant_id,
      at: fromIso(r.registered_at),
      status,
      // the period of the registration's own moment (one plain policy read each)
      protectionMonths: (await policyAt(tx, fromIso(r.registered_at))).protectionMonths,
      ...(r.kind === 'reassignment' ? { reassignment: true } : {}),
      ...(introduced ? { introduction: r.companion_customer_id !== null ? ('R-OWN-9b' as const) : ('R-OWN-9a' as const) } : {}),
    });
  }
  return out;
}

describe('batch reads equal the plain reads on every scenario', () => {
  for (const file of files) {
    it(file, async () => {
      let compared = 0;
      await replayText(readFileSync(join(DIR, file), 'utf8'), async (app, clock) => {
        const db = app.handle.db;
        const ids = (await db.selectFrom('customers').select('id').orderBy('id').execute()).map((c) => c.id);
        const end = clock.now();
        for (const t of [addDays(end, -10), end, addDays(end, 20), addDays(end, 45)]) {
          const policy = await policyAt(db, t);
          const all = await customerHistories(db, ids, t);
          const owners = await ownersOfMany(db, ids, t, policy);
          expect([all.size, owners.size]).toEqual([ids.length, ids.length]);
          for (const id of ids) {
            expect(await registrationFacts(db, [id], t), `facts of ${id}`).toEqual(await factsAsBefore(db, [id], t));
            const alone = (await customerHistories(db, [id], t)).get(id);
            expect(alone, `history of ${id}`).toBeTruthy();
            expect(all.get(id), `history of ${id}`).toEqual(alone);
            expect(owners.get(id), `owners of ${id}`).toEqual(await ownersAt(db, id, t, policy));
            compared++;
          }
          expect(await registrationFacts(db, ids, t)).toEqual(await factsAsBefore(db, ids, t));
        }
        const months = (await db.selectFrom('deals').select('at').execute()).map((d) => officeDay(fromIso(d.at)).slice(0, 7));
        for (const month of new Set(months)) {
          const st = await statementFor(db, month, end);
          expect(st.deals.length + st.held.length + st.unresolved.length, `deals of ${month}`).toBe(months.filter((m) => m === month).length);
          for (const split of [...st.deals, ...st.held, ...st.unresolved]) expect(split).toEqual(await splitForDeal(db, split.dealId, end));
        }
      });
      expect(compared).toBeGreaterThan(0);
    });
  }
});
