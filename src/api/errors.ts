/** The five error codes every API answer may carry (scenario-format.md). */
export type ErrorCode = 'validation' | 'permission' | 'conflict' | 'not_found' | 'invalid_state';

export const ERROR_CODES: readonly ErrorCode[] = ['validation', 'permission', 'conflict', 'not_found', 'invalid_state'];

/** A refusal the user should read: `message` is Simplified Chinese and says what to do. */
export class AppError extends Error {
  constructor(
    readonly code: ErrorCode,
    message: string,
    readonly details?: unknown,
  ) {
    super(message);
    this.name = 'AppError';
  }
}

export interface ApiErrorBody {
  code: ErrorCode;
  message: string;
  details?: unknown;
}

/** Every answer over IPC and HTTP has this shape, so callers never parse thrown text. */
export type ApiResult<T> = { ok: true; value: T } | { ok: false; error: ApiErrorBody };

export const fail = {
  validation: (message: string, details?: unknown) => new AppError('validation', message, details),
  permission: (message = '您没有执行此操作的权限', details?: unknown) => new AppError('permission', message, details),
  conflict: (message: string, details?: unknown) => new AppError('conflict', message, details),
  notFound: (message: string, details?: unknown) => new AppError('not_found', message, details),
  invalidState: (message: string, details?: unknown) => new AppError('invalid_state', message, details),
};
