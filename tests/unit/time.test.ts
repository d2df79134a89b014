/** officeDay is written out by hand for speed (src/domain/time.ts): it must say what date-fns's format says. */
import { format } from 'date-fns';
import { describe, expect, it } from 'vitest';
import { officeDay } from '../../src/domain/time';

describe('officeDay', () => {
  it('gives the local calendar day as format(d, "yyyy-MM-dd") does, midnights and month ends included', () => {
    const instants: Date[] = [];
    for (let t = Date.UTC(2025, 11, 1); t < Date.UTC(2027, 1, 1); t += 37 * 60_000) instants.push(new Date(t));
    for (const [y, m, d] of [
      [2026, 0, 1],
      [2026, 1, 28],
      [2028, 1, 29],
      [2026, 11, 31],
    ] as const) {
      const midnight = new Date(y, m, d);
      instants.push(midnight, new Date(midnight.getTime() - 1), new Date(midnight.getTime() + 1));
    }
    instants.push(new Date(-62_000_000_000_000), new Date(253_402_300_799_000));
    for (const d of instants) expect(officeDay(d), d.toISOString()).toBe(format(d, 'yyyy-MM-dd'));
  });

  it('refuses an invalid date as date-fns does', () => {
    expect(() => officeDay(new Date(Number.NaN))).toThrow(RangeError);
  });
});
