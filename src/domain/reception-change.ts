/**
 * Changing who receives a visit in progress (R-OWN-12, 13, 14, R-ROS-10). Pure: the service reads the visit,
 * today's queue and the named consultant, and writes what these decide.
 */
import { chooseRosterReceiver, isFree, type RosterPolicy, type RosterState, type TurnLoss } from './roster';
import type { NamedStaff } from './walk-in';

type Refused<R extends string> = { kind: 'refused'; reason: R; params: Readonly<Record<string, string | number>> };

/** A switch to a named consultant (R-OWN-13, 14): to someone else, a consultant, free now. */
export function decideSwitch(
  s: RosterState,
  receiver: string,
  to: NamedStaff,
):
  { kind: 'switch'; to: string } | Refused<'staff_not_found' | 'staff_not_in_role' | 'already_receiving_customer' | 'consultant_not_free'> {
  if (to.name === null) return { kind: 'refused', reason: 'staff_not_found', params: { staffId: to.id } };
  if (!to.consultant)
    return { kind: 'refused', reason: 'staff_not_in_role', params: { staffId: to.id, name: to.name, roles: 'consultant' } };
  if (to.id === receiver) return { kind: 'refused', reason: 'already_receiving_customer', params: { staffId: to.id, name: to.name } };
  if (!isFree(s, to.id)) return { kind: 'refused', reason: 'consultant_not_free', params: { staffId: to.id, name: to.name } };
  return { kind: 'switch', to: to.id };
}

export type Fault = 'none' | 'general' | 'serious';

export type RefusalDecision =
  /** R-OWN-12 (a, b): not supported; with a general fault the manager records the penalty and the consultant continues */
  | { kind: 'kept'; outcome: 'not_supported' | 'penalty_recorded'; rule: 'R-OWN-12' }
  /** R-ROS-10: the head of the queue receives, as that head's turn; the refused reception is void */
  | { kind: 'reassigned'; to: string; lostTurns: TurnLoss[]; rule: 'R-ROS-10' }
  | Refused<'nobody_free_to_reassign'>;

/** A customer refusing the consultant receiving them: reassigned only for a serious fault, or when the customer insists. */
export function decideRefusal(s: RosterState, refusal: { fault: Fault; insist: boolean }, policy: RosterPolicy): RefusalDecision {
  if (refusal.fault !== 'serious' && !refusal.insist) {
    return { kind: 'kept', outcome: refusal.fault === 'general' ? 'penalty_recorded' : 'not_supported', rule: 'R-OWN-12' };
  }
  const pick = chooseRosterReceiver(s, policy);
  if (!pick) return { kind: 'refused', reason: 'nobody_free_to_reassign', params: {} };
  return { kind: 'reassigned', to: pick.consultant, lostTurns: pick.lostTurns, rule: 'R-ROS-10' };
}

/**
 * Why a visit's registration was given to another consultant, as stored on the reassignment (a code and its
 * facts, never words: the renderer words it). R-ROS-10: the customer refused the consultant receiving them
 * (`from`) and was reassigned by the roster, treated as a new customer.
 */
export type ReassignmentReason = { code: 'refusal_reassigned'; params: { from: string } };
