/**
 * The desk's "visited another site" line (desk.lookup `elsewhere`, issue 16 item 4) in both languages: the site's
 * name and the day of the last visit there reach the words, and English has no Chinese but the site's own name.
 */
import { describe, expect, it } from 'vitest';
import { elsewhereText } from '../../renderer/components/VerdictExtras';
import { translate, type Translate } from '../../renderer/i18n';

const tr =
  (lang: 'zh-CN' | 'en'): Translate =>
  (key, params) =>
    translate(key, params, lang);
const fact = { site: { code: 'main', name: 'A项目' }, lastVisitDay: '2026-03-02' };

describe('elsewhere: the desk is told another site saw this phone', () => {
  it('in Chinese: 曾到访 A项目 (the day)', () => {
    expect(elsewhereText(tr('zh-CN'), fact, 'zh-CN')).toBe('曾到访 A项目（2026年3月2日）');
  });
  it('a site the office has not named yet is told by its code', () => {
    expect(elsewhereText(tr('zh-CN'), { site: { code: 'main', name: null }, lastVisitDay: '2026-03-02' }, 'zh-CN')).toBe(
      '曾到访 main（2026年3月2日）',
    );
  });
  it('in English, with the site’s own name as the office gave it', () => {
    const en = elsewhereText(tr('en'), { site: { code: 'east', name: 'East Lake' }, lastVisitDay: '2026-03-02' }, 'en');
    expect(en).toMatch(/^Visited East Lake \(.*2026.*\)$/);
    expect(en).toContain('Mar');
    expect(en).not.toMatch(/[\u3400-\u9fff]/);
  });
});
