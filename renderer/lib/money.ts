/**
 * Money on screen (R-COM-1): the ledger keeps integer cents (分) and basis points (10000 = 100%). Typed
 * amounts ("32,700.01", "¥ 1 200", "３２７００．０１") and shares ("40", "33.33%") are turned into integers by
 * string arithmetic only — no floating point ever touches a cent.
 */

export const FULL_BPS = 10000;

export type Parsed = { ok: true; value: number } | { ok: false; why: 'empty' | 'format' | 'decimals' | 'tooLarge' | 'range' };

/** Full-width digits and punctuation (a Chinese IME) to ASCII; spaces dropped. */
function normalise(raw: string): string {
  return raw
    .replace(/[\uFF10-\uFF19]/g, (c) => String.fromCharCode(c.charCodeAt(0) - 0xff10 + 48))
    .replace(/[．。]/g, '.')
    .replace(/[，]/g, ',')
    .replace(/[％]/g, '%')
    .replace(/\s+/g, '');
}

/** "123,456.7" → digits "123456", fraction "7"; commas only as thousands separators. */
function splitDecimal(s: string): { whole: string; frac: string } | null {
  const m = /^(\d{1,3}(?:,\d{3})+|\d+)?(?:\.(\d*))?$/.exec(s);
  if (!m || (m[1] === undefined && !m[2])) return null;
  return { whole: (m[1] ?? '0').replace(/,/g, ''), frac: m[2] ?? '' };
}

/** Digits (no sign) → a safe integer, or null if it would not be exact. */
function digitsToInt(digits: string): number | null {
  const d = digits.replace(/^0+(?=\d)/, '');
  const max = String(Number.MAX_SAFE_INTEGER);
  if (d.length > max.length || (d.length === max.length && d > max)) return null;
  return Number(d);
}

/** Yuan as typed → cents. "27,000.01" → 2700001; "¥500" → 50000; more than two decimals is refused. */
export function parseYuan(raw: string): Parsed {
  const s = normalise(raw).replace(/^[¥￥]/, '');
  if (!s) return { ok: false, why: 'empty' };
  const parts = splitDecimal(s);
  if (!parts) return { ok: false, why: 'format' };
  if (parts.frac.length > 2) return { ok: false, why: 'decimals' };
  const cents = digitsToInt(parts.whole + parts.frac.padEnd(2, '0'));
  return cents === null ? { ok: false, why: 'tooLarge' } : { ok: true, value: cents };
}

/** A share as typed → basis points. "40" → 4000; "33.33%" → 3333; 0–100 with at most two decimals. */
export function parsePercent(raw: string): Parsed {
  const s = normalise(raw).replace(/%$/, '');
  if (!s) return { ok: false, why: 'empty' };
  const parts = splitDecimal(s);
  if (!parts || s.includes(',')) return { ok: false, why: 'format' };
  if (parts.frac.length > 2) return { ok: false, why: 'decimals' };
  const bps = digitsToInt(parts.whole + parts.frac.padEnd(2, '0'));
  return bps === null || bps > FULL_BPS ? { ok: false, why: 'range' } : { ok: true, value: bps };
}

/** ¥1,234.56 (cents in, text out; integer arithmetic only). */
export function formatYuan(cents: number): string {
  const sign = cents < 0 ? '-' : '';
  const abs = Math.abs(cents);
  const whole = Math.floor(abs / 100)
    .toString()
    .replace(/\B(?=(\d{3})+(?!\d))/g, ',');
  return `${sign}¥${whole}.${String(abs % 100).padStart(2, '0')}`;
}

/** Basis points as a percentage without trailing zeros: 4000 → "40%", 3333 → "33.33%", 4050 → "40.5%". */
export function formatBps(bps: number): string {
  const whole = Math.trunc(bps / 100);
  const frac = String(Math.abs(bps) % 100)
    .padStart(2, '0')
    .replace(/0+$/, '');
  return `${whole}${frac ? `.${frac}` : ''}%`;
}

/** Basis points as the number typed back into a % field: 4000 → "40", 3333 → "33.33". */
export const bpsToInput = (bps: number): string => formatBps(bps).replace(/%$/, '');

/** "2026-03" of an office day "2026-03-10". */
export const monthOf = (day: string): string => day.slice(0, 7);
