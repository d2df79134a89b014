/**
 * Words for a refusal, from its facts: the reason picks the sentence, params fill it. Params follow the naming
 * convention of src/api/errors ErrorParams (`…Day`, `…At`, `…Cents`, `roles`), so no server text is parsed here.
 * A refusal not yet moved to a reason ('legacy') still shows the server's sentence.
 */
import type { ApiErrorBody } from '../../src/api/errors';
import type { ErrorReason } from '../../src/api/reasons';
import type { Role } from '../api/types';
import { formatDay, formatWhen, type Lang, type MessageKey, translate, useLang } from './index';
import { formatYuan } from '../lib/money';

// Every reason the API can send has words in both languages: a missing one is a compile error here.
type Missing = Exclude<`reason.${ErrorReason}`, MessageKey>;
const everyReasonWorded: [Missing] extends [never] ? true : Missing = true;
void everyReasonWorded;

function param(key: string, value: string | number, lang: Lang): string | number {
  if (typeof value === 'string' && key.endsWith('Day')) return formatDay(value, lang);
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

function validationDetail(error: ApiErrorBody): string {
  const issues = Array.isArray(error.details) ? (error.details as { path?: unknown[]; message?: unknown }[]) : [];
  const first = issues[0];
  if (!first) return '';
  const where = Array.isArray(first.path) && first.path.length ? `（${first.path.join('.')}）` : '';
  return `${typeof first.message === 'string' ? first.message : ''}${where}`;
}

export function errorText(error: ApiErrorBody, lang: Lang = useLang.getState().lang): string {
  if (error.reason === 'legacy' || !error.reason) return error.message;
  const key = `reason.${error.reason}` as MessageKey;
  const params: Record<string, string | number> = {};
  for (const [k, v] of Object.entries(error.params ?? {})) params[k] = param(k, v, lang);
  if (error.reason === 'input_invalid') params.detail = validationDetail(error);
  const text = translate(key, params, lang);
  if (text !== key) return text;
  // A reason newer than this renderer: say what kind of refusal it is, never nothing.
  return `${translate(`reason.code.${error.code}` as MessageKey, undefined, lang)}（${error.reason}）`;
}
