/**
 * What nearly every call reads and almost none changes — the acting person and their roles, the policy
 * versions, staff names, today's queue — kept between calls while the database file is unchanged.
 *
 * "Unchanged" is asked of SQLite, not assumed: `data_version` moves when another connection (a second desk
 * process) commits, `total_changes()` when this one writes, by any code path. Inside a transaction that has
 * written, nothing is read from or put into the cache: those writes may still be rolled back.
 */
import type BetterSqlite3 from 'better-sqlite3';
import type { Kysely } from 'kysely';

interface Generation {
  dv: number;
  tc: number;
}

export class ReferenceCache {
  private readonly generation: BetterSqlite3.Statement<[], Generation>;
  private current = '';
  private readonly entries = new Map<string, unknown>();
  /** total_changes() when the transaction now open began (null: none of ours is open) */
  private cleanAt: number | null = null;

  constructor(private readonly raw: BetterSqlite3.Database) {
    this.generation = raw.prepare('SELECT (SELECT data_version FROM pragma_data_version()) AS dv, total_changes() AS tc');
  }

  /** Called right after BEGIN (the generation read also starts the transaction's snapshot). */
  began(): void {
    this.cleanAt = this.generation.get()!.tc;
  }

  ended(): void {
    this.cleanAt = null;
  }

  async get<T>(key: string, load: () => Promise<T>): Promise<T> {
    const { dv, tc } = this.generation.get()!;
    if (this.raw.inTransaction && this.cleanAt !== tc) return load();
    const generation = `${dv}:${tc}`;
    if (generation !== this.current) {
      this.entries.clear();
      this.current = generation;
    }
    if (this.entries.has(key)) return this.entries.get(key) as T;
    // Frozen: every caller shares this value; a mutation would change what the next call reads.
    const value = deepFreeze(await load());
    this.entries.set(key, value);
    return value;
  }
}

function deepFreeze<T>(value: T): T {
  if (value && typeof value === 'object' && !Object.isFrozen(value)) {
    Object.freeze(value);
    for (const v of Object.values(value)) deepFreeze(v);
  }
  return value;
}

/** Each Kysely instance (the root, and each connection it lends a transaction) → its database's cache. */
const caches = new WeakMap<object, ReferenceCache>();

export function attachReferenceCache(db: Kysely<any>, cache: ReferenceCache): void {
  caches.set(db, cache);
}

export function referenceCacheOf(db: Kysely<any>): ReferenceCache | undefined {
  return caches.get(db);
}

/** `load()` through the cache when `tx` has one (the app's database); straight through otherwise. */
export function cachedRead<T>(tx: Kysely<any>, key: string, load: () => Promise<T>): Promise<T> {
  const cache = caches.get(tx);
  return cache ? cache.get(key, load) : load();
}
