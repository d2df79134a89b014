/**
 * How long a person is locked after wrong PINs (R-SEC-1). The lock is per person, never per terminal: the
 * whole office may share one address, and one person's typos must not lock the others out.
 *
 * The first FREE_TRIES − 1 wrong PINs in a row cost nothing (typos); the FREE_TRIES-th locks for 1 minute, and
 * every further wrong PIN doubles the lock, up to MAX_LOCK_MINUTES: 1, 2, 4, 8, 16, 30, 30 … A right PIN
 * starts the count again. A guesser gets 10 tries in the first 31 minutes, then 2 an hour (a 4-digit
 * PIN: ~100 days on average); a person who mistypes five times waits one minute, not five. The cap keeps
 * every lock temporary, so nobody — the only admin included — is locked out of the office for good.
 */
export const FREE_TRIES = 5;
export const FIRST_LOCK_MINUTES = 1;
export const MAX_LOCK_MINUTES = 30;

/** Minutes locked after the `wrongInARow`-th wrong PIN in a row (0: not locked, may try again at once). */
export function lockMinutes(wrongInARow: number): number {
  if (!Number.isSafeInteger(wrongInARow) || wrongInARow < FREE_TRIES) return 0;
  const doublings = Math.min(wrongInARow - FREE_TRIES, 30); // 2^30 minutes is far past the cap already
  return Math.min(FIRST_LOCK_MINUTES * 2 ** doublings, MAX_LOCK_MINUTES);
}

/** Until when a person is locked after that many wrong PINs in a row, counted from `now`; null: not locked. */
export function lockedUntil(wrongInARow: number, now: Date): Date | null {
  const minutes = lockMinutes(wrongInARow);
  return minutes === 0 ? null : new Date(now.getTime() + minutes * 60_000);
}

/** Tries left after that many wrong PINs in a row, the last of them the one that locks if wrong. */
export function triesLeft(wrongInARow: number): number {
  return Math.max(FREE_TRIES - wrongInARow, 0);
}

/** Whole minutes, rounded up, still to wait (0: not locked at `now`). */
export function minutesLeft(lockedUntilIso: string | null, now: Date): number {
  if (!lockedUntilIso) return 0;
  const ms = new Date(lockedUntilIso).getTime() - now.getTime();
  return ms > 0 ? Math.ceil(ms / 60_000) : 0;
}
