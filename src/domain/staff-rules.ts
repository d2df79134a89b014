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

/** What staff.addFromSite is decided from (issue 16 item 4: one person at more than one site of an office group). */
export interface AddFromSiteFacts {
  /** an office group on PostgreSQL (a single office's file is one site: nobody comes from another) */
  group: boolean;
  /** the site named: none of the group's, this very site, or another */
  site: 'unknown' | 'here' | 'other';
  /** the account there under that id (null: none) */
  source: { active: boolean } | null;
  /** an account here under the same id (null: none); samePerson: it is already linked to the same person */
  here: { samePerson: boolean } | null;
}

export type AddFromSiteRefusal =
  | 'site_needs_group'
  | 'site_unknown'
  | 'site_staff_same_site'
  | 'site_staff_not_found'
  | 'site_staff_already_here'
  | 'staff_id_taken'
  | 'admin_role_admin_only'
  | 'admin_account_admin_only';

/**
 * A colleague of another site added here with the same id, name and PIN (R-SEC-1): only in an office group, from
 * another of its sites, an active account there, an id nobody here has (already this person here: said so), and
 * the roles given by the rules of any new account (`grantRefusal`: src/domain/roles adminGrantRefusal's answer).
 */
export function addFromSiteRefusal(
  f: AddFromSiteFacts,
  grantRefusal: 'admin_role_admin_only' | 'admin_account_admin_only' | null,
): AddFromSiteRefusal | null {
  if (!f.group) return 'site_needs_group';
  if (f.site === 'unknown') return 'site_unknown';
  if (f.site === 'here') return 'site_staff_same_site';
  if (grantRefusal) return grantRefusal;
  if (!f.source?.active) return 'site_staff_not_found';
  if (f.here) return f.here.samePerson ? 'site_staff_already_here' : 'staff_id_taken';
  return null;
}
