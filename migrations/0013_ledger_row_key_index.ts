/**
 * Frozen in time. The latest chain entry of one row of a mutable table (staff, roles, PIN credentials,
 * customers), found without reading the chain: the app checks the acting person's rows against it before
 * trusting them (src/db/ledger.ts `unchainedRows`). Partial: fact rows have no row_key.
 */
import { type Kysely, sql } from 'kysely';

export async function up(db: Kysely<any>): Promise<void> {
  await sql`CREATE INDEX ledger_chain_row_key ON ledger_chain (table_name, row_key, seq) WHERE row_key IS NOT NULL`.execute(db);
}
