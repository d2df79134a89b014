import { isErrorReason } from '../../src/api/reasons';

/**
 * Whether the renderer can word this refusal: a known reason (its words are checked at compile time), or —
 * until every service has moved to reasons — a 'legacy' refusal whose message is a Chinese sentence.
 */
export function wordable(error: { reason?: unknown; message?: unknown } | null | undefined): boolean {
  if (!error) return false;
  if (isErrorReason(error.reason)) return true;
  return error.reason === 'legacy' && typeof error.message === 'string' && /[\u4e00-\u9fff]/.test(error.message);
}

/** The first validation issue's problem (a key of src/api/issues: what was wrong, not words). */
export function firstIssue(error: { details?: unknown } | null | undefined): string {
  const issues = Array.isArray(error?.details) ? (error!.details as { problem?: unknown }[]) : [];
  return typeof issues[0]?.problem === 'string' ? issues[0].problem : '';
}

/** Everything a refusal states, as one searchable line (the CLI's own line): tests match facts in it, not words. */
export { refusalLine as said } from '../../src/cli/refusal';
