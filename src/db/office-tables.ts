/**
 * An office's tables in the order a copy of its rows must follow: each after those its rows refer to (foreign keys
 * stay checked). One list for `salesdesk import-office` (src/db/import-office.ts) and the benchmark's load of the
 * same synthetic office into PostgreSQL (bench/load-postgres.ts). Not listed: the file's own ledger and counters
 * (ledger_chain, ledger_tables, ledger_key, reference_versions), which the group's triggers make anew.
 */
export const OFFICE_TABLES = [
  'staff',
  'staff_roles',
  'staff_credentials',
  'grade_labels',
  'policy_versions',
  'customers',
  'customer_links',
  'company_clients',
  'rosters',
  'roster_events',
  'roster_state',
  'phone_inquiries',
  'visits',
  'visit_events',
  'registrations',
  'registration_decisions',
  'announcements',
  'referrals',
  'referral_events',
  'deals',
  'deal_changes',
  'disputes',
  'dispute_steps',
  'follow_ups',
  'manager_notes',
  'audit_log',
] as const;
