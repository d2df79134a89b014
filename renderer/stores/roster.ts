/**
 * Today's roster as the server last answered it. Every change goes to the server and the answer
 * replaces the cache; the renderer never computes the queue itself.
 *
 * Answers can arrive out of order (a poll sent before a walk-in may return after it), so each request
 * takes a ticket and an answer older than the one already shown is dropped.
 */
import { create } from 'zustand';
import { api, type ApiResult, type Input } from '../api/client';
import type { RosterView } from '../api/types';

interface RosterState {
  view: RosterView | null;
  loaded: boolean;
  loadError: string | null;
  refresh(): Promise<void>;
  /** an answer that carries the roster (walk-in, finish): shown if it is the newest */
  accept(view: RosterView | null, ticket: number): void;
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

let issued = 0;
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

    ticket: () => ++issued,

    accept(view, ticket) {
      if (ticket < shown) return;
      shown = ticket;
      set({ view, loaded: true, loadError: null });
    },

    async refresh() {
      const ticket = ++issued;
      const r = await api.call('roster.today', {});
      if (r.ok) get().accept(r.value, ticket);
      else if (ticket >= shown) set({ loaded: true, loadError: r.error.message });
    },

    start: (order) => change(++issued, api.call('roster.start', { order })),
    status: (input) => change(++issued, api.call('roster.status', input)),
    disqualify: (input) => change(++issued, api.call('roster.disqualify', input)),
    priority: (input) => change(++issued, api.call('roster.priority', input)),
    move: (input) => change(++issued, api.call('roster.move', input)),
    swap: (input) => change(++issued, api.call('roster.swap', input)),
    add: (input) => change(++issued, api.call('roster.add', input)),
    remove: (input) => change(++issued, api.call('roster.remove', input)),

    reset() {
      shown = ++issued;
      set({ view: null, loaded: false, loadError: null });
    },
  };
});
