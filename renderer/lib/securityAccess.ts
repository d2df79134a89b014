/**
 * Who sees staff administration, settings, backups and the audit log (display only: the server checks
 * every call again). Mirrors docs/permissions.md.
 */
import type { Actor, Role } from '../api/types';
import { hasAnyRole, MANAGER_ROLES } from './roles';

/** staff.create / update / resetPin */
export const STAFF_ADMINS: readonly Role[] = ['admin', 'sales_director'];
/** policy.get */
export const POLICY_READERS: readonly Role[] = [...MANAGER_ROLES, 'admin', 'sales_assistant'];
/** policy.update */
export const POLICY_EDITORS: readonly Role[] = ['sales_director'];
/** backup.list / now / verify / restore */
export const BACKUP_KEEPERS: readonly Role[] = ['admin', 'sales_director'];
/** backup.status: everyone who works the desk or the office */
export const BACKUP_WATCHERS: readonly Role[] = ['consultant', 'front_desk', 'sales_assistant', 'admin', ...MANAGER_ROLES];
/** audit.list */
export const AUDIT_READERS: readonly Role[] = ['project_manager', 'sales_director', 'admin'];

export const canAdministerStaff = (me: Actor | null) => hasAnyRole(me, STAFF_ADMINS);
export const canReadPolicy = (me: Actor | null) => hasAnyRole(me, POLICY_READERS);
export const canEditPolicy = (me: Actor | null) => hasAnyRole(me, POLICY_EDITORS);
export const canKeepBackups = (me: Actor | null) => hasAnyRole(me, BACKUP_KEEPERS);
export const canWatchBackups = (me: Actor | null) => hasAnyRole(me, BACKUP_WATCHERS);
export const canReadAudit = (me: Actor | null) => hasAnyRole(me, AUDIT_READERS);
export const canOpenSettings = (me: Actor | null) => canReadPolicy(me) || canKeepBackups(me);
