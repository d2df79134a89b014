import { type ErrorReason, REASONS } from './reasons';
/** The five error codes every API answer may carry (scenario-format.md). */
export type ErrorCode = 'validation' | 'permission' | 'conflict' | 'not_found' | 'invalid_state';

export const ERROR_CODES: readonly ErrorCode[] = ['validation', 'permission', 'conflict', 'not_found', 'invalid_state'];

/**
 * Facts a reason is worded from. Naming convention the renderer formats by: `…Day` an office day
 * (yyyy-MM-dd), `…At` an ISO instant, `…Cents` money in cents, `roles` comma-separated role ids.
 */
export type ErrorParams = Readonly<Record<string, string | number>>;

/**
 * A refusal: a code (what kind), a reason (which rule or check, see src/api/reasons) and the facts behind it.
 * The words belong to the renderer. `message` is the older Chinese sentence, still sent while the services
 * move to reasons; a reason the renderer knows always wins over it.
 */
export class AppError extends Error {
  readonly reason: string;
  constructor(
    readonly code: ErrorCode,
    message: string,
    readonly details?: unknown,
    reason?: string,
    readonly params?: ErrorParams,
  ) {
    super(message);
    this.name = 'AppError';
    this.reason = reason ?? 'legacy';
  }
}

export interface ApiErrorBody {
  code: ErrorCode;
  /** an ErrorReason, or 'legacy' for a refusal not yet converted (then only `message` says why) */
  reason: string;
  params?: ErrorParams;
  message: string;
  details?: unknown;
}

/** Every answer over IPC and HTTP has this shape, so callers never parse thrown text. */
export type ApiResult<T> = { ok: true; value: T } | { ok: false; error: ApiErrorBody };

/** A refusal by reason: the code comes from the reason's entry in src/api/reasons. */
export function refuse(reason: ErrorReason, params?: ErrorParams, details?: unknown): AppError {
  return new AppError(REASONS[reason], reason, details, reason, params);
}

/**
 * A refusal by reason that also says itself in words, for a reader without the renderer's dictionary: a start-up
 * failure reaches the desktop's error dialog, web mode's console and the CLI before any screen exists. A screen
 * still words it from `reason` and `params`.
 */
export function refuseSaying(reason: ErrorReason, params: ErrorParams | undefined, message: string): AppError {
  return new AppError(REASONS[reason], message, undefined, reason, params);
}

/** The body an answer carries for an AppError. */
export function errorBody(e: AppError): ApiErrorBody {
  return {
    code: e.code,
    reason: e.reason,
    message: e.message,
    ...(e.params ? { params: e.params } : {}),
    ...(e.details !== undefined ? { details: e.details } : {}),
  };
}

/** Older refusals that carry only a Chinese sentence; being replaced by `refuse(reason, params)`. */
export const fail = {
  validation: (message: string, details?: unknown) => new AppError('validation', message, details),
  permission: (message = '您没有执行此操作的权限', details?: unknown) => new AppError('permission', message, details),
  conflict: (message: string, details?: unknown) => new AppError('conflict', message, details),
  notFound: (message: string, details?: unknown) => new AppError('not_found', message, details),
  invalidState: (message: string, details?: unknown) => new AppError('invalid_state', message, details),
};
