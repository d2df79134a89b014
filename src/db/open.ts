import { createHash } from 'node:crypto';
import BetterSqlite3 from 'better-sqlite3';
import { Kysely, SqliteDialect } from 'kysely';
import { hmac, ledgerKeyFor } from './ledger-key';
import { attachReferenceCache, ReferenceCache } from './reference-cache';
import type { Database } from './schema';
import { refuseSaying } from '../api/errors';

export interface OpenOptions {
  /** Path of the Electron-ABI build of better-sqlite3 (the desktop app); tests and web mode use node_modules'. */
  nativeBinding?: string;
  readonly?: boolean;
  /** WAL for the live database; DELETE for a backup file, so it is one self-contained file */
  journal?: 'WAL' | 'DELETE';
  /** The ledger key (src/db/ledger-key); by default the office's in scope, else a key file beside `path`. */
  ledgerKey?: Buffer | null;
}

/** The key each open connection chains and verifies with (null: none was found). */
const keys = new WeakMap<BetterSqlite3.Database, Buffer | null>();
export const ledgerKeyOf = (raw: BetterSqlite3.Database): Buffer | null => keys.get(raw) ?? null;

/**
 * The desktop app's Electron-ABI build of better-sqlite3, remembered once by openApp so every later
 * open (backups, their verification, restore) loads the same build.
 */
let defaultNativeBinding: string | undefined;
export function useNativeBinding(path: string | undefined): void {
  defaultNativeBinding = path;
}

export interface DatabaseHandle {
  db: Kysely<Database>;
  raw: BetterSqlite3.Database;
  statements: StatementCache;
  close(): Promise<void>;
}

/**
 * Opens (creating if needed) a Salesdesk database file, or ':memory:'.
 *
 * synchronous=FULL: this file is a commission ledger. WAL+NORMAL cannot corrupt the file but may lose the
 * last commits on power loss, and a lost registration is a lost customer for a consultant. FULL costs one
 * extra fsync per commit, well inside the 2 ms walk-in budget on an SSD.
 */
export function openDatabase(path: string, options: OpenOptions = {}): DatabaseHandle {
  const nativeBinding = options.nativeBinding ?? defaultNativeBinding;
  const raw = new BetterSqlite3(path, {
    timeout: 5000, // busy timeout: a second desk writing waits instead of failing
    readonly: options.readonly ?? false,
    ...(nativeBinding ? { nativeBinding } : {}),
  });
  try {
    // Set on every open: the connection that first switches to WAL can report the old mode until reopened.
    if (path !== ':memory:' && !options.readonly) raw.pragma(`journal_mode = ${options.journal ?? 'WAL'}`);
    raw.pragma('synchronous = FULL');
    raw.pragma('foreign_keys = ON');
  } catch (e) {
    // A file SQLite opens but cannot use (a read-only folder: no WAL): the caller tries again or gives up,
    // and must not find the file still held open by this attempt (the folder could not be unmounted).
    raw.close();
    throw e;
  }
  // The ledger triggers hash each row with sd_sha256 and link it into the chain with sd_hmac (migrations/0012).
  raw.function('sd_sha256', { deterministic: true }, (text: unknown) => createHash('sha256').update(String(text)).digest('hex'));
  const key = options.ledgerKey === undefined ? ledgerKeyFor(path) : options.ledgerKey;
  keys.set(raw, key);
  raw.function('sd_hmac', { deterministic: true }, (text: unknown) => {
    if (!key)
      throw refuseSaying(
        'ledger_key_missing',
        undefined,
        '没有账本密钥，不能写入账本：请检查密钥文件 salesdesk.key（或 SALESDESK_LEDGER_KEY_FILE） (no ledger key: check salesdesk.key or SALESDESK_LEDGER_KEY_FILE)',
      );
    return hmac(key, String(text));
  });
  const cache = new ReferenceCache(raw);
  const statements = withStatementCache(raw, 500, () => cache.mayWrite());
  const db = new Kysely<Database>({ dialect: new SqliteDialect({ database: statements }) });
  attachReferenceCache(db, cache);
  return {
    db,
    raw,
    statements,
    close: async () => {
      await db.destroy(); // closes `raw` only if Kysely ever used it
      if (raw.open) raw.close();
    },
  };
}

/**
 * Kysely prepares every statement it runs; SQLite's prepare is most of a small query's cost (a desk lookup
 * runs about fifteen). The same SQL text gets the same prepared statement back: safe because Kysely
 * runs one statement at a time on this single connection and never streams, and SQLite re-prepares a
 * statement itself when the schema changes. Bounded, least recently used first out: `IN (?, ?, …)` lists
 * of many lengths would otherwise grow it without end.
 */
export interface StatementCache {
  prepare(sql: string): BetterSqlite3.Statement;
  close(): void;
  /** Sees the SQL of every statement Kysely runs (the query-plan tests): hits and misses alike. */
  observer: ((sql: string) => void) | null;
}

export function withStatementCache(raw: BetterSqlite3.Database, size = 500, mayWrite?: () => void): StatementCache {
  const cache = new Map<string, BetterSqlite3.Statement>();
  return {
    observer: null,
    prepare(sql: string): BetterSqlite3.Statement {
      this.observer?.(sql);
      let stmt = cache.get(sql);
      if (stmt) cache.delete(sql);
      else {
        stmt = raw.prepare(sql);
        if (cache.size >= size) cache.delete(cache.keys().next().value!);
      }
      cache.set(sql, stmt);
      // the reference cache trusts the generations it read at BEGIN only until a statement that may write runs
      if (!stmt.reader) mayWrite?.();
      return stmt;
    },
    close(): void {
      cache.clear();
      if (raw.open) raw.close();
    },
  };
}
