/**
 * Frozen in time. Tamper evidence: every row of every insert-only table gets an entry in `ledger_chain`
 * holding a hash of the row and a hash chained over the previous entry, written by an AFTER INSERT
 * trigger (so no service can forget it). `salesdesk verify` recomputes both and names the first row that
 * was changed, deleted or slipped in outside the app. `ledger_tables` freezes which columns each hash
 * covers: a later migration that adds a column to a ledger table must recreate that table's trigger and
 * its `ledger_tables` row together. `sd_sha256` is registered on every connection by src/db/open.ts.
 */
import { type Kysely, sql } from 'kysely';

const LEDGER = [
  'policy_versions',
  'rosters',
  'roster_events',
  'visits',
  'visit_events',
  'registrations',
  'registration_decisions',
  'audit_log',
  'phone_inquiries',
  'announcements',
  'customer_links',
  'referrals',
  'referral_events',
  'company_clients',
  'deals',
  'deal_changes',
  'disputes',
  'dispute_steps',
];

const rowJson = (prefix: string, table: string, columns: string[]) =>
  `json_object(${columns.map((c) => `'${c}', ${prefix}"${c}"`).join(', ')})`;

export async function up(db: Kysely<any>): Promise<void> {
  await sql`CREATE TABLE ledger_tables (table_name TEXT PRIMARY KEY, columns TEXT NOT NULL)`.execute(db);
  await sql`CREATE TABLE ledger_chain (
    seq INTEGER PRIMARY KEY AUTOINCREMENT,
    table_name TEXT NOT NULL,
    row_id INTEGER NOT NULL,
    row_hash TEXT NOT NULL,
    chain_hash TEXT NOT NULL
  )`.execute(db);
  await sql`CREATE INDEX ledger_chain_row ON ledger_chain (table_name, row_id)`.execute(db);
  for (const op of ['UPDATE', 'DELETE']) {
    await sql
      .raw(
        `CREATE TRIGGER ledger_chain_no_${op.toLowerCase()} BEFORE ${op} ON ledger_chain BEGIN SELECT RAISE(ABORT, 'ledger_chain is insert-only'); END`,
      )
      .execute(db);
  }

  // Rows that exist already are chained first, table by table in id order.
  let prev = '';
  for (const table of LEDGER) {
    const cols = (await sql<{ name: string }>`SELECT name FROM pragma_table_info(${table})`.execute(db)).rows.map((r) => r.name);
    await sql`INSERT INTO ledger_tables (table_name, columns) VALUES (${table}, ${JSON.stringify(cols)})`.execute(db);
    const rows = await sql<{
      id: number;
      h: string;
    }>`SELECT id, sd_sha256(${`${table}|`} || ${sql.raw(rowJson('', table, cols))}) AS h FROM ${sql.table(table)} ORDER BY id`.execute(db);
    for (const r of rows.rows) {
      const chain = (await sql<{ c: string }>`SELECT sd_sha256(${prev} || ${r.h}) AS c`.execute(db)).rows[0]!.c;
      await sql`INSERT INTO ledger_chain (table_name, row_id, row_hash, chain_hash) VALUES (${table}, ${r.id}, ${r.h}, ${chain})`.execute(
        db,
      );
      prev = chain;
    }
    await sql
      .raw(
        `CREATE TRIGGER ${table}_ledger AFTER INSERT ON ${table} BEGIN
           INSERT INTO ledger_chain (table_name, row_id, row_hash, chain_hash)
           SELECT '${table}', NEW.id, h.row_hash,
                  sd_sha256(coalesce((SELECT chain_hash FROM ledger_chain ORDER BY seq DESC LIMIT 1), '') || h.row_hash)
           FROM (SELECT sd_sha256('${table}|' || ${rowJson('NEW.', table, cols)}) AS row_hash) AS h;
         END`,
      )
      .execute(db);
  }
}
