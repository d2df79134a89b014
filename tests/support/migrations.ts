/**
 * Migration tests (tests/integration/migrations) the way Signal Desktop writes them: a database at
 * version N−1, rows of that version's shape seeded through SQL, then migration N, then what it must
 * have done to those rows. Rows go in through SQL, never through app code, because the app only knows
 * the newest schema.
 */
import { createHash, createHmac, randomBytes } from 'node:crypto';
import type BetterSqlite3 from 'better-sqlite3';
import { migrateTo, userVersion } from '../../src/db/migrate';
import { type DatabaseHandle, openDatabase } from '../../src/db/open';

export interface AtVersion extends DatabaseHandle {
  key: Buffer;
  /** runs the migrations up to `version`, each in its own transaction, as the app does */
  to(version: number): Promise<void>;
  version(): Promise<number>;
}

/** An in-memory database migrated to exactly `version`, with a ledger key (0012 needs one). */
export async function databaseAt(version: number, key: Buffer | null = randomBytes(32)): Promise<AtVersion> {
  const h = openDatabase(':memory:', { ledgerKey: key });
  const at: AtVersion = {
    ...h,
    key: key ?? Buffer.alloc(0),
    to: async (v) => void (await migrateTo(h.db, v)),
    version: () => userVersion(h.db),
  };
  await at.to(version);
  return at;
}

/** `EXPLAIN QUERY PLAN` of `query`, its steps joined with ' | ' (parameters bound as NULL). */
export function planOf(raw: BetterSqlite3.Database, query: string): string {
  const params = Array(query.split('?').length - 1).fill(null);
  return (raw.prepare(`EXPLAIN QUERY PLAN ${query}`).all(...params) as { detail: string }[]).map((r) => r.detail).join(' | ');
}

export const columnsOf = (raw: BetterSqlite3.Database, table: string) =>
  (raw.prepare(`PRAGMA table_info(${table})`).all() as { name: string }[]).map((c) => c.name);
export const indexesOf = (raw: BetterSqlite3.Database, table: string) =>
  raw
    .prepare("SELECT name FROM sqlite_master WHERE type = 'index' AND tbl_name = ? AND sql IS NOT NULL ORDER BY name")
    .pluck()
    .all(table) as string[];
export const count = (raw: BetterSqlite3.Database, table: string) => raw.prepare(`SELECT count(*) FROM ${table}`).pluck().get() as number;

/** Both refusals an insert-only table must make, checked by trying them. */
export function expectInsertOnly(raw: BetterSqlite3.Database, table: string, expect: (fn: () => unknown, label: string) => void): void {
  expect(() => raw.prepare(`UPDATE ${table} SET rowid = rowid`).run(), `${table} UPDATE`);
  expect(() => raw.prepare(`DELETE FROM ${table}`).run(), `${table} DELETE`);
}

/**
 * A row's hash and a link as the ledger defines them (migrations/0005, 0012), computed here in JS from the
 * row as read back, not with the SQL the migrations use: `table|` + the row as a JSON object in column order.
 */
export const sha256 = (text: string) => createHash('sha256').update(text).digest('hex');
export const hmacOf = (key: Buffer, text: string) => createHmac('sha256', key).update(text).digest('hex');
export const rowHash = (table: string, row: Record<string, unknown>) => sha256(`${table}|${JSON.stringify(row)}`);

/** A staff member and a consultant role, the rows nearly every other row points at. */
export const SEED_STAFF = `
  INSERT INTO staff (id, name, active, created_at) VALUES ('dir', '赵总', 1, '2026-01-05T09:00:00.000+08:00');
  INSERT INTO staff (id, name, active, created_at) VALUES ('zhang', '张三', 1, '2026-01-05T09:00:00.000+08:00');
  INSERT INTO staff (id, name, active, created_at) VALUES ('qian', '钱前台', 1, '2026-01-05T09:00:00.000+08:00');
  INSERT INTO staff_roles (staff_id, role) VALUES ('dir', 'admin'), ('zhang', 'consultant'), ('qian', 'reception');
`;
