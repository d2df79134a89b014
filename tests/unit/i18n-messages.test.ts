/**
 * The renderer's dictionaries as the app loads them (renderer/i18n/messages): every message is ICU that
 * intl-messageformat parses and formats, both languages have the same keys and the same arguments per key,
 * English has no Chinese, and English plurals agree with their count. Then the machinery itself: i18next
 * with i18next-icu fills and pluralises, switching language is remembered, a wrong key does not compile.
 */
import { IntlMessageFormat } from 'intl-messageformat';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { ICU_FORMATS } from '../../renderer/i18n/dates';
import { DICTIONARIES, LANGS, type MessageKey } from '../../renderer/i18n/messages';

const CJK = /[\u3000-\u303f\u3400-\u9fff\uf900-\ufaff\uff00-\uffef]/;
// The language switch names Chinese in Chinese, as every language menu does.
const EN_MAY_SAY_CHINESE = new Set<string>(['header.otherLanguage']);
// i18next reads these names from the options it is given; a param named so would be swallowed.
const I18NEXT_OPTIONS = [
  'lng',
  'lngs',
  'ns',
  'context',
  'defaultValue',
  'replace',
  'ordinal',
  'returnObjects',
  'keyPrefix',
  'postProcess',
  'interpolation',
  'fallbackLng',
];

type Use = 'text' | 'number' | 'date';
type Element = { type: number; value?: string; options?: Record<string, { value: Element[] }>; children?: Element[] };
// intl-messageformat's element types: 1 argument, 2 number, 3 date, 4 time, 5 select, 6 plural, 8 tag
const USE: Record<number, Use> = { 1: 'text', 2: 'number', 3: 'date', 4: 'date', 5: 'text', 6: 'number' };

/** The arguments a message uses, and how (a plural's count is a number, a date a Date). */
function argumentsOf(elements: Element[], into = new Map<string, Use>()): Map<string, Use> {
  for (const el of elements) {
    const use = USE[el.type];
    if (use && el.value !== undefined && into.get(el.value) !== 'number') into.set(el.value, use);
    for (const option of Object.values(el.options ?? {})) argumentsOf(option.value, into);
    if (el.children) argumentsOf(el.children, into);
  }
  return into;
}

const parse = (text: string, lang: string) => new IntlMessageFormat(text, lang, ICU_FORMATS, { ignoreTag: true });
const keys = (lang: (typeof LANGS)[number]) => Object.keys(DICTIONARIES[lang]).sort();

describe('the dictionaries', () => {
  it('parse as ICU in both languages', () => {
    const broken: string[] = [];
    for (const lang of LANGS)
      for (const [key, text] of Object.entries(DICTIONARIES[lang])) {
        try {
          parse(text, lang);
        } catch (e) {
          broken.push(`${lang} ${key}: ${(e as Error).message}`);
        }
      }
    expect(broken).toEqual([]);
  });

  it('have the same keys in zh-CN and en', () => {
    expect(keys('en')).toEqual(keys('zh-CN'));
    expect(keys('zh-CN').length).toBeGreaterThan(500);
  });

  it('use the same arguments per key in both languages, none named like an i18next option', () => {
    const differ: string[] = [];
    for (const key of keys('zh-CN') as MessageKey[]) {
      const zh = [...argumentsOf(parse(DICTIONARIES['zh-CN'][key], 'zh-CN').getAst() as Element[]).keys()].sort();
      const en = [...argumentsOf(parse(DICTIONARIES.en[key], 'en').getAst() as Element[]).keys()].sort();
      if (zh.join() !== en.join()) differ.push(`${key}: zh {${zh.join(', ')}} en {${en.join(', ')}}`);
      for (const name of zh) if (I18NEXT_OPTIONS.includes(name)) differ.push(`${key}: {${name}} is an i18next option`);
    }
    expect(differ).toEqual([]);
  });

  it('format with the params their Chinese text uses, leaving no placeholder unfilled', () => {
    const failed: string[] = [];
    for (const key of keys('zh-CN') as MessageKey[]) {
      const asts = LANGS.map((lang) => argumentsOf(parse(DICTIONARIES[lang][key], lang).getAst() as Element[]));
      const uses = new Map(
        [...asts[0]!, ...asts[1]!].map(([name]) => [
          name,
          asts.some((a) => a.get(name) === 'number') ? 'number' : (asts[0]!.get(name) ?? asts[1]!.get(name)),
        ]),
      );
      const params = Object.fromEntries(
        [...uses].map(([name, use]) => [name, use === 'number' ? 2 : use === 'date' ? new Date(Date.UTC(2026, 2, 2)) : `«${name}»`]),
      );
      for (const lang of LANGS) {
        try {
          const out = String(parse(DICTIONARIES[lang][key], lang).format(params));
          for (const [name, use] of uses)
            if (use === 'text' && !out.includes(`«${name}»`) && !/select/.test(DICTIONARIES[lang][key]))
              failed.push(`${lang} ${key}: {${name}} not shown`);
          if (/\{\s*\w+\s*\}/.test(out)) failed.push(`${lang} ${key}: unfilled in “${out}”`);
        } catch (e) {
          failed.push(`${lang} ${key}: ${(e as Error).message}`);
        }
      }
    }
    expect(failed).toEqual([]);
  });

  it('have no Chinese in English', () => {
    const chinese = Object.entries(DICTIONARIES.en).filter(([key, text]) => CJK.test(text) && !EN_MAY_SAY_CHINESE.has(key));
    expect(chinese).toEqual([]);
  });

  it('give English counts their plural forms', () => {
    const en = (key: MessageKey, params: Record<string, number | string>) => String(parse(DICTIONARIES.en[key], 'en').format(params));
    expect(en('today.subtitle', { day: '2 Mar 2026', n: 1 })).toBe('2 Mar 2026 · 1 customer of yours');
    expect(en('today.subtitle', { day: '2 Mar 2026', n: 2 })).toBe('2 Mar 2026 · 2 customers of yours');
    expect(en('ov.count', { n: 1, o: 0 })).toBe('1 customer, 0 overdue');
    expect(en('db.expiringLead', { count: 2 })).toMatch(/^2 customers leave protection soon/);
    expect(en('db.expiringLead', { count: 1 })).toMatch(/^1 customer leaves protection soon/);
    expect(en('audit.count', { count: 1 })).toBe('1 entry');
    expect(en('audit.count', { count: 1200 })).toBe('1,200 entries');
    expect(en('policy.summary', { count: 1 })).toBe('1 change: ');
    expect(en('reg.expiring.left', { days: 1 })).toBe('1 day left');
    // no English text fakes a plural or leaves a count beside a noun it does not agree with
    const faked = Object.entries(DICTIONARIES.en).filter(([, text]) => /\(s\)|\{(count|n|days|rows|minutes)\} \w+s\b/.test(text));
    expect(faked).toEqual([]);
  });
});

describe('the i18n machinery (i18next + i18next-icu)', () => {
  afterEach(() => {
    vi.unstubAllGlobals();
    vi.resetModules();
  });

  it('fills, pluralises and formats days in the language asked for', async () => {
    const { translate, formatDay, formatWhen } = await import('../../renderer/i18n');
    expect(translate('today.daysLeft', { n: 1 }, 'en')).toBe('1 day left');
    expect(translate('today.daysLeft', { n: 3 }, 'en')).toBe('3 days left');
    expect(translate('today.daysLeft', { n: 3 }, 'zh-CN')).toBe(DICTIONARIES['zh-CN']['today.daysLeft'].replace('{n}', '3'));
    // a simple argument is shown as given: an id is not grouped like a count
    expect(translate('cust.number', { id: 12345 }, 'en')).toContain('12345');
    expect(translate('no.such.key' as MessageKey, undefined, 'en')).toBe('no.such.key');
    expect(formatDay('2026-03-02', 'zh-CN')).toBe('2026年3月2日');
    expect(formatDay('2026-03-02', 'en')).toBe('2 Mar 2026');
    // tests run at Asia/Shanghai (tests/setup.ts): 01:30Z is 09:30 on the office day
    expect(formatWhen('2026-03-02T01:30:00Z', 'zh-CN')).toBe('2026年3月2日 09:30');
    expect(formatWhen('2026-03-01T16:05:00Z', 'en')).toBe('2 Mar 2026 00:05');
  });

  it('switches language for every later translation and remembers it across a restart', async () => {
    const saved = new Map<string, string>();
    vi.stubGlobal('localStorage', {
      getItem: (k: string) => saved.get(k) ?? null,
      setItem: (k: string, v: string) => void saved.set(k, v),
    });
    const first = await import('../../renderer/i18n');
    expect(first.useLang.getState().lang).toBe('zh-CN');
    expect(first.translate('app.retry')).toBe(DICTIONARIES['zh-CN']['app.retry']);
    first.useLang.getState().setLang('en');
    expect(first.translate('app.retry')).toBe('Retry');
    expect(first.formatDay('2026-03-02')).toBe('2 Mar 2026');

    vi.resetModules(); // the app started again on this machine
    const again = await import('../../renderer/i18n');
    expect(again.useLang.getState().lang).toBe('en');
    expect(again.translate('app.retry')).toBe('Retry');
  });

  it('re-renders a screen through react-i18next in the language switched to', async () => {
    const { createElement } = await import('react');
    const { renderToString } = await import('react-dom/server');
    const { useLang, useT } = await import('../../renderer/i18n');
    const Probe = () => useT()('today.daysLeft', { n: 1 });
    expect(renderToString(createElement(Probe))).toBe(DICTIONARIES['zh-CN']['today.daysLeft'].replace('{n}', '1'));
    useLang.getState().setLang('en');
    expect(renderToString(createElement(Probe))).toBe('1 day left');
  });

  it('formats office days as calendar dates in any time zone (west of UTC too)', async () => {
    const tz = process.env.TZ;
    process.env.TZ = 'America/New_York';
    try {
      const { formatDay } = await import('../../renderer/i18n/dates');
      expect(formatDay('2026-03-02', 'en')).toBe('2 Mar 2026');
      expect(formatDay('2026-03-02', 'zh-CN')).toBe('2026年3月2日');
    } finally {
      process.env.TZ = tz;
    }
  });

  it('refuses a wrong key at compile time', async () => {
    const { translate } = await import('../../renderer/i18n');
    // @ts-expect-error 'app.nope' is no MessageKey: tsc fails here if keys stop being checked
    expect(translate('app.nope')).toBe('app.nope');
  });
});
