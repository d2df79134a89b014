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

export interface Database {
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
