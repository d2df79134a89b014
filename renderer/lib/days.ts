/** Office days (yyyy-MM-dd) in this machine's time zone, as the server's officeDay() computes them. */
const pad = (n: number) => String(n).padStart(2, '0');

export const dayOf = (d: Date): string => `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}`;

export const today = (): string => dayOf(new Date());

/** The office day of an ISO instant ('' when it is not one). */
export function dayOfInstant(iso: string): string {
  const d = new Date(iso);
  return Number.isNaN(d.getTime()) ? '' : dayOf(d);
}

/** The day n days after (or before) a yyyy-MM-dd day. */
export function shiftDay(day: string, n: number): string {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(day);
  if (!m) return day;
  return dayOf(new Date(Number(m[1]), Number(m[2]) - 1, Number(m[3]) + n));
}

/** Whole days from one yyyy-MM-dd day to another. */
export function daysBetween(from: string, to: string): number {
  const at = (d: string) => {
    const [y, mo, da] = d.split('-').map(Number);
    return Date.UTC(y ?? 0, (mo ?? 1) - 1, da ?? 1);
  };
  return Math.round((at(to) - at(from)) / 86_400_000);
}
