/**
 * What was wrong with an input, as a fact: a problem key, the field's path and the numbers behind it
 * (`input_invalid`'s details). The renderer words each problem with the field's name in the reader's
 * language (renderer/i18n/areas/fields.ts); no sentence crosses the API, and zod's own English never does.
 *
 * Schemas name their problem as the issue's message (`.min(1, 'required')`, `addIssue({ message:
 * 'text_control' })`); every issue zod raises by itself gets its problem from `zodProblem`, installed as
 * zod's error map in src/api/schemas.
 */
import type { z } from 'zod';

/** Every problem an issue can carry; the comment names its params. */
export const ISSUE_PROBLEMS = {
  /** missing or empty */
  required: true,
  /** params: expected (zod's type name: string, number, int, boolean, object, array, …) */
  wrong_type: true,
  /** params: min (characters) */
  too_short: true,
  /** params: max (characters) */
  too_long: true,
  /** params: min (items) */
  too_few: true,
  /** params: max (items) */
  too_many: true,
  /** params: min — a number below it */
  too_small: true,
  /** params: min — a number not above it (min itself excluded) */
  must_exceed: true,
  /** params: max — a number above it */
  too_big: true,
  /** not one of the values the field allows */
  choice_invalid: true,
  /** params: keys (comma-separated, as sent) — fields this method does not take */
  unknown_field: true,
  /** anything else the schema refused */
  invalid: true,
  text_broken_unicode: true,
  text_control: true,
  text_bidi: true,
  text_line_break: true,
  text_invisible: true,
  text_no_letter: true,
  phone_digits_only: true,
  phone_mobile_shape: true,
  phone_landline_shape: true,
  phone_shape: true,
  /** not a calendar day written yyyy-MM-dd */
  day_shape: true,
  /** not a month written yyyy-MM */
  month_shape: true,
  /** not a moment written yyyy-MM-ddTHH:mm (with an optional offset) */
  instant_shape: true,
  /** params: fromDay, toDay */
  day_out_of_range: true,
  /** params: fromMonth, toMonth */
  month_out_of_range: true,
  pin_shape: true,
  /** a staff number with characters other than letters, digits, _ . - */
  staff_id_shape: true,
  /** not the name of a backup file (salesdesk-….sqlite) */
  file_name_shape: true,
  /** a policy key the office does not have */
  policy_key_unknown: true,
  /** a policy switch given something other than true / false */
  policy_boolean: true,
  /** params: min, max — a policy number outside its bounds or not whole */
  policy_out_of_range: true,
} as const;

export type IssueProblem = keyof typeof ISSUE_PROBLEMS;
export const isIssueProblem = (value: unknown): value is IssueProblem => typeof value === 'string' && Object.hasOwn(ISSUE_PROBLEMS, value);

/** One issue of an `input_invalid` refusal. `path` is where the field sits in the method's input. */
export interface IssueFact {
  path: (string | number)[];
  problem: IssueProblem;
  params?: Record<string, string | number>;
}

type RawOrFinal = Partial<z.core.$ZodIssue> & { code?: string; input?: unknown };

/** The problem of an issue zod raised by itself (no problem named by the schema). */
export function zodProblem(issue: RawOrFinal): IssueProblem {
  const i = issue as Record<string, unknown>;
  switch (issue.code) {
    case 'invalid_type':
      // `input` is there when zod asks the error map (raw issue); an absent field is simply missing
      return 'input' in i && i.input === undefined ? 'required' : 'wrong_type';
    case 'too_small':
      if (i.origin === 'string') return Number(i.minimum) <= 1 ? 'required' : 'too_short';
      if (i.origin === 'array' || i.origin === 'set') return 'too_few';
      return i.inclusive === false ? 'must_exceed' : 'too_small';
    case 'too_big':
      if (i.origin === 'string') return 'too_long';
      if (i.origin === 'array' || i.origin === 'set') return 'too_many';
      return 'too_big';
    case 'invalid_value':
      return 'choice_invalid';
    case 'unrecognized_keys':
      return 'unknown_field';
    case 'invalid_format':
      return i.format === 'date' ? 'day_shape' : i.format === 'datetime' ? 'instant_shape' : 'invalid';
    default:
      return 'invalid';
  }
}

const numbers = (v: unknown) => (typeof v === 'bigint' ? Number(v) : (v as number));

/** An issue as the API sends it: the problem, the path, and only the numbers and names its words need. */
export function issueFact(issue: z.core.$ZodIssue): IssueFact {
  const problem = isIssueProblem(issue.message) ? issue.message : zodProblem(issue);
  const path = issue.path.map((p) => (typeof p === 'number' ? p : String(p)));
  const params: Record<string, string | number> = {};
  if (issue.code === 'too_small') params.min = numbers(issue.minimum);
  if (issue.code === 'too_big') params.max = numbers(issue.maximum);
  if (issue.code === 'invalid_type') params.expected = issue.expected;
  if (issue.code === 'unrecognized_keys') params.keys = issue.keys.join(',');
  if (issue.code === 'custom')
    for (const [k, v] of Object.entries(issue.params ?? {})) if (typeof v === 'string' || typeof v === 'number') params[k] = v;
  // a missing field needs no numbers: its words are the same whatever zod's check was
  return { path, problem, ...(problem !== 'required' && Object.keys(params).length ? { params } : {}) };
}
