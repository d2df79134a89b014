/**
 * What nearly every call reads and almost none changes — the acting person and their roles, the policy
 * versions, staff names, today's queue — kept between calls while SQLite says it is unchanged:
 *
 * - scope 'reference' (staff, roles, policy): until the counter that triggers move on any change to those
 *   tables, from any program or connection (migrations/0009), moves;
 * - scope 'file' (today's queue): until anything in the file changes — `data_version` moves when another
 *   connection commits, `total_changes()` when this one writes, by any code path.
 *
 * Inside a transaction that has written, nothing is put into the cache (those writes may still be rolled
 * back), and only reference values whose counter has not moved are read from it.
 *
 * Within a transaction that has not written, neither can move for it (its snapshot is fixed at BEGIN, and only
 * its own writes would move total_changes() or the counter): both are read once, at BEGIN, not at every cached
 * read — a desk lookup makes about ten. Any statement that may write, run through the statement cache (every
 * statement Kysely runs: src/db/open.ts), ends that until the next BEGIN.
 */
import type BetterSqlite3 from 'better-sqlite3';
import type { Kysely } from 'kysely';
import type { ReadTx } from './read-tx';

interface Generation {
  dv: number;
  tc: number;
}

export type CacheScope = 'file' | 'reference';

/** What cachedRead asks of an engine's cache: SQLite's below, PostgreSQL's in src/db/reference-cache-postgres.ts. */
export interface ReadCache {
  get<T>(key: string, load: () => Promise<T>, scope?: CacheScope): Promise<T>;
}

export class ReferenceCache implements ReadCache {
  private readonly generation: BetterSqlite3.Statement<[], Generation>;
  /** prepared on first use: the table exists only once migrations/0009 has run */
  private referenceVersion: BetterSqlite3.Statement<[], number> | null | undefined;
  private readonly kept: Record<CacheScope, { at: string; entries: Map<string, unknown> }> = {
    file: { at: '', entries: new Map() },
    reference: { at: '', entries: new Map() },
  };
  /** total_changes() when the transaction now open began (null: none of ours is open) */
  private cleanAt: number | null = null;
  /** the generation and reference counter read at BEGIN, while the transaction has run nothing that may write */
  private clean: { generation: Generation; reference?: string | null } | null = null;

  constructor(private readonly raw: BetterSqlite3.Database) {
    this.generation = raw.prepare('SELECT (SELECT data_version FROM pragma_data_version()) AS dv, total_changes() AS tc');
  }

  /** Called right after BEGIN (the generation read also starts the transaction's snapshot). */
  began(): void {
    const generation = this.generation.get()!;
    this.cleanAt = generation.tc;
    this.clean = { generation };
  }

  ended(): void {
    this.cleanAt = null;
    this.clean = null;
  }

  /** A statement that may write is about to run (src/db/open.ts withStatementCache): generations are read again. */
  mayWrite(): void {
    this.clean = null;
  }

  private versionOf(scope: CacheScope, dv: number, tc: number): string | null {
    if (scope === 'file') return `${dv}:${tc}`;
    const clean = this.clean;
    if (clean && clean.reference !== undefined) return clean.reference;
    const version = this.referenceVersionNow();
    if (clean) clean.reference = version;
    return version;
  }

  private referenceVersionNow(): string | null {
    if (this.referenceVersion === undefined) {
      try {
        this.referenceVersion = this.raw
          .prepare("SELECT version FROM reference_versions WHERE name = 'reference'")
          .pluck() as BetterSqlite3.Statement<[], number>;
      } catch {
        this.referenceVersion = null; // a database not migrated yet: nothing is kept
      }
    }
    const v = this.referenceVersion?.get();
    return v === undefined ? null : String(v);
  }

  async get<T>(key: string, load: () => Promise<T>, scope: CacheScope = 'file'): Promise<T> {
    const inTransaction = this.raw.inTransaction;
    const { dv, tc } = (inTransaction && this.clean?.generation) || this.generation.get()!;
    const written = inTransaction && this.cleanAt !== tc;
    if (written && scope === 'file') return load();
    const version = this.versionOf(scope, dv, tc);
    if (version === null) return load();
    const kept = this.kept[scope];
    // After this transaction's own writes a kept reference value is still right if the counter has not moved
    // (its writes did not touch staff, roles or policy); nothing is put in, as it could be rolled back.
    if (kept.at === version && kept.entries.has(key)) return kept.entries.get(key) as T;
    if (written) return load();
    if (kept.at !== version) {
      kept.entries.clear();
      kept.at = version;
    }
    // Frozen: every caller shares this value; a mutation would change what the next call reads.
    const value = deepFreeze(await load());
    kept.entries.set(key, value);
    return value;
  }
}

export function deepFreeze<T>(value: T): T {
  if (value && typeof value === 'object' && !Object.isFrozen(value)) {
    Object.freeze(value);
    for (const v of Object.values(value)) deepFreeze(v);
  }
  return value;
}

/** Each Kysely instance (the root, and each connection it lends a transaction) → its database's cache. */
const caches = new WeakMap<object, ReadCache>();

export function attachReferenceCache(db: Kysely<any>, cache: ReadCache): void {
  caches.set(db, cache);
}

/** PostgreSQL: a pooled connection's Kysely is lent to one transaction after another, each with a cache view of its own. */
export function detachReferenceCache(db: Kysely<any>): void {
  caches.delete(db);
}

export function referenceCacheOf(db: Kysely<any>): ReadCache | undefined {
  return caches.get(db);
}

/** `load()` through the cache when `tx` has one (the app's database); straight through otherwise. */
export function cachedRead<T>(tx: ReadTx, key: string, load: () => Promise<T>, scope: CacheScope = 'file'): Promise<T> {
  const cache = caches.get(tx);
  return cache ? cache.get(key, load, scope) : load();
}
