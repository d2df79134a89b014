/**
 * A small dictionary i18n: zh-CN by default, en second. `t(key, {param})` fills {param} placeholders.
 * The chosen language is remembered per machine (localStorage) and kept in a tiny zustand store so every
 * screen re-renders when it changes.
 */
import { useCallback } from 'react';
import { create } from 'zustand';
import { areas } from './areas';
import { en as baseEn } from './en';
import { zhCN as baseZh } from './zh-CN';
import { dayOfInstant } from '../lib/days';

type KeysOf<T> = T extends { zhCN: infer Z } ? keyof Z : never; // distributes over the areas
type AreaKeys = KeysOf<(typeof areas)[number]>;
export type MessageKey = keyof typeof baseZh | AreaKeys;
const zhCN = Object.assign({}, baseZh, ...areas.map((a: { zhCN: object }) => a.zhCN)) as Record<MessageKey, string>;
const en = Object.assign({}, baseEn, ...areas.map((a: { en: object }) => a.en)) as Record<MessageKey, string>;
export type Lang = 'zh-CN' | 'en';
export type Params = Record<string, string | number>;
export type Translate = (key: MessageKey, params?: Params) => string;

const DICTIONARIES: Record<Lang, Record<MessageKey, string>> = { 'zh-CN': zhCN, en };
const STORAGE_KEY = 'salesdesk.lang';

function initialLang(): Lang {
  try {
    const saved = globalThis.localStorage?.getItem(STORAGE_KEY);
    if (saved === 'en' || saved === 'zh-CN') return saved;
  } catch {
    // storage may be unavailable (privacy mode); the default is fine
  }
  return 'zh-CN';
}

interface LangState {
  lang: Lang;
  setLang(lang: Lang): void;
}

export const useLang = create<LangState>((set) => ({
  lang: initialLang(),
  setLang(lang) {
    try {
      globalThis.localStorage?.setItem(STORAGE_KEY, lang);
    } catch {
      // not remembered, still switched
    }
    if (typeof document !== 'undefined') document.documentElement.lang = lang;
    set({ lang });
  },
}));

export function translate(key: MessageKey, params?: Params, lang: Lang = useLang.getState().lang): string {
  const text = DICTIONARIES[lang][key] ?? zhCN[key] ?? key;
  return params ? text.replace(/\{(\w+)\}/g, (m, name: string) => (name in params ? String(params[name]) : m)) : text;
}

export function useT(): Translate {
  const lang = useLang((s) => s.lang);
  return useCallback((key, params) => translate(key, params, lang), [lang]);
}

/** An office day (yyyy-MM-dd, as the server sends it) in the reader's language. */
export function formatDay(day: string, lang: Lang = useLang.getState().lang): string {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(day);
  if (!m) return day;
  const [, y, mo, d] = m;
  if (lang === 'zh-CN') return `${Number(y)}年${Number(mo)}月${Number(d)}日`;
  return new Intl.DateTimeFormat('en-GB', { day: 'numeric', month: 'short', year: 'numeric', timeZone: 'UTC' }).format(new Date(Date.UTC(Number(y), Number(mo) - 1, Number(d))));
}

/** Clock time of an ISO instant, in this machine's time zone. */
export function formatTime(isoInstant: string): string {
  const d = new Date(isoInstant);
  if (Number.isNaN(d.getTime())) return '';
  return `${String(d.getHours()).padStart(2, '0')}:${String(d.getMinutes()).padStart(2, '0')}`;
}

/** An instant as its office day and clock time: 2026年3月2日 09:30. */
export function formatWhen(isoInstant: string): string {
  return `${formatDay(dayOfInstant(isoInstant))} ${formatTime(isoInstant)}`;
}

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
