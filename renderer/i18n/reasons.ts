/**
 * Words for a refusal, from its facts: the reason picks the sentence, params fill it. Params follow the naming
 * convention of src/api/errors ErrorParams (`…Day`, `…At`, `…Cents`, `roles`), so no server text is parsed here.
 * A refusal not yet moved to a reason ('legacy') still shows the server's sentence.
 */
import type { ApiErrorBody } from '../../src/api/errors';
import type { IssueFact, IssueProblem } from '../../src/api/issues';
import { type ErrorReason, isErrorReason } from '../../src/api/reasons';
import type { CheckCode, CheckProblem, ReadOnlyState } from '../../src/db/problems';
import type { Role } from '../api/types';
import { formatDay, formatMonth, formatWhen, type Lang, type MessageKey, type Translate, translate, useLang } from './index';
import { formatYuan } from '../lib/money';

// Every reason the API can send has words in both languages: a missing one is a compile error here.
type Missing = Exclude<`reason.${ErrorReason}`, MessageKey>;
const everyReasonWorded: [Missing] extends [never] ? true : Missing = true;
void everyReasonWorded;
// and every problem an input's issue can carry
type MissingIssue = Exclude<`issue.${IssueProblem}`, MessageKey>;
const everyIssueWorded: [MissingIssue] extends [never] ? true : MissingIssue = true;
void everyIssueWorded;
// and everything a check of a database file can find
type MissingCheck = Exclude<`check.${CheckCode}`, MessageKey>;
const everyCheckWorded: [MissingCheck] extends [never] ? true : MissingCheck = true;
void everyCheckWorded;

function param(key: string, value: string | number, lang: Lang): string | number {
  if (typeof value === 'string' && key.endsWith('Day')) return formatDay(value, lang);
  if (typeof value === 'string' && key.endsWith('Month') && /^\d{4}-\d{2}$/.test(value)) return formatMonth(value, lang);
  if (typeof value === 'string' && key.endsWith('At')) return formatWhen(value);
  if (typeof value === 'number' && key.endsWith('Cents')) return formatYuan(value);
  if (key === 'roles' && typeof value === 'string') {
    return value
      .split(',')
      .map((r) => translate(`role.${r as Role}` as MessageKey, undefined, lang))
      .join(lang === 'zh-CN' ? '、' : ', ');
  }
  return value;
}

/** A dictionary entry, or null where there is none (translate answers a missing key with the key itself). */
function worded(key: string, params: Record<string, string | number> | undefined, lang: Lang): string | null {
  const text = translate(key as MessageKey, params, lang);
  return text === key ? null : text;
}

/**
 * A field's name in words, from its path: its last name first (a record's keys, such as the staff ids of a
 * split, have no words and give way to the name before them), as this method means it, else as any method does.
 */
export function fieldName(path: readonly (string | number)[], method: string, lang: Lang): string {
  if (method === 'policy.update' && path[0] === 'changes' && typeof path[1] === 'string') {
    const setting = worded(`policy.param.${path[1]}`, undefined, lang);
    if (setting) return setting;
  }
  for (const seg of [...path].reverse()) {
    if (typeof seg !== 'string') continue;
    const name = worded(`field.${method}.${seg}`, undefined, lang) ?? worded(`field.${seg}`, undefined, lang);
    if (name) return name;
  }
  return translate('field.input', undefined, lang);
}

/** One issue in words: its problem, the field by name, its numbers and days formatted; never a path or zod's words. */
export function issueText(issue: Pick<IssueFact, 'path' | 'problem' | 'params'>, method: string, lang: Lang): string {
  const params: Record<string, string | number> = {};
  for (const [k, v] of Object.entries(issue.params ?? {})) params[k] = param(k, v, lang);
  params.field = fieldName(Array.isArray(issue.path) ? issue.path : [], method, lang);
  if (issue.problem === 'wrong_type')
    params.expected =
      worded(`issue.expected.${String(issue.params?.expected)}`, undefined, lang) ?? translate('issue.expected.other', undefined, lang);
  return worded(`issue.${issue.problem}`, params, lang) ?? translate('issue.invalid', params, lang);
}

function validationDetail(error: ApiErrorBody, lang: Lang): string {
  const issues = Array.isArray(error.details) ? (error.details as Partial<IssueFact>[]) : [];
  const first = issues[0];
  if (!first || typeof first.problem !== 'string') return '';
  return issueText({ path: first.path ?? [], problem: first.problem, params: first.params }, String(error.params?.method ?? ''), lang);
}

/** What a check of a database file found, in words; a code newer than this renderer as its code. */
export function checkText(found: Pick<CheckProblem, 'params'> & { code: string }, lang: Lang = useLang.getState().lang): string {
  const params: Record<string, string | number> = {};
  for (const [k, v] of Object.entries(found.params ?? {})) params[k] = param(k, v, lang);
  return worded(`check.${found.code}`, params, lang) ?? found.code;
}

/** Why nothing can be written, in the reader's language: a damaged file (and the backup to restore), or a file that cannot be written. */
export function readOnlyText(t: Translate, state: ReadOnlyState): string {
  if (state.cause === 'unwritable') return t('backup.readOnly.unwritable', { detail: state.detail });
  return state.lastGood
    ? t('backup.readOnly.damaged', { detail: state.detail, lastGood: state.lastGood })
    : t('backup.readOnly.damagedNoBackup', { detail: state.detail });
}

const checkProblems = (details: unknown): { code: string; params?: CheckProblem['params'] }[] =>
  Array.isArray(details)
    ? details.filter((d): d is { code: string } => !!d && typeof (d as { code?: unknown }).code === 'string' && !('path' in d))
    : [];

export function errorText(error: ApiErrorBody, lang: Lang = useLang.getState().lang): string {
  if (error.reason === 'legacy' || !error.reason) return error.message;
  const key = `reason.${error.reason}` as MessageKey;
  const params: Record<string, string | number> = {};
  for (const [k, v] of Object.entries(error.params ?? {})) params[k] = param(k, v, lang);
  if (error.reason === 'input_invalid') params.detail = validationDetail(error, lang);
  // a backup's or restore's refusal carries the file check's findings: the first in words, and how many
  const found = checkProblems(error.details);
  if (found.length) {
    params.problem = checkText(found[0]!, lang);
    params.count = found.length;
  }
  // a refusal that failed because of another of ours says that one in its words
  const cause = error.params?.cause;
  if (typeof cause === 'string' && isErrorReason(cause) && cause !== error.reason) {
    const rest = Object.fromEntries(Object.entries(error.params ?? {}).filter(([k]) => k !== 'cause'));
    params.detail = errorText({ ...error, reason: cause, params: rest }, lang);
  }
  const text = translate(key, params, lang);
  if (text !== key) return text;
  // A reason newer than this renderer: say what kind of refusal it is, never nothing.
  return `${translate(`reason.code.${error.code}` as MessageKey, undefined, lang)}（${error.reason}）`;
}
