/** Small queries every service shares: staff, policy in force, audit. */
import type { Kysely } from 'kysely';
import type { ReadTx } from '../db/read-tx';
import { refuse } from '../api/errors';
import { unchainedRowsOf } from '../db/ledger-guard';
import { cachedRead } from '../db/reference-cache';
import type { Database } from '../db/schema';
import { type Policy, resolvePolicy, storedPolicy } from '../domain/policy';
import type { Role } from '../domain/roles';
import { fromIso } from '../domain/time';
import { policyParams, policyVersions } from '../db/queries/policy';
import { allStaffNames, rolesOf, sessionEpochOf, staffExists, staffRecord } from '../db/queries/staff';
import { insertAudit } from '../db/writes/audit';
import type { Actor } from './context';

type Tx = Kysely<Database>;

/** The acting person read on every call: kept while the file is unchanged (src/db/reference-cache). */
export function loadActor(tx: Tx, staffId: string): Promise<Actor | null> {
  return cachedRead(
    tx,
    `actor:${staffId}`,
    async () => {
      const s = await staffRecord(tx, staffId);
      if (!s || !s.active) return null;
      const roles = await rolesOf(tx, staffId);
      // A staff row or a role the ledger does not vouch for was put in outside the app: not trusted (src/db/ledger-guard).
      if ((await unchainedRowsOf(tx, 'staff', staffId)).length > 0) {
        console.error(`[salesdesk] staff ${staffId}: the staff record differs from the ledger; not trusted until verified`);
        return null;
      }
      const forged = new Set((await unchainedRowsOf(tx, 'staff_roles', staffId)).map((r) => r.role));
      if (forged.size > 0) console.error(`[salesdesk] staff ${staffId}: roles outside the ledger ignored: ${[...forged].join(', ')}`);
      return { id: s.id, name: s.name, roles: roles.filter((r) => !forged.has(r)).map((r) => r as Role) };
    },
    'reference',
  );
}

/**
 * The credential version a session must carry to act (migrations/0011): 0 for a person without a PIN.
 * Kept until anything in the file changes, so another terminal's PIN reset is seen at the next call.
 */
export function sessionEpoch(tx: Tx, staffId: string): Promise<number> {
  return cachedRead(
    tx,
    `sessionEpoch:${staffId}`,
    async () => {
      return (await sessionEpochOf(tx, staffId)) ?? 0;
    },
    'file',
  );
}

/** A staff member who must exist, be active and hold one of `roles` (when given). */
export async function requireStaff(tx: Tx, id: string, roles?: readonly Role[]): Promise<Actor> {
  const a = await loadActor(tx, id);
  if (!a) throw refuse('staff_not_found', { staffId: id });
  if (roles && !a.roles.some((r) => roles.includes(r)))
    throw refuse('staff_not_in_role', { staffId: id, name: a.name, roles: roles.join(',') });
  return a;
}

/** Every staff member's name by id. The whole staff list is a few hundred rows: read once, kept. */
export function staffNameMap(tx: ReadTx): Promise<ReadonlyMap<string, string>> {
  return cachedRead(tx, 'staffNames', async () => new Map((await allStaffNames(tx)).map((r) => [r.id, r.name])), 'reference');
}

/** Names of these staff (those that exist). */
export async function staffNames(tx: ReadTx, ids: readonly string[]): Promise<Record<string, string>> {
  if (ids.length === 0) return {};
  const all = await staffNameMap(tx);
  const out: Record<string, string> = {};
  for (const id of ids) {
    const name = all.get(id);
    if (name !== undefined) out[id] = name;
  }
  return out;
}

/**
 * The policy in force at any instant (rules.md: each event judged by the policy of its moment): every
 * version, newest first (a handful per year), read once and kept; the one in force is the first in effect.
 */
export async function policiesOverTime(tx: ReadTx): Promise<(at: Date) => Policy> {
  const versions = await cachedRead(
    tx,
    'policyVersions',
    async () =>
      (await policyVersions(tx)).map((v) => ({
        // as a number: a statement asks for the policy of each of thousands of moments
        effectiveFrom: fromIso(v.effective_at).getTime(),
        policy: storedPolicy(JSON.parse(v.params) as Record<string, unknown>),
      })),
    'reference',
  );
  return (at) => {
    const when = at.getTime();
    return versions.find((v) => v.effectiveFrom <= when)?.policy ?? DEFAULTS;
  };
}
const DEFAULTS: Policy = Object.freeze(resolvePolicy({}));

/**
 * The longest protection period any policy version ever gave: a registration protects for the period of its
 * own moment, so a search for registrations that may still protect must reach back this far.
 */
export function longestProtectionMonths(tx: ReadTx): Promise<number> {
  return cachedRead(
    tx,
    'longestProtection',
    async () => {
      const versions = await policyParams(tx);
      return Math.max(
        DEFAULTS.protectionMonths,
        ...versions.map((params) => storedPolicy(JSON.parse(params) as Record<string, unknown>).protectionMonths),
      );
    },
    'reference',
  );
}

export async function policyAt(tx: ReadTx, at: Date): Promise<Policy> {
  return (await policiesOverTime(tx))(at);
}

export async function audit(tx: Tx, at: Date, actorId: string | null, method: string, detail: unknown): Promise<void> {
  await insertAudit(tx, at, actorId, method, detail);
}

/** An audit row by a person who may not exist in this database (after a restore, the restored staff list): then written without them, their id kept in the detail. */
export async function auditByKnownActor(tx: Tx, at: Date, actorId: string, method: string, detail: unknown): Promise<void> {
  const known = await staffExists(tx, actorId);
  await audit(tx, at, known ? actorId : null, method, known ? detail : { ...(detail as object), actorId });
}
