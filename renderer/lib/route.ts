/**
 * Screens are picked by the URL hash (#/desk, #/roster, #/lobby): the desktop app loads one page
 * (app://salesdesk/index.html#/…) and web mode needs no server-side routes. #/lobby is the lobby
 * display board: full screen, no header, no sign-in.
 */
import { useSyncExternalStore } from 'react';

export const ROUTES = [
  'desk',
  'roster',
  'lobby',
  'registrations',
  'customer',
  'referrals',
  'deals',
  'statements',
  'disputes',
  'staff',
  'settings',
  'audit',
  'today',
  'follow-up',
  'weekly',
  'dashboard',
  'my-commission',
  'my-customers',
  'phone',
  'register-sheet',
  'group',
] as const;
export type Route = (typeof ROUTES)[number];

function current(): Route {
  const name = globalThis.location?.hash.replace(/^#\/?/, '').split(/[/?]/)[0] ?? '';
  return (ROUTES as readonly string[]).includes(name) ? (name as Route) : 'desk';
}

function subscribe(onChange: () => void): () => void {
  window.addEventListener('hashchange', onChange);
  return () => window.removeEventListener('hashchange', onChange);
}

export const useRoute = (): Route => useSyncExternalStore(subscribe, current, current);

/** What follows the screen's name in the hash: #/customer/12 → '12' ('' when nothing does). */
function currentArg(): string {
  return globalThis.location?.hash.replace(/^#\/?/, '').split('?')[0]?.split('/')[1] ?? '';
}

export const useRouteArg = (): string => useSyncExternalStore(subscribe, currentArg, currentArg);

/** A value after the '?' of the hash: #/register-sheet?date=2026-03-02 → useRouteQuery('date') = '2026-03-02' ('' when absent). */
export const useRouteQuery = (name: string): string => {
  const read = () => new URLSearchParams(globalThis.location?.hash.split('?')[1] ?? '').get(name) ?? '';
  return useSyncExternalStore(subscribe, read, read);
};

/** The printable visitor register of a day (来访登记表). */
export const registerSheetHref = (day: string): string => `#/register-sheet?date=${day}`;

/** The customer page of a customer record (R-OWN-*: the explanation and the whole timeline). */
export const customerHref = (id: number | string): string => `#/customer/${id}`;

/** A deal on the deals screen: its month opened, the deal shown (the dispute screen links to the deals it concerns). */
export const dealHref = (month: string, id: number): string => `#/deals?month=${month}&deal=${id}`;

export function navigate(route: Route): void {
  if (current() !== route || !location.hash) location.hash = `#/${route}`;
}
