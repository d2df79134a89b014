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
  /** an office in memory (tests, a replay) has no file to back up or restore */
  backup_in_memory: 'invalid_state',
  /** details: the check's problems (src/db/problems CheckProblem) — the new copy failed its check and was removed */
  backup_unsound: 'invalid_state',
  /** params: file — no verified backup of that name (invalid_state, as it always answered: the list the screen shows may be stale) */
  backup_not_found: 'invalid_state',
  /** params: file — the newest verified backup is what a restore trusts: it stays */
  backup_newest_kept: 'invalid_state',
  /** params: file; details: the check's problems — the backup file failed its check: not restored */
  restore_backup_unsound: 'invalid_state',
  /** params: file, manifest — no verified manifest beside the file: not the app's own backup */
  restore_no_manifest: 'invalid_state',
  /** params: file, rows, head, manifestRows, manifestHead — the file's chain is not the one its manifest recorded */
  restore_manifest_mismatch: 'invalid_state',
  /** params: file, before, seq — its chain does not continue the last verified backup made before it */
  restore_history_broken: 'invalid_state',
  /** params: file — its chain matches neither the live database nor any backup */
  restore_history_unknown: 'invalid_state',
  /** params: detail — the copy for the swap could not be written beside the database: nothing changed */
  restore_copy_failed: 'invalid_state',
  /** params: detail (the system's message), or cause (a reason of this list) with that reason's params — the restore failed after the swap; the database from before is back */
  restore_failed_put_back: 'invalid_state',
  /** params: as restore_failed_put_back — the restore failed before the swap; nothing changed */
  restore_failed_unchanged: 'invalid_state',
  /** params: detail (the start-up check) — the restored file did not pass the check on reopening */
  restore_reopen_damaged: 'invalid_state',
  /** params: detail — a backup or restore failed for a reason of the disk or the system */
  data_safety_failed: 'invalid_state',
  /** params: file — an office group's database (PostgreSQL) is restored by `salesdesk restore-group` into a new database, never over the live one */
  restore_group_by_command: 'invalid_state',
  /** a backup of an office group's database is already being made (by this or another app server) */
  backup_in_progress: 'conflict',
  /** params: tool (pg_dump, pg_restore) — the PostgreSQL client tool is not installed on this machine */
  backup_tool_missing: 'invalid_state',
  /** `salesdesk import-office` (src/db/import-office.ts): no site name, or one longer than 60 characters */
  import_site_invalid: 'validation',
  /** params: site, importedAt — an office was already imported under this site name */
  import_site_done: 'conflict',
  /** params: site, table, rows — the site the import would go into (the code given, the site of that name) already holds facts */
  import_group_not_empty: 'conflict',
  /** params: file; details: the check's problems — the office's file failed its own check (integrity, ledger chain) */
  import_source_unsound: 'invalid_state',
  /** params: file, version, supported — the office's file is at another schema version than this Salesdesk */
  import_source_version: 'invalid_state',
  /** params: table — the office's file has a table this Salesdesk does not know how to import */
  import_unknown_table: 'invalid_state',
  /** params: table, detail — copying a table into the group database failed; nothing was imported */
  import_copy_failed: 'invalid_state',
  /** params: table, source, group — row counts differ after the copy; nothing was imported */
  import_counts_differ: 'invalid_state',
  /** params: table — the rows read back from the group database differ from the file's; nothing was imported */
  import_rows_differ: 'invalid_state',
  /** details: the check's problems — the group database's ledger does not verify (before the import, or with the rows copied); nothing was imported */
  import_group_unsound: 'invalid_state',
  /** sites exist only in an office group's database (PostgreSQL): a single office's file is one site */
  site_needs_group: 'invalid_state',
  /** params: code — a site's code is lower-case Latin letters, digits and _, starting with a letter, at most 30 (main is the home site's) */
  site_code_invalid: 'validation',
  /** a site's name is empty or longer than 60 characters */
  site_name_invalid: 'validation',
  /** params: code — the group already has a site with this code */
  site_exists: 'conflict',
  /** params: code — the group has no site with this code */
  site_unknown: 'not_found',
  /** staff.addFromSite naming this very site (the person is here already) */
  site_staff_same_site: 'validation',
  /** params: site, staffId — that site has no active staff member with this id */
  site_staff_not_found: 'not_found',
  /** params: staffId, site — this person is linked here already (the same account) */
  site_staff_already_here: 'conflict',
} as const satisfies Record<string, ErrorCode>;
