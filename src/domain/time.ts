import { addMonths, format } from 'date-fns';

/** The office's calendar day of an instant (local time of the machine the office runs on). */
export const officeDay = (d: Date): string => format(d, 'yyyy-MM-dd');

/** R-OWN-2: one calendar month, so 31 Jan + 1 month = 28/29 Feb (date-fns addMonths). */
export const plusMonths = (d: Date, months: number): Date => addMonths(d, months);

export const iso = (d: Date): string => d.toISOString();
export const fromIso = (s: string): Date => new Date(s);

/** The office's calendar month "2026-03": its first instant and the first instant of the next. */
export const monthRange = (month: string): { start: Date; end: Date } => {
  const start = new Date(`${month}-01T00:00:00`);
  return { start, end: addMonths(start, 1) };
};
