/**
 * Input pieces shared by several methods. A refusal's message is a problem key (src/api/issues), never a
 * sentence: the renderer words it with the field's name in the reader's language.
 */
import { z } from 'zod';
import { type IssueProblem, zodProblem } from './issues';
import { phoneProblem } from '../domain/phone';
import { ROLES } from '../domain/roles';

// What zod finds by itself (unknown keys, wrong types, lengths) is a problem key too, not zod's English.
z.config({ customError: (issue) => zodProblem(issue) });

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

/** null when `s` is acceptable text, else what is wrong with it. */
export function textProblem(s: string, opts: { line?: boolean; name?: boolean } = {}): IssueProblem | null {
  if (LONE_SURROGATE.test(s)) return 'text_broken_unicode';
  if (CONTROL.test(s)) return 'text_control';
  if (BIDI.test(s)) return 'text_bidi';
  if ((opts.line || opts.name) && LINE_BREAK.test(s)) return 'text_line_break';
  if (opts.name && INVISIBLE.test(s)) return 'text_invisible';
  if (opts.name && !/\p{L}/u.test(s)) return 'text_no_letter';
  return null;
}

const checked = (opts: { line?: boolean; name?: boolean }) => (s: string, ctx: z.RefinementCtx) => {
  const problem = textProblem(s, opts);
  if (problem) ctx.addIssue({ code: 'custom', message: problem });
};

export const staffId = z
  .string()
  .trim()
  .min(1)
  .max(64)
  .superRefine(checked({ line: true }));

/**
 * Text a person writes (notes, reasons, follow-ups, a unit number): trimmed, required unless `optional`, at
 * most `max` characters, line breaks allowed unless `line`. Every method's free text goes through here.
 */
export function freeText(max: number, opts: { line?: boolean; optional?: boolean } = {}) {
  const base = z.string().trim();
  return (opts.optional ? base : base.min(1)).max(max).superRefine(checked({ line: opts.line }));
}

export const personName = z
  .string()
  .trim()
  .min(1)
  .max(40)
  .superRefine(checked({ name: true }));

export const phone = z
  .string()
  .max(32)
  .superRefine((s, ctx) => {
    const problem: IssueProblem | null = textProblem(s, { line: true }) ? 'phone_digits_only' : phoneProblem(s);
    if (problem) ctx.addIssue({ code: 'custom', message: problem });
  });

export const reason = freeText(500);
export const optionalReason = freeText(500, { optional: true }).optional().nullable();

export const role = z.enum(ROLES);

/**
 * The years the office can mean: a date outside them is a slip of the keyboard (0001-01-01, 9999-12-31)
 * and would only overflow the calendar arithmetic further on.
 */
export const FIRST_DAY = '2000-01-01';
export const LAST_DAY = '2100-12-31';
const inWindow = (s: string) => s.slice(0, 10) >= FIRST_DAY && s.slice(0, 10) <= LAST_DAY;
const dayWindow = { message: 'day_out_of_range', params: { fromDay: FIRST_DAY, toDay: LAST_DAY } } as const;

/** An office day, as the date pickers send it. */
export const day = z.iso.date().refine(inWindow, dayWindow);
/** A calendar month (statements, dashboards, deal lists). */
export const month = z
  .string()
  .regex(/^\d{4}-(0[1-9]|1[0-2])$/, 'month_shape')
  .refine((s) => inWindow(`${s}-01`), {
    message: 'month_out_of_range',
    params: { fromMonth: FIRST_DAY.slice(0, 7), toMonth: LAST_DAY.slice(0, 7) },
  });
/** A moment (ISO-8601, local or with an offset), within the same years as `day`. */
export const instant = () => z.iso.datetime({ local: true, offset: true }).refine(inWindow, dayWindow);

export const recordId = z.number().int().positive();

export const customerInput = z.object({
  name: personName,
  phone,
  gender: z.enum(['male', 'female']).optional(),
});
