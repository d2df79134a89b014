import { type Kysely, sql } from 'kysely';
import { attachReferenceCache, referenceCacheOf } from './reference-cache';
import { engineOf, markEngine } from './engine';
import type { Database } from './schema';

/**
 * Runs `fn` in one transaction on the single connection. Writes take BEGIN IMMEDIATE: the write lock is
 * held from the first read, so two desks (two connections on one file) cannot both read the same queue
 * head and both assign it. Reads take a plain BEGIN: one consistent snapshot while another connection
 * writes, and `PRAGMA query_only` for its length, so a read that tries to write fails. Within one process Kysely's single connection already serialises callers.
 */
export async function inTransaction<T>(db: Kysely<Database>, mode: 'write' | 'read', fn: (tx: Kysely<Database>) => Promise<T>): Promise<T> {
  if (engineOf(db) === 'postgres') return inPostgresTransaction(db, mode, fn);
  const cache = referenceCacheOf(db);
  return db.connection().execute(async (conn) => {
    await sql.raw(mode === 'write' ? 'BEGIN IMMEDIATE' : 'BEGIN').execute(conn);
    // A read cannot write, whatever its code tries: SQLite refuses every change on a query_only connection.
    if (mode === 'read') await sql.raw('PRAGMA query_only = ON').execute(conn);
    if (cache) {
      attachReferenceCache(conn, cache);
      cache.began();
    }
    try {
      const out = await fn(conn);
      await sql`COMMIT`.execute(conn);
      return out;
    } catch (e) {
      // SQLite has already rolled back after some errors (a full disk, say); keep the first error.
      await sql`ROLLBACK`.execute(conn).catch(() => undefined);
      throw e;
    } finally {
      if (mode === 'read') await sql.raw('PRAGMA query_only = OFF').execute(conn);
      cache?.ended();
    }
  });
}

/**
 * PostgreSQL: a write takes the office group's write lock first (a transaction-scoped advisory lock), so writes
 * run one at a time as on SQLite — two desks cannot both read the same queue head and both assign it — and each
 * statement under READ COMMITTED sees every write committed before the lock was granted. A read is one
 * REPEATABLE READ snapshot, READ ONLY: the server refuses any write inside it.
 */
export const WRITE_LOCK = 7166209;

/** Takes the write lock inside the caller's transaction on PostgreSQL (held until it ends). */
export async function takeWriteLock(conn: Kysely<any>): Promise<void> {
  await sql`SELECT pg_advisory_xact_lock(${WRITE_LOCK})`.execute(conn);
}

async function inPostgresTransaction<T>(
  db: Kysely<Database>,
  mode: 'write' | 'read',
  fn: (tx: Kysely<Database>) => Promise<T>,
): Promise<T> {
  return db.connection().execute(async (conn) => {
    markEngine(conn, 'postgres');
    await sql
      .raw(mode === 'write' ? 'BEGIN ISOLATION LEVEL READ COMMITTED' : 'BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY')
      .execute(conn);
    try {
      if (mode === 'write') await takeWriteLock(conn);
      const out = await fn(conn);
      await sql`COMMIT`.execute(conn);
      return out;
    } catch (e) {
      await sql`ROLLBACK`.execute(conn).catch(() => undefined);
      throw e;
    }
  });
}
