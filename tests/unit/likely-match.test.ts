/** R-OWN-8 (src/domain/likely-match.ts): which other records may be the customer typed at the desk, and why. */
import { describe, expect, it } from 'vitest';
import { likelyMatch, phoneUnderOtherName } from '../../src/domain/likely-match';

const typed = { name: '王伟 ', phoneKey: '13800001111' };

describe('likelyMatch: candidate found by name or pinyin → why it may be the same person', () => {
  it.each([
    ['same name, phone far off', { name: '王伟', phoneKey: '13999998888' }, { kind: 'same_name', digitsOff: null }],
    ['same name, phone one digit off', { name: '王伟', phoneKey: '13800001112' }, { kind: 'same_name', digitsOff: 1 }],
    ['same name, phone two digits off', { name: '王伟', phoneKey: '13800001122' }, { kind: 'same_name', digitsOff: 2 }],
    ['same name, phone three digits off', { name: '王伟', phoneKey: '13800001222' }, { kind: 'same_name', digitsOff: null }],
    ['same name, a phone of another length', { name: '王伟', phoneKey: '0211234567' }, { kind: 'same_name', digitsOff: null }],
    ['same pinyin, phone two digits off', { name: '王威', phoneKey: '13800001122' }, { kind: 'same_pinyin', digitsOff: 2 }],
    ['same pinyin, phone three digits off: not likely', { name: '王威', phoneKey: '13800001222' }, null],
  ] as const)('%s', (_what, candidate, expected) => {
    expect(likelyMatch(typed, candidate)).toEqual(expected);
  });
});

describe('phoneUnderOtherName: the typed number under a record of another name', () => {
  it.each([
    ['another name', '周杰', '王芳', { kind: 'phone_under_other_name' }],
    ['the same name, typed with spaces', '周杰', ' 周杰 ', null],
    ['another spelling of the same pinyin', '王伟', '王威', null],
  ] as const)('%s', (_what, recordName, typedName, expected) => {
    expect(phoneUnderOtherName(recordName, typedName)).toEqual(expected);
  });
});
