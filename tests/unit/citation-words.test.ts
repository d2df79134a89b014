/**
 * A split line's citation is sent as its rule and facts (src/domain/commission.ts Citation) and worded twice: by
 * the renderer's dictionary on screen (renderer/components/citation-text.ts, `cite.*`) and by the server's own
 * Chinese words in the statement file (src/services/words-zh.ts). The two Chinese wordings must say the same,
 * the facts must reach the words, and English must say it without Chinese.
 */
import { describe, expect, it } from 'vitest';
import type { Citation, CiteRule, SplitProblem } from '../../src/domain/commission';
import { citationZh, SPLIT_PROBLEM_ZH } from '../../src/services/words-zh';
import { citeText } from '../../renderer/components/citation-text';
import { type MessageKey, translate, type Translate } from '../../renderer/i18n';

const CJK = /[\u3000-\u303f\u3400-\u9fff\uf900-\ufaff\uff00-\uffef]/;
const tr =
  (lang: 'zh-CN' | 'en'): Translate =>
  (key, params) =>
    translate(key, params, lang);

// Every rule a citation can name, with each outcome it words differently; a rule left out does not compile.
const SAMPLES: Record<CiteRule, Citation[]> = {
  'R-OWN-1': [{ rule: 'R-OWN-1' }],
  'R-OWN-8g': [{ rule: 'R-OWN-8g' }],
  'R-OWN-8h': [{ rule: 'R-OWN-8h' }],
  'R-OWN-8i': [
    { rule: 'R-OWN-8i', params: { days: 1 } },
    { rule: 'R-OWN-8i', params: { days: 12 } },
  ],
  'R-OWN-8j': [{ rule: 'R-OWN-8j', params: { days: 36 } }],
  'R-OWN-9a': [{ rule: 'R-OWN-9a' }],
  'R-OWN-9b': [{ rule: 'R-OWN-9b' }],
  'R-OWN-10': [{ rule: 'R-OWN-10' }],
  'R-OWN-13': [
    { rule: 'R-OWN-13', params: { solicited: 'yes' } },
    { rule: 'R-OWN-13', params: { solicited: 'no', firstBps: 7000, namedBps: 3000 } },
    { rule: 'R-OWN-13', params: { solicited: 'no', firstBps: 6667, namedBps: 3333 } },
  ],
  'R-OWN-14': [{ rule: 'R-OWN-14' }],
  'R-CO-2': [{ rule: 'R-CO-2' }],
  'R-CO-3': [{ rule: 'R-CO-3', params: { consultantBps: 7000, poolBps: 3000 } }],
  'R-CO-4': [{ rule: 'R-CO-4', params: { consultantBps: 3000, poolBps: 7000 } }],
  'R-CO-5': [{ rule: 'R-CO-5' }],
  'R-REF-5': [{ rule: 'R-REF-5', params: { referrerBps: 2550, consultantBps: 7450 } }],
  'R-DIS-2': [{ rule: 'R-DIS-2', params: { disputeId: 12345 } }],
};
const ALL = Object.values(SAMPLES).flat();

/** The facts a citation's words must show: day counts, shares as percentages, ids. */
function shown(c: Citation): string[] {
  if (!('params' in c)) return [];
  return Object.entries(c.params)
    .filter(([k]) => k !== 'solicited')
    .map(([k, v]) => (k.endsWith('Bps') ? `${(v as number) / 100}%` : String(v)));
}

describe('citation words (R-COM-2)', () => {
  it('the screen’s Chinese and the statement file’s say the same, rule id first', () => {
    for (const c of ALL) {
      expect(citeText(tr('zh-CN'), c), JSON.stringify(c)).toBe(citationZh(c));
      expect(citationZh(c).startsWith(`${c.rule}：`)).toBe(true);
    }
  });

  it('show the facts they were sent, in both languages; English has no Chinese', () => {
    for (const c of ALL) {
      const zh = citeText(tr('zh-CN'), c);
      const en = citeText(tr('en'), c);
      for (const fact of shown(c)) {
        expect(zh, JSON.stringify(c)).toContain(fact);
        expect(en, JSON.stringify(c)).toContain(fact);
      }
      expect(en.startsWith(`${c.rule}: `)).toBe(true);
      expect(en, JSON.stringify(c)).not.toMatch(CJK);
    }
  });

  it('R-OWN-13 words its two outcomes differently', () => {
    const [solicited, switched] = SAMPLES['R-OWN-13'];
    for (const lang of ['zh-CN', 'en'] as const) expect(citeText(tr(lang), solicited!)).not.toBe(citeText(tr(lang), switched!));
  });

  it('a split’s problem: the screen’s Chinese is the file’s', () => {
    for (const [problem, words] of Object.entries(SPLIT_PROBLEM_ZH) as [SplitProblem, string][]) {
      expect(translate(`split.problem.${problem}` as MessageKey, undefined, 'zh-CN')).toBe(words);
      expect(translate(`split.problem.${problem}` as MessageKey, undefined, 'en')).not.toMatch(CJK);
    }
  });
});
