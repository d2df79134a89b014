/** The reads of staff, their roles and PIN records (src/services/staff.ts, common.ts): plain facts, no decisions. */
import type { ReadTx } from '../read-tx';

export async function staffRecord(tx: ReadTx, staffId: string) {
  return tx.selectFrom('staff').select(['id', 'name', 'active']).where('id', '=', staffId).executeTakeFirst();
}

/** The roles stored for a person (whether the ledger vouches for them is src/db/ledger-guard's question). */
export async function rolesOf(tx: ReadTx, staffId: string): Promise<string[]> {
  return (await tx.selectFrom('staff_roles').select('role').where('staff_id', '=', staffId).execute()).map((r) => r.role);
}

/** The credential version a session must carry (migrations/0011), or undefined for a person without a PIN. */
export async function sessionEpochOf(tx: ReadTx, staffId: string): Promise<number | undefined> {
  return (await tx.selectFrom('staff_credentials').select('session_epoch').where('staff_id', '=', staffId).executeTakeFirst())
    ?.session_epoch;
}

/** A person's whole PIN record: hash, salt, tries, lock, session epoch. */
export async function credentialOf(tx: ReadTx, staffId: string) {
  return tx.selectFrom('staff_credentials').selectAll().where('staff_id', '=', staffId).executeTakeFirst();
}

export async function hasCredential(tx: ReadTx, staffId: string): Promise<boolean> {
  return !!(await tx.selectFrom('staff_credentials').select('staff_id').where('staff_id', '=', staffId).executeTakeFirst());
}

/** Every staff member's id and name (a few hundred rows). */
export async function allStaffNames(tx: ReadTx) {
  return tx.selectFrom('staff').select(['id', 'name']).execute();
}

/** The active staff's ids and names, in the order they were added. */
export async function activeStaffNames(tx: ReadTx) {
  return tx.selectFrom('staff').select(['id', 'name']).where('active', '=', 1).orderBy('created_at').orderBy('id').execute();
}

export async function staffExists(tx: ReadTx, staffId: string): Promise<boolean> {
  return !!(await tx.selectFrom('staff').select('id').where('id', '=', staffId).executeTakeFirst());
}

/** Whether anyone at all is on the staff (the first run is over). */
export async function anyStaff(tx: ReadTx): Promise<boolean> {
  return !!(await tx.selectFrom('staff').select('id').limit(1).executeTakeFirst());
}

/** The staff list in the order they were added, the deactivated too when asked; with every role and PIN lock. */
export async function staffListRows(tx: ReadTx, includeInactive: boolean) {
  let q = tx.selectFrom('staff').select(['id', 'name', 'active']).orderBy('created_at').orderBy('id');
  if (!includeInactive) q = q.where('active', '=', 1);
  const staff = await q.execute();
  const roles = await tx.selectFrom('staff_roles').select(['staff_id', 'role']).execute();
  const locks = new Map(
    (await tx.selectFrom('staff_credentials').select(['staff_id', 'locked_until']).execute()).map((c) => [c.staff_id, c.locked_until]),
  );
  return { staff, roles, locks };
}

/** The ids of active staff holding any of these roles (the office's last admin must stay). */
export async function activeStaffInRoles(tx: ReadTx, roles: readonly string[]): Promise<string[]> {
  const rows = await tx
    .selectFrom('staff_roles')
    .innerJoin('staff', 'staff.id', 'staff_roles.staff_id')
    .select('staff.id')
    .where('staff.active', '=', 1)
    .where('staff_roles.role', 'in', [...roles])
    .execute();
  return rows.map((r) => r.id);
}

/** Every consultant, active or not, by id: the report's rows (a former consultant's week still counts). */
export async function consultantsById(tx: ReadTx) {
  return tx
    .selectFrom('staff_roles')
    .innerJoin('staff', 'staff.id', 'staff_roles.staff_id')
    .select(['staff.id', 'staff.name'])
    .where('staff_roles.role', '=', 'consultant')
    .orderBy('staff.id')
    .execute();
}

/** The active consultants' ids, in id order. */
export async function activeConsultantIds(tx: ReadTx): Promise<string[]> {
  const rows = await tx
    .selectFrom('staff_roles')
    .innerJoin('staff', 'staff.id', 'staff_roles.staff_id')
    .select('staff.id')
    .where('staff_roles.role', '=', 'consultant')
    .where('staff.active', '=', 1)
    .orderBy('staff.id')
    .execute();
  return rows.map((r) => r.id);
}
