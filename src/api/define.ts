import type { z } from 'zod';
import type { Role } from '../domain/roles';
import type { Call } from '../services/context';

/**
 * One API method: its input schema, who may call it, and the use case. Services declare their methods
 * with `method(...)`; the contract (src/api/contract.ts) lists them; dispatch enforces roles, validates
 * input, runs one transaction and audits writes — so no caller (IPC, HTTP, replayer, tests) can skip that.
 */
/**
 * What a method may do to the database, enforced by dispatch and src/db/transaction, not by convention:
 * - `read`: a plain BEGIN with `PRAGMA query_only`, so a read that tries to write fails; allowed on a damaged file.
 * - `auditedRead`: a read that leaves its own audit row (opening someone else's customer): a write transaction,
 *   refused on a damaged file like any write; no automatic audit row.
 * - `write`: BEGIN IMMEDIATE, refused on a damaged file, one audit row of the call in the same transaction.
 * - `file`: outside any transaction (backups and restore act on the file; sign-in's slow PIN hash must not hold
 *   the desk's database); roles are still checked first, and the method opens its own transactions.
 */
export type MethodKind = 'read' | 'auditedRead' | 'write' | 'file';

export interface MethodDef<I = any, O = any> {
  /** who may call: roles, or 'public' (no sign-in: first-run setup and the sign-in picker) */
  roles: readonly Role[] | 'public';
  input: z.ZodType<I>;
  /** a line for docs/api.md, in Chinese */
  summary: string;
  /** what the transaction layer lets this method do (see MethodKind) */
  kind: MethodKind;
  /** the session this call should leave behind (sign-in / sign-out); undefined = unchanged */
  session?: (output: O) => { staffId: string } | null;
  run(call: Call<I>): Promise<O>;
}

export function method<I, O>(def: MethodDef<I, O>): MethodDef<I, O> {
  return def;
}

export type InputOf<M> = M extends MethodDef<infer I, any> ? I : never;
export type OutputOf<M> = M extends MethodDef<any, infer O> ? O : never;
