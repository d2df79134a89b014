/**
 * Who is acting and who could act: a cache of staff.list and session.me. Signing in takes the person's own
 * PIN (session.signIn); when any answer says the session has ended (登录已超时, 请先选择操作人员) the acting
 * person is dropped here and the shell shows the sign-in picker with the server's message.
 */
import { create } from 'zustand';
import { changes } from '../api/changes';
import { api, type ApiResult, type Output, onSessionLost, rememberSite, terminalSite } from '../api/client';
import type { Actor, StaffMember, TeamMember } from '../api/types';
import { errorText } from '../i18n/reasons';

/** A site of the office group, as the sign-in screen lists it. */
export type SiteChoice = Output<'session.sites'>[number];

interface SessionState {
  status: 'loading' | 'ready' | 'failed';
  /** the office group's sites (more than one: the sign-in screen lists them); empty: a single office */
  sites: SiteChoice[];
  /** the site this terminal works at (remembered per terminal); null: the only one there is */
  site: string | null;
  /** this terminal now works at another site: its staff are listed, its sign-in and first-run setup used */
  chooseSite(code: string): Promise<void>;
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

export const useSession = create<SessionState>((set, get) => ({
  status: 'loading',
  loadError: null,
  sites: [],
  site: null,
  staff: [],
  me: null,
  pickerOpen: false,
  lostMessage: null,

  async load() {
    // The sites first: a terminal's remembered site that the group no longer lists (or a single office) is forgotten,
    // so staff.list below asks the right one.
    const sites = await api.call('session.sites', {});
    const listed = sites.ok && sites.value.length > 1 ? sites.value : [];
    const remembered = terminalSite();
    // An unanswered list (the server away for a moment) forgets nothing: the terminal keeps the site it had.
    const site = !sites.ok || listed.some((s) => s.code === remembered) ? remembered : (listed[0]?.code ?? null);
    if (site !== remembered) rememberSite(site);
    const [staff, me] = await Promise.all([api.call('staff.list', {}), api.call('session.me', {})]);
    if (!staff.ok) return set({ status: 'failed', loadError: errorText(staff.error), sites: listed, site });
    set({ status: 'ready', loadError: null, sites: listed, site, staff: staff.value, me: me.ok ? me.value : null });
  },

  async chooseSite(code) {
    rememberSite(code);
    set({ site: code });
    const staff = await api.call('staff.list', {});
    // a later choice's answer wins, whichever arrives first
    if (staff.ok && get().site === code) set({ staff: staff.value });
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
