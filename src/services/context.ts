import type { Kysely } from 'kysely';
import type { MethodKind } from '../api/spec/define';
import type { ReadTx } from '../db/read-tx';
import type { Database } from '../db/schema';
import type { Policy } from '../domain/policy';
import { holdsAnyRole, type Role } from '../domain/roles';

/** What the running app offers the few methods that act on the database file itself (backups, restore). */
export interface Host {
  /** null for an in-memory database (replays, tests) and an office group's (PostgreSQL) */
  readonly dbPath: string | null;
  /** an office group's (PostgreSQL): where this app server keeps its verified dumps; null or absent: none */
  readonly backupDir?: string | null;
  /** set when the start-up check found the file damaged: every write is refused; this line is for the console */
  readOnlyReason(): string | null;
  /** the same as facts, for the screens: why nothing can be written */
  readOnlyState(): import('../db/problems').ReadOnlyState | null;
  /** null: nothing to back up yet (no staff: first-run setup not done) */
  backupNow(reason: string): Promise<import('../db/backup').BackupManifest | null>;
  listBackups(): import('../db/backup').BackupManifest[];
  verify(): import('../db/ledger').LedgerReport | Promise<import('../db/ledger').LedgerReport>;
  restore(file: string): Promise<{ restored: string; safetyCopy: string | null; ok: boolean }>;
  /** removes a backup a person chose (manual and pre-restore copies are never rotated away) */
  removeBackup(file: string): import('../db/backup').BackupManifest;
  /** an audit row in the database open now (after a restore, the restored one) */
  recordAudit(at: Date, actorId: string, method: string, detail: unknown): Promise<void>;
  /** an office group's other app servers (src/db/postgres-changes.ts); a single office has none */
  readonly changeFeed?: import('../db/postgres-changes').ChangeFeed;
  /** an office group's sites, to sign in at one (src/db/sites.ts); a single office's file is one site and has none */
  sites?(): Promise<{ code: string; name: string | null }[]>;
}

export interface Actor {
  id: string;
  name: string;
  roles: Role[];
}

/** The database a method of this kind is given: a read cannot write (ReadTx has no write builders). */
export type TxOf<K extends MethodKind> = K extends 'read' ? ReadTx : Kysely<Database>;

/**
 * What every service method runs with: inside one transaction (a `file` method: the database outside any),
 * at one instant, under one policy version. The kind comes from the method's spec and types `tx`.
 */
export interface Call<I, K extends MethodKind = MethodKind> {
  kind: K;
  tx: TxOf<K>;
  /** null only for public methods (first-run setup, the sign-in picker) */
  actor: Actor | null;
  input: I;
  now: Date;
  /** the policy version in force at `now` */
  policy: Policy;
  host: Host;
  /** set when the desk station asks by itself (the actor is then the front desk's view, not a person acting) */
  station?: { day: string };
}

export const hasRole = (actor: Actor | null, roles: readonly Role[]): boolean => !!actor && holdsAnyRole(actor.roles, roles);
