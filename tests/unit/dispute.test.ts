/**
 * A dispute's state machine (src/domain/dispute.ts, R-DIS-1, R-DIS-2): facts in (the steps so far, the proposed
 * step, the actor's roles) → allowed with the next status, or refused by reason with its facts and rule. The
 * expected cells are written out by hand, not derived from the code under test.
 */
import { describe, expect, it } from 'vitest';
import {
  DISPUTE_ROLES,
  type DisputeStatus,
  type ProposedStep,
  dealDisputeOutcome,
  decideDisputeStep,
  decideRaise,
  disputeStatusOf,
  proposedSplitOf,
  seesDispute,
} from '../../src/domain/dispute';
import { ROLES, type Role } from '../../src/domain/roles';

const opinionStep = (split: Record<string, number>) => ({ type: 'opinion', split: JSON.stringify(split) });
const ret = { type: 'return', split: null };
const approve = { type: 'approve', split: null };

/** The steps that bring a dispute into each state. */
const STEPS: Record<DisputeStatus, { type: string; split: string | null }[]> = {
  open: [],
  opinion: [opinionStep({ zhang: 5000, li: 5000 })],
  returned: [opinionStep({ zhang: 5000, li: 5000 }), ret],
  decided: [opinionStep({ zhang: 5000, li: 5000 }), approve],
};

const staff = new Set(['zhang', 'li', 'wang']);
const isStaff = (id: string) => staff.has(id);
const PROPOSALS: Record<ProposedStep['type'], ProposedStep> = {
  opinion: { type: 'opinion', split: { zhang: 6000, li: 4000 } },
  return: { type: 'return', comment: '请补充接待记录' },
  approve: { type: 'approve' },
};
/** The one role that takes each step, by hand (the scenario format's who-may-do-what). */
const TAKER: Record<ProposedStep['type'], Role> = { opinion: 'project_manager', return: 'sales_director', approve: 'sales_director' };

describe('disputeStatusOf: the last step says where a dispute stands', () => {
  it.each([
    ['no step', [], 'open'],
    ['an opinion', [opinionStep({ zhang: 10000 })], 'opinion'],
    ['returned', [opinionStep({ zhang: 10000 }), ret], 'returned'],
    ['a second opinion after a return', [opinionStep({ zhang: 10000 }), ret, opinionStep({ li: 10000 })], 'opinion'],
    ['approved', [opinionStep({ zhang: 10000 }), approve], 'decided'],
    ['approved after a return', [opinionStep({ zhang: 10000 }), ret, opinionStep({ li: 10000 }), approve], 'decided'],
  ] as const)('%s → %s', (_what, steps, status) => {
    expect(disputeStatusOf(steps)).toBe(status);
  });
});

describe('proposedSplitOf: the newest opinion is what an approval decides', () => {
  it.each([
    ['no opinion', [], null],
    ['one opinion', [opinionStep({ zhang: 7000, li: 3000 })], { zhang: 7000, li: 3000 }],
    ['the second after a return', [opinionStep({ zhang: 7000, li: 3000 }), ret, opinionStep({ li: 10000 })], { li: 10000 }],
    ['still the opinion once approved', [opinionStep({ zhang: 7000, pool: 3000 }), approve], { zhang: 7000, pool: 3000 }],
  ] as const)('%s', (_what, steps, split) => {
    expect(proposedSplitOf(steps)).toEqual(split);
  });
});

// [state, step, expected] — every cell of the state machine, by hand
const CELLS: [DisputeStatus, ProposedStep['type'], { status: DisputeStatus } | { reason: string }][] = [
  ['open', 'opinion', { status: 'opinion' }],
  ['open', 'return', { reason: 'dispute_no_opinion' }],
  ['open', 'approve', { reason: 'dispute_no_opinion' }],
  ['opinion', 'opinion', { reason: 'dispute_opinion_pending' }],
  ['opinion', 'return', { status: 'returned' }],
  ['opinion', 'approve', { status: 'decided' }],
  ['returned', 'opinion', { status: 'opinion' }],
  ['returned', 'return', { reason: 'dispute_no_opinion' }],
  ['returned', 'approve', { reason: 'dispute_no_opinion' }],
  ['decided', 'opinion', { reason: 'dispute_decided' }],
  ['decided', 'return', { reason: 'dispute_no_opinion' }],
  ['decided', 'approve', { reason: 'dispute_decided' }],
];

describe('decideDisputeStep: state × step, taken by the one role that may (R-DIS-2)', () => {
  it.each(CELLS)('%s, %s → %o', (state, step, expected) => {
    const d = decideDisputeStep({ disputeId: 7, steps: STEPS[state], actorRoles: [TAKER[step]], isStaff }, PROPOSALS[step]);
    if ('status' in expected) expect(d).toEqual({ kind: 'allowed', status: expected.status, rule: 'R-DIS-2' });
    else expect(d).toEqual({ kind: 'refused', reason: expected.reason, params: { disputeId: 7 }, rule: 'R-DIS-2' });
  });
});

describe('decideDisputeStep: who may take each step (R-DIS-2), whatever the state', () => {
  const cells = (['opinion', 'return', 'approve'] as const).flatMap((step) =>
    ROLES.flatMap((role) => (['open', 'opinion'] as const).map((state) => [step, role, state] as const)),
  );
  it.each(cells)('%s by %s on a dispute %s', (step, role, state) => {
    const d = decideDisputeStep({ disputeId: 7, steps: STEPS[state], actorRoles: [role], isStaff }, PROPOSALS[step]);
    // the one role that may: the state machine's own answer for that cell (written out in CELLS)
    const cell = CELLS.find(([st, sp]) => st === state && sp === step)![2];
    if (role === TAKER[step])
      expect(d).toMatchObject('status' in cell ? { kind: 'allowed', status: cell.status, rule: 'R-DIS-2' } : { kind: 'refused', ...cell });
    else expect(d).toEqual({ kind: 'refused', reason: 'role_required', params: { roles: TAKER[step] }, rule: 'R-DIS-2' });
  });

  it('a director who is also the PM may do both', () => {
    const roles: Role[] = ['project_manager', 'sales_director'];
    expect(decideDisputeStep({ disputeId: 1, steps: [], actorRoles: roles, isStaff }, PROPOSALS.opinion).kind).toBe('allowed');
    expect(decideDisputeStep({ disputeId: 1, steps: STEPS.opinion, actorRoles: roles }, PROPOSALS.approve).kind).toBe('allowed');
  });

  it('the roles the spec declares are these (the spec takes them from the domain)', () => {
    expect(DISPUTE_ROLES).toEqual({
      raise: ['consultant', 'project_manager'],
      opinion: ['project_manager'],
      return: ['sales_director'],
      approve: ['sales_director'],
    });
  });
});

describe('decideDisputeStep: the opinion itself — shares total 100% (10,000 bp), only staff named', () => {
  const pm: Role[] = ['project_manager'];
  it.each([
    ['50/50', { zhang: 5000, li: 5000 }, undefined, { kind: 'allowed', status: 'opinion', rule: 'R-DIS-2' }],
    ['100% to one', { li: 10000 }, undefined, { kind: 'allowed', status: 'opinion', rule: 'R-DIS-2' }],
    ['part to the public pool', { zhang: 7000, pool: 3000 }, undefined, { kind: 'allowed', status: 'opinion', rule: 'R-DIS-2' }],
    ['with a 0 share', { zhang: 10000, li: 0 }, ['li'], { kind: 'allowed', status: 'opinion', rule: 'R-DIS-2' }],
    ['90%', { zhang: 5000, li: 4000 }, undefined, { kind: 'refused', reason: 'opinion_split_not_full', params: { totalBps: 9000 } }],
    ['100.01%', { zhang: 5001, li: 5000 }, undefined, { kind: 'refused', reason: 'opinion_split_not_full', params: { totalBps: 10001 } }],
    ['nobody', {}, undefined, { kind: 'refused', reason: 'opinion_split_not_full', params: { totalBps: 0 } }],
    [
      'an unknown person (after the total)',
      { zhang: 5000, ghost: 5000 },
      undefined,
      { kind: 'refused', reason: 'opinion_staff_unknown', params: { staffIds: 'ghost' } },
    ],
    [
      'two unknown people',
      { ghost: 5000, shade: 5000 },
      undefined,
      { kind: 'refused', reason: 'opinion_staff_unknown', params: { staffIds: 'ghost,shade' } },
    ],
    [
      'the total first, then who',
      { ghost: 4000 },
      undefined,
      { kind: 'refused', reason: 'opinion_split_not_full', params: { totalBps: 4000 } },
    ],
    [
      'an unknown party assessed',
      { zhang: 5000, li: 5000 },
      ['zhang', 'nobody'],
      { kind: 'refused', reason: 'opinion_party_unknown', params: { staffIds: 'nobody' } },
    ],
    [
      'the split’s people before the assessed parties',
      { zhang: 5000, ghost: 5000 },
      ['nobody'],
      { kind: 'refused', reason: 'opinion_staff_unknown', params: { staffIds: 'ghost' } },
    ],
  ] as const)('%s', (_what, split, assessed, expected) => {
    const d = decideDisputeStep({ disputeId: 3, steps: [], actorRoles: pm, isStaff }, { type: 'opinion', split, assessed });
    expect(d).toMatchObject(expected);
  });

  it('the state before the shares: a decided dispute refuses even a wrong split as decided', () => {
    const d = decideDisputeStep({ disputeId: 3, steps: STEPS.decided, actorRoles: pm, isStaff }, { type: 'opinion', split: { x: 1 } });
    expect(d).toMatchObject({ kind: 'refused', reason: 'dispute_decided' });
  });
});

describe('decideDisputeStep: a return carries a comment', () => {
  it.each([
    ['a comment', '证据不足', { kind: 'allowed', status: 'returned' }],
    ['blank', '   ', { kind: 'refused', reason: 'dispute_return_comment', params: { disputeId: 4 } }],
    ['empty', '', { kind: 'refused', reason: 'dispute_return_comment', params: { disputeId: 4 } }],
  ] as const)('%s', (_what, comment, expected) => {
    const d = decideDisputeStep({ disputeId: 4, steps: STEPS.opinion, actorRoles: ['sales_director'] }, { type: 'return', comment });
    expect(d).toMatchObject(expected);
  });
  it('no opinion to return: that first, before the comment', () => {
    const d = decideDisputeStep({ disputeId: 4, steps: [], actorRoles: ['sales_director'] }, { type: 'return', comment: '' });
    expect(d).toMatchObject({ reason: 'dispute_no_opinion' });
  });
});

describe('decideRaise (R-DIS-1): a consultant or the PM, over one deal not held already or one customer', () => {
  type Deal = { id: number; exists: boolean; disputeOpen: boolean };
  type Row = [string, Role[], Deal | undefined, number | undefined, Record<string, unknown>];
  const deal = (exists: boolean, disputeOpen = false): Deal => ({ id: 12, exists, disputeOpen });
  const allowed = { kind: 'allowed', status: 'open', rule: 'R-DIS-1' };
  const rows: Row[] = [
    ['a consultant, over a deal', ['consultant'], deal(true), undefined, allowed],
    ['the PM, over a customer', ['project_manager'], undefined, 5, allowed],
    ['over nothing', ['consultant'], undefined, undefined, { kind: 'refused', reason: 'dispute_subject_one', params: {} }],
    ['over a deal and a customer', ['consultant'], deal(true), 5, { kind: 'refused', reason: 'dispute_subject_one', params: {} }],
    [
      'over a deal that does not exist',
      ['consultant'],
      deal(false),
      undefined,
      { kind: 'refused', reason: 'deal_not_found', params: { dealId: 12 } },
    ],
    [
      'over a deal held by an undecided dispute',
      ['consultant'],
      deal(true, true),
      undefined,
      { kind: 'refused', reason: 'dispute_already_open', params: { dealId: 12 } },
    ],
    ...(['front_desk', 'sales_manager', 'sales_director', 'sales_assistant', 'employee', 'admin', 'group_director'] as const).map(
      (role): Row => [
        `by ${role}`,
        [role],
        deal(true),
        undefined,
        { kind: 'refused', reason: 'role_required', params: { roles: 'consultant,project_manager' }, rule: 'R-DIS-1' },
      ],
    ),
  ];
  it.each(rows)('%s', (_what, roles, d, customer, expected) => {
    expect(decideRaise({ actorRoles: roles, deal: d, customer })).toMatchObject(expected);
  });
});

describe('seesDispute: the managers and the parties — who raised it, whoever has a line in the deal', () => {
  it.each([
    ['the PM', { id: 'pm', roles: ['project_manager'] }, 'li', [], true],
    ['the director', { id: 'dir', roles: ['sales_director'] }, 'li', [], true],
    ['a sales manager', { id: 'mgr', roles: ['sales_manager'] }, 'li', [], true],
    ['who raised it', { id: 'li', roles: ['consultant'] }, 'li', [], true],
    ['a consultant with a line in the deal', { id: 'zhang', roles: ['consultant'] }, 'li', ['zhang', 'li'], true],
    ['a consultant with no part', { id: 'wang', roles: ['consultant'] }, 'li', ['zhang', 'li'], false],
    ['the front desk', { id: 'desk', roles: ['front_desk'] }, 'li', ['zhang'], false],
    ['an admin', { id: 'adm', roles: ['admin'] }, 'li', [], false],
  ] as const)('%s → %s', (_what, actor, raisedBy, beneficiaries, sees) => {
    expect(seesDispute(actor, { raisedBy }, beneficiaries)).toBe(sees);
  });
});

describe('dealDisputeOutcome (R-DIS-1, R-COM-4): any undecided holds the deal, the newest decision applies', () => {
  const a = { zhang: 10000 };
  const b = { li: 10000 };
  it.each([
    ['none', [], null],
    ['one open', [{ id: 1, status: 'open', proposed: null }], { id: 1, open: true, decision: null }],
    ['one with an opinion waiting', [{ id: 1, status: 'opinion', proposed: a }], { id: 1, open: true, decision: null }],
    ['one decided', [{ id: 1, status: 'decided', proposed: a }], { id: 1, open: false, decision: a }],
    [
      'decided, then a new one returned',
      [
        { id: 1, status: 'decided', proposed: a },
        { id: 2, status: 'returned', proposed: b },
      ],
      { id: 2, open: true, decision: a },
    ],
    [
      'two decided: the later wins',
      [
        { id: 1, status: 'decided', proposed: a },
        { id: 2, status: 'decided', proposed: b },
      ],
      { id: 2, open: false, decision: b },
    ],
  ] as const)('%s', (_what, disputes, expected) => {
    expect(dealDisputeOutcome(disputes)).toEqual(expected);
  });
});
