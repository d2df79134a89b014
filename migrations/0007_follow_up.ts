/**
 * Frozen in time. Follow-up (R-TRK-1, 2): consultants' follow-up records with a grade, managers' notes to a
 * consultant, and the office's own labels for the grades. Follow-ups and notes are facts: insert-only and
 * chained into the ledger like the tables of 0005 (their trigger and `ledger_tables` row are made here).
 */
import { type Kysely, sql } from 'kysely';

async function ledgerTable(db: Kysely<any>, table: string): Promise<void> {
  for (const op of ['UPDATE', 'DELETE']) {
    await sql
      .raw(
        `CREATE TRIGGER ${table}_no_${op.toLowerCase()} BEFORE ${op} ON ${table} BEGIN SELECT RAISE(ABORT, '${table} is insert-only: records are never altered or deleted'); END`,
      )
      .execute(db);
  }
  const cols = (await sql<{ name: string }>`SELECT name FROM pragma_table_info(${table})`.execute(db)).rows.map((r) => r.name);
  await sql`INSERT INTO ledger_tables (table_name, columns) VALUES (${table}, ${JSON.stringify(cols)})`.execute(db);
  const json = `json_object(${cols.map((c) => `'${c}', NEW."${c}"`).join(', ')})`;
  await sql
    .raw(
      `CREATE TRIGGER ${table}_ledger AFTER INSERT ON ${table} BEGIN
         INSERT INTO ledger_chain (table_name, row_id, row_hash, chain_hash)
         SELECT '${table}', NEW.id, h.row_hash,
                sd_sha256(coalesce((SELECT chain_hash FROM ledger_chain ORDER BY seq DESC LIMIT 1), '') || h.row_hash)
         FROM (SELECT sd_sha256('${table}|' || ${json}) AS row_hash) AS h;
       END`,
    )
    .execute(db);
}

export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('follow_ups')
    .addColumn('id', 'integer', (c) => c.primaryKey().autoIncrement())
    .addColumn('customer_id', 'integer', (c) => c.notNull().references('customers.id'))
    .addColumn('consultant_id', 'text', (c) => c.notNull().references('staff.id'))
    .addColumn('day', 'text', (c) => c.notNull())
    .addColumn('channel', 'text', (c) => c.notNull())
    .addColumn('content', 'text', (c) => c.notNull())
    .addColumn('next_day', 'text')
    .addColumn('grade', 'text')
    .addColumn('at', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('follow_ups_customer').on('follow_ups').columns(['customer_id', 'id']).execute();
  await db.schema.createIndex('follow_ups_consultant').on('follow_ups').columns(['consultant_id', 'next_day']).execute();
  await ledgerTable(db, 'follow_ups');

  await db.schema
    .createTable('manager_notes')
    .addColumn('id', 'integer', (c) => c.primaryKey().autoIncrement())
    .addColumn('consultant_id', 'text', (c) => c.notNull().references('staff.id'))
    .addColumn('customer_id', 'integer', (c) => c.references('customers.id'))
    .addColumn('text', 'text', (c) => c.notNull())
    .addColumn('at', 'text', (c) => c.notNull())
    .addColumn('actor_id', 'text', (c) => c.notNull().references('staff.id'))
    .execute();
  await db.schema.createIndex('manager_notes_consultant').on('manager_notes').columns(['consultant_id', 'id']).execute();
  await ledgerTable(db, 'manager_notes');

  await db.schema
    .createTable('grade_labels')
    .addColumn('grade', 'text', (c) => c.primaryKey())
    .addColumn('label', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .addColumn('updated_by', 'text', (c) => c.references('staff.id'))
    .execute();
  for (const [grade, label] of [
    ['A', '意向强'],
    ['B', '有意向'],
    ['C', '观望'],
    ['D', '意向弱'],
  ]) {
    await sql`INSERT INTO grade_labels (grade, label, updated_at, updated_by) VALUES (${grade}, ${label}, '1970-01-01T00:00:00.000Z', NULL)`.execute(
      db,
    );
  }
}
