/**
 * The renderer's i18n: i18next with ICU MessageFormat (i18next-icu, intl-messageformat), zh-CN by default and
 * en second. Messages are ICU: `{name}` placeholders, `{count, plural, one {# customer} other {# customers}}`.
 * Keys are checked at compile time (MessageKey over the area files); the language lives in the useLang store
 * and i18next follows it, so switching re-renders every screen through react-i18next and is remembered.
 */
import i18next from 'i18next';
import ICU from 'i18next-icu';
import { useCallback } from 'react';
import { initReactI18next, useTranslation } from 'react-i18next';
import { ICU_FORMATS } from './dates';
import { currentLang, onLangChange } from './lang';
import { DICTIONARIES, type Lang, LANGS, type MessageKey } from './messages';

export { useLang } from './lang';
export type { Lang, MessageKey } from './messages';
export { formatCompact, formatDay, formatDayOfMonth, formatMonth, formatMonthName, formatTime, formatWhen, formatYear } from './dates';

export type Params = Record<string, string | number>;
export type Translate = (key: MessageKey, params?: Params) => string;

const i18n = i18next.createInstance();
void i18n
  .use(new ICU({ formats: ICU_FORMATS, parseErrorHandler: onBrokenMessage }))
  .use(initReactI18next)
  .init({
    resources: Object.fromEntries(LANGS.map((l) => [l, { translation: DICTIONARIES[l] }])),
    lng: currentLang(),
    fallbackLng: 'zh-CN',
    supportedLngs: [...LANGS],
    // Keys are flat ('cust.title'): no nesting, no namespaces inside keys, nothing loaded later.
    keySeparator: false,
    nsSeparator: false,
    initAsync: false,
    interpolation: { escapeValue: false }, // React escapes; ICU does the filling
    react: { useSuspense: false },
  });
onLangChange((lang) => void i18n.changeLanguage(lang));

// A message that does not parse, or lacks a param, shows as written rather than blanking the screen;
// tests/unit/i18n-messages.test.ts keeps every message parseable with its params.
function onBrokenMessage(err: Error, key: string, res: string): string {
  console.warn(`i18n: ${key}: ${err.message}`);
  return res;
}

/** A message in the given language (the reader's by default); an unknown key is returned as is. */
export function translate(key: MessageKey, params?: Params, lang: Lang = currentLang()): string {
  return i18n.t(key, { ...params, lng: lang }) as string;
}

/** The translate function of the reader's language; the component re-renders when the language changes. */
export function useT(): Translate {
  const { t } = useTranslation(); // react-i18next: a new t, and a re-render, on each languageChanged
  return useCallback((key, params) => t(key, params) as string, [t]);
}

/** The separator of a spoken list: 、 / , */
export const joinList = (t: Translate, items: readonly string[]): string => items.join(t('common.listSep'));

const RECEPTION_KINDS = ['roster', 'designated', 'voluntary', 'owner', 'introduced'] as const;

/** 轮排 / 指定接待 / 义务接待 / 原售楼员接待 / 老带新; an unknown kind is shown as sent. */
export function receptionLabel(t: Translate, kind: string): string {
  return (RECEPTION_KINDS as readonly string[]).includes(kind) ? t(`reception.${kind as (typeof RECEPTION_KINDS)[number]}`) : kind;
}

const VISIT_SOURCES = ['walk_in', 'referral', 'company', 'old_customer'] as const;

/** 自然来访 / 推介 / 公司客户 / 老带新: where a visit came from; an unknown source is shown as sent. */
export function sourceLabel(t: Translate, source: string): string {
  return (VISIT_SOURCES as readonly string[]).includes(source) ? t(`db.source.${source as (typeof VISIT_SOURCES)[number]}`) : source;
}
