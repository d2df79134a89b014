/**
 * Frozen in time. The ledger chain gets a key and covers the mutable tables that decide who may do what
 * and who is paid (issue 13, point 8):
 *
 * - each link is now HMAC-SHA256(key, previous link | table | row key | row hash) with `sd_hmac`, whose key
 *   lives in a file outside the database (src/db/ledger-key): the public SHA-256 alone no longer extends it;
 * - staff, staff_roles, staff_credentials, customers and grade_labels are chained on INSERT, UPDATE and
 *   DELETE: every change appends an entry holding the row's new hash under its key (`row_key`), a delete
 *   appends the tombstone 'deleted';
 * - `ledger_key` holds an HMAC of a fixed text, so verify can tell "wrong key" from "tampered".
 *
 * The existing chain is first verified with the plain hash it was built with, and only then re-keyed
 * (one transaction, with the migration): a chain already broken is refused, never blessed with the key.
 */
import { type Kysely, sql } from 'kysely';

/** Mutable tables: their row key and the integer row id kept in `row_id` (0 when the key is text). */
const MUTABLE: Record<string, { key: (p: string) => string; rowId: (p: string) => string }> = {
  staff: { key: (p) => `${p}"id"`, rowId: () => '0' },
  staff_roles: { key: (p) => `json_array(${p}"staff_id", ${p}"role")`, rowId: () => '0' },
  staff_credentials: { key: (p) => `${p}"staff_id"`, rowId: () => '0' },
  customers: { key: (p) => `CAST(${p}"id" AS TEXT)`, rowId: (p) => `${p}"id"` },
  grade_labels: { key: (p) => `${p}"grade"`, rowId: () => '0' },
};

const json = (p: string, cols: string[]) => `json_object(${cols.map((c) => `'${c}', ${p}"${c}"`).join(', ')})`;
const LAST = `coalesce((SELECT chain_hash FROM ledger_chain ORDER BY seq DESC LIMIT 1), '')`;

/** One chain entry, appended from inside a trigger. */
function entry(table: string, rowId: string, storedKey: string, linkKey: string, rowHash: string, when = ''): string {
  return `INSERT INTO ledger_chain (table_name, row_id, row_key, row_hash, chain_hash)
    SELECT '${table}', ${rowId}, ${storedKey}, h.row_hash, sd_hmac(${LAST} || '|${table}|' || ${linkKey} || '|' || h.row_hash)
    FROM (SELECT ${rowHash} AS row_hash) AS h${when};`;
}

const columnsOf = async (db: Kysely<any>, table: string) =>
  (await sql<{ name: string }>`SELECT name FROM pragma_table_info(${table})`.execute(db)).rows.map((r) => r.name);
const count = async (db: Kysely<any>, query: string) => Number((await sql.raw<{ n: number }>(query).execute(db)).rows[0]!.n);

async function verifyUnkeyedChain(db: Kysely<any>, facts: { table_name: string; columns: string }[]): Promise<void> {
  const broken = await count(
    db,
    `SELECT count(*) AS n FROM (SELECT chain_hash, row_hash, lag(chain_hash, 1, '') OVER (ORDER BY seq) AS prev FROM ledger_chain) WHERE sd_sha256(prev || row_hash) <> chain_hash`,
  );
  let rows = 0;
  for (const { table_name: t, columns } of facts) {
    const h = `sd_sha256('${t}|' || ${json('r.', JSON.parse(columns) as string[])})`;
    rows += await count(
      db,
      `SELECT count(*) AS n FROM ledger_chain c LEFT JOIN "${t}" r ON r.id = c.row_id WHERE c.table_name = '${t}' AND (r.id IS NULL OR ${h} <> c.row_hash)`,
    );
    rows += await count(
      db,
      `SELECT count(*) AS n FROM "${t}" r WHERE NOT EXISTS (SELECT 1 FROM ledger_chain c WHERE c.table_name = '${t}' AND c.row_id = r.id)`,
    );
  }
  if (broken + rows > 0) {
    throw new Error(
      `账本链校验未通过（${broken} 处链接断开，${rows} 行与账本不符），未升级：请先从最近的完好备份恢复，或请技术支持检查这个文件`,
    );
  }
}

export async function up(db: Kysely<any>): Promise<void> {
  // Fails here, and rolls the whole migration back, when the connection has no key.
  await sql`SELECT sd_hmac('') AS k`.execute(db);
  const facts = (
    await sql<{ table_name: string; columns: string }>`SELECT table_name, columns FROM ledger_tables ORDER BY table_name`.execute(db)
  ).rows;
  await verifyUnkeyedChain(db, facts);

  await sql`ALTER TABLE ledger_chain ADD COLUMN row_key TEXT`.execute(db);
  await sql`CREATE TABLE ledger_key (id INTEGER PRIMARY KEY CHECK (id = 1), check_hash TEXT NOT NULL)`.execute(db);
  await sql`INSERT INTO ledger_key (id, check_hash) VALUES (1, sd_hmac('salesdesk ledger key check'))`.execute(db);
  for (const op of ['UPDATE', 'DELETE']) {
    await sql
      .raw(
        `CREATE TRIGGER ledger_key_no_${op.toLowerCase()} BEFORE ${op} ON ledger_key BEGIN SELECT RAISE(ABORT, 'ledger_key is insert-only'); END`,
      )
      .execute(db);
  }

  // Rows of the mutable tables as they stand now become their first entries.
  for (const [table, m] of Object.entries(MUTABLE)) {
    const cols = await columnsOf(db, table);
    await sql`INSERT INTO ledger_tables (table_name, columns) VALUES (${table}, ${JSON.stringify(cols)})`.execute(db);
    await sql
      .raw(
        `INSERT INTO ledger_chain (table_name, row_id, row_key, row_hash, chain_hash)
            SELECT '${table}', ${m.rowId('')}, ${m.key('')}, sd_sha256('${table}|' || ${json('', cols)}), '' FROM "${table}" ORDER BY ${m.key('')}`,
      )
      .execute(db);
  }

  // Re-key every link in order (the chain is insert-only: its guard is lifted for this statement only).
  await sql`DROP TRIGGER ledger_chain_no_update`.execute(db);
  await sql`CREATE TEMP TABLE ledger_rekey (seq INTEGER PRIMARY KEY, h TEXT NOT NULL)`.execute(db);
  await sql`INSERT INTO temp.ledger_rekey (seq, h)
    WITH RECURSIVE c(seq, h) AS (
      SELECT 0, ''
      UNION ALL
      SELECT l.seq, sd_hmac(c.h || '|' || l.table_name || '|' || coalesce(l.row_key, l.row_id) || '|' || l.row_hash)
      FROM c JOIN ledger_chain l ON l.seq = (SELECT min(seq) FROM ledger_chain WHERE seq > c.seq)
    )
    SELECT seq, h FROM c WHERE seq > 0`.execute(db);
  await sql`UPDATE ledger_chain SET chain_hash = (SELECT h FROM temp.ledger_rekey r WHERE r.seq = ledger_chain.seq)`.execute(db);
  await sql`DROP TABLE temp.ledger_rekey`.execute(db);
  await sql`CREATE TRIGGER ledger_chain_no_update BEFORE UPDATE ON ledger_chain BEGIN SELECT RAISE(ABORT, 'ledger_chain is insert-only'); END`.execute(
    db,
  );

  for (const { table_name: t, columns } of facts) {
    const cols = JSON.parse(columns) as string[];
    await sql.raw(`DROP TRIGGER IF EXISTS "${t}_ledger"`).execute(db);
    await sql
      .raw(
        `CREATE TRIGGER ${t}_ledger AFTER INSERT ON ${t} BEGIN
      ${entry(t, 'NEW."id"', 'NULL', 'NEW."id"', `sd_sha256('${t}|' || ${json('NEW.', cols)})`)}
    END`,
      )
      .execute(db);
  }
  for (const [t, m] of Object.entries(MUTABLE)) {
    const cols = await columnsOf(db, t);
    const row = (p: string) => entry(t, m.rowId(p), m.key(p), m.key(p), `sd_sha256('${t}|' || ${json(p, cols)})`);
    const tombstone = (when = '') => entry(t, m.rowId('OLD.'), m.key('OLD.'), m.key('OLD.'), `'deleted'`, when);
    await sql.raw(`CREATE TRIGGER ${t}_ledger AFTER INSERT ON ${t} BEGIN ${row('NEW.')} END`).execute(db);
    await sql
      .raw(
        `CREATE TRIGGER ${t}_ledger_update AFTER UPDATE ON ${t} BEGIN
      ${tombstone(` WHERE (${m.key('OLD.')}) IS NOT (${m.key('NEW.')})`)}
      ${row('NEW.')}
    END`,
      )
      .execute(db);
    await sql.raw(`CREATE TRIGGER ${t}_ledger_delete AFTER DELETE ON ${t} BEGIN ${tombstone()} END`).execute(db);
  }
}
