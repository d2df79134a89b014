/**
 * Days, months, clock times and big numbers through Intl, in the reader's language: 2026年3月2日 / 2 Mar 2026.
 * The same styles are ICU formats, so a message may also say `{day, date, day}` with a Date.
 */
import { dayOfInstant } from '../lib/days';
import { currentLang } from './lang';
import type { Lang } from './messages';

const LOCALE: Record<Lang, string> = { 'zh-CN': 'zh-CN', en: 'en-GB' };

export const ICU_FORMATS = {
  date: {
    day: { year: 'numeric', month: 'short', day: 'numeric', timeZone: 'UTC' },
    month: { year: 'numeric', month: 'long', timeZone: 'UTC' },
  },
  time: { clock: { hour: '2-digit', minute: '2-digit', hourCycle: 'h23' } },
} satisfies { date: Record<string, Intl.DateTimeFormatOptions>; time: Record<string, Intl.DateTimeFormatOptions> };

const formatters = new Map<string, Intl.DateTimeFormat>();
function dateFormat(lang: Lang, options: Intl.DateTimeFormatOptions): Intl.DateTimeFormat {
  const id = `${lang} ${JSON.stringify(options)}`;
  let f = formatters.get(id);
  if (!f) formatters.set(id, (f = new Intl.DateTimeFormat(LOCALE[lang], options)));
  return f;
}

// Office days and months are calendar dates, not instants: read them at UTC midnight and format at UTC.
const utcDate = (y: number, m: number, d = 1) => new Date(Date.UTC(y, m - 1, d));

/** An office day (yyyy-MM-dd, as the server sends it) in the reader's language; anything else as sent. */
export function formatDay(day: string, lang: Lang = currentLang()): string {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(day);
  if (!m) return day;
  return dateFormat(lang, ICU_FORMATS.date.day).format(utcDate(Number(m[1]), Number(m[2]), Number(m[3])));
}

/** Clock time (24 h) of an ISO instant, in this machine's time zone. */
export function formatTime(isoInstant: string, lang: Lang = currentLang()): string {
  const d = new Date(isoInstant);
  if (Number.isNaN(d.getTime())) return '';
  return dateFormat(lang, ICU_FORMATS.time.clock).format(d);
}

/** An instant as its office day and clock time: 2026年3月2日 09:30 / 2 Mar 2026 09:30. */
export function formatWhen(isoInstant: string, lang: Lang = currentLang()): string {
  return `${formatDay(dayOfInstant(isoInstant), lang)} ${formatTime(isoInstant, lang)}`;
}

/** A month (yyyy-MM): 2026年3月 / March 2026. */
export function formatMonth(month: string, lang: Lang = currentLang()): string {
  const [y, m] = month.split('-').map(Number) as [number, number];
  return dateFormat(lang, ICU_FORMATS.date.month).format(utcDate(y, m));
}

/** A month of any year (1–12): 3月 / March, or 3月 / Mar when short. */
export function formatMonthName(m: number, lang: Lang = currentLang(), short = false): string {
  // Chinese 'long' is 三月; the office writes 3月, which is Intl's 'short'
  return dateFormat(lang, { month: short || lang === 'zh-CN' ? 'short' : 'long', timeZone: 'UTC' }).format(utcDate(2000, m));
}

/** A year: 2026年 / 2026. */
export function formatYear(y: number, lang: Lang = currentLang()): string {
  return dateFormat(lang, { year: 'numeric', timeZone: 'UTC' }).format(utcDate(y, 1));
}

/** A day of a month: 2日 / 2 (the month is said beside it). */
export function formatDayOfMonth(d: number, lang: Lang = currentLang()): string {
  return dateFormat(lang, { day: 'numeric', timeZone: 'UTC' }).format(utcDate(2000, 1, d));
}

/** A big number shortened the reader's way: 15万 / 150K. */
export function formatCompact(n: number, lang: Lang = currentLang()): string {
  return new Intl.NumberFormat(LOCALE[lang], { notation: 'compact' }).format(n);
}
