/**
 * Finding a person by what the front desk types: the name itself, its pinyin in full (zhangwei) or its
 * initials (zw), or the staff id. Pinyin is read with surnames as surnames (曾 zeng, 单 shan), as the server's
 * name matching does (src/domain/names.ts).
 */
import { pinyin } from 'pinyin-pro';

const cache = new Map<string, { syllables: string[]; full: string; initials: string }>();

function spelled(name: string): { syllables: string[]; full: string; initials: string } {
  let s = cache.get(name);
  if (!s) {
    const syllables = pinyin(name.trim(), { toneType: 'none', mode: 'surname', type: 'array', nonZh: 'consecutive' }).map((p) =>
      p.toLowerCase().replace(/\s+/g, ''),
    );
    s = { syllables, full: syllables.join(''), initials: syllables.map((x) => x[0] ?? '').join('') };
    cache.set(name, s);
  }
  return s;
}

/**
 * How well `typed` finds this person, best first: 0 the id or the name exactly, 1 the name or the id begins
 * with it, 2 the full pinyin does (zhangw), 3 the initials do (zw), 4 the pinyin from a later syllable (wei);
 * null: not at all. An empty filter finds everyone equally.
 */
export function matchRank(typed: string, name: string, id = ''): number | null {
  const f = typed.trim().toLowerCase().replace(/\s+/g, '');
  if (!f) return 0;
  const lowerId = id.toLowerCase();
  if (lowerId === f || name === typed.trim()) return 0;
  if (name.toLowerCase().startsWith(f) || lowerId.startsWith(f)) return 1;
  const s = spelled(name);
  if (s.full.startsWith(f)) return 2;
  if (s.initials.startsWith(f)) return 3;
  for (let i = 1; i < s.syllables.length; i++) if (s.syllables.slice(i).join('').startsWith(f)) return 4;
  if (name.includes(typed.trim())) return 4;
  return null;
}

/** Whether a person with this name (and id) is what `typed` asks for. An empty filter matches everyone. */
export const nameMatches = (typed: string, name: string, id = ''): boolean => matchRank(typed, name, id) !== null;

/** The people `typed` finds, best match first, keeping the given order among equals. */
export function filterByName<T extends { name: string; id: string }>(typed: string, people: readonly T[]): T[] {
  return people
    .map((p, i) => ({ p, i, r: matchRank(typed, p.name, p.id) }))
    .filter((x): x is { p: T; i: number; r: number } => x.r !== null)
    .sort((a, b) => a.r - b.r || a.i - b.i)
    .map((x) => x.p);
}
