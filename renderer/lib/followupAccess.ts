/** Who sees which follow-up and report screens. Display only: the server checks every call's role again. */
import type { Actor, Role } from '../api/types';
import { hasAnyRole, MANAGER_ROLES } from './roles';

/** followUp.today / log: consultants */
export const canUseToday = (me: Actor | null): boolean => hasAnyRole(me, ['consultant']);
/** followUp.overview / note: the managers */
export const canOverview = (me: Actor | null): boolean => hasAnyRole(me, MANAGER_ROLES);
/** grades.setLabel */
export const canEditGradeLabels = (me: Actor | null): boolean => hasAnyRole(me, ['sales_manager', 'sales_director']);
/** report.weekly, dashboard.data: managers and the sales assistant */
export const REPORT_ROLES: readonly Role[] = [...MANAGER_ROLES, 'sales_assistant'];
export const canReadReports = (me: Actor | null): boolean => hasAnyRole(me, REPORT_ROLES);
