import { pinyin } from 'pinyin-pro';

/** 张杰 → "zhangjie": the pinyin of a name without tones, reading surnames as surnames (曾 zeng, 单 shan). */
const syllables = (name: string): string[] =>
  pinyin(name.trim(), { toneType: 'none', mode: 'surname', type: 'array', nonZh: 'consecutive' }).map((p) =>
    p.toLowerCase().replace(/\s+/g, ''),
  );

export const nameKey = (name: string): string => syllables(name).join('');

/** 张杰 → "zj": what people type to find a customer fast. */
export const nameInitials = (name: string): string =>
  syllables(name)
    .map((s) => s[0] ?? '')
    .join('');

/** How many digit positions differ between two phone keys of the same length (null when lengths differ). */
export function digitDistance(a: string, b: string): number | null {
  if (a.length !== b.length) return null;
  let d = 0;
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) d++;
  return d;
}
