/**
 * The one API contract: every user action is one method here. Electron IPC, web mode's HTTP, the scenario
 * replayer and the tests all call these through `dispatch`, and docs/api.md is generated from this list.
 */
import { auditMethods } from '../services/audit-log';
import { backupMethods } from '../services/backups';
import { customerPageMethods } from '../services/customer-page';
import { customerMethods } from '../services/customers';
import { dealMethods } from '../services/deals';
import { deskMethods } from '../services/desk';
import { deskChangeMethods } from '../services/desk-changes';
import { disputeMethods } from '../services/disputes';
import { followUpMethods } from '../services/follow-up';
import { listMethods } from '../services/lists';
import { policyMethods } from '../services/policy';
import { referralMethods } from '../services/referrals';
import { reportMethods } from '../services/reports';
import { registrationMethods, registrationQueueMethods } from '../services/registrations';
import { rosterMethods } from '../services/roster';
import { staffMethods } from '../services/staff';
import { statementExportMethods } from '../services/statement-export';
import type { MethodDef } from './define';

export const contract = {
  ...staffMethods,
  ...rosterMethods,
  ...deskMethods,
  ...deskChangeMethods,
  ...customerMethods,
  ...customerPageMethods,
  ...registrationMethods,
  ...registrationQueueMethods,
  ...referralMethods,
  ...dealMethods,
  ...disputeMethods,
  ...statementExportMethods,
  ...listMethods,
  ...backupMethods,
  ...policyMethods,
  ...auditMethods,
  ...followUpMethods,
  ...reportMethods,
} satisfies Record<string, MethodDef>;

export type Contract = typeof contract;
export type MethodName = keyof Contract;

export const methodNames = (): MethodName[] => Object.keys(contract) as MethodName[];

export const isMethodName = (name: unknown): name is MethodName => typeof name === 'string' && Object.hasOwn(contract, name);
