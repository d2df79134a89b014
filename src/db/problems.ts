/**
 * What a check of a database file finds wrong (R-SEC-2, R-OWN-4), as facts: a code and the names and numbers
 * behind it. The ledger's verification (ledger.ts), a backup's inspection and a restore's checks (backup.ts)
 * report these; the renderer words them (renderer/i18n/areas/settings.ts `check.*`), the CLI from the same
 * dictionary (src/cli/words.ts). A manifest written to disk keeps them as they are.
 */
import type { ErrorReason } from '../api/reasons';

export type CheckParams = Readonly<Record<string, string | number>>;

/** Each code with the params its words use. */
export const CHECK_CODES = {
  /** inspection: the path is a folder or something else */
  not_a_file: true,
  /** inspection: 0 bytes */
  file_empty: true,
  /** inspection: no SQLite header */
  not_sqlite: true,
  /** params: detail (the system's error) — the file could not be read */
  unreadable: true,
  /** params: detail — SQLite would not open it */
  unopenable: true,
  /** params: detail (SQLite's integrity_check, shortened) */
  integrity_failed: true,
  /** params: version, supported — written by a newer Salesdesk */
  version_newer: true,
  /** params: version, missing (how many tables), tables (those, comma-separated) — not a whole Salesdesk database */
  not_salesdesk: true,
  /** no staff: a restore would reopen first-run setup to anyone */
  no_staff: true,
  /** params: detail — the ledger's verification itself failed */
  ledger_unverifiable: true,
  /** params: version, keyedSince — an old file whose chain has no key */
  version_unkeyed: true,
  /** params: tables (comma-separated) — ledger tables gone */
  ledger_tables_missing: true,
  /** params: columns — ledger_chain's columns altered */
  chain_columns_changed: true,
  /** params: table — a chained table gone */
  chained_table_missing: true,
  /** params: table — its columns differ from those the ledger records */
  columns_unrecorded: true,
  /** params: trigger, table — an insert-only guard gone or altered: the table's rows can be rewritten */
  guard_trigger_changed: true,
  /** params: trigger, table — a chain trigger gone: rows written since are not chained */
  ledger_trigger_missing: true,
  /** params: trigger, table — a chain trigger altered */
  ledger_trigger_changed: true,
  /** params: trigger — a guard of the ledger itself gone or altered */
  ledger_guard_changed: true,
  /** params: function — a ledger function of an office group's database (PostgreSQL) altered: rows could be hashed or chained otherwise */
  ledger_function_changed: true,
  /** params: detail (pg_restore's message) — an office group's dump did not restore into a scratch database */
  dump_unrestorable: true,
  /** params: trigger, table — a trigger this app did not make */
  foreign_trigger: true,
  /** params: table — a table neither chained nor derived */
  unknown_table: true,
  /** params: seq, row — the chain breaks at entry seq */
  chain_broken: true,
  /** params: row, seq — a fact row deleted */
  row_deleted: true,
  /** params: row, seq — a fact row changed */
  row_changed: true,
  /** params: row, seq — a row deleted at entry seq is back */
  row_reappeared: true,
  /** params: row, seq — a mutable row gone since its last entry */
  row_gone: true,
  /** params: row, seq — a mutable row differs from its last entry */
  row_altered: true,
  /** params: row — a row the chain does not hold */
  row_unchained: true,
  /** params: rosterId — a stored queue differs from its replayed events */
  roster_state_differs: true,
  /** no key to check the chain with (not a sign of tampering) */
  key_missing: true,
  /** another office's key, or the wrong key file */
  key_wrong: true,
  /** params: detail (the start-up check) — the database was damaged before a restore: its byte copy */
  damaged_before_restore: true,
  /** the database failed its own backup's check before a restore: its byte copy (what the check found follows) */
  unsound_before_restore: true,
} as const;

export type CheckCode = keyof typeof CHECK_CODES;

export interface CheckProblem {
  code: CheckCode;
  params?: CheckParams;
}

export const problem = (code: CheckCode, params?: CheckParams): CheckProblem => (params ? { code, params } : { code });

/**
 * A backup, restore or file check that did not happen, by its refusal reason (src/api/reasons/admin.ts) and
 * the facts behind it; `problems` are what the file's check found. services/backups.ts refuses with them.
 */
export class DataSafetyError extends Error {
  constructor(
    readonly reason: ErrorReason,
    readonly params: CheckParams = {},
    readonly problems: readonly CheckProblem[] = [],
  ) {
    super(problems.length ? `${reason}: ${problems.map((p) => p.code).join(', ')}` : reason);
    this.name = 'DataSafetyError';
  }
}

/**
 * Why the open database takes no writes, as facts: the start-up check found it damaged (what SQLite's
 * quick_check said, and the newest verified backup to restore), or its file or folder cannot be written.
 */
export type ReadOnlyState = { cause: 'damaged'; detail: string; lastGood: string | null } | { cause: 'unwritable'; detail: string };
