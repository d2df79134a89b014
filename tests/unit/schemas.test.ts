/** The shared input pieces every method builds on (issue 13 point 16): what they refuse, what they keep. */
import { describe, expect, it } from 'vitest';
import type { z } from 'zod';
import { day, freeText, instant, month, personName, phone } from '../../src/api/schemas';

const verdict = (schema: z.ZodType, value: unknown) => {
  const r = schema.safeParse(value);
  return r.success ? 'ok' : r.error.issues[0]!.message;
};

const table = (title: string, schema: z.ZodType, cases: [string, unknown, RegExp | 'ok'][]) =>
  describe(title, () => {
    it.each(cases)('%s', (_what, value, expected) => {
      const got = verdict(schema, value);
      if (expected === 'ok') expect(got).toBe('ok');
      else {
        expect(got).toMatch(expected);
        expect(got).toMatch(/[\u4e00-\u9fff]/);
      }
    });
  });

table('freeText', freeText('跟进内容', 200), [
  ['plain Chinese', '客户想看 3 号楼', 'ok'],
  ['several lines and a tab', '第一行\n第二行\r\n\t第三行', 'ok'],
  ['an emoji (a surrogate pair) and a zero-width joiner inside it', '满意👍🏻 👨‍👩‍👧', 'ok'],
  ['NUL', '周\u0000末', /控制字符/],
  ['ESC (a terminal escape)', '\u001b[31m红色', /控制字符/],
  ['DEL', 'a\u007fb', /控制字符/],
  ['a C1 control', 'a\u009bb', /控制字符/],
  ['U+202E right-to-left override', '发票\u202Efdp.exe', /文字方向/],
  ['U+2066 isolate', 'a\u2066b', /文字方向/],
  ['a lone high surrogate', 'a\ud800b', /Unicode/],
  ['a lone low surrogate', '\udc00', /Unicode/],
  ['empty after trimming', '   ', /请填写跟进内容/],
  ['too long', '字'.repeat(201), /200/],
  ['not a string', 42, /跟进内容/],
]);

table('freeText on one line', freeText('房号', 40, { line: true }), [
  ['a unit', '3-1201', 'ok'],
  ['a line break', '3-\n1201', /换行/],
  ['a tab', '3\t1201', /换行/],
]);

table('personName', personName, [
  ['a Chinese name', '张伟', 'ok'],
  ['a name with a middle dot', '阿卜杜·热合曼', 'ok'],
  ['a Latin name with a space', 'Mary Ann', 'ok'],
  ['trimmed', '  张伟  ', 'ok'],
  ['NUL', '张\u0000伟', /控制字符/],
  ['zero-width space', '张\u200b伟', /看不见/],
  ['zero-width joiner', '张\u200d伟', /看不见/],
  ['word joiner', '张\u2060伟', /看不见/],
  ['byte-order mark inside', '张\ufeff伟', /看不见/],
  ['soft hyphen', '张\u00ad伟', /看不见/],
  ['Hangul filler (draws nothing)', '\u3164', /看不见/],
  ['ideographic space', '张\u3000伟', /看不见/],
  ['no-break space', '张\u00a0伟', /看不见/],
  ['bidi override', '\u202e伟张', /文字方向/],
  ['a line break', '张\n伟', /换行/],
  ['lone surrogate', '张\udfff', /Unicode/],
  ['only digits and punctuation', '123-456', /文字/],
  ['empty', '', /姓名/],
  ['41 characters', '张'.repeat(41), /40/],
]);

table('phone', phone, [
  ['a mobile', '13800000001', 'ok'],
  ['a mobile with +86 and spaces', '+86 138 0000 0001', 'ok'],
  ['full-width digits', '１３８００００００01', 'ok'],
  ['a landline with a 4-digit area code', '0731-88886666', 'ok'],
  ['a Beijing landline', '010-62345678', 'ok'],
  ['a landline, 7-digit local number', '0898-3123456', 'ok'],
  ['eleven zeros', '00000000000', /同一个数字|固定电话/],
  ['twelve zeros', '000000000000', /同一个数字|固定电话/],
  ['one repeated digit', '88888888888', /同一个数字|手机|电话/],
  ['area code starting with 0', '0012345678', /固定电话/],
  ['a two-digit area code other than 10 or 2x', '011-62345678', /固定电话/],
  ['local number starting with 0', '0731-08886666', /固定电话/],
  ['local number starting with 1', '010-12345678', /固定电话/],
  ['mobile with a bad second digit', '12000000000', /手机/],
  ['too short', '1380000', /手机/],
  ['letters', '1380000000a', /数字/],
  ['NUL inside', '138\u00000000001', /数字/],
  ['U+202E inside', '\u202e13800000001', /数字/],
]);

table('day', day, [
  ['a day', '2026-05-08', 'ok'],
  ['the first day of the window', '2000-01-01', 'ok'],
  ['the last day of the window', '2100-12-31', 'ok'],
  ['year 1', '0001-01-01', /2000-01-01/],
  ['year 9999', '9999-12-31', /2100-12-31/],
  ['the day before the window', '1999-12-31', /之间/],
  ['30 February', '2026-02-30', /YYYY-MM-DD/],
  ['not a date', 'yesterday', /YYYY-MM-DD/],
]);

table('month', month, [
  ['a month', '2026-05', 'ok'],
  ['year 1', '0001-01', /之间/],
  ['year 9999', '9999-12', /之间/],
  ['month 13', '2026-13', /YYYY-MM/],
]);

table('instant', instant('时间格式应为 ISO-8601'), [
  ['local time', '2026-05-08T15:00', 'ok'],
  ['with an offset', '2026-05-08T15:00:00.000Z', 'ok'],
  ['year 9999', '9999-12-31T23:59', /之间/],
  ['year 1', '0001-01-01T00:00', /之间/],
  ['not a moment', '2026-05-08 3pm', /ISO-8601/],
]);
