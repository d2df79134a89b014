/** The writes of staff, their roles and PIN records (src/services/staff.ts). */
import type { Kysely } from 'kysely';
import type { Database } from '../schema';
import { iso } from '../../domain/time';

type Tx = Kysely<Database>;

export async function insertStaffMember(tx: Tx, s: { id: string; name: string; roles: readonly string[] }, now: Date): Promise<void> {
  await tx
    .insertInto('staff')
    .values({ id: s.id, name: s.name, created_at: iso(now) })
    .execute();
  for (const r of new Set(s.roles)) await tx.insertInto('staff_roles').values({ staff_id: s.id, role: r }).execute();
}

/** A person's roles, replaced by these. */
export async function replaceRoles(tx: Tx, staffId: string, roles: readonly string[]): Promise<void> {
  await tx.deleteFrom('staff_roles').where('staff_id', '=', staffId).execute();
  for (const r of new Set(roles)) await tx.insertInto('staff_roles').values({ staff_id: staffId, role: r }).execute();
}

export async function setStaffActive(tx: Tx, staffId: string, active: boolean): Promise<void> {
  await tx
    .updateTable('staff')
    .set({ active: active ? 1 : 0 })
    .where('id', '=', staffId)
    .execute();
}

/** A PIN hash stored (the first, or a new one): tries and lock cleared; the session epoch is left as it is. */
export async function storePinHash(tx: Tx, staffId: string, { hash, salt }: { hash: string; salt: string }, now: Date): Promise<void> {
  const existing = await tx.selectFrom('staff_credentials').select('staff_id').where('staff_id', '=', staffId).executeTakeFirst();
  if (existing) {
    await tx
      .updateTable('staff_credentials')
      .set({ pin_hash: hash, salt, failed_attempts: 0, locked_until: null, updated_at: iso(now) })
      .where('staff_id', '=', staffId)
      .execute();
  } else {
    await tx
      .insertInto('staff_credentials')
      .values({ staff_id: staffId, pin_hash: hash, salt, locked_until: null, updated_at: iso(now) })
      .execute();
  }
}

/** The credential version moves on: every session carrying the old one is refused (src/services/dispatch). */
export async function bumpSessionEpoch(tx: Tx, staffId: string): Promise<void> {
  await tx
    .updateTable('staff_credentials')
    .set((eb) => ({ session_epoch: eb('session_epoch', '+', 1) }))
    .where('staff_id', '=', staffId)
    .execute();
}

/** The count of sign-in tries and the lock they earned (null: none). */
export async function setPinTries(tx: Tx, staffId: string, tries: number, lockedUntil: Date | null): Promise<void> {
  await tx
    .updateTable('staff_credentials')
    .set({ failed_attempts: tries, locked_until: lockedUntil ? iso(lockedUntil) : null })
    .where('staff_id', '=', staffId)
    .execute();
}
