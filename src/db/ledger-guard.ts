/**
 * The running app's own check of the rows that say who someone is and what they may do. verify names a role
 * or a PIN hash put in by hand at the next check or backup; until then the app would act on it. So before a
 * person is trusted, their staff row, roles and PIN credentials must be exactly what their latest chain entry
 * holds, under a genuine keyed link (the HMAC only this office's key makes, src/db/open.ts `sd_hmac`). A row
 * that is not is ignored (a role) or refuses the sign-in (a PIN), and is named in the log.
 */
import { type Kysely, sql } from 'kysely';
import { engineOf } from './engine';
import { MUTABLE_TABLES, rowJson } from './ledger';

type GuardedTable = 'staff' | 'staff_roles' | 'staff_credentials';
const PERSON_COLUMN: Record<GuardedTable, string> = { staff: 'id', staff_roles: 'staff_id', staff_credentials: 'staff_id' };

/** This person's rows in `table` that the chain does not vouch for, as they are now. */
export async function unchainedRowsOf(db: Kysely<any>, table: GuardedTable, staffId: string): Promise<Record<string, unknown>[]> {
  const person = sql`${sql.ref(PERSON_COLUMN[table])} = ${staffId}`;
  // No ledger at all is not "nothing to check": every row is unvouched for.
  const recorded = await sql<{ columns: string }>`SELECT columns FROM ledger_tables WHERE table_name = ${table}`
    .execute(db)
    .catch(() => null);
  const columns = recorded?.rows[0] ? (JSON.parse(recorded.rows[0].columns) as string[]) : null;
  if (!columns) return (await sql<Record<string, unknown>>`SELECT * FROM ${sql.table(table)} WHERE ${person}`.execute(db)).rows;
  if (engineOf(db) === 'postgres') return unchainedOnPostgres(db, table, person);
  const rows = await sql<{ row: string }>`
    WITH cur AS (
      SELECT ${sql.raw(MUTABLE_TABLES[table]!.key(''))} AS k, sd_sha256(${`${table}|`} || ${sql.raw(rowJson('', columns))}) AS h, ${sql.raw(rowJson('', columns))} AS row
      FROM ${sql.table(table)} WHERE ${person}
    )
    SELECT cur.row AS row FROM cur
    LEFT JOIN ledger_chain e ON e.seq = (SELECT max(seq) FROM ledger_chain WHERE table_name = ${table} AND row_key = cur.k)
    WHERE e.seq IS NULL OR e.row_hash IS NOT cur.h
       OR e.chain_hash IS NOT sd_hmac(coalesce((SELECT p.chain_hash FROM ledger_chain p WHERE p.seq < e.seq ORDER BY p.seq DESC LIMIT 1), '') || ${`|${table}|`} || cur.k || '|' || e.row_hash)`.execute(
    db,
  );
  return rows.rows.map((r) => JSON.parse(r.row) as Record<string, unknown>);
}

/** The same check in PostgreSQL's words: the row's key and hash by the functions its ledger triggers use. */
async function unchainedOnPostgres(
  db: Kysely<any>,
  table: GuardedTable,
  person: ReturnType<typeof sql>,
): Promise<Record<string, unknown>[]> {
  const rows = await sql<{ row: Record<string, unknown> }>`
    WITH cur AS (
      SELECT sd_row_key(${table}, to_jsonb(t)) AS k, sd_row_hash(${table}, to_jsonb(t)) AS h, to_jsonb(t) AS row
      FROM ${sql.table(table)} t WHERE ${person}
    )
    SELECT cur.row AS row FROM cur
    LEFT JOIN ledger_chain e ON e.seq = (SELECT max(seq) FROM ledger_chain WHERE table_name = ${table} AND row_key = cur.k)
    WHERE e.seq IS NULL OR e.row_hash IS DISTINCT FROM cur.h
       OR e.chain_hash IS DISTINCT FROM sd_hmac(coalesce((SELECT p.chain_hash FROM ledger_chain p WHERE p.seq < e.seq ORDER BY p.seq DESC LIMIT 1), '') || ${`|${table}|`} || cur.k || '|' || e.row_hash)`.execute(
    db,
  );
  return rows.rows.map((r) => r.row);
}
