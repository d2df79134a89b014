/**
 * Today's roster as the server last answered it. The shell's roster read (App.tsx, useApi on roster.today,
 * re-read on every pushed roster change) and the answers of this terminal's changes (walk-in, finish, the
 * manager's edits) both land here; the renderer never computes the queue itself.
 *
 * Answers can arrive out of order (a re-read sent before a walk-in may return after it), so each carries the
 * number of its request in the one renderer-wide sequence (api/query nextSeq) and an answer older than the
 * one already shown is dropped.
 */
import { create } from 'zustand';
import { api, type ApiResult, type Input } from '../api/client';
import { nextSeq } from '../api/query';
import type { RosterView } from '../api/types';

interface RosterState {
  view: RosterView | null;
  loaded: boolean;
  loadError: string | null;
  /** an answer that carries the roster (a read, a walk-in, a finish): shown if it is the newest */
  accept(view: RosterView | null, ticket: number): void;
  /** a read of the roster failed: said if nothing newer is shown */
  failed(message: string, ticket: number): void;
  /** the number to take before asking a change whose answer carries the roster */
  ticket(): number;
  start(order: string[]): Promise<ApiResult<RosterView>>;
  status(input: Input<'roster.status'>): Promise<ApiResult<RosterView>>;
  disqualify(input: Input<'roster.disqualify'>): Promise<ApiResult<RosterView>>;
  priority(input: Input<'roster.priority'>): Promise<ApiResult<RosterView>>;
  move(input: Input<'roster.move'>): Promise<ApiResult<RosterView>>;
  swap(input: Input<'roster.swap'>): Promise<ApiResult<RosterView>>;
  add(input: Input<'roster.add'>): Promise<ApiResult<RosterView>>;
  remove(input: Input<'roster.remove'>): Promise<ApiResult<RosterView>>;
  reset(): void;
}

let shown = 0;

export const useRoster = create<RosterState>((set, get) => {
  const change = async (ticket: number, pending: Promise<ApiResult<RosterView>>) => {
    const r = await pending;
    if (r.ok) get().accept(r.value, ticket);
    return r;
  };
  return {
    view: null,
    loaded: false,
    loadError: null,

    ticket: nextSeq,

    accept(view, ticket) {
      if (ticket < shown) return;
      shown = ticket;
      set({ view, loaded: true, loadError: null });
    },

    failed(message, ticket) {
      if (ticket >= shown) set({ loaded: true, loadError: message });
    },

    start: (order) => change(nextSeq(), api.call('roster.start', { order })),
    status: (input) => change(nextSeq(), api.call('roster.status', input)),
    disqualify: (input) => change(nextSeq(), api.call('roster.disqualify', input)),
    priority: (input) => change(nextSeq(), api.call('roster.priority', input)),
    move: (input) => change(nextSeq(), api.call('roster.move', input)),
    swap: (input) => change(nextSeq(), api.call('roster.swap', input)),
    add: (input) => change(nextSeq(), api.call('roster.add', input)),
    remove: (input) => change(nextSeq(), api.call('roster.remove', input)),

    /** a new person: what was shown, and every answer still on its way, belongs to the last one */
    reset() {
      shown = nextSeq();
      set({ view: null, loaded: false, loadError: null });
    },
  };
});
