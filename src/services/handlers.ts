/**
 * The spec (src/api/spec) joined with the handlers that implement it. This lives in src/services, not in
 * src/api: the spec must stay importable without the services (the renderer reads it, and src/api importing
 * src/services was the cycle), while the join needs both. The types below make it a compile error for a spec
 * method to lack a handler, for two handler maps to claim the same method, for a handler to implement a
 * method the spec does not have, or for a map's key to differ from the method its handler was built for.
 */
import type { MethodName } from '../api/spec';
import { auditHandlers } from './audit-log';
import { backupHandlers } from './backups';
import { customerPageHandlers } from './customer-page';
import { customerHandlers } from './customers';
import { dealHandlers } from './deals';
import { deskHandlers } from './desk';
import { deskChangeHandlers } from './desk-changes';
import { disputeHandlers } from './disputes';
import { followUpHandlers } from './follow-up';
import { groupHandlers } from './group';
import type { Handler, OutputOf } from './handle';
import { listHandlers } from './lists';
import { mineHandlers } from './mine';
import { policyHandlers } from './policy';
import { referralHandlers } from './referrals';
import { registrationHandlers, registrationQueueHandlers } from './registrations';
import { registerSheetHandlers } from './register-sheet';
import { reportHandlers } from './reports';
import { rosterHandlers } from './roster';
import { siteStaffHandlers } from './site-staff';
import { staffHandlers } from './staff';
import { statementExportHandlers } from './statement-export';

const maps = [
  staffHandlers,
  siteStaffHandlers,
  rosterHandlers,
  deskHandlers,
  deskChangeHandlers,
  customerHandlers,
  customerPageHandlers,
  registrationHandlers,
  registrationQueueHandlers,
  registerSheetHandlers,
  referralHandlers,
  dealHandlers,
  disputeHandlers,
  statementExportHandlers,
  listHandlers,
  backupHandlers,
  policyHandlers,
  auditHandlers,
  followUpHandlers,
  reportHandlers,
  mineHandlers,
  groupHandlers,
] as const;

type KeysOf<U> = U extends unknown ? keyof U : never;
/** Method names that two of the maps both define (a spread would silently keep only the last). */
type Overlap<T extends readonly object[]> = T extends readonly [infer H, ...infer R extends readonly object[]]
  ? (keyof H & KeysOf<R[number]>) | Overlap<R>
  : never;
type Joined = (typeof maps)[number] extends infer U ? { [K in KeysOf<U>]: U extends Record<K, infer V> ? V : never } : never;

const noMethodTwice: [Overlap<typeof maps>] extends [never] ? true : { handledTwice: Overlap<typeof maps> } = true;
const noHandlerWithoutSpec: [Exclude<keyof Joined, MethodName>] extends [never] ? true : { notInSpec: Exclude<keyof Joined, MethodName> } =
  true;
void noMethodTwice;
void noHandlerWithoutSpec;

/** Every spec method, its one handler (built by `handle` for that very method: `method` must match the key). */
// eslint-disable-next-line @typescript-eslint/no-explicit-any -- O is both read and written (session(output)): no other type accepts every handler
export const handlers: { readonly [M in MethodName]: Handler<M, any> } = Object.assign({}, ...maps) as Joined;

export type Handlers = Joined;
/** What a method answers (the renderer's Output types come from here, type-only). */
export type Output<M extends MethodName> = OutputOf<Handlers[M]>;
