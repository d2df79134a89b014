/**
 * The command line's one place of words. The API and the data-safety checks send codes and params; the
 * renderer's Chinese dictionary has their words (renderer/i18n), so the CLI words them from there too,
 * with the same ICU formatting, instead of keeping a second Chinese copy that would drift.
 */
import { IntlMessageFormat } from 'intl-messageformat';
import type { ApiErrorBody } from '../api/errors';
import { isErrorReason } from '../api/reasons';
import { zhCN } from '../../renderer/i18n/messages';
import { type CheckProblem, DataSafetyError } from '../db/problems';
import { refusalLine } from './refusal';

type Params = Readonly<Record<string, string | number>>;
const dictionary = zhCN as Readonly<Record<string, string>>;

const day = new Intl.DateTimeFormat('zh-CN', { year: 'numeric', month: 'short', day: 'numeric', timeZone: 'UTC' });
const when = new Intl.DateTimeFormat('zh-CN', {
  year: 'numeric',
  month: 'short',
  day: 'numeric',
  hour: '2-digit',
  minute: '2-digit',
  hourCycle: 'h23',
});

/** Params by the naming convention of src/api/errors ErrorParams, as the renderer formats them. */
function formatted(params: Params): Record<string, string | number> {
  const out: Record<string, string | number> = {};
  for (const [k, v] of Object.entries(params)) {
    if (typeof v === 'string' && k.endsWith('Day') && /^\d{4}-\d{2}-\d{2}$/.test(v)) out[k] = day.format(new Date(`${v}T00:00:00Z`));
    else if (typeof v === 'string' && k.endsWith('At') && !Number.isNaN(Date.parse(v))) out[k] = when.format(new Date(v));
    else if (typeof v === 'number' && k.endsWith('Cents')) out[k] = `¥${(v / 100).toFixed(2)}`;
    else out[k] = v;
  }
  return out;
}

/** The Chinese words of a dictionary key, or null when the dictionary has none. */
export function zh(key: string, params: Params = {}): string | null {
  const message = dictionary[key];
  if (message === undefined) return null;
  return String(new IntlMessageFormat(message, 'zh-CN').format(formatted(params)));
}

/** What a check of a database file found, in Chinese. */
export function checkWords(found: CheckProblem | { code: string; params?: Params }): string {
  return zh(`check.${found.code}`, found.params) ?? found.code;
}

type Refusal = Pick<ApiErrorBody, 'reason' | 'message'> & Partial<Pick<ApiErrorBody, 'params' | 'details'>>;

/** A refusal in Chinese, as the renderer words it: its reason's words, the file check's first finding, a cause of ours. */
export function refusalWords(error: Refusal): string {
  if (error.reason === 'legacy') return error.message;
  const { cause, ...rest } = error.params ?? {};
  const params: Record<string, string | number> = { detail: '', ...error.params };
  const found = Array.isArray(error.details) ? (error.details as CheckProblem[]).filter((d) => typeof d?.code === 'string') : [];
  if (found.length) {
    params.problem = checkWords(found[0]!);
    params.count = found.length;
  }
  // a refusal that failed because of another of ours says that one in its words
  if (isErrorReason(cause) && cause !== error.reason) params.detail = refusalWords({ ...error, reason: cause, params: rest });
  return zh(`reason.${error.reason}`, params) ?? refusalLine(error);
}

/** A backup or restore that did not happen, in Chinese; any other error by its own message. */
export function failureWords(e: unknown): string {
  if (e instanceof DataSafetyError) return refusalWords({ reason: e.reason, message: e.message, params: e.params, details: e.problems });
  return e instanceof Error ? e.message : String(e);
}
