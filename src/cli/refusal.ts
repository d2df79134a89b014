import type { ApiErrorBody } from '../api/errors';

/**
 * A refusal as one line for a terminal or a report: the legacy sentence, or the reason with its params and each
 * validation issue's problem, params and field path. The CLI shows facts; the renderer has the words.
 */
export function refusalLine(error: Partial<Pick<ApiErrorBody, 'reason' | 'message' | 'params' | 'details'>> | null | undefined): string {
  if (!error) return '';
  if (error.reason === 'legacy' || error.reason === undefined) return String(error.message ?? '');
  const issues = Array.isArray(error.details)
    ? (error.details as { path?: unknown[]; problem?: unknown; params?: object }[]).map(
        (i) => `${String(i.problem ?? '')}${i.params ? JSON.stringify(i.params) : ''}（${(i.path ?? []).join('.')}）`,
      )
    : [];
  const params = error.params && Object.keys(error.params).length ? JSON.stringify(error.params) : '';
  return [error.reason, params, ...issues].filter(Boolean).join(' ');
}
