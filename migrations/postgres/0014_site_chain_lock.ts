/**
 * Frozen in time: never import app code here, never edit after release.
 * Version 14: the ledger chain's lock per site (issue 16 item 4). The baseline's sd_chain took one advisory lock
 * for the whole database (7166210), held to the end of the transaction, so a chained write at one site made every
 * other site's wait although each site's chain is its own (ledger_chain in the site's schema). Now the lock is keyed
 * by the schema the chain lives in: appends to one site's chain still go one transaction at a time, and under READ
 * COMMITTED the head read after the lock is that chain's newest committed link; another site's chain is not held.
 * The body names no schema (current_schema() at run time is the site's: its own search_path), so every site's
 * function is the same text and the ledger check knows it by one hash (src/db/ledger-postgres.ts).
 */
import { type Kysely, sql } from 'kysely';

export async function up(db: Kysely<any>): Promise<void> {
  await sql
    .raw(
      `CREATE OR REPLACE FUNCTION sd_chain(tbl text, rid bigint, rkey text, rhash text) RETURNS void LANGUAGE plpgsql AS $$
   DECLARE prev text;
   BEGIN
     PERFORM pg_advisory_xact_lock(7166210, hashtext(current_schema()));
     SELECT chain_hash INTO prev FROM ledger_chain ORDER BY seq DESC LIMIT 1;
     INSERT INTO ledger_chain (table_name, row_id, row_key, row_hash, chain_hash)
       VALUES (tbl, rid, rkey, rhash, sd_hmac(coalesce(prev, '') || '|' || tbl || '|' || coalesce(rkey, rid::text) || '|' || rhash));
   END $$`,
    )
    .execute(db);
}
