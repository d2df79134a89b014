import type { ErrorCode } from '../errors';

/** Refusals of the office group's reads (src/services/group.ts); the renderer words them (renderer/i18n/areas/group.ts). */
export const groupReasons = {
  /** params: site — a drill-down named a site the group does not have */
  site_not_found: 'not_found',
} as const satisfies Record<string, ErrorCode>;
