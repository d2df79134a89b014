/**
 * Every reason a refusal can carry, with its error code. Areas keep their own file (add it below once), so
 * two areas can grow without editing one list. The renderer's dictionary must word every reason: a missing
 * entry is a compile error (renderer/i18n/reasons.ts).
 */
import type { ErrorCode } from '../errors';
import { commonReasons } from './common';
import { deskReasons } from './desk';
import { ownReasons } from './own';
import { adminReasons } from './admin';
import { dealsReasons } from './deals';
import { groupReasons } from './group';

export const REASONS = {
  ...commonReasons,
  ...deskReasons,
  ...ownReasons,
  ...adminReasons,
  ...dealsReasons,
  ...groupReasons,
} as const satisfies Record<string, ErrorCode>;

export type ErrorReason = keyof typeof REASONS;

export const isErrorReason = (value: unknown): value is ErrorReason => typeof value === 'string' && Object.hasOwn(REASONS, value);
