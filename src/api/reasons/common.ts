import type { ErrorCode } from '../errors';

/**
 * Refusals that any method can meet: the session, the input's shape, the file underneath. Each reason is a
 * fact with a fixed code; the renderer words it (renderer/i18n/areas/reasons.ts) from the reason and its params.
 */
export const commonReasons = {
  /** web mode's or a window's idle sign-out */
  session_expired: 'permission',
  /** a method that needs a signed-in person, called by nobody */
  not_signed_in: 'permission',
  /** the PIN was reset or the person deactivated since this session began */
  session_ended: 'permission',
  /** the desk station asked for something that must name the person doing it (their PIN); params: method */
  acting_person_required: 'permission',
  /** a person's PIN was sent with a call from a terminal that is not the desk station */
  acting_needs_station: 'validation',
  /** the desk station was opened on an earlier office day: it closed with that day */
  station_closed: 'permission',
  /** params: staffId, name — only the front desk or a manager opens the desk station */
  station_role_required: 'permission',
  /** params: roles (comma-separated role ids the method needs) */
  role_required: 'permission',
  /** a frame or page that is not the app's own asked (IPC sender check, web Origin/Host checks) */
  untrusted_caller: 'permission',
  /** params: method */
  unknown_method: 'not_found',
  /** params: method — the input did not match the method's schema; details list the issues (src/api/issues IssueFact) */
  input_invalid: 'validation',
  /** a request body that is not JSON or is too large */
  body_invalid: 'validation',
  /** too many requests from one terminal; params: retryAfterSeconds */
  rate_limited: 'invalid_state',
  /** the start-up check found the file damaged, or it cannot be written: nothing is written; params: cause (damaged | unwritable), detail */
  database_damaged: 'invalid_state',
  storage_full: 'invalid_state',
  storage_busy: 'invalid_state',
  storage_readonly: 'invalid_state',
  storage_corrupt: 'invalid_state',
  storage_io: 'invalid_state',
  /** params: staffId — no active staff member with this id */
  staff_not_found: 'not_found',
  /** params: staffId, name, roles — the person holds none of the roles this needs */
  staff_not_in_role: 'validation',
  /** a foreign key the service's own checks missed */
  reference_missing: 'not_found',
  /** a bug or a broken database: params: detail (for the log line the desk can quote) */
  internal: 'invalid_state',
  /** transport: the answer was not an ApiResult (a proxy page, a crashed handler) — renderer-side only */
  bad_answer: 'invalid_state',
  /** transport: the server could not be reached — renderer-side only */
  network: 'invalid_state',
  /** transport: the desktop core did not answer — renderer-side only */
  core_unavailable: 'invalid_state',
  /** the desktop core process exited: nothing asked can be done until the app restarts */
  core_lost: 'invalid_state',
  /** the desktop core has not finished opening the office's file */
  core_opening: 'invalid_state',
  /** the desktop app is quitting */
  core_quitting: 'invalid_state',
  /** start-up: the office's file or the group's schema is from a newer Salesdesk; params: found, supported, scope (office | group) */
  schema_newer: 'invalid_state',
  /** no ledger key for this file (salesdesk.key or SALESDESK_LEDGER_KEY_FILE): nothing chained can be written */
  ledger_key_missing: 'invalid_state',
} as const satisfies Record<string, ErrorCode>;
