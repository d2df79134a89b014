/**
 * Who is acting and who could act: a cache of staff.list and session.me. Signing in takes the person's own
 * PIN (session.signIn); when any answer says the session has ended (登录已超时, 请先选择操作人员) the acting
 * person is dropped here and the shell shows the sign-in picker with the server's message.
 */
import { create } from 'zustand';
import { changes } from '../api/changes';
import { api, type ApiResult, onSessionLost } from '../api/client';
import type { Actor, StaffMember, TeamMember } from '../api/types';
import { errorText } from '../i18n/reasons';

interface SessionState {
  status: 'loading' | 'ready' | 'failed';
  loadError: string | null;
  /** active staff (the picker's list) */
  staff: StaffMember[];
  me: Actor | null;
  /** the staff picker dialog (F2 / 切换人员) */
  pickerOpen: boolean;
  /** why the last person was signed out by the server (idle timeout), shown above the sign-in picker */
  lostMessage: string | null;
  load(): Promise<void>;
  /** staff.list again (after staff administration changed it) */
  reloadStaff(): Promise<void>;
  signIn(staffId: string, pin: string): Promise<ApiResult<Actor>>;
  /** opens this terminal as the desk station (the front desk or a manager, their PIN) */
  openStation(staffId: string, pin: string): Promise<ApiResult<Actor>>;
  signOut(): Promise<void>;
  /** creates the first team; the caller calls load() when the people have seen their PINs */
  firstRun(staff: TeamMember[]): Promise<ApiResult<{ created: number }>>;
  sessionLost(message: string): void;
  openPicker(): void;
  closePicker(): void;
}

export const useSession = create<SessionState>((set) => ({
  status: 'loading',
  loadError: null,
  staff: [],
  me: null,
  pickerOpen: false,
  lostMessage: null,

  async load() {
    const [staff, me] = await Promise.all([api.call('staff.list', {}), api.call('session.me', {})]);
    if (!staff.ok) return set({ status: 'failed', loadError: errorText(staff.error) });
    set({ status: 'ready', loadError: null, staff: staff.value, me: me.ok ? me.value : null });
  },

  async reloadStaff() {
    const staff = await api.call('staff.list', {});
    if (staff.ok) set({ staff: staff.value });
  },

  async signIn(staffId, pin) {
    // The push stream belongs to the session being replaced: its end is not this person's (api/changes).
    changes.suspend();
    try {
      const r = await api.call('session.signIn', { staffId, pin });
      if (r.ok) set({ me: r.value, pickerOpen: false, lostMessage: null });
      return r;
    } finally {
      changes.resume();
    }
  },

  async openStation(staffId, pin) {
    changes.suspend();
    try {
      const r = await api.call('session.openStation', { staffId, pin });
      if (!r.ok) return r;
      // The station's own view (the front desk's roles, marked station) is what session.me says now.
      const me = await api.call('session.me', {});
      if (!me.ok) return me;
      set({ me: me.value, pickerOpen: false, lostMessage: null });
      return me.value ? { ok: true, value: me.value } : { ok: false, error: { code: 'permission', reason: 'not_signed_in', message: '' } };
    } finally {
      changes.resume();
    }
  },

  async signOut() {
    changes.suspend();
    try {
      await api.call('session.signOut', {});
      set({ me: null, pickerOpen: false, lostMessage: null });
    } finally {
      changes.resume();
    }
  },

  async firstRun(staff) {
    return api.call('setup.firstRun', { staff });
  },

  sessionLost(message) {
    // Only a person who was acting can be dropped; later stray answers change nothing.
    set((s) => (s.me ? { me: null, pickerOpen: false, lostMessage: message } : s));
  },

  openPicker: () => set({ pickerOpen: true }),
  closePicker: () => set({ pickerOpen: false }),
}));

onSessionLost((message) => useSession.getState().sessionLost(message));

/** Display name of a staff id from the cached list (ids the server sends without a name). */
export const staffName = (staff: readonly StaffMember[], id: string | null | undefined): string =>
  (id && staff.find((s) => s.id === id)?.name) || id || '';
