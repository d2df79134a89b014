/**
 * Kysely table types. One interface per table; `Generated<>` for columns the database fills.
 * Instants are ISO-8601 UTC text (sortable, readable in an audit); money is integer cents.
 * Tables marked "insert-only" refuse UPDATE and DELETE by trigger (migrations/0001).
 */
import type { Generated, Insertable, Selectable } from 'kysely';

export interface StaffTable {
  id: string;
  name: string;
  active: Generated<number>;
  created_at: string;
}

export interface StaffRoleTable {
  staff_id: string;
  role: string;
}

/** insert-only: each policy change is a new version (rules.md: every event judged by the version in force). */
export interface PolicyVersionTable {
  id: Generated<number>;
  effective_at: string;
  params: string;
  created_by: string | null;
  created_at: string;
}

/** insert-only: one row per day's roster. */
export interface RosterTable {
  id: Generated<number>;
  day: string;
  started_at: string;
  started_by: string;
}

/** insert-only: everything that happened to a roster, in order; the queue is derived from these. */
export interface RosterEventTable {
  id: Generated<number>;
  roster_id: number;
  at: string;
  actor_id: string | null;
  type: string;
  payload: string;
}

/** Projection: the current queue of a roster, rewritten in the same transaction as each event. */
export interface RosterStateTable {
  roster_id: number;
  state: string;
  event_count: number;
}

export interface CustomerTable {
  id: Generated<number>;
  name: string;
  phone: string;
  /** digits only, +86 and separators removed: the desk's lookup key */
  phone_key: string;
  created_at: string;
  created_by: string | null;
  /** pinyin of the name without tones (张杰 → zhangjie): finds the same name typed with other characters */
  name_key: Generated<string>;
  /** initials of that pinyin (张杰 → zj), for search */
  name_initials: Generated<string>;
}

/** insert-only: one reception of a visiting customer (R-OWN-1). */
export interface VisitTable {
  id: Generated<number>;
  customer_id: number;
  at: string;
  /** who received the customer at the desk */
  consultant_id: string;
  /** roster | designated | voluntary | owner | introduced */
  reception: string;
  /** walk_in | company | referral | old_customer */
  source: string;
  /** the consultant in whose name the visit is registered (differs from consultant_id for voluntary receptions) */
  registered_for: string;
  roster_id: number | null;
  companion_customer_id: number | null;
  recorded_by: string;
}

/** insert-only: finished, switched, refused. */
export interface VisitEventTable {
  id: Generated<number>;
  visit_id: number;
  at: string;
  type: string;
  payload: string;
  actor_id: string;
}

/** insert-only: a registration, or a correction pointing at the one it corrects (R-OWN-4). */
export interface RegistrationTable {
  id: Generated<number>;
  visit_id: number;
  customer_id: number;
  consultant_id: string;
  registered_at: string;
  corrects_id: number | null;
  reason: string | null;
  recorded_by: string;
  /** when this record was written (for a correction, later than registered_at) */
  created_at: string;
  /** visit | correction (R-OWN-4) | reassignment (R-ROS-10) */
  kind: Generated<string>;
  /** for a correction: {field: {from, to}} */
  changes: string | null;
}

/** insert-only: the PM's confirmation or rejection (R-OWN-3). */
export interface RegistrationDecisionTable {
  id: Generated<number>;
  registration_id: number;
  at: string;
  decision: string;
  reason: string | null;
  actor_id: string;
}

export interface AuditLogTable {
  id: Generated<number>;
  at: string;
  actor_id: string | null;
  method: string;
  detail: string;
}

export interface PhoneInquiryTable {
  id: Generated<number>;
  customer_id: number;
  at: string;
  consultant_id: string;
  note: string | null;
}

/** R-OWN-9a: a consultant declares in advance that an old customer will bring a new one. */
export interface AnnouncementTable {
  id: Generated<number>;
  customer_id: number;
  from_customer_id: number;
  consultant_id: string;
  expected_at: string;
  at: string;
}

/** identified (R-OWN-8: customer_id is the same person as other_customer_id) or household (R-OWN-10). */
export interface CustomerLinkTable {
  id: Generated<number>;
  type: string;
  customer_id: number;
  other_customer_id: number;
  at: string;
  actor_id: string;
}

export interface ReferralTable {
  id: Generated<number>;
  referrer_id: string;
  customer_id: number;
  /** office day YYYY-MM-DD */
  appointment: string;
  at: string;
  actor_id: string;
}

/** valid | void | refused (lapsed is derived from the calendar, R-REF-2) */
export interface ReferralEventTable {
  id: Generated<number>;
  referral_id: number;
  type: string;
  visit_id: number | null;
  reason: string | null;
  at: string;
  actor_id: string;
}

export interface CompanyClientTable {
  id: Generated<number>;
  customer_id: number;
  introduced_by: string;
  at: string;
  actor_id: string;
}

export interface DealTable {
  id: Generated<number>;
  customer_id: number;
  unit: string;
  /** cents */
  price: number;
  /** cents */
  commission: number;
  on_spot: number;
  /** introduced | direct_consultant_aftersales | direct_other_aftersales (company clients only) */
  company_mode: string | null;
  after_sales_id: string | null;
  at: string;
  recorded_by: string;
}

/** R-OWN-11: a change of buyer name or unit after the deal; the split stays. */
export interface DealChangeTable {
  id: Generated<number>;
  deal_id: number;
  buyer_name: string | null;
  unit: string | null;
  at: string;
  actor_id: string;
}

export interface DisputeTable {
  id: Generated<number>;
  deal_id: number | null;
  customer_id: number | null;
  claim: string;
  raised_by: string;
  at: string;
}

/** opinion (with split) | return | approve */
export interface DisputeStepTable {
  id: Generated<number>;
  dispute_id: number;
  type: string;
  split: string | null;
  text: string;
  at: string;
  actor_id: string;
  /** the PM's opinion: {staffId: {fault, contribution}} for each party (R-DIS-2) */
  assessment: string | null;
}

/** Which columns each ledger table's row hash covers (migrations/0005). */
export interface LedgerTableTable {
  table_name: string;
  columns: string;
}

/** insert-only: one entry per ledger row, chained (tamper evidence, `salesdesk verify`). */
export interface LedgerChainTable {
  seq: Generated<number>;
  table_name: string;
  row_id: number;
  row_hash: string;
  chain_hash: string;
  /** the row's key in a mutable table (migrations/0012); null for facts, keyed by row_id */
  row_key: string | null;
}

/** HMAC of a fixed text with the ledger key: tells a wrong key from a tampered chain (migrations/0012). */
export interface LedgerKeyTable {
  id: number;
  check_hash: string;
}

/** A person's sign-in PIN (scrypt) and lockout state. */
export interface StaffCredentialTable {
  staff_id: string;
  pin_hash: string;
  salt: string;
  failed_attempts: Generated<number>;
  locked_until: string | null;
  updated_at: string;
  /** moves on a PIN reset or deactivation: sessions opened under an older value are refused (migrations/0011) */
  session_epoch: Generated<number>;
}

/** insert-only: a consultant's follow-up of a customer (R-TRK-1); the newest one carries the grade. */
export interface FollowUpTable {
  id: Generated<number>;
  customer_id: number;
  consultant_id: string;
  /** the office day it happened */
  day: string;
  /** phone | wechat | visit | sms */
  channel: string;
  content: string;
  next_day: string | null;
  /** A | B | C | D */
  grade: string | null;
  at: string;
}

/** insert-only: a manager's note to a consultant (R-TRK-2), optionally about one customer. */
export interface ManagerNoteTable {
  id: Generated<number>;
  consultant_id: string;
  customer_id: number | null;
  text: string;
  at: string;
  actor_id: string;
}

/** The office's own words for the grades (A 意向强 …). */
export interface GradeLabelTable {
  grade: string;
  label: string;
  updated_at: string;
  updated_by: string | null;
}

/** Moved by triggers whenever staff, staff_roles or policy_versions change (migrations/0009). */
export interface ReferenceVersionTable {
  name: string;
  version: number;
}

/**
 * PostgreSQL only: the web sessions an office group's app servers share (src/db/web-sessions.ts). A single
 * office's web mode keeps its sessions in memory; its SQLite file has no such table.
 */
export interface WebSessionTable {
  /** SHA-256 of the cookie's token: whoever reads the table cannot sign in with what is in it */
  token_hash: string;
  /** the Session as JSON (staff id, credential epoch) */
  session: string;
  /** ISO instant of the person's last request */
  last_seen: string;
  created_at: string;
}

/** An office group's database: the office's tables and the sessions its app servers share. */
export interface GroupDatabase extends Database {
  web_sessions: WebSessionTable;
}

export interface Database {
  reference_versions: ReferenceVersionTable;
  follow_ups: FollowUpTable;
  manager_notes: ManagerNoteTable;
  grade_labels: GradeLabelTable;
  staff_credentials: StaffCredentialTable;
  ledger_tables: LedgerTableTable;
  ledger_chain: LedgerChainTable;
  ledger_key: LedgerKeyTable;
  phone_inquiries: PhoneInquiryTable;
  announcements: AnnouncementTable;
  customer_links: CustomerLinkTable;
  referrals: ReferralTable;
  referral_events: ReferralEventTable;
  company_clients: CompanyClientTable;
  deals: DealTable;
  deal_changes: DealChangeTable;
  disputes: DisputeTable;
  dispute_steps: DisputeStepTable;
  staff: StaffTable;
  staff_roles: StaffRoleTable;
  policy_versions: PolicyVersionTable;
  rosters: RosterTable;
  roster_events: RosterEventTable;
  roster_state: RosterStateTable;
  customers: CustomerTable;
  visits: VisitTable;
  visit_events: VisitEventTable;
  registrations: RegistrationTable;
  registration_decisions: RegistrationDecisionTable;
  audit_log: AuditLogTable;
}

export type Staff = Selectable<StaffTable>;
export type Customer = Selectable<CustomerTable>;
export type Visit = Selectable<VisitTable>;
export type NewVisit = Insertable<VisitTable>;
export type Registration = Selectable<RegistrationTable>;
