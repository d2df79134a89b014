/**
 * The staff accounts' own rules (R-SEC-1): an office always keeps someone who can manage staff, nobody locks
 * themself out or takes their own account by a PIN reset, and the first run creates a manager of staff with a
 * PIN. Pure: the service passes the facts (who acts, on whom, who would be left) and refuses with the answer.
 * Who may give the admin role is src/domain/roles.ts adminGrantRefusal.
 */
import { holdsAnyRole, type Role } from './roles';

/** Who manages staff accounts (staff.add, staff.update, staff.resetPin); an office must always keep one active. */
export const STAFF_ADMINS: readonly Role[] = ['admin', 'sales_director'];

const managesStaff = (roles: readonly Role[]) => holdsAnyRole(roles, STAFF_ADMINS);

/** Nobody deactivates their own account (a director would lock themself out mid-day). */
export function deactivateSelfRefusal(actorId: string, targetId: string, active?: boolean): 'deactivate_self' | null {
  return active === false && targetId === actorId ? 'deactivate_self' : null;
}

/** After a change to accounts at least one active account still manages staff (`adminsAfter`: how many would). */
export function lastAdminRefusal(adminsAfter: number): 'last_staff_admin' | null {
  return adminsAfter === 0 ? 'last_staff_admin' : null;
}

/** A PIN reset is for someone else's account: whoever finds a session left open at the desk must not take it for good. */
export function pinResetRefusal(actorId: string, targetId: string): 'reset_own_pin' | null {
  return actorId === targetId ? 'reset_own_pin' : null;
}

/** The first run: only on an office with no staff, creating at least one staff admin, each with a PIN. */
export function firstRunRefusal(
  anyStaff: boolean,
  staff: readonly { roles: readonly Role[]; pin?: string | null }[],
): 'setup_done' | 'setup_needs_admin' | 'setup_admin_pin_required' | null {
  if (anyStaff) return 'setup_done';
  const admins = staff.filter((s) => managesStaff(s.roles));
  if (admins.length === 0) return 'setup_needs_admin';
  if (admins.some((a) => !a.pin)) return 'setup_admin_pin_required';
  return null;
}
