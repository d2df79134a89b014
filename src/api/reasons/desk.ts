import type { ErrorCode } from '../errors';

/**
 * Refusals of the front desk and the roster (src/services/desk*.ts, reception.ts, roster*.ts, domain/roster.ts).
 * People are passed as `staffId` (and `name` where the service knows it); the renderer words them
 * (renderer/i18n/areas/reasons-desk.ts).
 */
export const deskReasons = {
  /** no roster started today: the manager starts it first */
  roster_not_started: 'invalid_state',
  /** roster.start a second time on one office day */
  roster_already_started: 'conflict',
  /** the same consultant twice in a roster's order */
  roster_order_duplicate: 'validation',
  /** params: staffId — not on today's roster */
  not_on_roster: 'not_found',
  /** params: staffId — roster.add of someone already on it */
  already_on_roster: 'conflict',
  /** params: waitId */
  waiting_not_found: 'not_found',
  /** params: staffId, name — receiving someone or not on the floor (R-ROS-6, 8, 12; a switch) */
  consultant_not_free: 'invalid_state',
  /** params: staffId, name — a customer named a consultant who is not on today's roster (R-ROS-8) */
  designated_not_on_roster: 'invalid_state',
  /** params: staffId (the owner) — the owner is not free and nobody is free to receive on their behalf (R-ROS-9) */
  nobody_free_for_owner: 'invalid_state',
  /** params: customerId — the old customer said to accompany the walk-in does not exist */
  companion_not_found: 'not_found',
  /** params: visitId, staffId — the customer is being received right now: one person, one reception (R-ROS-7) */
  customer_in_reception: 'conflict',
  /** params: waitId — the customer already waits for a free consultant (R-ROS-6) */
  customer_already_waiting: 'conflict',
  /** a consultant recording a designated or leadership-named reception (R-ROS-8, R-ROS-12) */
  named_reception_desk_only: 'permission',
  /** params: visitId */
  visit_not_found: 'not_found',
  /** desk.finish of a reception already finished */
  reception_finished: 'invalid_state',
  /** a switch or refusal on a reception already finished */
  reception_finished_no_change: 'invalid_state',
  /** a switch or refusal on a reception of an earlier day */
  reception_not_today: 'invalid_state',
  /** desk.finish by someone other than the receiving consultant, the front desk or a manager */
  finish_not_allowed: 'permission',
  /** params: staffId, name — a switch to the consultant already receiving */
  already_receiving_customer: 'validation',
  /** R-ROS-10: a refused consultant's customer cannot be reassigned: nobody is free */
  nobody_free_to_reassign: 'invalid_state',
  /** a consultant sets only their own lunch or return (R-ROS-13) */
  status_own_lunch_only: 'permission',
  /** an approval given with a status other than away */
  approval_only_for_away: 'validation',
  /** an errand's approval is the PM's own act (R-ROS-4) */
  approval_by_pm_in_person: 'permission',
  /** an approved errand needs the work it is for */
  errand_work_required: 'validation',
  /** roster.swap of a consultant with themself */
  swap_same_consultant: 'validation',
} as const satisfies Record<string, ErrorCode>;
