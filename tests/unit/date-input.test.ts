/** Date and time fields read what is typed the way the app's language writes it (issue 17 item 21). */
import { describe, expect, it } from 'vitest';
import { parseDayInput, parseTimeInput } from '../../renderer/lib/date-input';
import { formatDay } from '../../renderer/i18n/dates';

describe('a typed day', () => {
  it('zh reads 年月日 (year first), en reads day–month–year, both read the ISO form and eight digits', () => {
    for (const text of ['2026年3月9日', '2026 年 03 月 09 日', '2026年3月9号', '2026-03-09', '2026/3/9', '20260309'])
      expect(parseDayInput(text, 'zh-CN'), text).toBe('2026-03-09');
    for (const text of ['9 Mar 2026', '9 March 2026', 'Mar 9, 2026', '09/03/2026', '9.3.2026', '2026-03-09', '20260309'])
      expect(parseDayInput(text, 'en'), text).toBe('2026-03-09');
    // a day–month–year is English only: in Chinese the year comes first
    expect(parseDayInput('09/03/2026', 'zh-CN')).toBeNull();
  });

  it('what each language shows is read back as the same day', () => {
    for (const day of ['2026-03-09', '2026-12-31', '2028-02-29'])
      for (const lang of ['zh-CN', 'en'] as const) expect(parseDayInput(formatDay(day, lang), lang), `${lang} ${day}`).toBe(day);
  });

  it('an empty field is no day; a half-typed or impossible one is not yet one', () => {
    expect(parseDayInput('  ', 'zh-CN')).toBe('');
    for (const text of ['2026年3月', '2026-02-30', '2026-13-01', '1999-01-01', '31 Foo 2026', 'abc'])
      expect(parseDayInput(text, 'en'), text).toBeNull();
  });
});

describe('a typed time', () => {
  it('24 h in both languages, 点/分/半 in Chinese, am/pm in English', () => {
    for (const text of ['09:30', '9:30', '0930', '9：30', '9点30', '9点30分', '9点半', '上午9点半'])
      expect(parseTimeInput(text, 'zh-CN'), text).toBe('09:30');
    expect(parseTimeInput('下午2点', 'zh-CN')).toBe('14:00');
    for (const text of ['09:30', '9.30', '9:30 am', '9:30am']) expect(parseTimeInput(text, 'en'), text).toBe('09:30');
    expect(parseTimeInput('12 pm', 'en')).toBe('12:00');
    expect(parseTimeInput('12:15 am', 'en')).toBe('00:15');
    expect(parseTimeInput('2:05 pm', 'en')).toBe('14:05');
    expect(parseTimeInput('2:05 pm', 'zh-CN')).toBeNull();
    for (const text of ['24:00', '9:60', '13 pm', '9']) expect(parseTimeInput(text, 'en'), text).toBeNull();
    expect(parseTimeInput('', 'en')).toBe('');
  });
});
