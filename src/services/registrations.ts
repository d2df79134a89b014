/** Registrations (R-OWN-3, 4): pending until the PM confirms; never edited, corrections are new records. */
import type { Kysely } from 'kysely';
import type { ReadTx } from '../db/read-tx';
import { handle } from './handle';
import { refuse } from '../api/errors';
import { phoneKey } from '../domain/phone';
import type { Database } from '../db/schema';
import { addDays } from 'date-fns';
import type { Policy } from '../domain/policy';
import type { Role } from '../domain/roles';
import { iso, officeDay } from '../domain/time';
import { loadActor, staffNames } from './common';
import { hasRole } from './context';
import { maskPhone, SEES_ALL } from './confidentiality';
import { likelyMatches } from './desk';
import type { MatchWhy } from '../domain/likely-match';
import { registrationFlags } from '../domain/registration-flags';
import { decisionRefusal } from '../domain/ownership';
import { correctionDecision } from '../domain/registration-correction';
import { registrationFacts } from './ownership';
import { customerHistories, customerHistory, linkedIn, protectionLookback } from './history';
import { personAt } from '../domain/person';
import { customerById, namesAndPhones, otherCustomerWithPhoneKey } from '../db/queries/customers';
import { customersRegisteredBetween, registrationsOfVisit, registrationsOnDay } from '../db/queries/registrations';
import { updateCustomerNameOrPhone } from '../db/writes/customers';
import { insertCorrection, insertRegistrationDecision } from '../db/writes/registrations';

type Tx = Kysely<Database>;
const CONFIRMERS: readonly Role[] = ['project_manager', 'sales_director'];

/** The visit's registrations as facts, the one in force last (the newest correction or reassignment, else the original); null: none. */
async function visitRegistrations(tx: ReadTx, visitId: number, now: Date) {
  const regs = await registrationsOfVisit(tx, visitId, now);
  if (regs.length === 0) return null;
  const mine = (await registrationFacts(tx, [regs[0]!.customer_id], now)).filter((f) => f.visitId === visitId);
  return { latest: mine[mine.length - 1]!, all: mine, corrected: regs.some((r) => r.kind === 'correction') };
}

/** The visit's registration now in force; a visit without one is refused. */
export async function currentRegistration(tx: ReadTx, visitId: number, now: Date) {
  const found = await visitRegistrations(tx, visitId, now);
  if (!found) throw refuse('registration_not_found', { visitId });
  return found;
}

/** The registration in force for the visit, or null when the visit has none (a fact, not a refusal). */
async function registrationInForce(tx: ReadTx, visitId: number, now: Date) {
  return (await visitRegistrations(tx, visitId, now))?.latest ?? null;
}

async function decide(tx: Tx, actorId: string, now: Date, visitId: number, decision: 'confirmed' | 'rejected', why: string | null) {
  const { latest } = await currentRegistration(tx, visitId, now);
  const refused = decisionRefusal(latest.status);
  if (refused) throw refuse(refused, { visitId });
  await insertRegistrationDecision(tx, { registrationId: latest.id, decision, reason: why, actorId }, now);
  return { visitId, registrationId: latest.id, status: decision };
}

export const registrationHandlers = {
  'registration.confirm': handle('registration.confirm', {
    run: ({ tx, actor, now, input }) => decide(tx, actor!.id, now, input.visit, 'confirmed', null),
  }),

  'registration.reject': handle('registration.reject', {
    run: ({ tx, actor, now, input }) => decide(tx, actor!.id, now, input.visit, 'rejected', input.reason),
  }),
};

/** A flag as the API sends it: the domain's facts with days for instants and the owner's name beside the id. */
export type RegistrationFlagOut =
  | { kind: 'conflict'; rule: 'R-OWN-5'; ownerId: string; ownerName: string; sinceDay: string; untilDay: string }
  | {
      kind: 'possible_match';
      rule: 'R-OWN-8';
      customerId: number;
      name: string;
      phone: string;
      why: MatchWhy;
      ownerId: string | null;
      ownerName: string | null;
    };

/** Why a registration deserves the PM's eye before confirming (R-OWN-3): gathered here, decided by `registrationFlags`. */
async function flagsFor(
  tx: ReadTx,
  r: { visit_id: number; customer_id: number; consultant_id: string; registered_at: string; customerName: string; phone: string },
  now: Date,
  policy: Policy,
): Promise<RegistrationFlagOut[]> {
  // The registration is judged against the rest of the person's history (every record identified as them).
  const history = await customerHistory(tx, r.customer_id, now);
  const at = new Date(r.registered_at);
  const others = { ...history, registrations: history.registrations.filter((f) => f.visitId !== r.visit_id) };
  const flags = registrationFlags({
    customerId: r.customer_id,
    consultant: r.consultant_id,
    person: personAt(others, r.customer_id, at, policy),
    linked: linkedIn(history, r.customer_id),
    matches: await likelyMatches(tx, at, policy, phoneKey(r.phone), r.customerName),
  });
  const names = await staffNames(tx, [...new Set(flags.flatMap((f) => (f.ownerId ? [f.ownerId] : [])))]);
  return flags.map((f) =>
    f.kind === 'conflict'
      ? {
          kind: f.kind,
          rule: f.rule,
          ownerId: f.ownerId,
          ownerName: names[f.ownerId] ?? f.ownerId,
          sinceDay: officeDay(f.since),
          untilDay: officeDay(f.until),
        }
      : { ...f, ownerName: f.ownerId ? (names[f.ownerId] ?? f.ownerId) : null },
  );
}

export const registrationQueueHandlers = {
  'registration.day': handle('registration.day', {
    run: async ({ tx, actor, now, input, policy }) => {
      const rows = await registrationsOnDay(tx, new Date(`${input.day}T00:00:00`));
      // R-SEC-1: managers see all — the PM and the director confirm with the numbers in full (this method's roles
      // are all managers; the check stays for a role added to it later, who would see them masked).
      const full = hasRole(actor, SEES_ALL);
      const shown = (phone: string) => (full ? phone : maskPhone(phone));
      const out = [];
      for (const r of rows) {
        const { latest } = await currentRegistration(tx, r.visit_id, now);
        const consultantName = (await staffNames(tx, [latest.consultant]))[latest.consultant] ?? latest.consultant;
        const flags = await flagsFor(tx, { ...r, consultant_id: latest.consultant }, now, policy);
        // Records the PM identified as this person (R-OWN-8), and whom the person belongs to now: what confirming
        // this registration now means (the row's words, renderer/screens/Registrations.tsx).
        const history = await customerHistory(tx, r.customer_id, now);
        const sameAs = [...new Set(history.identifications.flatMap((i) => [i.customerId, i.sameAs]))].filter((id) => id !== r.customer_id);
        const records = await namesAndPhones(tx, [...sameAs, ...flags.flatMap((f) => (f.kind === 'possible_match' ? [f.customerId] : []))]);
        // The person's consultant side now if this registration is confirmed, and if it is rejected (the domain's
        // personAt over the same facts with this visit's registrations so decided): what the PM's choice means.
        const sideIf = (status: 'confirmed' | 'rejected') =>
          personAt(
            { ...history, registrations: history.registrations.map((g) => (g.visitId === r.visit_id ? { ...g, status } : g)) },
            r.customer_id,
            now,
            policy,
          ).side;
        const ifConfirmed = sameAs.length ? sideIf('confirmed') : [];
        const ifRejected = sameAs.length ? sideIf('rejected') : [];
        const sideNames = await staffNames(
          tx,
          [...ifConfirmed, ...ifRejected].map((s) => s.consultant),
        );
        const named = (side: typeof ifConfirmed) =>
          side.map((s) => ({ id: s.consultant, name: sideNames[s.consultant] ?? s.consultant, bps: s.bps }));
        out.push({
          ...r,
          phone: shown(r.phone),
          consultant_id: latest.consultant,
          consultantName,
          status: latest.status,
          flags: flags.map((f) => (f.kind === 'possible_match' && full ? { ...f, phone: records.get(f.customerId)?.phone ?? f.phone } : f)),
          identified: sameAs.length
            ? {
                records: sameAs.map((id) => ({
                  customerId: id,
                  name: records.get(id)?.name ?? '',
                  phone: shown(records.get(id)?.phone ?? ''),
                })),
                ifConfirmed: named(ifConfirmed),
                ifRejected: named(ifRejected),
              }
            : null,
        });
      }
      return out;
    },
  }),

  'registration.correct': handle('registration.correct', {
    run: async ({ tx, actor, now, input }) => {
      const { consultant, name, phone: newPhone } = input.set;
      // the facts first (each only when the input asks about it), then the one decision (its refusals in the old order)
      const latest = consultant || name || newPhone ? await registrationInForce(tx, input.visit, now) : null;
      const customer = latest ? await customerById(tx, latest.customerId) : undefined;
      const decided = correctionDecision({
        visitId: input.visit,
        set: input.set,
        registration: latest,
        customer: customer ? { name: customer.name, phone: customer.phone, phoneKey: customer.phone_key } : null,
        consultant: consultant && latest ? await loadActor(tx, consultant) : null,
        phoneOwner: newPhone && customer ? ((await otherCustomerWithPhoneKey(tx, phoneKey(newPhone), customer.id)) ?? null) : null,
      });
      if (decided.refusal) throw refuse(decided.refusal.reason, decided.refusal.params);
      const { changes } = decided;
      if (!latest || !customer) throw new Error('unreachable: a correction decided without its registration');
      // The customer record carries the current name and phone (the desk looks up by them); the old values stay in `changes`.
      if (changes.name || changes.phone)
        await updateCustomerNameOrPhone(tx, customer.id, { name: changes.name?.to, phone: changes.phone?.to });
      const registrationId = await insertCorrection(
        tx,
        {
          visitId: input.visit,
          customerId: customer.id,
          consultantId: changes.consultant?.to ?? latest.consultant,
          registeredAt: latest.at,
          corrects: latest.id,
          reason: input.reason,
          changes,
          actorId: actor!.id,
        },
        now,
      );
      return { visitId: input.visit, registrationId, corrects: latest.id, changes };
    },
  }),

  'registration.expiring': handle('registration.expiring', {
    run: async ({ tx, actor, now, input, policy }) => {
      const manager = hasRole(actor, [...CONFIRMERS, 'sales_manager']);
      return expiringProtections(tx, now, policy, input.days ?? 7, manager ? input.consultant : actor!.id, actor!.id);
    },
  }),
};

/** Protections ending within `days` (of one consultant, or all); numbers in full for the owner only. */
export async function expiringProtections(tx: ReadTx, now: Date, policy: Policy, days: number, who: string | undefined, viewer: string) {
  // Only registrations made within one protection period (the longest any policy version gave) can still protect.
  const since = await protectionLookback(tx, now);
  const candidates = await customersRegisteredBetween(tx, since, now);
  const horizon = addDays(now, days);
  const histories = await customerHistories(tx, candidates, now);
  const seen = new Set<number>();
  const out = [];
  for (const customerId of candidates) {
    // the person's protection, renewed under any of their numbers, listed once under the record asked about first
    const person = personAt(histories.get(customerId)!, customerId, now, policy);
    if (person.records.some((r) => seen.has(r))) continue;
    person.records.forEach((r) => seen.add(r));
    const p = person.protection;
    if (!p || p.until > horizon || (who && p.owner !== who)) continue;
    const found = await customerById(tx, customerId);
    if (!found) throw refuse('customer_not_found', { customerId });
    const row = { id: found.id, name: found.name, phone: found.phone };
    const customer = { ...row, phone: person.side.some((s) => s.consultant === viewer) ? row.phone : maskPhone(row.phone) };
    out.push({ customer, owner: p.owner, until: iso(p.until), untilDay: officeDay(p.until) });
  }
  return out.sort((a, b) => a.until.localeCompare(b.until));
}
