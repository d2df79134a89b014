/**
 * Who may change the roster how, beyond the method's roles (R-ROS-2, R-ROS-4, R-ROS-13). Pure: the service
 * passes the actor and the change asked for, and refuses with what these answer; the change itself is
 * src/domain/roster.ts applyRosterEvent's.
 */
import { holdsAnyRole, MANAGERS, type Role } from './roles';
import type { ConsultantStatus } from './roster';

/** R-ROS-4: who approves an errand that keeps its place (the roster screen offers the same, through the spec). */
export const ERRAND_APPROVERS: readonly Role[] = ['project_manager'];

/** The statuses a consultant sets for themself: off to lunch, back on the floor. */
const OWN_STATUSES: readonly ConsultantStatus[] = ['present', 'lunch'];

export interface RosterChangeRefusal<R extends string> {
  reason: R;
  rule: 'R-ROS-2' | 'R-ROS-4' | 'R-ROS-13';
}

/**
 * A status change (R-ROS-13: any time): a manager sets anyone's; a consultant only their own lunch and return
 * to the floor. An approval (R-ROS-4) goes only with `away`, is the approver's own act — the PM, in person,
 * never recorded in a PM's name by someone else — and names the work the errand is for. Null when allowed.
 */
export function statusChangeRefusal(
  actor: { id: string; roles: readonly Role[] },
  change: { consultant: string; status: ConsultantStatus; approvedBy?: string | null; reason?: string | null },
): RosterChangeRefusal<'status_own_lunch_only' | 'approval_only_for_away' | 'approval_by_pm_in_person' | 'errand_work_required'> | null {
  const holds = (roles: readonly Role[]) => holdsAnyRole(actor.roles, roles);
  if (!holds(MANAGERS) && (change.consultant !== actor.id || !OWN_STATUSES.includes(change.status)))
    return { reason: 'status_own_lunch_only', rule: 'R-ROS-13' };
  if (change.approvedBy) {
    if (change.status !== 'away') return { reason: 'approval_only_for_away', rule: 'R-ROS-4' };
    if (change.approvedBy !== actor.id || !holds(ERRAND_APPROVERS)) return { reason: 'approval_by_pm_in_person', rule: 'R-ROS-4' };
    if (!change.reason) return { reason: 'errand_work_required', rule: 'R-ROS-4' };
  }
  return null;
}

/** Starting the day's roster: once a day, each consultant once in the order. */
export function rosterStartRefusal(
  startedToday: boolean,
  order: readonly string[],
): RosterChangeRefusal<'roster_already_started' | 'roster_order_duplicate'> | null {
  if (startedToday) return { reason: 'roster_already_started', rule: 'R-ROS-2' };
  if (new Set(order).size !== order.length) return { reason: 'roster_order_duplicate', rule: 'R-ROS-2' };
  return null;
}

/** A manager's swap (R-ROS-2) swaps two consultants, not one with themself. */
export function swapRefusal(a: string, b: string): RosterChangeRefusal<'swap_same_consultant'> | null {
  return a === b ? { reason: 'swap_same_consultant', rule: 'R-ROS-2' } : null;
}
