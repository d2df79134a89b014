/**
 * An ownership dispute as a state machine (R-DIS-1, R-DIS-2). Pure: the service gathers the dispute's steps so
 * far, the actor's roles and the staff the proposal names, asks one of these, and writes what it allows.
 *
 *   open ──opinion (PM, shares 100%)──▶ opinion ──approve (director)──▶ decided (final)
 *     ▲                                   │
 *     └────────── returned ◀──return (director, with a comment)
 *
 * A returned dispute takes a new opinion like an open one; nothing follows a decision. Every step is kept
 * (`dispute_steps` is insert-only), so the state is read off the last step.
 */
import { FULL_BPS } from './money';
import { holdsAnyRole, MANAGERS, type Role } from './roles';

export type DisputeStatus = 'open' | 'opinion' | 'returned' | 'decided';
export type DisputeStepType = 'opinion' | 'return' | 'approve';
export type DisputeAction = 'raise' | DisputeStepType;

/** Who may take each step (R-DIS-1: a consultant or the PM raises; R-DIS-2: the PM gives the opinion, the director returns or approves). */
export const DISPUTE_ROLES: Readonly<Record<DisputeAction, readonly Role[]>> = {
  raise: ['consultant', 'project_manager'],
  opinion: ['project_manager'],
  return: ['sales_director'],
  approve: ['sales_director'],
};

/** Where a dispute stands, from its steps in order: the last one says (none yet: open). */
export function disputeStatusOf(steps: readonly { type: string }[]): DisputeStatus {
  const last = steps[steps.length - 1];
  return !last ? 'open' : last.type === 'opinion' ? 'opinion' : last.type === 'return' ? 'returned' : 'decided';
}

/** The split the newest opinion proposes (what an approval decides), or null before any opinion. */
export function proposedSplitOf(steps: readonly { type: string; split: string | null }[]): Record<string, number> | null {
  const opinion = steps.filter((s) => s.type === 'opinion').pop();
  return opinion?.split ? (JSON.parse(opinion.split) as Record<string, number>) : null;
}

export type DisputeRefusalReason =
  | 'role_required'
  | 'dispute_subject_one'
  | 'deal_not_found'
  | 'dispute_already_open'
  | 'dispute_decided'
  | 'dispute_opinion_pending'
  | 'dispute_no_opinion'
  | 'dispute_return_comment'
  | 'opinion_split_not_full'
  | 'opinion_staff_unknown'
  | 'opinion_party_unknown';

export type DisputeRule = 'R-DIS-1' | 'R-DIS-2';

export type DisputeDecision =
  | { kind: 'allowed'; status: DisputeStatus; rule: DisputeRule }
  | { kind: 'refused'; reason: DisputeRefusalReason; params: Readonly<Record<string, string | number>>; rule: DisputeRule };

const refused = (
  reason: DisputeRefusalReason,
  rule: DisputeRule,
  params: Readonly<Record<string, string | number>> = {},
): DisputeDecision => ({ kind: 'refused', reason, params, rule });

const mayTake = (action: DisputeAction, roles: readonly Role[]) => holdsAnyRole(roles, DISPUTE_ROLES[action]);

/**
 * Raising a dispute (R-DIS-1): by a consultant or the PM, over exactly one thing — a deal (that exists, with no
 * dispute still undecided on it: the deal is held already) or a customer's ownership.
 */
export function decideRaise(facts: {
  actorRoles: readonly Role[];
  deal?: { id: number; exists: boolean; disputeOpen: boolean };
  customer?: number;
}): DisputeDecision {
  if (!mayTake('raise', facts.actorRoles)) return refused('role_required', 'R-DIS-1', { roles: DISPUTE_ROLES.raise.join(',') });
  if ((facts.deal === undefined) === (facts.customer === undefined)) return refused('dispute_subject_one', 'R-DIS-1');
  if (facts.deal) {
    if (!facts.deal.exists) return refused('deal_not_found', 'R-DIS-1', { dealId: facts.deal.id });
    if (facts.deal.disputeOpen) return refused('dispute_already_open', 'R-DIS-1', { dealId: facts.deal.id });
  }
  return { kind: 'allowed', status: 'open', rule: 'R-DIS-1' };
}

/** A step proposed on a dispute: the PM's opinion (the split in basis points, and whom the fault/contribution assessment names), the director's return (with its comment) or approval. */
export type ProposedStep =
  | { type: 'opinion'; split: Readonly<Record<string, number>>; assessed?: readonly string[] }
  | { type: 'return'; comment: string }
  | { type: 'approve' };

/**
 * Whether `step` may follow `steps` on dispute `disputeId` (R-DIS-2), taken by someone with `actorRoles`;
 * `isStaff` tells the staff ids the opinion names (the split's people — `pool` is the public pool — and the
 * assessed parties) that exist. Checked in this order: who, then the state, then the proposal itself.
 *  - an opinion: only on an open or returned dispute (one waiting for the director: `dispute_opinion_pending`;
 *    decided: `dispute_decided`); its shares total 100% (10,000 bp) and name only staff;
 *  - a return: only of an opinion waiting for the director, with a comment (else `dispute_no_opinion`);
 *  - an approval: only of an opinion waiting (decided: `dispute_decided`, else `dispute_no_opinion`);
 * the allowed answer says where the dispute then stands.
 */
export function decideDisputeStep(
  facts: { disputeId: number; steps: readonly { type: string }[]; actorRoles: readonly Role[]; isStaff?: (id: string) => boolean },
  step: ProposedStep,
): DisputeDecision {
  if (!mayTake(step.type, facts.actorRoles)) return refused('role_required', 'R-DIS-2', { roles: DISPUTE_ROLES[step.type].join(',') });
  const status = disputeStatusOf(facts.steps);
  const disputeId = facts.disputeId;
  switch (step.type) {
    case 'opinion': {
      if (status === 'decided') return refused('dispute_decided', 'R-DIS-2', { disputeId });
      if (status === 'opinion') return refused('dispute_opinion_pending', 'R-DIS-2', { disputeId });
      const total = Object.values(step.split).reduce((a, b) => a + b, 0);
      if (total !== FULL_BPS) return refused('opinion_split_not_full', 'R-DIS-2', { totalBps: total });
      const known = facts.isStaff ?? (() => false);
      const unknown = Object.keys(step.split).filter((k) => k !== 'pool' && !known(k));
      if (unknown.length) return refused('opinion_staff_unknown', 'R-DIS-2', { staffIds: unknown.join(',') });
      const assessed = (step.assessed ?? []).filter((k) => !known(k));
      if (assessed.length) return refused('opinion_party_unknown', 'R-DIS-2', { staffIds: assessed.join(',') });
      return { kind: 'allowed', status: 'opinion', rule: 'R-DIS-2' };
    }
    case 'return':
      if (status !== 'opinion') return refused('dispute_no_opinion', 'R-DIS-2', { disputeId });
      if (step.comment.trim() === '') return refused('dispute_return_comment', 'R-DIS-2', { disputeId });
      return { kind: 'allowed', status: 'returned', rule: 'R-DIS-2' };
    case 'approve':
      if (status === 'decided') return refused('dispute_decided', 'R-DIS-2', { disputeId });
      if (status !== 'opinion') return refused('dispute_no_opinion', 'R-DIS-2', { disputeId });
      return { kind: 'allowed', status: 'decided', rule: 'R-DIS-2' };
  }
}

/**
 * Who sees a dispute: the managers who handle it and its parties — who raised it, and whoever has a line in the
 * disputed deal's split (`dealBeneficiaries`; none for a dispute over a customer).
 */
export function seesDispute(
  actor: { id: string; roles: readonly Role[] },
  dispute: { raisedBy: string },
  dealBeneficiaries: readonly string[],
): boolean {
  if (holdsAnyRole(actor.roles, MANAGERS) || dispute.raisedBy === actor.id) return true;
  return dealBeneficiaries.includes(actor.id);
}

/**
 * What the disputes about a deal, in order, mean for it (R-DIS-1, R-COM-4): any not yet decided holds it; the
 * newest decided one's split applies. Null when no dispute is about the deal.
 */
export function dealDisputeOutcome(
  disputes: readonly { id: number; status: DisputeStatus; proposed: Record<string, number> | null }[],
): { id: number; open: boolean; decision: Record<string, number> | null } | null {
  if (!disputes.length) return null;
  let decision: Record<string, number> | null = null;
  let open = false;
  for (const d of disputes) {
    if (d.status === 'decided') decision = d.proposed;
    else open = true;
  }
  return { id: disputes[disputes.length - 1]!.id, open, decision };
}
