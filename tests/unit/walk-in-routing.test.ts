/**
 * The order in which the desk's routes win (src/domain/walk-in.ts routeWalkIn): owner, leadership-named,
 * announced, companion, designated, roster — and R-ROS-9's stand-in for an owner or introducer who is not free.
 * Each row: the facts the service gathers → the decision, with the rule that made it.
 */
import { describe, expect, it } from 'vitest';
import { DEFAULT_POLICY } from '../../src/domain/policy';
import { type ConsultantStatus, presenceOf, type RosterEvent, type RosterState, replayRoster } from '../../src/domain/roster';
import { announcedToday, type NamedStaff, routeWalkIn, routeWaiting, type WalkInFacts } from '../../src/domain/walk-in';

/** A queue in this order; `busy` are receiving someone (a roster reception unless `designated`), `status` overrides. */
function roster(
  order: string[],
  opts: { busy?: string[]; designated?: string[]; status?: Record<string, ConsultantStatus> } = {},
): RosterState {
  const events: RosterEvent[] = [{ type: 'started', order }];
  let visit = 0;
  for (const id of opts.busy ?? [])
    events.push({ type: 'assigned', visitId: ++visit, consultant: id, reception: 'roster', turnUsed: false, lostTurns: [] });
  for (const id of opts.designated ?? [])
    events.push({ type: 'assigned', visitId: ++visit, consultant: id, reception: 'designated', turnUsed: false, lostTurns: [] });
  for (const [id, status] of Object.entries(opts.status ?? {})) events.push({ type: 'status', consultant: id, status });
  return replayRoster(events);
}

const staff = (id: string, consultant = true): NamedStaff => ({ id, name: `name-${id}`, consultant });
const nobody = (id: string): NamedStaff => ({ id, name: null, consultant: false });
const q = roster(['a', 'b', 'c', 'd']);

type Row = [what: string, facts: Partial<WalkInFacts>, expected: object];

const rows: Row[] = [
  // 0. one person, one reception (R-ROS-7)
  [
    'already being received: refused before any route, naming who receives',
    { inReception: { visitId: 7, consultant: 'b', name: 'name-b' }, owners: ['c'], asksFor: staff('a') },
    { kind: 'refused', reason: 'customer_in_reception', params: { visitId: 7, staffId: 'b', name: 'name-b' } },
  ],
  [
    'already waiting: refused, naming the place',
    { waitingAlready: { waitId: 3 } },
    { kind: 'refused', reason: 'customer_already_waiting', params: { waitId: 3 } },
  ],
  [
    'no reception open for them: routed as usual',
    { inReception: null, waitingAlready: null, owners: ['c'] },
    { kind: 'route', route: { consultant: 'c', why: { rule: 'R-OWN-7' } } },
  ],
  // 1. the owner
  [
    'a free owner receives, not a turn',
    { owners: ['c'] },
    { kind: 'route', route: { consultant: 'c', reception: 'owner', registeredFor: 'c', turnUsed: false, why: { rule: 'R-OWN-7' } } },
  ],
  [
    'a couple: whichever owner is free',
    { roster: roster(['a', 'b', 'c', 'd'], { busy: ['b'] }), owners: ['b', 'c'] },
    { kind: 'route', route: { consultant: 'c', reception: 'owner', why: { rule: 'R-OWN-7' } } },
  ],
  [
    'a busy owner: the back of the queue receives in the owner’s name',
    { roster: roster(['a', 'b', 'c', 'd'], { busy: ['b'] }), owners: ['b'] },
    {
      kind: 'route',
      route: { consultant: 'd', reception: 'voluntary', registeredFor: 'b', turnUsed: false, why: { rule: 'R-ROS-9', because: 'R-OWN-7' } },
    },
  ],
  [
    'an owner off the roster: the back of the queue receives for them',
    { owners: ['x'] },
    { kind: 'route', route: { consultant: 'd', reception: 'voluntary', registeredFor: 'x' } },
  ],
  [
    'a busy owner and nobody free',
    { roster: roster(['a', 'b'], { busy: ['a', 'b'] }), owners: ['a'] },
    { kind: 'refused', reason: 'nobody_free_for_owner', params: { staffId: 'a' } },
  ],
  [
    'the owner wins over every other route',
    { owners: ['c'], leadershipNamed: staff('b'), announcedBy: 'd', companion: { owners: ['a'] }, asksFor: staff('a') },
    { kind: 'route', route: { consultant: 'c', why: { rule: 'R-OWN-7' } } },
  ],
  [
    'the owner wins even over a named nobody',
    { owners: ['c'], leadershipNamed: nobody('zz'), companion: null },
    { kind: 'route', route: { consultant: 'c' } },
  ],
  // 2. leadership-named
  [
    'leadership-named: voluntary, not a turn',
    { leadershipNamed: staff('c'), announcedBy: 'd', asksFor: staff('b') },
    { kind: 'route', route: { consultant: 'c', reception: 'voluntary', registeredFor: 'c', turnUsed: false, why: { rule: 'R-ROS-12' } } },
  ],
  [
    'leadership-named, busy',
    { roster: roster(['a', 'b', 'c'], { busy: ['c'] }), leadershipNamed: staff('c') },
    { kind: 'refused', reason: 'consultant_not_free', params: { staffId: 'c', name: 'name-c' } },
  ],
  [
    'leadership-named, no such staff',
    { leadershipNamed: nobody('zz') },
    { kind: 'refused', reason: 'staff_not_found', params: { staffId: 'zz' } },
  ],
  [
    'leadership-named, not a consultant',
    { leadershipNamed: staff('qian', false) },
    { kind: 'refused', reason: 'staff_not_in_role', params: { staffId: 'qian', roles: 'consultant' } },
  ],
  // 3. announced
  [
    'announced: the announcer receives, as their turn',
    { announcedBy: 'c', companion: { owners: ['a'] }, asksFor: staff('a') },
    {
      kind: 'route',
      route: {
        consultant: 'c',
        reception: 'introduced',
        registeredFor: 'c',
        turnUsed: true,
        introduction: 'R-OWN-9a',
        why: { rule: 'R-OWN-9a' },
      },
    },
  ],
  [
    'announced, the announcer busy: stood in for',
    { roster: roster(['a', 'b', 'c', 'd'], { busy: ['c'] }), announcedBy: 'c' },
    {
      kind: 'route',
      route: {
        consultant: 'd',
        reception: 'voluntary',
        registeredFor: 'c',
        introduction: 'R-OWN-9a',
        why: { rule: 'R-ROS-9', because: 'R-OWN-9a' },
      },
    },
  ],
  ['announced wins over a missing companion', { announcedBy: 'c', companion: null }, { kind: 'route', route: { consultant: 'c' } }],
  // 4. companion
  ['a companion that does not exist', { companion: null, asksFor: staff('b') }, { kind: 'refused', reason: 'companion_not_found' }],
  [
    'brought by an old customer asking for their consultant',
    { companion: { owners: ['c'] }, asksFor: staff('c') },
    {
      kind: 'route',
      route: { consultant: 'c', reception: 'introduced', turnUsed: true, introduction: 'R-OWN-9b', why: { rule: 'R-OWN-9b' } },
    },
  ],
  [
    'brought along, asking for someone not the old customer’s: designated',
    { companion: { owners: ['c'] }, asksFor: staff('b') },
    { kind: 'route', route: { consultant: 'b', reception: 'designated', why: { rule: 'R-ROS-8' } } },
  ],
  [
    'brought along without asking: the roster',
    { companion: { owners: ['c'] } },
    { kind: 'route', route: { consultant: 'a', reception: 'roster', why: { rule: 'R-ROS-1' } } },
  ],
  // 5. designated
  [
    'designated: not a turn',
    { asksFor: staff('c') },
    {
      kind: 'route',
      route: { consultant: 'c', reception: 'designated', registeredFor: 'c', turnUsed: false, lostTurns: [], why: { rule: 'R-ROS-8' } },
    },
  ],
  [
    'designated, busy',
    { roster: roster(['a', 'b', 'c'], { busy: ['c'] }), asksFor: staff('c') },
    { kind: 'refused', reason: 'consultant_not_free', params: { staffId: 'c' } },
  ],
  [
    'designated, not on today’s roster',
    { asksFor: staff('e') },
    { kind: 'refused', reason: 'designated_not_on_roster', params: { staffId: 'e', name: 'name-e' } },
  ],
  ['designated, no such staff', { asksFor: nobody('zz') }, { kind: 'refused', reason: 'staff_not_found' }],
  // 6. the roster
  [
    'nobody’s customer: the head, as a turn',
    {},
    {
      kind: 'route',
      route: { consultant: 'a', reception: 'roster', registeredFor: 'a', turnUsed: true, lostTurns: [], why: { rule: 'R-ROS-1' } },
    },
  ],
  [
    'an absent head loses the turn',
    { roster: roster(['a', 'b'], { status: { a: 'absent' } }) },
    { kind: 'route', route: { consultant: 'b', lostTurns: [{ consultant: 'a', why: 'absent' }] } },
  ],
  [
    'a head busy with a designated reception loses the turn',
    { roster: roster(['a', 'b'], { designated: ['a'] }) },
    { kind: 'route', route: { consultant: 'b', lostTurns: [{ consultant: 'a', why: 'designated_busy' }] } },
  ],
  ['nobody free: the customer waits', { roster: roster(['a', 'b'], { busy: ['a', 'b'] }) }, { kind: 'wait', why: { rule: 'R-ROS-6' } }],
];

describe('routeWalkIn: the first route that applies wins', () => {
  it.each(rows)('%s', (_what, facts, expected) => {
    const f: WalkInFacts = { roster: q, owners: [], announcedBy: null, ...facts };
    expect(routeWalkIn(f, DEFAULT_POLICY)).toMatchObject(expected);
  });
});

describe('routeWaiting (R-ROS-6) and announcedToday (R-OWN-9a)', () => {
  it('a waiting customer goes to the first free consultant by the roster, as a turn', () => {
    expect(routeWaiting(roster(['a', 'b'], { busy: ['a'] }), DEFAULT_POLICY)).toMatchObject({
      consultant: 'b',
      reception: 'roster',
      turnUsed: true,
      why: { rule: 'R-ROS-6' },
    });
    expect(routeWaiting(roster(['a'], { busy: ['a'] }), DEFAULT_POLICY)).toBeNull();
  });

  const now = new Date('2026-03-02T10:00:00');
  it.each([
    ['announced for today', [{ consultant: 'c', expectedAt: '2026-03-02T15:00:00' }], 'c'],
    ['announced for another day', [{ consultant: 'c', expectedAt: '2026-03-03T10:00:00' }], null],
    [
      'the newest of today wins',
      [
        { consultant: 'd', expectedAt: '2026-03-02T09:00:00' },
        { consultant: 'c', expectedAt: '2026-03-02T11:00:00' },
      ],
      'd',
    ],
    ['none', [], null],
  ] as const)('%s', (_what, list, expected) => {
    expect(announcedToday(list, now)).toBe(expected);
  });
});

describe('presenceOf: an owner busy is not an owner absent (the desk words them apart)', () => {
  const s = roster(['a', 'b', 'c', 'd', 'e'], { busy: ['b'], status: { c: 'absent', d: 'lunch', e: 'away' } });
  it.each([
    ['a', 'free'],
    ['b', 'receiving'],
    ['c', 'absent'],
    ['d', 'lunch'],
    ['e', 'away'],
    ['x', 'not_on_roster'],
  ] as const)('%s is %s', (id, expected) => {
    expect(presenceOf(s, id)).toBe(expected);
  });
});
