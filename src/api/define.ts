import type { z } from 'zod';
import type { Role } from '../domain/roles';
import type { Call } from '../services/context';

/**
 * One API method: its input schema, who may call it, and the use case. Services declare their methods
 * with `method(...)`; the contract (src/api/contract.ts) lists them; dispatch enforces roles, validates
 * input, runs one transaction and audits writes — so no caller (IPC, HTTP, replayer, tests) can skip that.
 */
export interface MethodDef<I = any, O = any> {
  /** who may call: roles, or 'public' (no sign-in: first-run setup and the sign-in picker) */
  roles: readonly Role[] | 'public';
  input: z.ZodType<I>;
  /** a line for docs/api.md, in Chinese */
  summary: string;
  /** writes run under BEGIN IMMEDIATE and leave an audit row; reads do neither */
  write: boolean;
  /** runs outside any transaction (backups and restore act on the file itself); roles are still checked first */
  exclusive?: boolean;
  /** the session this call should leave behind (sign-in / sign-out); undefined = unchanged */
  session?: (output: O) => { staffId: string } | null;
  run(call: Call<I>): Promise<O>;
}

export function method<I, O>(def: MethodDef<I, O>): MethodDef<I, O> {
  return def;
}

export type InputOf<M> = M extends MethodDef<infer I, any> ? I : never;
export type OutputOf<M> = M extends MethodDef<any, infer O> ? O : never;
