/**
 * Who at the desk may do what beyond the method's roles (R-ROS-6, R-ROS-8, R-ROS-12 / R-CO-2, R-OWN-9b). Pure:
 * the service passes the actor's roles and the visit's facts, and refuses with what these answer.
 */
import { holdsAnyRole, MANAGERS, type Role } from './roles';

/**
 * Who records a walk-in out of turn (R-ROS-8 designated, R-ROS-12 / R-CO-2 leadership-named, R-OWN-9b) and who
 * ends anyone's reception: the desk and the managers. A consultant at the desk naming themselves would take a
 * new customer out of turn; the front desk sees a customer leave and frees the consultant (R-ROS-6). The desk
 * screen offers the same (through the spec, which re-exports this).
 */
export const DESK_STAFF: readonly Role[] = ['front_desk', ...MANAGERS];

const deskStaff = (roles: readonly Role[]) => holdsAnyRole(roles, DESK_STAFF);

/** A walk-in naming its receiver (asked for, or named by the leadership) is recorded only by the desk staff. */
export function namedReceptionRefusal(
  actorRoles: readonly Role[],
  walkIn: { asksFor?: string | null; leadershipNamed?: string | null },
): { reason: 'named_reception_desk_only'; rule: 'R-ROS-8' | 'R-ROS-12' } | null {
  if (!(walkIn.asksFor || walkIn.leadershipNamed) || deskStaff(actorRoles)) return null;
  return { reason: 'named_reception_desk_only', rule: walkIn.asksFor ? 'R-ROS-8' : 'R-ROS-12' };
}

/** A reception ends once, by its receiver or by the desk staff (R-ROS-6: the consultant is free again). */
export function finishRefusal(
  actor: { id: string; roles: readonly Role[] },
  visit: { finished: boolean; receiver: string | null },
): { reason: 'reception_finished' | 'finish_not_allowed'; rule: 'R-ROS-6' } | null {
  if (visit.finished) return { reason: 'reception_finished', rule: 'R-ROS-6' };
  if (actor.id !== visit.receiver && !deskStaff(actor.roles)) return { reason: 'finish_not_allowed', rule: 'R-ROS-6' };
  return null;
}

/**
 * Who receives a visit changes (a switch, a refusal: R-OWN-12, 13, R-ROS-10) only while the reception is open
 * and on today's roster — a reception of an earlier day counts as finished. `todaysRosterId`: null before the
 * day's roster starts.
 */
export function receptionChangeRefusal(
  visit: { finished: boolean; rosterId: number | null },
  todaysRosterId: number | null,
): 'reception_finished_no_change' | 'roster_not_started' | 'reception_not_today' | null {
  if (visit.finished) return 'reception_finished_no_change';
  if (todaysRosterId === null) return 'roster_not_started';
  if (todaysRosterId !== visit.rosterId) return 'reception_not_today';
  return null;
}
