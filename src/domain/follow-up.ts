/**
 * Follow-up (R-TRK-1): a consultant logs follow-ups only on a customer they own now (any share — a couple's
 * second consultant too), and only the owners read a customer's follow-ups, managers excepted (R-TRK-2: they
 * see every consultant's customers). A former owner whose protection ended owns nothing. Pure: the service
 * gathers who owns the customer now (src/domain/attribution consultantSide) and asks.
 */
import { holdsAnyRole, MANAGERS, type Role } from './roles';

export interface FollowUpRefusal<R extends string> {
  reason: R;
  params: Readonly<Record<string, string | number>>;
  rule: 'R-TRK-1';
}

const owns = (actorId: string, owners: readonly { consultant: string }[]) => owners.some((o) => o.consultant === actorId);

/**
 * May `actor` log a follow-up of customer `customerId`, owned now by `owners`, done on office day `day` (absent:
 * today), with the next one due `nextDay`? Null when allowed. The owner check first: a manager logs nothing in a
 * consultant's name (own 21 #12).
 */
export function followUpLogRefusal(facts: {
  actorId: string;
  customerId: number;
  owners: readonly { consultant: string }[];
  today: string;
  day?: string;
  nextDay?: string | null;
}): FollowUpRefusal<'follow_up_not_owner' | 'follow_up_day_future' | 'follow_up_next_before'> | null {
  if (!owns(facts.actorId, facts.owners))
    return { reason: 'follow_up_not_owner', params: { customerId: facts.customerId }, rule: 'R-TRK-1' };
  const on = facts.day ?? facts.today;
  if (on > facts.today) return { reason: 'follow_up_day_future', params: { followUpDay: on, todayDay: facts.today }, rule: 'R-TRK-1' };
  if (facts.nextDay && facts.nextDay < on)
    return { reason: 'follow_up_next_before', params: { followUpDay: on, nextDay: facts.nextDay }, rule: 'R-TRK-1' };
  return null;
}

/** May `actor` read the follow-ups of customer `customerId`, owned now by `owners`? A manager may; else only an owner. */
export function followUpListRefusal(
  actor: { id: string; roles: readonly Role[] },
  customerId: number,
  owners: readonly { consultant: string }[],
): FollowUpRefusal<'follow_up_list_not_owner'> | null {
  if (holdsAnyRole(actor.roles, MANAGERS) || owns(actor.id, owners)) return null;
  return { reason: 'follow_up_list_not_owner', params: { customerId }, rule: 'R-TRK-1' };
}

/**
 * Where a customer stands on the "today" list by their newest follow-up's next day (R-TRK-1): due on or after
 * that day, overdue after it; no next day set, neither.
 */
export function followUpDue(nextDay: string | null | undefined, today: string): { due: boolean; overdue: boolean } {
  return { due: !!nextDay && nextDay <= today, overdue: !!nextDay && nextDay < today };
}
