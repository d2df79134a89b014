/**
 * Frozen in time. Version 14 is PostgreSQL's: an office group's ledger chain lock taken per site
 * (migrations/postgres/0014_site_chain_lock), so chained writes at two sites no longer wait for each other. A
 * single office's SQLite file is one site with one writer at a time (BEGIN IMMEDIATE): nothing changes in it; the
 * step exists so both engines stay at the same schema version.
 */
import type { Kysely } from 'kysely';

export async function up(_db: Kysely<any>): Promise<void> {
  // nothing to change on SQLite (see above)
}
