/** The reader's language: remembered per machine (localStorage), kept in a store every screen can read. */
import { create } from 'zustand';
import type { Lang } from './messages';

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

const listeners: ((lang: Lang) => void)[] = [];

/** i18next follows the store (one source of truth for the language), registered by index.ts. */
export function onLangChange(listener: (lang: Lang) => void): void {
  listeners.push(listener);
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
    for (const l of listeners) l(lang);
    set({ lang });
  },
}));

export const currentLang = (): Lang => useLang.getState().lang;
