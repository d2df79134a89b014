/**
 * Pushed changes: after each committed call that is not a `read`, the core tells every terminal which
 * areas changed, and each screen re-reads what it shows from those areas. A spec-level file: it imports
 * nothing but types, so the renderer and the sandboxed preload can use it as it is.
 */
import type { MethodName } from './spec';

export const AREAS = [
  'roster',
  'registrations',
  'customers',
  'deals',
  'disputes',
  'referrals',
  'followUps',
  'staff',
  'policy',
  'backups',
  'audit',
] as const;
export type Area = (typeof AREAS)[number];

/** seq grows by one per event, so a terminal can tell it missed one (and then re-read everything). */
/** A ChangeEvent's site when every site's terminals must hear it. */
export const EVERY_SITE = '*';

/** Whether a terminal whose session is at `sessionSite` hears a change made at `eventSite` (both absent: the home site). */
export const hearsChange = (sessionSite: string | undefined, eventSite: string | undefined): boolean =>
  eventSite === EVERY_SITE || (eventSite ?? '') === (sessionSite ?? '');

export interface ChangeEvent {
  seq: number;
  areas: Area[];
  /**
   * an office group's site the change was made at (Session.site): only that site's terminals hear it. Absent: the home
   * site, or a single office; EVERY_SITE: every terminal re-reads (another server's changes may have been missed).
   */
  site?: string;
}

// Every `write` leaves an audit row in the same transaction, so the audit screen is among its areas.
const w = (...areas: Area[]): Area[] => [...areas, 'audit'];

/**
 * What each method that is not a `read` may change. Wider is harmless (a screen re-reads once more), narrower
 * leaves a screen stale: when in doubt, name the area. A test checks every such method has an entry.
 */
export const CHANGES = {
  'staff.create': w('staff'),
  'staff.update': w('staff', 'roster'),
  'staff.resetPin': w('staff'),
  'staff.addFromSite': w('staff'),
  'setup.firstRun': w('staff', 'policy'),
  // the PIN lock counts and the sign-in's audit row
  'session.signIn': w('staff'),
  // the same PIN check as sign-in, and the opening's audit row
  'session.openStation': w('staff'),
  'roster.start': w('roster'),
  'roster.status': w('roster'),
  'roster.swap': w('roster'),
  'roster.move': w('roster'),
  'roster.disqualify': w('roster'),
  'roster.priority': w('roster'),
  'roster.add': w('roster'),
  'roster.remove': w('roster'),
  // an audited read: only its audit row
  'desk.lookup': ['audit'],
  'desk.walkIn': w('roster', 'registrations', 'customers', 'referrals'),
  'desk.leaveWaiting': w('roster'),
  // a reception's end is on the customer page's timeline too
  'desk.finish': w('roster', 'customers'),
  'desk.switch': w('roster', 'registrations', 'customers', 'deals'),
  'desk.refuse': w('roster', 'registrations', 'customers'),
  'desk.phoneInquiry': w('customers', 'registrations'),
  'desk.announce': w('customers', 'registrations', 'roster'),
  'customer.identify': w('customers', 'registrations', 'deals', 'followUps'),
  'customer.household': w('customers', 'registrations', 'deals'),
  'customer.get': ['audit'],
  // the register sheet's opening is logged (R-SEC-1)
  'registration.sheet': ['audit'],
  'registration.confirm': w('registrations', 'customers', 'followUps'),
  'registration.reject': w('registrations', 'customers', 'followUps'),
  'registration.correct': w('registrations', 'customers', 'deals', 'followUps'),
  'referral.register': w('referrals', 'customers'),
  'referral.confirm': w('referrals', 'customers', 'registrations', 'deals'),
  'company.register': w('customers', 'registrations'),
  'deal.close': w('deals', 'customers'),
  'deal.change': w('deals', 'customers'),
  'dispute.raise': w('disputes', 'deals'),
  'dispute.opinion': w('disputes'),
  'dispute.return': w('disputes'),
  'dispute.approve': w('disputes', 'deals'),
  'customer.search': ['audit'],
  'backup.now': w('backups'),
  'backup.verify': w('backups'),
  'backup.remove': w('backups'),
  // a restore replaces the whole file: every screen re-reads
  'backup.restore': [...AREAS],
  'policy.update': w('policy', 'registrations', 'followUps'),
  'followUp.log': w('followUps', 'customers'),
  'followUp.note': w('followUps'),
  'grades.setLabel': w('customers', 'followUps'),
} satisfies Partial<Record<MethodName, Area[]>>;

export type ChangingMethod = keyof typeof CHANGES;

/**
 * Methods every site's terminals hear, whichever site they were called at: a PIN reset of a person linked at several
 * sites of an office group (staff.addFromSite) changes their PIN and ends their sessions at each of them, and a
 * terminal at another site signed in as them learns it at once from the re-read a change brings (its next call is
 * refused: session_expired), not only at its next key press. Wider than needed for a person at one site: the other
 * sites' terminals re-read their roster once more.
 */
export const HEARD_AT_EVERY_SITE: ReadonlySet<string> = new Set<MethodName>(['staff.resetPin']);

/** The areas a call of `method` changes once it committed; [] for a read (or a name that is no method). */
export function areasChangedBy(method: string): Area[] {
  return Object.hasOwn(CHANGES, method) ? CHANGES[method as ChangingMethod] : [];
}
