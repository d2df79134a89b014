/** Who at the desk may do what (src/domain/desk-access.ts; R-ROS-6, 8, 12): by role and by the visit's facts, by hand. */
import { describe, expect, it } from 'vitest';
import { DESK_STAFF, finishRefusal, namedReceptionRefusal, receptionChangeRefusal } from '../../src/domain/desk-access';
import type { Role } from '../../src/domain/roles';

it('the desk staff are the front desk and the managers', () => {
  expect([...DESK_STAFF].sort()).toEqual(['front_desk', 'project_manager', 'sales_director', 'sales_manager']);
});

describe('namedReceptionRefusal: a named receiver only by the desk staff', () => {
  it.each([
    ['the front desk, asked for', ['front_desk'], { asksFor: 'li' }, null],
    ['a manager, leadership-named', ['sales_manager'], { leadershipNamed: 'wang' }, null],
    ['a consultant, nobody named', ['consultant'], {}, null],
    ['a consultant naming a colleague', ['consultant'], { asksFor: 'li' }, { reason: 'named_reception_desk_only', rule: 'R-ROS-8' }],
    [
      'a consultant, leadership-named',
      ['consultant'],
      { leadershipNamed: 'zhang' },
      { reason: 'named_reception_desk_only', rule: 'R-ROS-12' },
    ],
    ['an assistant naming', ['sales_assistant'], { asksFor: 'li' }, { reason: 'named_reception_desk_only', rule: 'R-ROS-8' }],
  ] as const)('%s', (_what, roles, walkIn, expected) => {
    expect(namedReceptionRefusal(roles as readonly Role[], walkIn)).toEqual(expected);
  });
});

describe('finishRefusal: once, by the receiver or the desk staff', () => {
  it.each([
    ['the receiver', { id: 'zhang', roles: ['consultant'] }, false, 'zhang', null],
    ['the front desk', { id: 'qian', roles: ['front_desk'] }, false, 'zhang', null],
    ['the PM', { id: 'pm', roles: ['project_manager'] }, false, 'zhang', null],
    ['another consultant', { id: 'li', roles: ['consultant'] }, false, 'zhang', 'finish_not_allowed'],
    ['the first receiver after a switch', { id: 'zhang', roles: ['consultant'] }, false, 'li', 'finish_not_allowed'],
    ['the receiver, again', { id: 'zhang', roles: ['consultant'] }, true, 'zhang', 'reception_finished'],
    ['the front desk, again', { id: 'qian', roles: ['front_desk'] }, true, 'zhang', 'reception_finished'],
  ] as const)('%s', (_what, actor, finished, receiver, reason) => {
    expect(finishRefusal(actor as { id: string; roles: readonly Role[] }, { finished, receiver })).toEqual(
      reason ? { reason, rule: 'R-ROS-6' } : null,
    );
  });
});

describe('receptionChangeRefusal: a switch or refusal only of an open reception on today’s roster', () => {
  it.each([
    ['open, today', false, 7, 7, null],
    ['finished', true, 7, 7, 'reception_finished_no_change'],
    ['finished, before today’s roster', true, 7, null, 'reception_finished_no_change'],
    ['open, no roster yet today', false, 7, null, 'roster_not_started'],
    ['open, left from an earlier day', false, 6, 7, 'reception_not_today'],
    ['open, a visit on no roster', false, null, 7, 'reception_not_today'],
  ] as const)('%s', (_what, finished, rosterId, today, reason) => {
    expect(receptionChangeRefusal({ finished, rosterId }, today)).toBe(reason);
  });
});
