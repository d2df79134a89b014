/**
 * What a person types into a date or time field, read the way the app's language writes it (issue 17 item 21):
 * zh 2026年3月9日 (year, month, day), en 9 Mar 2026 (day, month, year: the app's English is en-GB). Either
 * language also takes 2026-03-09 and 20260309. Chromium draws <input type="date"> in the browser's own locale
 * whatever the page's language, so the fields (components/DateField) are text fields that show and read these.
 * Pure: the words come from i18n/dates (formatDay); nothing here reads the clock.
 */
import type { Lang } from '../i18n/messages';

const pad = (n: number) => String(n).padStart(2, '0');

const MONTHS = ['jan', 'feb', 'mar', 'apr', 'may', 'jun', 'jul', 'aug', 'sep', 'oct', 'nov', 'dec'];

/** yyyy-MM-dd when y, m, d make a real calendar day (2000–2100, as the server's schemas accept), else null. */
function isoDay(y: number, m: number, d: number): string | null {
  if (y < 2000 || y > 2100 || m < 1 || m > 12 || d < 1) return null;
  const t = new Date(Date.UTC(y, m - 1, d));
  return t.getUTCMonth() === m - 1 && t.getUTCDate() === d ? `${y}-${pad(m)}-${pad(d)}` : null;
}

const monthOf = (word: string): number => {
  const i = MONTHS.indexOf(word.slice(0, 3).toLowerCase());
  return i < 0 ? 0 : i + 1;
};

/** The day typed, as yyyy-MM-dd; '' for an empty field; null when it is not (yet) a day. */
export function parseDayInput(text: string, lang: Lang): string | null {
  const s = text.trim().replace(/\s+/g, ' ');
  if (s === '') return '';
  let m = /^(\d{4})[-/.](\d{1,2})[-/.](\d{1,2})$/.exec(s) ?? /^(\d{4})(\d{2})(\d{2})$/.exec(s);
  if (m) return isoDay(Number(m[1]), Number(m[2]), Number(m[3]));
  m = /^(\d{4}) ?年 ?(\d{1,2}) ?月 ?(\d{1,2}) ?[日号]?$/.exec(s);
  if (m) return isoDay(Number(m[1]), Number(m[2]), Number(m[3]));
  if (lang === 'en') {
    m = /^(\d{1,2})[-/.](\d{1,2})[-/.](\d{4})$/.exec(s);
    if (m) return isoDay(Number(m[3]), Number(m[2]), Number(m[1]));
    m = /^(\d{1,2}) ?([A-Za-z]{3,})\.?,? (\d{4})$/.exec(s);
    if (m) return isoDay(Number(m[3]), monthOf(m[2]!), Number(m[1]));
    m = /^([A-Za-z]{3,})\.? (\d{1,2}),? (\d{4})$/.exec(s);
    if (m) return isoDay(Number(m[3]), monthOf(m[1]!), Number(m[2]));
  }
  return null;
}

/** The clock time typed (24 h), as HH:mm; '' for an empty field; null when it is not (yet) a time. */
export function parseTimeInput(text: string, lang: Lang): string | null {
  const s = text.trim().replace(/\s+/g, ' ').toLowerCase();
  if (s === '') return '';
  const at = (h: number, min: number) => (h >= 0 && h <= 23 && min >= 0 && min <= 59 ? `${pad(h)}:${pad(min)}` : null);
  let m = /^(\d{1,2})[:：.](\d{2})$/.exec(s) ?? /^(\d{1,2})(\d{2})$/.exec(s);
  if (m) return at(Number(m[1]), Number(m[2]));
  m = /^(上午|下午|晚上)? ?(\d{1,2}) ?[点时:：] ?(?:(\d{1,2}) ?分?|半)?$/.exec(s);
  if (m) {
    const h = Number(m[2]);
    const min = s.endsWith('半') ? 30 : Number(m[3] ?? 0);
    return at(m[1] && m[1] !== '上午' && h < 12 ? h + 12 : h, min);
  }
  if (lang === 'en') {
    m = /^(\d{1,2})(?:[:.](\d{2}))? ?(am|pm)$/.exec(s);
    if (m) {
      const h = Number(m[1]);
      if (h < 1 || h > 12) return null;
      return at((h % 12) + (m[3] === 'pm' ? 12 : 0), Number(m[2] ?? 0));
    }
  }
  return null;
}
