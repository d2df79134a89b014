/**
 * PostgreSQL's reference cache: what nearly every call reads and almost none changes — the acting person and their
 * roles, the policy versions, staff names — kept in this app server between calls while the site's reference
 * counter stands still. The counter (reference_versions, migrations/postgres/0013_baseline) is moved by a trigger
 * on every statement that touches staff, staff_roles or policy_versions, from any app server or program, so a role
 * change or a rename on server A is seen by server B's next call: each transaction reads the counter in the same
 * round trip as its BEGIN (src/db/transaction.ts), in the snapshot its reads see.
 *
 * - Scope 'file' (today's queue, a session's epoch): kept while the snapshot stands still — the server's
 *   pg_current_snapshot() read with the counter, the same text only while no transaction anywhere on the server has
 *   committed or begun to write since (reads take no transaction id), so the same data is in view. PostgreSQL's
 *   counterpart of SQLite's data_version; a write anywhere (a walk-in on another server) moves it.
 * - One store per site (a site's Kysely, src/db/postgres.ts): each site has its own staff and counter. A transaction
 *   that switches its search_path (src/db/group-sites.ts eachSite) reads everything from the server from then on.
 * - After a transaction's own write, the counter is read again (once per write) before a kept value is used, and
 *   nothing is put in (the write may still roll back); a value loaded before any write, under the counter read at
 *   BEGIN, is put in under that counter's value.
 */
import { type CacheScope, deepFreeze, type ReadCache } from './reference-cache';

/** The statement that reads the counter; in a database not migrated yet there is no table, and nothing is kept. */
export const REFERENCE_VERSION_SQL = "SELECT version FROM reference_versions WHERE name = 'reference'";
/** The counter and the snapshot, read with BEGIN. */
export const BEGIN_VERSION_SQL = "SELECT version, pg_current_snapshot()::text AS snapshot FROM reference_versions WHERE name = 'reference'";

/** One site's kept values, shared by every transaction of this app server on that site. */
export class PostgresReferenceStore {
  /** whether the site's reference_versions table exists (asked until it does: a site is migrated after it is made) */
  ready = false;
  at: number | null = null;
  readonly entries = new Map<string, unknown>();
  /** scope 'file': the snapshot its values were read under */
  fileAt: string | null = null;
  readonly fileEntries = new Map<string, unknown>();
  /** loads that went to the server, of scope 'reference' and of 'file' (tests: a value kept is not loaded again) */
  loads = 0;
  fileLoads = 0;
}

/** What one transaction knows of itself: told by the connection's proxy (src/db/postgres.ts) of every statement it sends. */
export interface TransactionTrace {
  /** a statement other than a plain read was sent */
  wrote: boolean;
  /** the search_path was changed inside the transaction (another site's tables in view) */
  pathChanged: boolean;
  /** statements sent since BEGIN */
  statements: number;
  /** writes that name staff, staff_roles, policy_versions or the counter: the only statements that move it */
  referenceWrites: number;
}

/** A write naming one of these may move the reference counter (its triggers are on the first three). */
export const REFERENCE_TABLES = /\b(staff|staff_roles|policy_versions|reference_versions)\b/i;

/** A transaction's view of its site's store. */
export class PostgresTransactionCache implements ReadCache {
  /** the counter as this transaction last read it after its own writes */
  private after: { version: number | null } | null = null;
  private writesSeen = 0;

  constructor(
    private readonly store: PostgresReferenceStore,
    /** the counter read with BEGIN (null: not read, nothing is kept) */
    private readonly begunAt: number | null,
    /** the snapshot read with BEGIN */
    private readonly snapshot: string | null,
    private readonly trace: TransactionTrace & { writes: number },
    private readonly readVersion: () => Promise<number | null>,
  ) {}

  /** The values kept for this transaction, never loading into the store (the read-ahead's rehearsal: its loads answer nothing). */
  peek(): ReadCache {
    return {
      get: async <T>(key: string, load: () => Promise<T>, scope: CacheScope = 'file'): Promise<T> => {
        const s = this.store;
        if (this.begunAt === null || this.trace.pathChanged || this.trace.wrote) return load();
        if (scope === 'file') return s.fileAt === this.snapshot && s.fileEntries.has(key) ? (s.fileEntries.get(key) as T) : load();
        return s.at === this.begunAt && s.entries.has(key) ? (s.entries.get(key) as T) : load();
      },
    };
  }

  async get<T>(key: string, load: () => Promise<T>, scope: CacheScope = 'file'): Promise<T> {
    if (this.begunAt === null || this.trace.pathChanged) return load();
    const s = this.store;
    if (scope === 'file') {
      // after this transaction's own writes what it reads is not the snapshot's: neither taken nor kept
      if (this.trace.wrote || this.snapshot === null) return load();
      if (s.fileAt === this.snapshot && s.fileEntries.has(key)) return s.fileEntries.get(key) as T;
      s.fileLoads++;
      const value = deepFreeze(await load());
      if (this.trace.wrote || this.trace.pathChanged) return value;
      if (s.fileAt !== this.snapshot) {
        s.fileEntries.clear();
        s.fileAt = this.snapshot;
      }
      s.fileEntries.set(key, value);
      return value;
    }
    if (!this.trace.wrote) {
      if (s.at === this.begunAt && s.entries.has(key)) return s.entries.get(key) as T;
      s.loads++;
      const value = deepFreeze(await load());
      // A transaction that began under an older counter than the store's holds values of the past: not kept.
      if (this.trace.wrote || this.trace.pathChanged || (s.at !== null && this.begunAt < s.at)) return value;
      if (s.at !== this.begunAt) {
        s.entries.clear();
        s.at = this.begunAt;
      }
      s.entries.set(key, value);
      return value;
    }
    // After this transaction's own writes: a kept value is right only if the counter has not moved. Writes that
    // name none of the reference tables cannot move it (its triggers are on those tables alone): the counter read
    // with BEGIN still holds. After one that does, the counter is read again after each new write; nothing is put in.
    if (this.trace.referenceWrites === 0) {
      if (s.at === this.begunAt && s.entries.has(key)) return s.entries.get(key) as T;
      s.loads++;
      return load();
    }
    if (this.after === null || this.writesSeen !== this.trace.writes) {
      this.writesSeen = this.trace.writes;
      this.after = { version: await this.readVersion() };
    }
    if (this.after.version !== null && this.after.version === s.at && s.entries.has(key)) return s.entries.get(key) as T;
    s.loads++;
    return load();
  }
}
