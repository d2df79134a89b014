import { describe, expect, it } from 'vitest';
import { lockedUntil, lockMinutes, MAX_LOCK_MINUTES, minutesLeft, triesLeft } from '../../src/domain/sign-in';

describe('the sign-in lock schedule (per person, growing, capped)', () => {
  it.each([
    [0, 0],
    [1, 0],
    [4, 0],
    [5, 1],
    [6, 2],
    [7, 4],
    [8, 8],
    [9, 16],
    [10, 30],
    [11, 30],
    [1000, 30],
    [Number.MAX_SAFE_INTEGER, 30],
  ])('%i wrong PINs in a row lock for %i minutes', (wrong, minutes) => {
    expect(lockMinutes(wrong)).toBe(minutes);
  });

  it('never locks for longer than the cap, whatever the count (no admin is locked out for good)', () => {
    for (let n = 0; n < 200; n++) expect(lockMinutes(n)).toBeLessThanOrEqual(MAX_LOCK_MINUTES);
    expect(lockMinutes(-1)).toBe(0);
    expect(lockMinutes(Number.NaN)).toBe(0);
  });

  it.each([
    [0, 5],
    [1, 4],
    [4, 1],
    [5, 0],
    [9, 0],
  ])('after %i wrong PINs, %i tries are left before the lock', (wrong, left) => {
    expect(triesLeft(wrong)).toBe(left);
  });

  it('counts from the injected instant, and rounds the wait up to whole minutes', () => {
    const now = new Date('2026-05-08T01:00:00Z');
    expect(lockedUntil(4, now)).toBeNull();
    expect(lockedUntil(6, now)).toEqual(new Date('2026-05-08T01:02:00Z'));
    expect(minutesLeft('2026-05-08T01:02:00Z', now)).toBe(2);
    expect(minutesLeft('2026-05-08T01:00:01Z', now)).toBe(1);
    expect(minutesLeft('2026-05-08T01:00:00Z', now)).toBe(0);
    expect(minutesLeft(null, now)).toBe(0);
  });
});
