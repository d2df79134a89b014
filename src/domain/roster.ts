/**
 * The rotating reception roster (轮排) as a pure state machine: events in, queue out.
 * No I/O, no clock: every decision a walk-in needs is taken by `chooseRosterReceiver` and recorded in the
 * `assigned` event, so replaying the events always rebuilds the same queue (R-ROS-13: the queue at any moment).
 */

export type ConsultantStatus = 'present' | 'absent' | 'away' | 'lunch' | 'off';
export const CONSULTANT_STATUSES: readonly ConsultantStatus[] = ['present', 'absent', 'away', 'lunch', 'off'];

/** How a visit was received (scenario-format.md `reception`). */
export type Reception = 'roster' | 'designated' | 'voluntary' | 'owner' | 'introduced';

export interface QueueEntry {
  id: string;
  status: ConsultantStatus;
  /** away on work a superior assigned, approved by the PM (R-ROS-4): keeps the place with priority */
  awayApproved: boolean;
}

export interface OpenReception {
  visitId: number;
  reception: Reception;
}

/** A walk-in who arrived while nobody was free: received by the first consultant to become free, in queue order. */
export interface WaitingCustomer {
  waitId: number;
  name: string;
  phone: string;
  source: string;
  since: string;
}

export interface RosterState {
  /** head first; everyone on today's roster, whatever their status */
  queue: QueueEntry[];
  /** consultant id → receptions in progress (R-ROS-6: never given another while one is open) */
  busy: Record<string, OpenReception[]>;
  /** walk-ins waiting for a free consultant, first come first served */
  waiting: WaitingCustomer[];
  waitSeq: number;
}

export type TurnLoss = { consultant: string; why: 'absent' | 'designated_busy' };

export type RosterEvent =
  | { type: 'started'; order: string[] }
  | { type: 'status'; consultant: string; status: ConsultantStatus; approvedBy?: string | null; reason?: string | null }
  | {
      type: 'assigned';
      visitId: number;
      consultant: string;
      reception: Reception;
      turnUsed: boolean;
      lostTurns: TurnLoss[];
      waitId?: number;
    }
  | { type: 'queued'; customer: Omit<WaitingCustomer, 'waitId'> }
  | { type: 'left'; waitId: number; reason?: string | null }
  | { type: 'finished'; visitId: number }
  | { type: 'handover'; visitId: number; from: string; to: string; turnUsed?: boolean; lostTurns?: TurnLoss[] }
  | { type: 'swap'; a: string; b: string; reason?: string | null }
  | { type: 'move'; consultant: string; to: 'head' | 'tail' | number; reason?: string | null }
  | { type: 'disqualify'; consultant: string; reason: string }
  | { type: 'priority'; consultant: string; reason?: string | null }
  | { type: 'void'; visitId: number; consultant: string; reason?: string | null }
  | { type: 'added'; consultant: string; reason?: string | null }
  | { type: 'removed'; consultant: string; reason?: string | null };

export interface RosterPolicy {
  /** R-ROS-6 default: a head busy with a roster reception is not at fault and keeps the place */
  busyHeadKeepsPlace: boolean;
  /** R-ROS-6 exception [5.1]: a head busy with a designated reception loses the turn, no make-up */
  designatedBusyHeadLosesTurn: boolean;
  /** R-ROS-11: how many consultants from the head staff the desk at lunch */
  lunchDeskSize: number;
}

export const emptyRoster = (): RosterState => ({ queue: [], busy: {}, waiting: [], waitSeq: 0 });

/** What the queue refuses, as facts (a refusal reason of src/api/reasons/desk.ts and its params). */
export type RosterRefusal = 'not_on_roster' | 'already_on_roster' | 'waiting_not_found' | 'roster_order_duplicate';

export class RosterRuleError extends Error {
  constructor(
    readonly reason: RosterRefusal,
    readonly params: Readonly<Record<string, string | number>> = {},
  ) {
    super(reason);
  }
}

const indexOf = (s: RosterState, id: string): number => s.queue.findIndex((e) => e.id === id);

function requireEntry(s: RosterState, id: string): number {
  const i = indexOf(s, id);
  if (i < 0) throw new RosterRuleError('not_on_roster', { staffId: id });
  return i;
}

function moveTo(queue: QueueEntry[], from: number, to: number): QueueEntry[] {
  const q = queue.slice();
  const [e] = q.splice(from, 1);
  q.splice(Math.max(0, Math.min(to, q.length)), 0, e!);
  return q;
}

const toTail = (s: RosterState, id: string): QueueEntry[] => moveTo(s.queue, requireEntry(s, id), s.queue.length);

export const isBusy = (s: RosterState, id: string): boolean => (s.busy[id]?.length ?? 0) > 0;

/** Present, not receiving anyone: may be given a customer now. */
export const isFree = (s: RosterState, id: string): boolean => {
  const e = s.queue[indexOf(s, id)];
  return !!e && e.status === 'present' && !isBusy(s, id);
};

/**
 * Where a consultant is right now, for the desk's words (an owner busy is not an owner absent, R-ROS-9):
 * free, receiving someone (R-ROS-6), a status that keeps them off the floor, or not on today's roster.
 */
export type Presence = 'free' | 'receiving' | Exclude<ConsultantStatus, 'present'> | 'not_on_roster';

export function presenceOf(s: RosterState, id: string): Presence {
  const e = s.queue.find((q) => q.id === id);
  if (!e) return 'not_on_roster';
  if (isBusy(s, id)) return 'receiving';
  return e.status === 'present' ? 'free' : e.status;
}

/** Applies one recorded event. Pure: returns a new state, never mutates the old one. */
export function applyRosterEvent(s: RosterState, ev: RosterEvent): RosterState {
  switch (ev.type) {
    case 'started': {
      if (new Set(ev.order).size !== ev.order.length) throw new RosterRuleError('roster_order_duplicate');
      return { ...emptyRoster(), queue: ev.order.map((id) => ({ id, status: 'present', awayApproved: false })) };
    }
    case 'status': {
      const i = requireEntry(s, ev.consultant);
      const queue = s.queue.slice();
      queue[i] = { ...queue[i]!, status: ev.status, awayApproved: ev.status === 'away' && !!ev.approvedBy };
      return { ...s, queue };
    }
    case 'assigned': {
      let next: RosterState = s;
      for (const loss of ev.lostTurns) next = { ...next, queue: toTail(next, loss.consultant) };
      if (ev.turnUsed) next = { ...next, queue: toTail(next, ev.consultant) };
      const open = [...(next.busy[ev.consultant] ?? []), { visitId: ev.visitId, reception: ev.reception }];
      const waiting = ev.waitId === undefined ? next.waiting : next.waiting.filter((w) => w.waitId !== ev.waitId);
      return { ...next, busy: { ...next.busy, [ev.consultant]: open }, waiting };
    }
    case 'queued': {
      const waitId = s.waitSeq + 1;
      return { ...s, waitSeq: waitId, waiting: [...s.waiting, { ...ev.customer, waitId }] };
    }
    case 'left': {
      if (!s.waiting.some((w) => w.waitId === ev.waitId)) throw new RosterRuleError('waiting_not_found', { waitId: ev.waitId });
      return { ...s, waiting: s.waiting.filter((w) => w.waitId !== ev.waitId) };
    }
    case 'finished':
      return { ...s, busy: withoutVisit(s.busy, ev.visitId) };
    case 'handover': {
      const moved = Object.values(s.busy)
        .flat()
        .find((r) => r.visitId === ev.visitId);
      let next: RosterState = { ...s, busy: withoutVisit(s.busy, ev.visitId) };
      // R-ROS-10: a refused consultant's customer reassigned by roster uses the new receiver's turn.
      for (const loss of ev.lostTurns ?? []) next = { ...next, queue: toTail(next, loss.consultant) };
      if (ev.turnUsed) next = { ...next, queue: toTail(next, ev.to) };
      const open = [...(next.busy[ev.to] ?? []), { visitId: ev.visitId, reception: moved?.reception ?? 'roster' }];
      return { ...next, busy: { ...next.busy, [ev.to]: open } };
    }
    case 'swap': {
      const a = requireEntry(s, ev.a);
      const b = requireEntry(s, ev.b);
      const queue = s.queue.slice();
      [queue[a], queue[b]] = [queue[b]!, queue[a]!];
      return { ...s, queue };
    }
    case 'move': {
      const from = requireEntry(s, ev.consultant);
      const to = ev.to === 'head' ? 0 : ev.to === 'tail' ? s.queue.length : ev.to - 1;
      return { ...s, queue: moveTo(s.queue, from, to) };
    }
    case 'disqualify':
      return { ...s, queue: toTail(s, ev.consultant) };
    case 'priority':
      return { ...s, queue: moveTo(s.queue, requireEntry(s, ev.consultant), 0) };
    case 'void':
      // A void turn changes no position by itself; it marks the reception as not having used the turn
      // (fairness reports count it so). Giving the turn back is the separate `priority` event.
      return s;
    case 'added': {
      if (indexOf(s, ev.consultant) >= 0) throw new RosterRuleError('already_on_roster', { staffId: ev.consultant });
      return { ...s, queue: [...s.queue, { id: ev.consultant, status: 'present', awayApproved: false }] };
    }
    case 'removed': {
      const i = requireEntry(s, ev.consultant);
      return { ...s, queue: s.queue.filter((_, j) => j !== i) };
    }
  }
}

function withoutVisit(busy: Record<string, OpenReception[]>, visitId: number): Record<string, OpenReception[]> {
  const out: Record<string, OpenReception[]> = {};
  for (const [id, list] of Object.entries(busy)) {
    const rest = list.filter((r) => r.visitId !== visitId);
    if (rest.length) out[id] = rest;
  }
  return out;
}

export function replayRoster(events: readonly RosterEvent[]): RosterState {
  return events.reduce(applyRosterEvent, emptyRoster());
}

/**
 * Who receives the next roster walk-in (R-ROS-1, 3, 4, 6), walking from the head:
 * - absent, or away without the PM's approval → loses this turn, to the back (R-ROS-3);
 * - away with approval → keeps the place, the walk-in passes on (R-ROS-4);
 * - at lunch or off duty → not on the floor, keeps the place;
 * - busy with a designated reception → loses the turn (R-ROS-6 exception), otherwise keeps the place;
 * - present and free → receives.
 * Returns null when nobody is free (the caller decides what the waiting customer does).
 */
export function chooseRosterReceiver(s: RosterState, policy: RosterPolicy): { consultant: string; lostTurns: TurnLoss[] } | null {
  const lostTurns: TurnLoss[] = [];
  for (const e of s.queue) {
    if (e.status === 'absent' || (e.status === 'away' && !e.awayApproved)) {
      lostTurns.push({ consultant: e.id, why: 'absent' });
      continue;
    }
    if (e.status !== 'present') continue;
    if (isBusy(s, e.id)) {
      const designated = s.busy[e.id]!.some((r) => r.reception === 'designated');
      if (designated && policy.designatedBusyHeadLosesTurn) lostTurns.push({ consultant: e.id, why: 'designated_busy' });
      else if (!policy.busyHeadKeepsPlace) lostTurns.push({ consultant: e.id, why: 'absent' });
      continue;
    }
    return { consultant: e.id, lostTurns };
  }
  return null;
}

/** R-ROS-9: the voluntary receiver is the last consultant in the queue who is present and free. */
export function chooseVoluntaryReceiver(s: RosterState, exclude: readonly string[] = []): string | null {
  for (let i = s.queue.length - 1; i >= 0; i--) {
    const id = s.queue[i]!.id;
    if (!exclude.includes(id) && isFree(s, id)) return id;
  }
  return null;
}

/** R-ROS-11: the first consultants in the queue who are on the floor staff the desk at lunch. */
export function lunchDesk(s: RosterState, policy: RosterPolicy): string[] {
  return s.queue
    .filter((e) => e.status === 'present')
    .slice(0, policy.lunchDeskSize)
    .map((e) => e.id);
}

/** A turn change the board shows until it is spent: a priority turn (R-ROS-4, 10, R-OWN-8g) or a disqualification (R-ROS-5). */
export interface StandingMark {
  consultant: string;
  kind: 'priority' | 'disqualified';
  /** the rule that gave it when the app gave it (R-ROS-10 a refused consultant, R-OWN-8g a same-day identification) */
  rule: 'R-ROS-10' | 'R-OWN-8g' | null;
  /** the manager's own words, if any */
  reason: string | null;
  at: string;
}

const RULE_REASONS = ['R-ROS-10', 'R-OWN-8g'] as const;

/**
 * Today's priority turns and disqualifications still in force, in the order they were given: a mark lasts until
 * the consultant takes (or loses) a turn, leaves the roster, or gets another mark. Reasons the app itself wrote
 * are rule ids (older rows: the id followed by a sentence, read as the id).
 */
export function standingMarks(events: readonly { at: string; event: RosterEvent }[]): StandingMark[] {
  const marks = new Map<string, StandingMark>();
  const spend = (id: string) => marks.delete(id);
  for (const { at, event: ev } of events) {
    switch (ev.type) {
      case 'priority':
      case 'disqualify': {
        const text = ev.reason ?? null;
        const rule = RULE_REASONS.find((r) => text === r || text?.startsWith(`${r}：`)) ?? null;
        marks.delete(ev.consultant);
        marks.set(ev.consultant, {
          consultant: ev.consultant,
          kind: ev.type === 'priority' ? 'priority' : 'disqualified',
          rule,
          reason: rule ? null : text,
          at,
        });
        break;
      }
      case 'assigned':
        for (const loss of ev.lostTurns) spend(loss.consultant);
        if (ev.turnUsed) spend(ev.consultant);
        break;
      case 'handover':
        for (const loss of ev.lostTurns ?? []) spend(loss.consultant);
        if (ev.turnUsed) spend(ev.to);
        break;
      case 'removed':
        spend(ev.consultant);
        break;
      case 'started':
        marks.clear();
        break;
      default:
        break;
    }
  }
  return [...marks.values()];
}
