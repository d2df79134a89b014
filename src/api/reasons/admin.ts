import type { ErrorCode } from '../errors';

/**
 * Refusals of the office's administration: staff and PINs (src/services/staff.ts), the policy
 * (policy.ts) and backups (backups.ts, src/db/backup.ts). People are passed as `staffId` and, where the
 * service knows it, `name`; the renderer words them (renderer/i18n/areas/reasons-admin.ts).
 */
export const adminReasons = {
  /** a director granting the admin role (only an admin gives it) */
  admin_role_admin_only: 'permission',
  /** a director changing an admin's account, roles or PIN */
  admin_account_admin_only: 'permission',
  /** params: staffId — staff.create with an id someone already has */
  staff_id_taken: 'conflict',
  /** params: staffId — no staff member with this id, active or not */
  staff_unknown: 'not_found',
  /** staff.update deactivating the person doing it */
  deactivate_self: 'invalid_state',
  /** the change would leave no active admin or sales director */
  last_staff_admin: 'invalid_state',
  /** staff.resetPin of one's own PIN (another admin or director does it, or `salesdesk reset-pin` at the machine) */
  reset_own_pin: 'permission',
  /** setup.firstRun once the office has staff */
  setup_done: 'invalid_state',
  /** setup.firstRun without an admin or sales director among the first staff */
  setup_needs_admin: 'validation',
  /** setup.firstRun with an admin or sales director without a PIN */
  setup_admin_pin_required: 'validation',
  /** params: staffId, name — sign-in of someone who has no PIN yet */
  pin_not_set: 'invalid_state',
  /** params: staffId, name — the stored PIN differs from the ledger (changed outside the app) */
  pin_record_tampered: 'invalid_state',
  /** params: triesLeft — a wrong PIN, not yet locked */
  pin_wrong: 'permission',
  /** params: staffId, name, tries, minutes — this wrong PIN locked the person for `minutes` */
  pin_wrong_locked: 'permission',
  /** params: staffId, name, tries, minutes — already locked: `minutes` still to wait */
  pin_locked: 'permission',
  /** params: staffId, name — the PIN was reset while this one was being checked */
  pin_just_reset: 'permission',
  /** policy.update with no change */
  policy_no_changes: 'validation',
  /** backup.now before first-run setup: nothing to keep */
  backup_nothing_yet: 'invalid_state',
} as const satisfies Record<string, ErrorCode>;
