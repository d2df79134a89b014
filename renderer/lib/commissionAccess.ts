/**
 * Who sees the commission screens (display only: the server checks every call again).
 * Mirrors the API: deal.list / deal.close, statement.month, dispute.list / raise / opinion / approve.
 */
import type { Actor, Role } from '../api/types';
import { hasAnyRole, MANAGER_ROLES } from './roles';

export const DEAL_READERS: readonly Role[] = ['consultant', 'sales_assistant', ...MANAGER_ROLES];
export const DEAL_RECORDERS: readonly Role[] = ['consultant', ...MANAGER_ROLES];
export const STATEMENT_READERS: readonly Role[] = ['sales_assistant', ...MANAGER_ROLES];
export const DISPUTE_READERS: readonly Role[] = ['consultant', ...MANAGER_ROLES];
/** R-DIS-1: any consultant, or the PM */
export const DISPUTE_RAISERS: readonly Role[] = ['consultant', 'project_manager'];

export const canReadDeals = (me: Actor | null) => hasAnyRole(me, DEAL_READERS);
export const canRecordDeals = (me: Actor | null) => hasAnyRole(me, DEAL_RECORDERS);
export const canReadStatements = (me: Actor | null) => hasAnyRole(me, STATEMENT_READERS);
export const canReadDisputes = (me: Actor | null) => hasAnyRole(me, DISPUTE_READERS);
export const canRaiseDisputes = (me: Actor | null) => hasAnyRole(me, DISPUTE_RAISERS);
/** R-DIS-2: the PM writes the opinion, the director approves or returns it */
export const isProjectManager = (me: Actor | null) => hasAnyRole(me, ['project_manager']);
export const isDirector = (me: Actor | null) => hasAnyRole(me, ['sales_director']);
