/**
 * The one API contract, as data: every user action is one method here, with its input schema, who may call
 * it and what kind of transaction it runs in. Electron IPC, web mode's HTTP, the scenario replayer and the
 * tests call these through `dispatch` (src/services/dispatch.ts); docs/api.md and docs/permissions.md are
 * generated from this list; the renderer asks `can(me, method)` of it. It imports only zod and src/domain,
 * so the services that implement it (src/services/handlers.ts) depend on it and never the other way round.
 */
import type { z } from 'zod';
import type { Role } from '../../domain/roles';
import { auditSpec } from './audit-log';
import { backupSpec } from './backups';
import { customerPageSpec } from './customer-page';
import { customerSpec } from './customers';
import { dealSpec } from './deals';
import type { MethodKind, MethodSpec } from './define';
import { deskChangeSpec } from './desk-changes';
import { deskSpec } from './desk';
import { disputeSpec } from './disputes';
import { followUpSpec } from './follow-up';
import { groupSpec } from './group';
import { listSpec } from './lists';
import { mineSpec } from './mine';
import { policySpec } from './policy';
import { referralSpec } from './referrals';
import { registrationSpec } from './registrations';
import { registerSheetSpec } from './register-sheet';
import { reportSpec } from './reports';
import { rosterSpec } from './roster';
import { staffSpec } from './staff';
import { statementExportSpec } from './statement-export';

export type { MethodKind, MethodSpec };

// The order is docs/api.md's.
export const spec = {
  ...staffSpec,
  ...rosterSpec,
  ...deskSpec,
  ...deskChangeSpec,
  ...customerSpec,
  ...customerPageSpec,
  ...registrationSpec,
  ...registerSheetSpec,
  ...referralSpec,
  ...dealSpec,
  ...disputeSpec,
  ...statementExportSpec,
  ...listSpec,
  ...backupSpec,
  ...policySpec,
  ...auditSpec,
  ...followUpSpec,
  ...reportSpec,
  ...mineSpec,
  ...groupSpec,
} satisfies Record<string, MethodSpec>;

export type Spec = typeof spec;
export type MethodName = keyof Spec;
/** What a handler receives as `call.input`: the schema's output (trimmed, defaults applied). */
export type InputOf<M extends MethodName> = z.output<Spec[M]['input']>;
export type KindOf<M extends MethodName> = Spec[M]['kind'];

export const methodNames = (): MethodName[] => Object.keys(spec) as MethodName[];

export const isMethodName = (name: unknown): name is MethodName => typeof name === 'string' && Object.hasOwn(spec, name);

/**
 * May this person call this method? Only the roles, as dispatch checks them before anything else: a public
 * method anyone (signed in or not), any other a signed-in person holding one of its roles. Finer checks in a
 * method's body (a consultant finishes only their own reception) come on top, so `true` means "offer it",
 * the answer still decides.
 */
export function can(me: { readonly roles: readonly Role[] } | null | undefined, method: MethodName): boolean {
  const roles: MethodSpec['roles'] = spec[method].roles;
  return roles === 'public' || holds(me, roles);
}

/** Does this person hold one of these roles? For the few finer checks the spec names (DESK_STAFF, ERRAND_APPROVERS). */
export const holds = (me: { readonly roles: readonly Role[] } | null | undefined, roles: readonly Role[]): boolean =>
  !!me && me.roles.some((r) => roles.includes(r));

export { DESK_STAFF } from './desk';
export { ERRAND_APPROVERS } from './roster';
export { PIN_PATTERN, STAFF_ADMINS } from './staff';
/** Every role, and who may give or touch the admin role: the forms offer and grey out as the service decides. */
export { adminGrantRefusal, ROLES } from '../../domain/roles';
