import type { Kysely } from 'kysely';
import type { Database } from './schema';

/**
 * The database as a read sees it: no write builders, nor the doors to them (a CTE's `with` offers insertInto,
 * `transaction`/`connection` a whole Kysely). A `read` method's handler gets this type, so one that tries to
 * write does not compile; helpers that reads use take it too. A write's Kysely<Database> is a ReadTx as well.
 * Raw `sql` can still say anything: PRAGMA query_only (src/db/transaction.ts) refuses it at run time.
 */
export type ReadTx = Omit<
  Kysely<Database>,
  | 'insertInto'
  | 'updateTable'
  | 'deleteFrom'
  | 'replaceInto'
  | 'mergeInto'
  | 'with'
  | 'withRecursive'
  | 'transaction'
  | 'startTransaction'
  | 'connection'
  | 'withPlugin'
  | 'withoutPlugins'
  | 'withSchema'
  | 'withTables'
>;
