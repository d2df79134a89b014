/** Who is acting and who could act: a cache of staff.list and session.me. */
import { create } from 'zustand';
import { api, type ApiResult } from '../api/client';
import type { Actor, StaffMember, TeamMember } from '../api/types';

interface SessionState {
  status: 'loading' | 'ready' | 'failed';
  loadError: string | null;
  staff: StaffMember[];
  me: Actor | null;
  /** the staff picker dialog (F2 / 切换人员) */
  pickerOpen: boolean;
  load(): Promise<void>;
  signIn(staffId: string): Promise<ApiResult<Actor>>;
  signOut(): Promise<void>;
  firstRun(staff: TeamMember[]): Promise<ApiResult<{ created: number }>>;
  openPicker(): void;
  closePicker(): void;
}

export const useSession = create<SessionState>((set, get) => ({
  status: 'loading',
  loadError: null,
  staff: [],
  me: null,
  pickerOpen: false,

  async load() {
    const [staff, me] = await Promise.all([api.call('staff.list', {}), api.call('session.me', {})]);
    if (!staff.ok) return set({ status: 'failed', loadError: staff.error.message });
    set({ status: 'ready', loadError: null, staff: staff.value, me: me.ok ? me.value : null });
  },

  async signIn(staffId) {
    const r = await api.call('session.signIn', { staffId });
    if (r.ok) set({ me: r.value, pickerOpen: false });
    return r;
  },

  async signOut() {
    await api.call('session.signOut', {});
    set({ me: null });
  },

  async firstRun(staff) {
    const r = await api.call('setup.firstRun', { staff });
    if (r.ok) await get().load();
    return r;
  },

  openPicker: () => set({ pickerOpen: true }),
  closePicker: () => set({ pickerOpen: false }),
}));

/** Display name of a staff id from the cached list (ids the server sends without a name). */
export const staffName = (staff: readonly StaffMember[], id: string | null | undefined): string =>
  (id && staff.find((s) => s.id === id)?.name) || id || '';
