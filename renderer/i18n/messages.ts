/**
 * Every message of the app in both languages, merged from the base dictionary and the area files. Plain data
 * (no React, no i18next), so the dictionary tests read exactly what the app loads.
 */
import { areas } from './areas';
import { en as baseEn } from './en';
import { zhCN as baseZh } from './zh-CN';

type KeysOf<T> = T extends { zhCN: infer Z } ? keyof Z : never; // distributes over the areas
type AreaKeys = KeysOf<(typeof areas)[number]>;
export type MessageKey = keyof typeof baseZh | AreaKeys;
export type Lang = 'zh-CN' | 'en';
export const LANGS: readonly Lang[] = ['zh-CN', 'en'];

export const zhCN = Object.assign({}, baseZh, ...areas.map((a: { zhCN: object }) => a.zhCN)) as Record<MessageKey, string>;
export const en = Object.assign({}, baseEn, ...areas.map((a: { en: object }) => a.en)) as Record<MessageKey, string>;
export const DICTIONARIES: Record<Lang, Record<MessageKey, string>> = { 'zh-CN': zhCN, en };
