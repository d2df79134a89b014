/**
 * A text that follows `value` once it has stayed the same for `ms` (a type-ahead's query: one read per pause
 * in typing, not one per keystroke). An empty text follows at once, so clearing a field clears its list at once.
 */
import { useEffect, useState } from 'react';

export function useDebounced(value: string, ms: number): string {
  const [settled, setSettled] = useState(value);
  useEffect(() => {
    if (value === '') return setSettled('');
    const timer = setTimeout(() => setSettled(value), ms);
    return () => clearTimeout(timer);
  }, [value, ms]);
  return value === '' ? '' : settled;
}
