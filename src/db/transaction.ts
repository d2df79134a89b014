import { type Kysely, sql } from 'kysely';
import { attachReferenceCache, detachReferenceCache, ReferenceCache, referenceCacheOf } from './reference-cache';
import { BEGIN_VERSION_SQL, PostgresTransactionCache, REFERENCE_VERSION_SQL } from './reference-cache-postgres';
import { engineOf, markEngine } from './engine';
import { flushLater, postgresSourceOf } from './postgres';
import type { Database } from './schema';

/**
 * Runs `fn` in one transaction on the single connection. Writes take BEGIN IMMEDIATE: the write lock is
 * held from the first read, so two desks (two connections on one file) cannot both read the same queue
 * head and both assign it. Reads take a plain BEGIN: one consistent snapshot while another connection
 * writes, and `PRAGMA query_only` for its length, so a read that tries to write fails. Within one process Kysely's single connection already serialises callers.
 */
export async function inTransaction<T>(db: Kysely<Database>, mode: 'write' | 'read', fn: (tx: Kysely<Database>) => Promise<T>): Promise<T> {
  if (engineOf(db) === 'postgres') return inPostgresTransaction(db, mode, fn);
  const kept = referenceCacheOf(db);
  const cache = kept instanceof ReferenceCache ? kept : undefined;
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
 * PostgreSQL: a write takes its site's write lock first (a transaction-scoped advisory lock keyed by the site's schema,
 * the connection's current one: src/db/sites.ts), so writes at one site run one at a time as on SQLite — two desks
 * cannot both read the same queue head and both assign it — while desks at two sites do not wait for each other. Each
 * statement under READ COMMITTED sees every write committed before the lock was granted. A read is one REPEATABLE
 * READ snapshot, READ ONLY: the server refuses any write inside it.
 */
export const WRITE_LOCK = 7166209;

/** The one text of the site's write lock: BEGIN's round trip, takeWriteLock and the benchmark's raw side take the same lock. */
export const WRITE_LOCK_SQL = `SELECT pg_advisory_xact_lock(${WRITE_LOCK}::integer, hashtext(current_schema()))`;

/** Takes the write lock of the site whose schema the connection sees, inside the caller's transaction (held until it ends). */
export async function takeWriteLock(conn: Kysely<any>): Promise<void> {
  await sql.raw(WRITE_LOCK_SQL).execute(conn);
}

const BEGIN = {
  write: `BEGIN ISOLATION LEVEL READ COMMITTED; ${WRITE_LOCK_SQL}`,
  read: 'BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY',
} as const;

/**
 * One round trip opens the transaction: BEGIN, the write lock and the site's reference counter (the reference cache,
 * src/db/reference-cache-postgres.ts), sent as one simple query. The counter is read after the lock, so it is the
 * one every write committed before this transaction's left behind; in a read, it is read in the snapshot every
 * later statement sees.
 *
 * A transaction that sent nothing but reads (a READ ONLY one, or a write that found nothing to write: a desk's
 * lookup) has its answer once its last read returned: its COMMIT only ends it, so the answer does not wait for it;
 * the connection goes back to the pool when the COMMIT is done. A transaction that wrote returns after its COMMIT.
 */
async function inPostgresTransaction<T>(
  db: Kysely<Database>,
  mode: 'write' | 'read',
  fn: (tx: Kysely<Database>) => Promise<T>,
): Promise<T> {
  const source = postgresSourceOf(db);
  if (!source) return inPostgresConnection(db, mode, fn);
  const c = await source.take();
  const { client, db: tx, trace } = c;
  const { store } = source;
  let released = false;
  const release = (e?: Error) => {
    if (released) return;
    released = true;
    client.release(e);
  };
  try {
    let version: number | null = null;
    let snapshot: string | null = null;
    if (!store.ready) {
      const there = await client.query<{ t: string | null }>("SELECT to_regclass('reference_versions')::text AS t");
      store.ready = !!there.rows[0]?.t;
    }
    if (store.ready) {
      const results = (await client.query(`${BEGIN[mode]}; ${BEGIN_VERSION_SQL}`)) as unknown as {
        rows: { version: number; snapshot: string }[];
      }[];
      const row = results.at(-1)?.rows[0];
      version = row?.version ?? null;
      snapshot = row?.snapshot ?? null;
    } else await client.query(BEGIN[mode]);
    const readVersion = async () => {
      await flushLater(c);
      return (await client.query<{ version: number }>(REFERENCE_VERSION_SQL)).rows[0]?.version ?? null;
    };
    attachReferenceCache(tx, new PostgresTransactionCache(store, version, snapshot, trace, readVersion));
    let out: T;
    try {
      out = await fn(tx);
    } catch (e) {
      await client.query('ROLLBACK').then(
        () => release(),
        (r: Error) => release(r),
      );
      throw e;
    } finally {
      detachReferenceCache(tx);
    }
    if (!trace.wrote) {
      void client.query('COMMIT').then(
        () => release(),
        (e: Error) => release(e),
      );
      return out;
    }
    // the writes that waited for the COMMIT (the audit row: src/db/postgres.ts writeAtCommit) go with it
    const tail = c.later.splice(0);
    try {
      await client.query(tail.length ? `${tail.join('; ')}; COMMIT` : 'COMMIT');
    } catch (e) {
      // one of them failed: the transaction is aborted and nothing of it is kept; it is ended before the connection goes back
      if (tail.length)
        await client.query('ROLLBACK').then(
          () => release(),
          (r: Error) => release(r),
        );
      throw e;
    }
    release();
    return out;
  } catch (e) {
    // BEGIN or COMMIT failed: the connection may be broken; the pool drops it rather than lend it again
    release(e as Error);
    throw e;
  }
}

/** A Kysely that openPostgres did not make (a migration's connection): the transaction over Kysely's own connection. */
async function inPostgresConnection<T>(db: Kysely<Database>, mode: 'write' | 'read', fn: (tx: Kysely<Database>) => Promise<T>): Promise<T> {
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
