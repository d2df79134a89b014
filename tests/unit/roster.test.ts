import { describe, expect, it } from 'vitest';
import { DEFAULT_POLICY } from '../../src/domain/policy';
import {
  applyRosterEvent,
  chooseRosterReceiver,
  chooseVoluntaryReceiver,
  lunchDesk,
  type RosterEvent,
  RosterRuleError,
  type RosterState,
  replayRoster,
} from '../../src/domain/roster';

const ids = (s: RosterState) => s.queue.map((e) => e.id);
const start = (...order: string[]) => replayRoster([{ type: 'started', order }]);
let visit = 100;
/** What the desk service does for a roster walk-in: choose, then record the choice. */
function walkIn(s: RosterState): [RosterState, string] {
  const pick = chooseRosterReceiver(s, DEFAULT_POLICY);
  if (!pick) throw new Error('nobody free');
  const ev: RosterEvent = {
    type: 'assigned',
    visitId: ++visit,
    consultant: pick.consultant,
    reception: 'roster',
    turnUsed: true,
    lostTurns: pick.lostTurns,
  };
  return [applyRosterEvent(s, ev), pick.consultant];
}

describe('roster queue (R-ROS-1)', () => {
  it('rolls: the head receives and goes to the back', () => {
    let s = start('a', 'b', 'c');
    let who: string;
    [s, who] = walkIn(s);
    expect(who).toBe('a');
    expect(ids(s)).toEqual(['b', 'c', 'a']);
    [s, who] = walkIn(s);
    expect(who).toBe('b');
    expect(ids(s)).toEqual(['c', 'a', 'b']);
  });

  it('never gives a busy consultant another walk-in, and a busy head keeps the place (R-ROS-6)', () => {
    let s = start('a', 'b', 'c');
    [s] = walkIn(s); // a busy, queue b c a
    [s] = walkIn(s); // b busy, queue c a b
    [s] = walkIn(s); // c busy, queue a b c
    expect(chooseRosterReceiver(s, DEFAULT_POLICY)).toBeNull();
    s = applyRosterEvent(s, { type: 'finished', visitId: visit - 1 }); // b free
    const [after, who] = walkIn(s);
    expect(who).toBe('b');
    expect(ids(after)).toEqual(['a', 'c', 'b']);
  });

  it('a head busy with a designated reception loses the turn (R-ROS-6 exception)', () => {
    let s = start('a', 'b', 'c');
    s = applyRosterEvent(s, { type: 'assigned', visitId: 1, consultant: 'a', reception: 'designated', turnUsed: false, lostTurns: [] });
    expect(ids(s)).toEqual(['a', 'b', 'c']);
    const [after, who] = walkIn(s);
    expect(who).toBe('b');
    expect(ids(after)).toEqual(['c', 'a', 'b']);
  });

  it('an absent head loses the turn (R-ROS-3); an approved errand keeps the head (R-ROS-4)', () => {
    let s = start('a', 'b', 'c');
    s = applyRosterEvent(s, { type: 'status', consultant: 'a', status: 'absent' });
    let [after, who] = walkIn(s);
    expect(who).toBe('b');
    expect(ids(after)).toEqual(['c', 'a', 'b']);

    s = applyRosterEvent(start('a', 'b', 'c'), { type: 'status', consultant: 'a', status: 'away', approvedBy: 'pm' });
    [after, who] = walkIn(s);
    expect(who).toBe('b');
    expect(ids(after)).toEqual(['a', 'c', 'b']);

    s = applyRosterEvent(start('a', 'b', 'c'), { type: 'status', consultant: 'a', status: 'away' });
    [after, who] = walkIn(s);
    expect(who).toBe('b');
    expect(ids(after)).toEqual(['c', 'a', 'b']);
  });

  it('lunch and off duty keep their place but receive nobody', () => {
    let s = start('a', 'b', 'c');
    s = applyRosterEvent(s, { type: 'status', consultant: 'a', status: 'lunch' });
    s = applyRosterEvent(s, { type: 'status', consultant: 'b', status: 'off' });
    const [after, who] = walkIn(s);
    expect(who).toBe('c');
    expect(ids(after)).toEqual(['a', 'b', 'c']);
  });

  it('manager changes: swap, move, disqualify (R-ROS-5), priority, add and remove mid-day', () => {
    let s = start('a', 'b', 'c', 'd');
    s = applyRosterEvent(s, { type: 'swap', a: 'a', b: 'c' });
    expect(ids(s)).toEqual(['c', 'b', 'a', 'd']);
    s = applyRosterEvent(s, { type: 'move', consultant: 'd', to: 2 });
    expect(ids(s)).toEqual(['c', 'd', 'b', 'a']);
    s = applyRosterEvent(s, { type: 'disqualify', consultant: 'c', reason: '未着工装' });
    expect(ids(s)).toEqual(['d', 'b', 'a', 'c']);
    s = applyRosterEvent(s, { type: 'priority', consultant: 'a' });
    expect(ids(s)).toEqual(['a', 'd', 'b', 'c']);
    s = applyRosterEvent(s, { type: 'added', consultant: 'e' });
    expect(ids(s)).toEqual(['a', 'd', 'b', 'c', 'e']);
    s = applyRosterEvent(s, { type: 'removed', consultant: 'a' });
    expect(ids(s)).toEqual(['d', 'b', 'c', 'e']);
    expect(() => applyRosterEvent(s, { type: 'added', consultant: 'b' })).toThrow(RosterRuleError);
    expect(() => applyRosterEvent(s, { type: 'swap', a: 'x', b: 'b' })).toThrow(
      expect.objectContaining({ reason: 'not_on_roster', params: { staffId: 'x' } }),
    );
  });

  it('two priority turns at once: the later one is placed ahead, both before everyone else', () => {
    let s = start('a', 'b', 'c', 'd');
    s = applyRosterEvent(s, { type: 'priority', consultant: 'c' });
    s = applyRosterEvent(s, { type: 'priority', consultant: 'd' });
    expect(ids(s)).toEqual(['d', 'c', 'a', 'b']);
    let who: string;
    [s, who] = walkIn(s);
    expect(who).toBe('d');
    [s, who] = walkIn(s);
    expect(who).toBe('c');
    expect(ids(s)).toEqual(['a', 'b', 'd', 'c']);
  });

  it('a consultant added mid-day joins at the back and takes turns from there', () => {
    let s = start('a', 'b');
    [s] = walkIn(s);
    s = applyRosterEvent(s, { type: 'added', consultant: 'c' });
    expect(ids(s)).toEqual(['b', 'a', 'c']);
    let who: string;
    [s, who] = walkIn(s);
    expect(who).toBe('b');
    [, who] = walkIn(s);
    expect(who).toBe('c'); // a is still receiving
  });

  it('a waiting list: queued walk-ins keep their order and leave it when received or gone', () => {
    let s = start('a');
    s = applyRosterEvent(s, { type: 'queued', customer: { name: '甲', phone: '13800000001', source: 'walk_in', since: 'x' } });
    s = applyRosterEvent(s, { type: 'queued', customer: { name: '乙', phone: '13800000002', source: 'walk_in', since: 'y' } });
    expect(s.waiting.map((w) => [w.waitId, w.name])).toEqual([
      [1, '甲'],
      [2, '乙'],
    ]);
    s = applyRosterEvent(s, {
      type: 'assigned',
      visitId: 9,
      consultant: 'a',
      reception: 'roster',
      turnUsed: true,
      lostTurns: [],
      waitId: 1,
    });
    expect(s.waiting.map((w) => w.name)).toEqual(['乙']);
    s = applyRosterEvent(s, { type: 'left', waitId: 2 });
    expect(s.waiting).toEqual([]);
    expect(() => applyRosterEvent(s, { type: 'left', waitId: 2 })).toThrow(RosterRuleError);
  });

  it('the last consultant leaving leaves nobody to receive', () => {
    let s = start('a');
    s = applyRosterEvent(s, { type: 'removed', consultant: 'a' });
    expect(chooseRosterReceiver(s, DEFAULT_POLICY)).toBeNull();
    expect(lunchDesk(s, DEFAULT_POLICY)).toEqual([]);
  });

  it('voluntary reception goes to the last present and free consultant (R-ROS-9)', () => {
    let s = start('a', 'b', 'c');
    expect(chooseVoluntaryReceiver(s)).toBe('c');
    s = applyRosterEvent(s, { type: 'assigned', visitId: 7, consultant: 'c', reception: 'roster', turnUsed: true, lostTurns: [] });
    // c is now last but busy, so b (present, free) receives on the owner's behalf
    expect(ids(s)).toEqual(['a', 'b', 'c']);
    expect(chooseVoluntaryReceiver(s)).toBe('b');
    expect(chooseVoluntaryReceiver(s, ['b'])).toBe('a');
  });

  it('lunch desk: the first two on the floor (R-ROS-11)', () => {
    let s = start('a', 'b', 'c');
    expect(lunchDesk(s, DEFAULT_POLICY)).toEqual(['a', 'b']);
    s = applyRosterEvent(s, { type: 'status', consultant: 'b', status: 'lunch' });
    expect(lunchDesk(s, DEFAULT_POLICY)).toEqual(['a', 'c']);
  });

  it('replaying the same events always gives the same queue', () => {
    const events: RosterEvent[] = [
      { type: 'started', order: ['a', 'b', 'c'] },
      { type: 'assigned', visitId: 1, consultant: 'a', reception: 'roster', turnUsed: true, lostTurns: [] },
      { type: 'status', consultant: 'b', status: 'absent' },
      {
        type: 'assigned',
        visitId: 2,
        consultant: 'c',
        reception: 'roster',
        turnUsed: true,
        lostTurns: [{ consultant: 'b', why: 'absent' }],
      },
      { type: 'finished', visitId: 1 },
    ];
    expect(replayRoster(events)).toEqual(replayRoster(events));
    expect(ids(replayRoster(events))).toEqual(['a', 'b', 'c']);
    expect(replayRoster(events).busy).toEqual({ c: [{ visitId: 2, reception: 'roster' }] });
  });
});
