/** The staff pickers' filter: name, full pinyin, initials, id (renderer/lib/pinyin-match.ts). */
import { describe, expect, it } from 'vitest';
import { filterByName, nameMatches } from '../../renderer/lib/pinyin-match';

describe('nameMatches', () => {
  it.each([
    ['', '张伟', 'zhang', true],
    ['张', '张伟', 'zhang', true],
    ['zhangwei', '张伟', 'x1', true],
    ['zhang', '张伟', 'x1', true],
    ['zw', '张伟', 'x1', true],
    ['ZW', '张伟', 'x1', true],
    ['wei', '张伟', 'x1', true],
    ['ln', '李娜', 'x2', true],
    ['zw', '李娜', 'x2', false],
    ['zengf', '曾芳', 'x3', true],
    ['cengf', '曾芳', 'x3', false],
    ['mgr', '陈静', 'mgr', true],
    ['wf', '赵磊', 'zhao', false],
  ] as const)('%s → %s (%s): %s', (typed, name, id, expected) => {
    expect(nameMatches(typed, name, id)).toBe(expected);
  });
});

describe('filterByName: the best match first', () => {
  const staff = [
    { id: 'pm', name: '刘强' },
    { id: 'qian', name: '钱敏' },
    { id: 'zhang', name: '张伟' },
  ];
  it('an id typed in full wins over a later syllable of another name (qian: 钱敏 before 刘强)', () => {
    expect(filterByName('qian', staff).map((s) => s.id)).toEqual(['qian', 'pm']);
  });
  it('initials find one person', () => {
    expect(filterByName('zw', staff).map((s) => s.id)).toEqual(['zhang']);
  });
  it('nothing typed keeps the order', () => {
    expect(filterByName('', staff).map((s) => s.id)).toEqual(['pm', 'qian', 'zhang']);
  });
});
