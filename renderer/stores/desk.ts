/**
 * The desk's cache: the verdict for the phone being typed, and the last walk-in's answer. Who receives
 * a customer is the server's decision (desk.walkIn); this store only keeps what it said.
 */
import { create } from 'zustand';
import { api, type ApiErrorBody, type ApiResult } from '../api/client';
import type { Verdict, WalkInInput, WalkInResult } from '../api/types';
import { useRoster } from './roster';
import { errorText } from '../i18n/reasons';

export type LookupState =
  | { kind: 'idle' }
  | { kind: 'checking'; phone: string }
  | { kind: 'done'; phone: string; name: string; verdict: Verdict }
  /** the server could not look this up yet (e.g. an incomplete number): shown as a hint, not an error */
  | { kind: 'incomplete'; phone: string; message: string }
  | { kind: 'failed'; phone: string; error: ApiErrorBody };

interface DeskState {
  lookup: LookupState;
  last: (WalkInResult & { phone: string; customerName: string; at: string }) | null;
  lookUp(phone: string, name: string): Promise<void>;
  clearLookup(): void;
  walkIn(input: WalkInInput): Promise<ApiResult<WalkInResult>>;
  finish(visit: number): Promise<ApiResult<unknown>>;
  reset(): void;
}

let lookupSeq = 0;

export const useDesk = create<DeskState>((set) => ({
  lookup: { kind: 'idle' },
  last: null,

  async lookUp(phone, name) {
    const seq = ++lookupSeq;
    set({ lookup: { kind: 'checking', phone } });
    const trimmed = name.trim();
    const r = await api.call('desk.lookup', trimmed ? { phone, name: trimmed } : { phone });
    if (seq !== lookupSeq) return; // a newer keystroke already asked again
    if (r.ok) set({ lookup: { kind: 'done', phone, name: trimmed, verdict: r.value } });
    else if (r.error.code === 'validation') set({ lookup: { kind: 'incomplete', phone, message: errorText(r.error) } });
    else set({ lookup: { kind: 'failed', phone, error: r.error } });
  },

  clearLookup() {
    ++lookupSeq;
    set({ lookup: { kind: 'idle' } });
  },

  async walkIn(input) {
    const roster = useRoster.getState();
    const ticket = roster.ticket();
    const r = await api.call('desk.walkIn', input);
    if (r.ok) {
      ++lookupSeq;
      set({ last: { ...r.value, phone: input.customer.phone, customerName: input.customer.name, at: new Date().toISOString() }, lookup: { kind: 'idle' } });
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

  reset() {
    ++lookupSeq;
    set({ lookup: { kind: 'idle' }, last: null });
  },
}));
