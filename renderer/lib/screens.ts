/**
 * Which screen a person can use, from the same spec the server checks (`can`), and where each person lands:
 * nobody is shown a screen whose every action they would be refused (an employee never sees the walk-in
 * form), and a screen they cannot use sends them to their own first one instead.
 */
import { can } from '../../src/api/spec';
import type { Role } from '../api/types';
import type { Route } from './route';

type Me = { readonly roles: readonly Role[] } | null | undefined;
type Screen = Exclude<Route, 'lobby'>;

const USABLE: Record<Screen, (me: Me) => boolean> = {
  desk: (me) => can(me, 'desk.walkIn'),
  roster: (me) => can(me, 'roster.today'),
  registrations: (me) => can(me, 'registration.day'),
  customer: (me) => can(me, 'customer.get'),
  referrals: (me) => can(me, 'referral.list'),
  deals: (me) => can(me, 'deal.list'),
  statements: (me) => can(me, 'statement.month'),
  disputes: (me) => can(me, 'dispute.list'),
  staff: (me) => can(me, 'staff.create'),
  settings: (me) => can(me, 'policy.get') || can(me, 'backup.list'),
  audit: (me) => can(me, 'audit.list'),
  today: (me) => can(me, 'followUp.today'),
  'follow-up': (me) => can(me, 'followUp.overview'),
  weekly: (me) => can(me, 'report.weekly'),
  dashboard: (me) => can(me, 'dashboard.data'),
  'my-commission': (me) => can(me, 'me.commission'),
  'my-customers': (me) => can(me, 'me.customers'),
  phone: (me) => can(me, 'me.customers') && can(me, 'followUp.today'),
  'register-sheet': (me) => can(me, 'registration.sheet'),
  group: (me) => can(me, 'group.statements'),
};

export const usable = (screen: Screen, me: Me): boolean => USABLE[screen](me);

/** Where each person starts: the desk for whoever receives customers, then the work their role is for. */
const LANDING: readonly Screen[] = ['desk', 'registrations', 'statements', 'staff', 'settings', 'roster', 'group'];

/** null: no screen of the app is this person's (an employee refers customers through the project manager). */
export const landingFor = (me: Me): Screen | null => LANDING.find((s) => usable(s, me)) ?? null;
