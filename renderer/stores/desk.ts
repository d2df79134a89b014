/**
 * The desk's last walk-in as the server answered it (shown until the next one), and the changes whose answers
 * carry the roster (walk-in, finish). Who receives a customer is the server's decision (desk.walkIn); this store
 * only keeps what it said. The verdict for the phone being typed is a read (Desk.tsx, useApi on desk.lookup).
 */
import { create } from 'zustand';
import { api, type ApiResult, type Input, type Output } from '../api/client';
import type { WalkInInput, WalkInResult } from '../api/types';
import { useRoster } from './roster';

interface DeskState {
  last: (WalkInResult & { phone: string; customerName: string; at: string }) | null;
  walkIn(input: WalkInInput): Promise<ApiResult<WalkInResult>>;
  finish(visit: number): Promise<ApiResult<unknown>>;
  /** a manager's change to a reception (desk.switch, desk.refuse) or a waiting customer leaving: the roster in its answer is shown */
  change<M extends 'desk.switch' | 'desk.refuse' | 'desk.leaveWaiting'>(method: M, input: Input<M>): Promise<ApiResult<Output<M>>>;
  reset(): void;
}

export const useDesk = create<DeskState>((set) => ({
  last: null,

  async walkIn(input) {
    const roster = useRoster.getState();
    const ticket = roster.ticket();
    const r = await api.call('desk.walkIn', input);
    if (r.ok) {
      set({ last: { ...r.value, phone: input.customer.phone, customerName: input.customer.name, at: new Date().toISOString() } });
      roster.accept(r.value.roster, ticket);
    }
    return r;
  },

  async finish(visit) {
    const roster = useRoster.getState();
    const ticket = roster.ticket();
    const r = await api.call('desk.finish', { visit });
    if (r.ok) roster.accept(r.value.roster, ticket);
    return r;
  },

  async change(method, input) {
    const roster = useRoster.getState();
    const ticket = roster.ticket();
    const r = await api.call(method, input);
    if (r.ok) {
      const value = r.value as { roster?: unknown; queue?: unknown };
      // leaveWaiting answers the roster itself; a switch or a reassignment carries it; a refusal kept answers none
      const view = 'queue' in value ? value : value.roster;
      if (view) roster.accept(view as Parameters<typeof roster.accept>[0], ticket);
    }
    return r;
  },

  reset() {
    set({ last: null });
  },
}));
