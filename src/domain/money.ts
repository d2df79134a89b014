/**
 * Money is integer cents (分), shares are basis points (10000 = 100%). No floating point anywhere:
 * amounts are split by the largest-remainder method so they always add up to the total exactly.
 */

export const FULL_BPS = 10000;

export function assertCents(value: number, what = '金额'): void {
  if (!Number.isSafeInteger(value) || value < 0) throw new RangeError(`${what}应为非负整数（分）`);
}

/**
 * Splits `total` cents by integer weights. Each line gets floor(total·w/W); the cents left over go one
 * each to the largest remainders, a tie going to the earlier line (R-COM-1). BigInt keeps total·w exact.
 */
export function largestRemainder(total: number, weights: readonly number[]): number[] {
  assertCents(total);
  if (weights.some((w) => !Number.isSafeInteger(w) || w < 0)) throw new RangeError('权重应为非负整数');
  const sum = weights.reduce((a, b) => a + b, 0);
  if (sum === 0) return weights.map(() => 0);
  const T = BigInt(total);
  const W = BigInt(sum);
  const parts = weights.map((w, i) => {
    const p = T * BigInt(w);
    return { i, floor: p / W, rem: p % W };
  });
  let left = T - parts.reduce((a, p) => a + p.floor, 0n);
  const order = [...parts].sort((a, b) => (a.rem === b.rem ? a.i - b.i : a.rem > b.rem ? -1 : 1));
  const out = parts.map((p) => p.floor);
  for (const p of order) {
    if (left === 0n) break;
    out[p.i]! += 1n;
    left -= 1n;
  }
  return out.map(Number);
}

/** ¥1,234.56 for people; the ledger keeps cents. */
export function formatYuan(cents: number): string {
  const sign = cents < 0 ? '-' : '';
  const abs = Math.abs(cents);
  const yuan = Math.floor(abs / 100)
    .toString()
    .replace(/\B(?=(\d{3})+(?!\d))/g, ',');
  return `${sign}¥${yuan}.${String(abs % 100).padStart(2, '0')}`;
}
