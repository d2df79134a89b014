/**
 * Who may change the roster how (src/domain/roster-changes.ts, R-ROS-2, R-ROS-4, R-ROS-13): the actor and the
 * change in → null (allowed) or the refusal's reason with its rule. Expected cells by hand.
 */
import { describe, expect, it } from 'vitest';
import { ERRAND_APPROVERS, rosterStartRefusal, statusChangeRefusal, swapRefusal } from '../../src/domain/roster-changes';
import type { Role } from '../../src/domain/roles';
import type { ConsultantStatus } from '../../src/domain/roster';

const zhang = { id: 'zhang', roles: ['consultant'] as Role[] };
const pm = { id: 'pm', roles: ['project_manager'] as Role[] };
const mgr = { id: 'mgr', roles: ['sales_manager'] as Role[] };
const dir = { id: 'dir', roles: ['sales_director'] as Role[] };

describe('statusChangeRefusal: a consultant sets only their own lunch and return; managers any status (R-ROS-13)', () => {
  const rows: [string, typeof zhang, string, ConsultantStatus, string | null][] = [
    ['own lunch', zhang, 'zhang', 'lunch', null],
    ['own return to the floor', zhang, 'zhang', 'present', null],
    ['own absence', zhang, 'zhang', 'absent', 'status_own_lunch_only'],
    ['own errand', zhang, 'zhang', 'away', 'status_own_lunch_only'],
    ['own day off', zhang, 'zhang', 'off', 'status_own_lunch_only'],
    ['a colleague’s lunch', zhang, 'li', 'lunch', 'status_own_lunch_only'],
    ['a colleague’s return', zhang, 'li', 'present', 'status_own_lunch_only'],
    ...(['present', 'absent', 'away', 'lunch', 'off'] as const).flatMap((status) =>
      [mgr, pm, dir].map((m): [string, typeof zhang, string, ConsultantStatus, string | null] => [
        `${m.id}: ${status}`,
        m,
        'zhang',
        status,
        null,
      ]),
    ),
  ];
  it.each(rows)('%s', (_what, actor, consultant, status, reason) => {
    expect(statusChangeRefusal(actor, { consultant, status })).toEqual(reason ? { reason, rule: 'R-ROS-13' } : null);
  });
});

describe('statusChangeRefusal: an approved errand (R-ROS-4) — away, by the PM in person, for named work', () => {
  it.each([
    ['the PM approves, with the work', pm, 'away', 'pm', '去银行办按揭', null],
    ['the PM approves without the work', pm, 'away', 'pm', null, 'errand_work_required'],
    ['the PM approves with a blank reason', pm, 'away', 'pm', '', 'errand_work_required'],
    ['an approval with lunch', pm, 'lunch', 'pm', '午饭', 'approval_only_for_away'],
    ['an approval with absent', pm, 'absent', 'pm', '请假', 'approval_only_for_away'],
    ['the manager in the PM’s name', mgr, 'away', 'pm', '去银行', 'approval_by_pm_in_person'],
    ['the manager in their own name', mgr, 'away', 'mgr', '去银行', 'approval_by_pm_in_person'],
    ['the director in their own name', dir, 'away', 'dir', '去银行', 'approval_by_pm_in_person'],
    ['the PM in another PM’s name', pm, 'away', 'pm2', '去银行', 'approval_by_pm_in_person'],
    ['away with no approval: allowed, loses the turn (R-ROS-3)', mgr, 'away', null, null, null],
    ['a consultant approving their own errand', zhang, 'away', 'zhang', '去银行', 'status_own_lunch_only'],
  ] as const)('%s', (_what, actor, status, approvedBy, reason, refusal) => {
    const got = statusChangeRefusal(actor, { consultant: 'zhang', status, approvedBy, reason });
    expect(got?.reason ?? null).toBe(refusal);
  });
  it('only the PM approves errands', () => {
    expect(ERRAND_APPROVERS).toEqual(['project_manager']);
  });
});

describe('rosterStartRefusal and swapRefusal (R-ROS-2)', () => {
  it.each([
    ['the first start of the day', false, ['zhang', 'li'], null],
    ['a second start', true, ['zhang', 'li'], 'roster_already_started'],
    ['a consultant twice', false, ['zhang', 'li', 'zhang'], 'roster_order_duplicate'],
    ['started, and twice: started first', true, ['zhang', 'zhang'], 'roster_already_started'],
  ] as const)('%s', (_what, started, order, reason) => {
    expect(rosterStartRefusal(started, order)).toEqual(reason ? { reason, rule: 'R-ROS-2' } : null);
  });
  it.each([
    ['two consultants', 'zhang', 'li', null],
    ['one with themself', 'zhang', 'zhang', 'swap_same_consultant'],
  ] as const)('swap: %s', (_what, a, b, reason) => {
    expect(swapRefusal(a, b)).toEqual(reason ? { reason, rule: 'R-ROS-2' } : null);
  });
});
