/** The board's turn changes (issue 17 item 14): src/domain/roster.ts standingMarks, table-driven. */
import { describe, expect, it } from 'vitest';
import { type RosterEvent, standingMarks } from '../../src/domain/roster';

const started: RosterEvent = { type: 'started', order: ['a', 'b', 'c'] };
const run = (...events: RosterEvent[]) =>
  standingMarks([started, ...events].map((event, i) => ({ at: `2026-03-16T0${i}:00:00.000Z`, event }))).map((m) => [
    m.consultant,
    m.kind,
    m.rule ?? m.reason,
  ]);
const assigned = (consultant: string, turnUsed = true, lostTurns: { consultant: string; why: 'absent' }[] = []): RosterEvent => ({
  type: 'assigned',
  visitId: 1,
  consultant,
  reception: 'roster',
  turnUsed,
  lostTurns,
});

describe('standingMarks', () => {
  it.each<[string, RosterEvent[], unknown[]]>([
    [
      'a priority turn with the manager’s words',
      [{ type: 'priority', consultant: 'a', reason: '经理安排' }],
      [['a', 'priority', '经理安排']],
    ],
    [
      'a disqualification (R-ROS-5)',
      [{ type: 'disqualify', consultant: 'b', reason: '着装不规范' }],
      [['b', 'disqualified', '着装不规范']],
    ],
    ['spent when the consultant takes a turn', [{ type: 'priority', consultant: 'a' }, assigned('a')], []],
    [
      'not spent by a reception that is not a turn',
      [{ type: 'priority', consultant: 'a' }, assigned('a', false)],
      [['a', 'priority', null]],
    ],
    [
      'spent when the consultant loses a turn (absent)',
      [{ type: 'priority', consultant: 'a' }, assigned('b', true, [{ consultant: 'a', why: 'absent' }])],
      [],
    ],
    [
      'someone else’s turn spends nothing',
      [{ type: 'disqualify', consultant: 'b', reason: 'x' }, assigned('a')],
      [['b', 'disqualified', 'x']],
    ],
    [
      'the later mark replaces the earlier',
      [
        { type: 'disqualify', consultant: 'a', reason: 'x' },
        { type: 'priority', consultant: 'a', reason: 'y' },
      ],
      [['a', 'priority', 'y']],
    ],
    [
      'removed from the roster',
      [
        { type: 'priority', consultant: 'c' },
        { type: 'removed', consultant: 'c', reason: '下班' },
      ],
      [],
    ],
    [
      'a rule the app applied is a rule, not words',
      [{ type: 'priority', consultant: 'a', reason: 'R-OWN-8g' }],
      [['a', 'priority', 'R-OWN-8g']],
    ],
    [
      'an older row with the rule and a sentence reads as the rule',
      [{ type: 'priority', consultant: 'a', reason: 'R-ROS-10：被拒绝后安排优先轮值' }],
      [['a', 'priority', 'R-ROS-10']],
    ],
    [
      'a handover that uses the new receiver’s turn spends theirs',
      [
        { type: 'priority', consultant: 'b' },
        { type: 'handover', visitId: 1, from: 'a', to: 'b', turnUsed: true },
      ],
      [],
    ],
  ])('%s', (_name, events, expected) => {
    expect(run(...events)).toEqual(expected);
  });
});
