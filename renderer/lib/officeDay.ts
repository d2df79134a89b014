/**
 * "Today" is the office's day, not this terminal's: the server's clock decides (roster.board is public and
 * always answers with the office day). Falls back to the terminal's own day if the server cannot be asked.
 */
import { useEffect, useState } from 'react';
import { api } from '../api/client';
import { today as localToday } from './days';

const TTL_MS = 60_000;
let cached: { at: number; day: Promise<string> } | null = null;

export function officeDay(): Promise<string> {
  if (!cached || Date.now() - cached.at > TTL_MS) {
    cached = { at: Date.now(), day: api.call('roster.board', {}).then((r) => (r.ok ? r.value.day : localToday())) };
  }
  return cached.day;
}

/** null until the office has answered */
export function useOfficeDay(): string | null {
  const [day, setDay] = useState<string | null>(null);
  useEffect(() => {
    let live = true;
    cached = null; // a screen opened anew asks again (the office day may have moved on)
    void officeDay().then((d) => live && setDay(d));
    return () => {
      live = false;
    };
  }, []);
  return day;
}
