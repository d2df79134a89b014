/** Input pieces shared by several methods. Messages are what the person at the desk reads. */
import { z } from 'zod';
import { phoneProblem } from '../domain/phone';
import { ROLES } from '../domain/roles';

// Messages zod writes itself (unknown keys, wrong types) in the desk's language too.
z.config(z.locales.zhCN());

/**
 * What no text typed at a desk contains, whatever the field: control characters other than line breaks
 * and tabs (NUL, ESC… they corrupt exports and terminals), bidi overrides (U+202E makes "张伟.txt" display
 * reversed), and lone surrogates (half a UTF-16 pair: not text at all, and it breaks every encoder).
 */
// eslint-disable-next-line no-control-regex -- finding control characters is this pattern's purpose
const CONTROL = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f-\u009f]/;
const LINE_BREAK = /[\t\n\r\u2028\u2029]/;
const BIDI = /[\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]/;
const LONE_SURROGATE = /[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/;
/**
 * A name is read aloud and matched by eye and by pinyin: nothing in it may be invisible — format characters
 * (zero-width space / joiner, soft hyphen, BOM), fillers that draw nothing (Hangul filler, braille blank),
 * and any space other than a plain one.
 */
const INVISIBLE = /[\p{Cf}\u115f\u1160\u3164\uffa0\u2800\u180e]|(?! )\p{Zs}/u;

/** null when `s` is acceptable text, else what is wrong with it (said after the field's name). */
export function textProblem(s: string, opts: { line?: boolean; name?: boolean } = {}): string | null {
  if (LONE_SURROGATE.test(s)) return '含有无效的字符（不完整的 Unicode 编码）';
  if (CONTROL.test(s)) return '含有不可见的控制字符（如 NUL、ESC）';
  if (BIDI.test(s)) return '含有改变文字方向的控制字符（如 U+202E）';
  if ((opts.line || opts.name) && LINE_BREAK.test(s)) return '不能包含换行或制表符';
  if (opts.name && INVISIBLE.test(s)) return '含有看不见的字符（如零宽空格），请重新输入';
  if (opts.name && !/\p{L}/u.test(s)) return '应包含文字';
  return null;
}

const checked = (what: string, opts: { line?: boolean; name?: boolean }) => (s: string, ctx: z.RefinementCtx) => {
  const problem = textProblem(s, opts);
  if (problem) ctx.addIssue({ code: 'custom', message: `${what}${problem}` });
};

export const staffId = z.string({ error: '请选择员工' }).trim().min(1, '请选择员工').max(64, '员工编号过长').superRefine(checked('员工编号', { line: true }));

/**
 * Text a person writes (notes, reasons, follow-ups, a unit number): trimmed, required unless `optional`, at
 * most `max` characters, line breaks allowed unless `line`. Every method's free text goes through here.
 */
export function freeText(what: string, max: number, opts: { line?: boolean; optional?: boolean } = {}) {
  const base = z.string({ error: `请填写${what}` }).trim();
  return (opts.optional ? base : base.min(1, `请填写${what}`)).max(max, `${what}不能超过 ${max} 字`).superRefine(checked(what, { line: opts.line }));
}

export const personName = z
  .string({ error: '请输入姓名' })
  .trim()
  .min(1, '请输入姓名')
  .max(40, '姓名不能超过 40 个字')
  .superRefine(checked('姓名', { name: true }));

export const phone = z
  .string({ error: '请输入电话号码' })
  .max(32, '电话号码过长')
  .superRefine((s, ctx) => {
    const problem = textProblem(s, { line: true }) ? '电话号码只能包含数字' : phoneProblem(s);
    if (problem) ctx.addIssue({ code: 'custom', message: problem });
  });

export const reason = freeText('原因', 500);
export const optionalReason = freeText('原因', 500, { optional: true }).optional().nullable();

export const role = z.enum(ROLES, { error: '未知的角色' });

/**
 * The years the office can mean: a date outside them is a slip of the keyboard (0001-01-01, 9999-12-31)
 * and would only overflow the calendar arithmetic further on.
 */
export const FIRST_DAY = '2000-01-01';
export const LAST_DAY = '2100-12-31';
const inWindow = (s: string) => s.slice(0, 10) >= FIRST_DAY && s.slice(0, 10) <= LAST_DAY;
const windowMessage = `日期应在 ${FIRST_DAY} 至 ${LAST_DAY} 之间`;

/** An office day, as the date pickers send it. */
export const day = z.iso.date({ error: '日期格式应为 YYYY-MM-DD' }).refine(inWindow, windowMessage);
/** A calendar month (statements, dashboards, deal lists). */
export const month = z
  .string({ error: '月份格式应为 YYYY-MM' })
  .regex(/^\d{4}-(0[1-9]|1[0-2])$/, '月份格式应为 YYYY-MM')
  .refine((s) => inWindow(`${s}-01`), `月份应在 ${FIRST_DAY.slice(0, 7)} 至 ${LAST_DAY.slice(0, 7)} 之间`);
/** A moment (ISO-8601, local or with an offset), within the same years as `day`. */
export const instant = (error: string) => z.iso.datetime({ local: true, offset: true, error }).refine(inWindow, windowMessage);

export const recordId = z.number({ error: '编号应为数字' }).int('编号应为整数').positive('编号应为正整数');

export const customerInput = z.object(
  {
    name: personName,
    phone,
    gender: z.enum(['male', 'female'], { error: '性别应为 male 或 female' }).optional(),
  },
  { error: '请填写客户姓名和电话' },
);
