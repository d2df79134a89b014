/**
 * Staff, roles, PINs and the acting person (R-SEC-1). The front desk is a shared terminal: anyone switches
 * the acting person with their own PIN, and every action is recorded under that person. Wrong PINs lock
 * that person, growing and capped (src/domain/sign-in). Staff are deactivated, never deleted: history
 * keeps their name. A PIN reset or a deactivation ends that person's open sessions (session_epoch).
 *
 * Only an admin may create an admin, grant the admin role, or change, deactivate or reset the PIN of
 * anyone who holds it: a sales director manages the team but cannot make themselves admin through a
 * colleague's account. Nobody resets their own PIN here — an open session left at the desk must not
 * become a stolen account; another admin or director does it, or the recovery at the machine
 * (`salesdesk reset-pin`, resetPinAtMachine).
 */
import { randomInt } from 'node:crypto';
import type { Kysely } from 'kysely';
import { handle } from './handle';
import { refuse } from '../api/errors';
import type { Database } from '../db/schema';
import { unchainedRowsOf } from '../db/ledger-guard';
import { inTransaction } from '../db/transaction';
import { adminGrantRefusal, type Role } from '../domain/roles';
import { DESK_STAFF, STAFF_ADMINS } from '../api/spec';
import { deactivateSelfRefusal, firstRunRefusal, lastAdminRefusal, pinResetRefusal } from '../domain/staff-rules';
import { lockedUntil, lockMinutes, minutesLeft, triesLeft } from '../domain/sign-in';
import { iso, officeDay } from '../domain/time';
import {
  activeStaffInRoles,
  anyStaff,
  credentialOf,
  rolesOf,
  sessionEpochOf,
  staffExists,
  staffListRows,
  staffRecord,
} from '../db/queries/staff';
import { accountsOf } from '../db/queries/site-staff';
import { insertPolicyVersion } from '../db/writes/policy';
import { atEveryAccount } from '../db/writes/site-staff';
import { bumpSessionEpoch, insertStaffMember, replaceRoles, setPinTries, setStaffActive, storePinHash } from '../db/writes/staff';
import { audit, loadActor } from './common';
import { linksStillActive, otherSitesOfEach } from './site-staff';
import { hashPin, needsRehash, pinMatches } from './pin-hash';
import { type Actor, type Host, hasRole } from './context';

/**
 * A person linked at several sites of an office group has one PIN (src/db/writes/site-staff atEveryAccount): every
 * write of their credential — a new PIN, a rehash, the count of wrong tries and its lock, the session epoch — is
 * made at each of their accounts in the same transaction. `lock` holds the person first (a write about to count).
 */
async function everywhere(tx: Kysely<Database>, staff: string, write: (tx: Kysely<Database>, id: string) => Promise<void>) {
  await atEveryAccount(tx, await accountsOf(tx, staff, true), write);
}

/** A new PIN (set or reset): clears the lock and ends every session opened under the old one, at every site of the person. */
async function setPin(tx: Kysely<Database>, staff: string, value: string, now: Date): Promise<void> {
  const hashed = await hashPin(value);
  await everywhere(tx, staff, async (t, id) => {
    await storePinHash(t, id, hashed, now);
    await bumpSessionEpoch(t, id);
  });
}

/** Every session of this person, on every terminal, is refused from its next call (src/services/dispatch). Per site: a deactivation is. */
const endSessions = bumpSessionEpoch;

/** The roles a person holds at every site they are linked at: an admin at one is an admin's to touch at all. */
async function rolesEverywhere(tx: Kysely<Database>, staff: string): Promise<Role[]> {
  const all: Role[] = [];
  await atEveryAccount(tx, await accountsOf(tx, staff), async (t, id) => void all.push(...((await rolesOf(t, id)) as Role[])));
  return all;
}

/** Admin accounts and the admin role are an admin's to give or touch (src/domain/roles adminGrantRefusal). */
async function requireAdminFor(tx: Kysely<Database>, actor: Actor, targetId: string | null, grants: readonly Role[] = []): Promise<void> {
  const target = targetId === null || actor.roles.includes('admin') ? null : await rolesEverywhere(tx, targetId);
  const refusal = adminGrantRefusal(actor.roles, grants, target);
  if (refusal) throw refuse(refusal);
}

async function insertStaff(tx: Kysely<Database>, now: Date, s: { id: string; name: string; roles: Role[]; pin?: string }) {
  if (await staffExists(tx, s.id)) throw refuse('staff_id_taken', { staffId: s.id });
  await insertStaffMember(tx, s, now);
  if (s.pin) await storePinHash(tx, s.id, await hashPin(s.pin), now); // a first PIN of a new account: linked nowhere, no session yet
}

/**
 * Puts a given team (and policy overrides) into an empty database in one transaction: the scenario
 * replayer's `staff:` and `policy:`. Not an API method — a running office adds staff through staff.create.
 */
export async function seedStaff(
  db: Kysely<Database>,
  staff: readonly { id: string; name: string; roles: Role[] }[],
  now: Date,
  policyOverrides: Record<string, unknown> = {},
): Promise<void> {
  await db.transaction().execute(async (tx) => {
    for (const s of staff) await insertStaff(tx, now, s);
    if (Object.keys(policyOverrides).length) await insertPolicyVersion(tx, policyOverrides, null, now);
  });
}

/**
 * The recovery at the machine itself (`npm run salesdesk -- reset-pin STAFF_ID [DB]`), needing no PIN, so
 * no lock and no forgotten PIN can shut the office out of its own data: whoever runs it already holds the
 * database file. A new random 6-digit PIN replaces the old one, the lock and the count are cleared, the
 * person's sessions end, and the audit log says it was done at the machine (no actor, `cli.resetPin`).
 */
export async function resetPinAtMachine(
  db: Kysely<Database>,
  staff: string,
  now: Date,
  readOnlyReason: string | null,
): Promise<{ id: string; name: string; pin: string }> {
  if (readOnlyReason) throw refuse('database_damaged', { detail: readOnlyReason });
  const newPin = String(randomInt(0, 1_000_000)).padStart(6, '0');
  const hashed = await hashPin(newPin);
  return inTransaction(db, 'write', async (tx) => {
    const s = await staffRecord(tx, staff);
    if (!s) throw refuse('staff_unknown', { staffId: staff });
    await everywhere(tx, s.id, async (t, id) => {
      await storePinHash(t, id, hashed, now);
      await bumpSessionEpoch(t, id);
    });
    await audit(tx, now, null, 'cli.resetPin', { staffId: s.id });
    return { id: s.id, name: s.name, pin: newPin };
  });
}

function wrongPin(who: { id: string; name: string }, tries: number) {
  const minutes = lockMinutes(tries);
  return minutes > 0
    ? refuse('pin_wrong_locked', { staffId: who.id, name: who.name, tries, minutes })
    : refuse('pin_wrong', { triesLeft: triesLeft(tries) });
}

/** Wrong tries on a file that may not be written, per open database, until a right PIN or a restart. */
const unwrittenTries = new WeakMap<object, Map<string, { tries: number; lockedUntil: string | null }>>();
function triesInMemory(host: object) {
  let kept = unwrittenTries.get(host);
  if (!kept) unwrittenTries.set(host, (kept = new Map()));
  return kept;
}

/**
 * The PIN check behind sign-in, the desk station's opening and each action at the station (src/services/dispatch):
 * the same count of wrong tries and the same lock, whichever of them the PIN was typed for. A right PIN is
 * recorded as `record` (an action at the station is recorded as itself instead: null).
 */
export async function checkPin(
  tx: Kysely<Database>,
  host: Host,
  staffId: string,
  pin: string,
  now: Date,
  record: 'session.signIn' | 'session.openStation' | null,
): Promise<Actor & { epoch: number }> {
  const actor = await loadActor(tx, staffId);
  if (!actor) throw refuse('staff_not_found', { staffId: staffId });
  const readOnly = host.readOnlyReason();
  // Each try is counted (and the lock it earns set) before the slow check: requests sent at once all meet
  // the lock the earlier ones set, so no burst gets more checks than the schedule allows.
  // A damaged file is never written (read-only mode): its tries are counted in memory instead, on top of the stored ones.
  const unwritten = readOnly ? triesInMemory(host) : null;
  const claim = await inTransaction(tx, readOnly ? 'read' : 'write', async (w) => {
    // One person at several sites has one count: held first, so a try at another site waits and then sees this one.
    const accounts = await accountsOf(w, actor.id, !readOnly);
    const cred = await credentialOf(w, actor.id);
    if (!cred) throw refuse('pin_not_set', { staffId: actor.id, name: actor.name });
    // A PIN hash swapped in by hand would let someone sign in as another person: the ledger must vouch for it.
    if ((await unchainedRowsOf(w, 'staff_credentials', actor.id)).length > 0) {
      console.error(`[salesdesk] staff ${actor.id}: the PIN record differs from the ledger; sign-in refused`);
      throw refuse('pin_record_tampered', { staffId: actor.id, name: actor.name });
    }
    const kept = unwritten?.get(actor.id);
    const failed = Math.max(cred.failed_attempts, kept?.tries ?? 0);
    const wait = Math.max(minutesLeft(cred.locked_until, now), minutesLeft(kept?.lockedUntil ?? null, now));
    if (wait > 0) throw refuse('pin_locked', { staffId: actor.id, name: actor.name, tries: failed, minutes: wait });
    const tries = failed + 1;
    const until = lockedUntil(tries, now);
    if (unwritten) unwritten.set(actor.id, { tries, lockedUntil: until ? iso(until) : null });
    else await atEveryAccount(w, accounts, (t, id) => setPinTries(t, id, tries, until));
    return { cred, tries };
  });
  const { cred, tries } = claim;
  const matches = await pinMatches(pin, { hash: cred.pin_hash, salt: cred.salt });
  if (unwritten) {
    if (!matches) throw wrongPin(actor, tries);
    unwritten.delete(actor.id);
    return { ...actor, epoch: cred.session_epoch };
  }
  const rehashed = matches && needsRehash(cred.pin_hash) ? await hashPin(pin) : null;
  const outcome = await inTransaction(tx, 'write', async (w) => {
    // Reset while this PIN was being checked (every reset moves the epoch): the old PIN opens no session.
    if ((await sessionEpochOf(w, actor.id)) !== cred.session_epoch) return 'reset' as const;
    if (matches) {
      await everywhere(w, actor.id, (t, id) => (rehashed ? storePinHash(t, id, rehashed, now) : setPinTries(t, id, 0, null)));
      if (record) await audit(w, now, actor.id, record, { staffId: actor.id });
      return 'in' as const;
    }
    const minutes = lockMinutes(tries);
    await audit(w, now, actor.id, minutes > 0 ? 'session.locked' : 'session.wrongPin', {
      staffId: actor.id,
      tries,
      ...(minutes > 0 ? { minutes } : {}),
    });
    return 'wrong' as const;
  });
  if (outcome === 'reset') throw refuse('pin_just_reset', { staffId: actor.id, name: actor.name });
  if (outcome === 'wrong') throw wrongPin(actor, tries);
  return { ...actor, epoch: cred.session_epoch };
}

export const staffHandlers = {
  'staff.list': handle('staff.list', {
    run: async ({ tx, input, now }) => {
      const { staff, roles, locks: creds } = await staffListRows(tx, !!input.includeInactive);
      const alsoAt = otherSitesOfEach(await linksStillActive(tx));
      return staff.map((s) => ({
        ...s,
        active: !!s.active,
        hasPin: creds.has(s.id),
        locked: !!creds.get(s.id) && new Date(creds.get(s.id)!) > now,
        roles: roles.filter((r) => r.staff_id === s.id).map((r) => r.role as Role),
        /** the codes of the group's other sites this person is linked and still active at (staff.addFromSite); [] for most */
        alsoAt: alsoAt.get(s.id) ?? [],
      }));
    },
  }),

  'staff.create': handle('staff.create', {
    run: async ({ tx, actor, input, now }) => {
      await requireAdminFor(tx, actor!, null, input.roles);
      const id = input.id ?? `s${now.getTime().toString(36)}${Math.floor(Math.random() * 1e4)}`;
      await insertStaff(tx, now, { id, name: input.name, roles: input.roles, pin: input.pin });
      return { id, name: input.name, roles: input.roles };
    },
  }),

  'staff.update': handle('staff.update', {
    run: async ({ tx, actor, input }) => {
      if (!(await staffExists(tx, input.id))) throw refuse('staff_unknown', { staffId: input.id });
      await requireAdminFor(tx, actor!, input.id, input.roles);
      const self = deactivateSelfRefusal(actor!.id, input.id, input.active);
      if (self) throw refuse(self);
      if (input.roles) await replaceRoles(tx, input.id, input.roles);
      if (input.active !== undefined) await setStaffActive(tx, input.id, input.active);
      // Sessions opened before a deactivation must not come back with a later re-activation.
      if (input.active === false) await endSessions(tx, input.id);
      // the change is made inside the transaction, then judged by who would be left (a refusal rolls it back)
      const left = lastAdminRefusal((await activeStaffInRoles(tx, STAFF_ADMINS)).length);
      if (left) throw refuse(left);
      return {
        id: input.id,
        ...(input.roles ? { roles: input.roles } : {}),
        ...(input.active !== undefined ? { active: input.active } : {}),
      };
    },
  }),

  'staff.resetPin': handle('staff.resetPin', {
    run: async ({ tx, actor, input, now }) => {
      if (!(await staffExists(tx, input.id))) throw refuse('staff_unknown', { staffId: input.id });
      await requireAdminFor(tx, actor!, input.id);
      // Whoever finds a session left open at the desk must not be able to take the account for good.
      const own = pinResetRefusal(actor!.id, input.id);
      if (own) throw refuse(own);
      await setPin(tx, input.id, input.pin, now);
      return { id: input.id, reset: true };
    },
  }),

  'setup.firstRun': handle('setup.firstRun', {
    run: async ({ tx, input, now }) => {
      const refused = firstRunRefusal(await anyStaff(tx), input.staff);
      if (refused) throw refuse(refused);
      for (const s of input.staff) await insertStaff(tx, now, s);
      return { created: input.staff.length };
    },
  }),

  'session.signIn': handle('session.signIn', {
    session: (signedIn: Actor & { epoch: number }) => ({ staffId: signedIn.id, epoch: signedIn.epoch }),
    run: ({ tx, input, now, host }) => checkPin(tx, host, input.staffId, input.pin, now, 'session.signIn'),
  }),

  'session.openStation': handle('session.openStation', {
    session: (opened: Actor & { epoch: number; day: string }) => ({
      staffId: opened.id,
      epoch: opened.epoch,
      station: { day: opened.day },
    }),
    run: async ({ tx, input, now, host }) => {
      const who = await loadActor(tx, input.staffId);
      if (!who) throw refuse('staff_not_found', { staffId: input.staffId });
      // The station acts as the front desk's view all day: only someone who has that view, or oversees it, opens it.
      if (!hasRole(who, DESK_STAFF)) throw refuse('station_role_required', { staffId: who.id, name: who.name });
      const opened = await checkPin(tx, host, input.staffId, input.pin, now, 'session.openStation');
      return { ...opened, day: officeDay(now) };
    },
  }),

  'session.signOut': handle('session.signOut', {
    session: () => null,
    run: async () => ({ signedOut: true }),
  }),

  // The sites a sign-in may pick (src/db/sites.ts): the host knows them; a single office's file has none to list.
  'session.sites': handle('session.sites', {
    run: async ({ host }) => (host.sites ? await host.sites() : []),
  }),

  'session.me': handle('session.me', {
    run: async ({ actor, station }) => (actor && station ? { ...actor, station } : actor),
  }),
};
