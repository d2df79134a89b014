import { addMonths } from 'date-fns';

const two = (n: number) => (n < 10 ? `0${n}` : String(n));

/**
 * The office's calendar day of an instant (local time of the machine the office runs on), as date-fns's
 * format(d, 'yyyy-MM-dd') gives it: a desk lookup asks it a few dozen times, and format parses its pattern each time.
 */
export const officeDay = (d: Date): string => {
  const y = d.getFullYear();
  if (Number.isNaN(y)) throw new RangeError('Invalid time value');
  return `${String(y).padStart(4, '0')}-${two(d.getMonth() + 1)}-${two(d.getDate())}`;
};

/** R-OWN-2: one calendar month, so 31 Jan + 1 month = 28/29 Feb (date-fns addMonths). */
export const plusMonths = (d: Date, months: number): Date => addMonths(d, months);

export const iso = (d: Date): string => d.toISOString();
export const fromIso = (s: string): Date => new Date(s);

/** The office's calendar month "2026-03": its first instant and the first instant of the next. */
export const monthRange = (month: string): { start: Date; end: Date } => {
  const start = new Date(`${month}-01T00:00:00`);
  return { start, end: addMonths(start, 1) };
};
