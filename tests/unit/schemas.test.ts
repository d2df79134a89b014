/** The shared input pieces every method builds on (issue 13 point 16): what they refuse, what they keep. */
import { describe, expect, it } from 'vitest';
import type { z } from 'zod';
import { isIssueProblem, issueFact } from '../../src/api/issues';
import { day, freeText, instant, month, personName, phone } from '../../src/api/schemas';

/** 'ok', or the first issue's problem (a key of src/api/issues, never a sentence). */
const verdict = (schema: z.ZodType, value: unknown) => {
  const r = schema.safeParse(value);
  return r.success ? 'ok' : issueFact(r.error.issues[0]!).problem;
};

const table = (title: string, schema: z.ZodType, cases: [string, unknown, string | RegExp][]) =>
  describe(title, () => {
    it.each(cases)('%s', (_what, value, expected) => {
      const got = verdict(schema, value);
      if (expected === 'ok') expect(got).toBe('ok');
      else {
        expect(got).toMatch(expected);
        expect(isIssueProblem(got)).toBe(true);
      }
    });
  });

table('freeText', freeText(200), [
  ['plain Chinese', '客户想看 3 号楼', 'ok'],
  ['several lines and a tab', '第一行\n第二行\r\n\t第三行', 'ok'],
  ['an emoji (a surrogate pair) and a zero-width joiner inside it', '满意👍🏻 👨‍👩‍👧', 'ok'],
  ['NUL', '周\u0000末', 'text_control'],
  ['ESC (a terminal escape)', '\u001b[31m红色', 'text_control'],
  ['DEL', 'a\u007fb', 'text_control'],
  ['a C1 control', 'a\u009bb', 'text_control'],
  ['U+202E right-to-left override', '发票\u202Efdp.exe', 'text_bidi'],
  ['U+2066 isolate', 'a\u2066b', 'text_bidi'],
  ['a lone high surrogate', 'a\ud800b', 'text_broken_unicode'],
  ['a lone low surrogate', '\udc00', 'text_broken_unicode'],
  ['empty after trimming', '   ', 'required'],
  ['too long', '字'.repeat(201), 'too_long'],
  ['not a string', 42, 'wrong_type'],
]);

table('freeText on one line', freeText(40, { line: true }), [
  ['a unit', '3-1201', 'ok'],
  ['a line break', '3-\n1201', 'text_line_break'],
  ['a tab', '3\t1201', 'text_line_break'],
]);

table('personName', personName, [
  ['a Chinese name', '张伟', 'ok'],
  ['a name with a middle dot', '阿卜杜·热合曼', 'ok'],
  ['a Latin name with a space', 'Mary Ann', 'ok'],
  ['trimmed', '  张伟  ', 'ok'],
  ['NUL', '张\u0000伟', 'text_control'],
  ['zero-width space', '张\u200b伟', 'text_invisible'],
  ['zero-width joiner', '张\u200d伟', 'text_invisible'],
  ['word joiner', '张\u2060伟', 'text_invisible'],
  ['byte-order mark inside', '张\ufeff伟', 'text_invisible'],
  ['soft hyphen', '张\u00ad伟', 'text_invisible'],
  ['Hangul filler (draws nothing)', '\u3164', 'text_invisible'],
  ['ideographic space', '张\u3000伟', 'text_invisible'],
  ['no-break space', '张\u00a0伟', 'text_invisible'],
  ['bidi override', '\u202e伟张', 'text_bidi'],
  ['a line break', '张\n伟', 'text_line_break'],
  ['lone surrogate', '张\udfff', 'text_broken_unicode'],
  ['only digits and punctuation', '123-456', 'text_no_letter'],
  ['empty', '', 'required'],
  ['41 characters', '张'.repeat(41), 'too_long'],
]);

table('phone', phone, [
  ['a mobile', '13800000001', 'ok'],
  ['a mobile with +86 and spaces', '+86 138 0000 0001', 'ok'],
  ['full-width digits', '１３８００００００01', 'ok'],
  ['a landline with a 4-digit area code', '0731-88886666', 'ok'],
  ['a Beijing landline', '010-62345678', 'ok'],
  ['a landline, 7-digit local number', '0898-3123456', 'ok'],
  ['eleven zeros', '00000000000', 'phone_landline_shape'],
  ['twelve zeros', '000000000000', 'phone_landline_shape'],
  ['one repeated digit', '88888888888', /^phone_/],
  ['area code starting with 0', '0012345678', 'phone_landline_shape'],
  ['a two-digit area code other than 10 or 2x', '011-62345678', 'phone_landline_shape'],
  ['local number starting with 0', '0731-08886666', 'phone_landline_shape'],
  ['local number starting with 1', '010-12345678', 'phone_landline_shape'],
  ['mobile with a bad second digit', '12000000000', 'phone_mobile_shape'],
  ['too short', '1380000', 'phone_mobile_shape'],
  ['letters', '1380000000a', 'phone_digits_only'],
  ['NUL inside', '138\u00000000001', 'phone_digits_only'],
  ['U+202E inside', '\u202e13800000001', 'phone_digits_only'],
]);

table('day', day, [
  ['a day', '2026-05-08', 'ok'],
  ['the first day of the window', '2000-01-01', 'ok'],
  ['the last day of the window', '2100-12-31', 'ok'],
  ['year 1', '0001-01-01', 'day_out_of_range'],
  ['year 9999', '9999-12-31', 'day_out_of_range'],
  ['the day before the window', '1999-12-31', 'day_out_of_range'],
  ['30 February', '2026-02-30', 'day_shape'],
  ['not a date', 'yesterday', 'day_shape'],
]);

table('month', month, [
  ['a month', '2026-05', 'ok'],
  ['year 1', '0001-01', 'month_out_of_range'],
  ['year 9999', '9999-12', 'month_out_of_range'],
  ['month 13', '2026-13', 'month_shape'],
]);

table('instant', instant(), [
  ['local time', '2026-05-08T15:00', 'ok'],
  ['with an offset', '2026-05-08T15:00:00.000Z', 'ok'],
  ['year 9999', '9999-12-31T23:59', 'day_out_of_range'],
  ['year 1', '0001-01-01T00:00', 'day_out_of_range'],
  ['not a moment', '2026-05-08 3pm', 'instant_shape'],
]);

describe('an issue as the API sends it (src/api/issues issueFact)', () => {
  const fact = (schema: z.ZodType, value: unknown) => {
    const r = schema.safeParse(value);
    if (r.success) throw new Error('accepted');
    return issueFact(r.error.issues[0]!);
  };
  it('carries the numbers its words need, and where the field is', () => {
    expect(fact(freeText(200), '字'.repeat(201))).toEqual({ path: [], problem: 'too_long', params: { max: 200 } });
    expect(fact(day, '9999-12-31')).toEqual({
      path: [],
      problem: 'day_out_of_range',
      params: { fromDay: '2000-01-01', toDay: '2100-12-31' },
    });
    expect(fact(month, '9999-12')).toEqual({
      path: [],
      problem: 'month_out_of_range',
      params: { fromMonth: '2000-01', toMonth: '2100-12' },
    });
  });
  it('tells a missing field from one of the wrong type, without zod’s words', async () => {
    const { z } = await import('zod');
    const customer = z.object({ name: personName, phone }).strict();
    expect(fact(customer, { phone: '13800000001' })).toEqual({ path: ['name'], problem: 'required' });
    expect(fact(customer, { name: 42, phone: '13800000001' })).toEqual({
      path: ['name'],
      problem: 'wrong_type',
      params: { expected: 'string' },
    });
    expect(fact(customer, { name: '周杰', phone: '13800000001', extra: 1 })).toEqual({
      path: [],
      problem: 'unknown_field',
      params: { keys: 'extra' },
    });
    expect(fact(z.array(z.string()).min(1), [])).toEqual({ path: [], problem: 'too_few', params: { min: 1 } });
  });
});
