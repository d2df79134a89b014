import { type Kysely, type Transaction, sql } from 'kysely';
import type { Database } from './schema';

export type Tx = Kysely<Database> | Transaction<Database>;

/**
 * Runs `fn` in one write transaction taken with BEGIN IMMEDIATE: the write lock is held from the first
 * read, so two desks (two connections on one file) cannot both read the same queue head and both assign
 * it. Within one process Kysely's single connection already serialises callers.
 */
export async function inWriteTransaction<T>(db: Kysely<Database>, fn: (tx: Kysely<Database>) => Promise<T>): Promise<T> {
  return db.connection().execute(async (conn) => {
    await sql`BEGIN IMMEDIATE`.execute(conn);
    try {
      const out = await fn(conn);
      await sql`COMMIT`.execute(conn);
      return out;
    } catch (e) {
      // SQLite has already rolled back after some errors (a full disk, say); keep the first error.
      await sql`ROLLBACK`.execute(conn).catch(() => undefined);
      throw e;
    }
  });
}
