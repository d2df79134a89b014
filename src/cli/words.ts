/**
 * The command line's one place of words. The API and the data-safety checks send codes and params; the
 * renderer's Chinese dictionary has their words (renderer/i18n), so the CLI words them from there too,
 * with the same ICU formatting, instead of keeping a second Chinese copy that would drift.
 */
import { IntlMessageFormat } from 'intl-messageformat';
import type { ApiErrorBody } from '../api/errors';
import { zhCN } from '../../renderer/i18n/messages';
import { refusalLine } from './refusal';

type Params = Readonly<Record<string, string | number>>;
const dictionary = zhCN as Readonly<Record<string, string>>;

const day = new Intl.DateTimeFormat('zh-CN', { year: 'numeric', month: 'short', day: 'numeric', timeZone: 'UTC' });
const when = new Intl.DateTimeFormat('zh-CN', { year: 'numeric', month: 'short', day: 'numeric', hour: '2-digit', minute: '2-digit', hourCycle: 'h23' });

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

/** A refusal in Chinese: its reason's words, else (a reason this dictionary lacks) its facts. */
export function refusalWords(error: Pick<ApiErrorBody, 'reason' | 'message'> & Partial<Pick<ApiErrorBody, 'params' | 'details'>>): string {
  if (error.reason === 'legacy') return error.message;
  return zh(`reason.${error.reason}`, { detail: '', ...error.params }) ?? refusalLine(error);
}
