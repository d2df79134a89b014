/** Changing who receives a visit in progress (src/domain/reception-change.ts): facts in → decision out, with its rule. */
import { describe, expect, it } from 'vitest';
import { DEFAULT_POLICY } from '../../src/domain/policy';
import { type RosterEvent, type RosterState, replayRoster } from '../../src/domain/roster';
import { decideRefusal, decideSwitch } from '../../src/domain/reception-change';

/** `a` receives the visit in question; `busy` receive others. */
function roster(order: string[], busy: string[] = []): RosterState {
  const events: RosterEvent[] = [
    { type: 'started', order },
    { type: 'assigned', visitId: 1, consultant: 'a', reception: 'roster', turnUsed: true, lostTurns: [] },
  ];
  busy.forEach((id, i) =>
    events.push({ type: 'assigned', visitId: 2 + i, consultant: id, reception: 'roster', turnUsed: false, lostTurns: [] }),
  );
  return replayRoster(events);
}
const s = roster(['a', 'b', 'c']); // queue b c a; a receiving

describe('decideSwitch (R-OWN-13, 14): to another consultant who is free', () => {
  it.each([
    ['to a free consultant', { id: 'c', name: 'C', consultant: true }, { kind: 'switch', to: 'c' }],
    [
      'to the one already receiving',
      { id: 'a', name: 'A', consultant: true },
      { kind: 'refused', reason: 'already_receiving_customer', params: { staffId: 'a', name: 'A' } },
    ],
    [
      'to a busy consultant',
      { id: 'b', name: 'B', consultant: true },
      { kind: 'refused', reason: 'consultant_not_free', params: { staffId: 'b' } },
      roster(['a', 'b', 'c'], ['b']),
    ],
    [
      'to someone not a consultant',
      { id: 'qian', name: 'Q', consultant: false },
      { kind: 'refused', reason: 'staff_not_in_role', params: { roles: 'consultant' } },
    ],
    ['to nobody', { id: 'zz', name: null, consultant: false }, { kind: 'refused', reason: 'staff_not_found', params: { staffId: 'zz' } }],
  ] as const)('%s', (_what, to, expected, state = s) => {
    expect(decideSwitch(state, 'a', to)).toMatchObject(expected);
  });
});

describe('decideRefusal (R-OWN-12, R-ROS-10): reassigned only for a serious fault or an insisting customer', () => {
  it.each([
    ['no fault: not supported', { fault: 'none', insist: false }, s, { kind: 'kept', outcome: 'not_supported', rule: 'R-OWN-12' }],
    [
      'a general fault: penalty recorded, the consultant continues',
      { fault: 'general', insist: false },
      s,
      { kind: 'kept', outcome: 'penalty_recorded', rule: 'R-OWN-12' },
    ],
    [
      'a serious fault: the head receives, as a turn',
      { fault: 'serious', insist: false },
      s,
      { kind: 'reassigned', to: 'b', lostTurns: [], rule: 'R-ROS-10' },
    ],
    [
      'no fault but the customer insists: the head receives',
      { fault: 'none', insist: true },
      s,
      { kind: 'reassigned', to: 'b', rule: 'R-ROS-10' },
    ],
    [
      'a general fault, insisting, the head busy: the next free',
      { fault: 'general', insist: true },
      roster(['a', 'b', 'c'], ['b']),
      { kind: 'reassigned', to: 'c' },
    ],
    [
      'serious, nobody free',
      { fault: 'serious', insist: false },
      roster(['a', 'b'], ['b']),
      { kind: 'refused', reason: 'nobody_free_to_reassign' },
    ],
  ] as const)('%s', (_what, refusal, state, expected) => {
    expect(decideRefusal(state, refusal, DEFAULT_POLICY)).toMatchObject(expected);
  });
});
