/**
 * "This month" is the office's month, not this terminal's: the server's clock decides which day it is
 * (roster.board is public and always answers with the office day). A terminal with a wrong clock still
 * opens on the right month; if the server cannot be asked, the terminal's own month is the fallback.
 */
import { useEffect, useState } from 'react';
import { api } from '../api/client';
import { monthOf } from './money';

const localMonth = (): string => {
  const d = new Date();
  return `${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, '0')}`;
};

/** asked again after this long, so a desk left open over midnight on the 31st moves on */
const TTL_MS = 5 * 60_000;
let cached: { at: number; month: Promise<string> } | null = null;

function officeMonth(): Promise<string> {
  if (!cached || Date.now() - cached.at > TTL_MS) {
    cached = { at: Date.now(), month: api.call('roster.board', {}).then((r) => (r.ok ? monthOf(r.value.day) : localMonth())) };
  }
  return cached.month;
}

/** The month a month picker starts on: null until the office has answered (a few milliseconds). */
export function useOfficeMonth(): string | null {
  const [month, setMonth] = useState<string | null>(null);
  useEffect(() => {
    let live = true;
    void officeMonth().then((m) => live && setMonth(m));
    return () => {
      live = false;
    };
  }, []);
  return month;
}

/** The month before or after "2026-03" (for the ‹ › buttons). */
export function shiftMonth(month: string, by: number): string {
  const [y, m] = month.split('-').map(Number) as [number, number];
  const n = y * 12 + (m - 1) + by;
  return `${Math.floor(n / 12)}-${String((n % 12) + 1).padStart(2, '0')}`;
}
