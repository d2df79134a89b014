import type { z } from 'zod';
import type { Role } from '../../domain/roles';

/**
 * What a method may do to the database, enforced by dispatch and src/db/transaction, not by convention:
 * - `read`: a plain BEGIN with `PRAGMA query_only`, so a read that tries to write fails; allowed on a damaged file.
 *   Its handler gets a ReadTx (src/db/read-tx.ts), so a read that tries to write does not even compile.
 * - `auditedRead`: a read that leaves its own audit row (opening someone else's customer): a write transaction,
 *   refused on a damaged file like any write; no automatic audit row.
 * - `write`: BEGIN IMMEDIATE, refused on a damaged file, one audit row of the call in the same transaction.
 * - `file`: outside any transaction (backups and restore act on the file; sign-in's slow PIN hash must not hold
 *   the desk's database); roles are still checked first, and the method opens its own transactions.
 */
export type MethodKind = 'read' | 'auditedRead' | 'write' | 'file';

/**
 * One API method as declared: its input schema, who may call it, what the transaction layer lets it do, and
 * its line in docs/api.md. Only data: the handler that implements it lives in src/services (see handle.ts),
 * so this file, and the spec built from it, import nothing but zod and domain types — the renderer reads the
 * same spec to ask `can(me, method)`.
 */
export interface MethodSpec {
  /** who may call: roles, or 'public' (no sign-in: first-run setup and the sign-in picker) */
  readonly roles: readonly Role[] | 'public';
  readonly input: z.ZodType;
  /** a line for docs/api.md, in Chinese */
  readonly summary: string;
  readonly kind: MethodKind;
  /**
   * the desk station may ask this without naming a person (src/api/session Session.station): only what the
   * front desk sees while typing a walk-in; it runs with the front desk's view, and must not write an audit row
   * for that view (tests/integration/station.test.ts checks each such method)
   */
  readonly station?: true;
}

/** Keeps each method's literal kind and exact schema type (what its handler's Call is typed from). */
export const defineSpec = <const T extends Record<string, MethodSpec>>(methods: T): T => methods;
