/**
 * The schema every migration together makes, as text: each table, index, trigger and view of
 * `sqlite_master` (SQLite's own objects left out), sorted by kind then name, whitespace collapsed, after
 * the `user_version`. Committed as migrations/schema.snapshot.sql and compared by
 * tests/integration/migrations/schema-snapshot.test.ts; `npm run schema:snapshot` writes it again.
 */
import { randomBytes } from 'node:crypto';
import { fileURLToPath } from 'node:url';
import type BetterSqlite3 from 'better-sqlite3';
import { migrateToLatest } from '../../src/db/migrate';
import { openDatabase } from '../../src/db/open';

export const SNAPSHOT_FILE = fileURLToPath(new URL('../../migrations/schema.snapshot.sql', import.meta.url));
const KINDS = ['table', 'index', 'trigger', 'view'];

export function normalizedSchema(raw: BetterSqlite3.Database): string {
  const objects = raw.prepare("SELECT type, name, sql FROM sqlite_master WHERE sql IS NOT NULL AND name NOT LIKE 'sqlite_%'").all() as {
    type: string;
    name: string;
    sql: string;
  }[];
  objects.sort((a, b) => KINDS.indexOf(a.type) - KINDS.indexOf(b.type) || (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  const version = raw.pragma('user_version', { simple: true }) as number;
  return [
    '-- The schema after every migration (tests/support/schema-snapshot.ts). Do not edit: run `npm run schema:snapshot`.',
    `PRAGMA user_version = ${version};`,
    ...objects.map((o) => `${o.sql.replace(/\s+/g, ' ').trim()};`),
    '',
  ].join('\n');
}

/** A new, empty database brought through every migration, as text. */
export async function freshSchema(): Promise<string> {
  const h = openDatabase(':memory:', { ledgerKey: randomBytes(32) });
  try {
    await migrateToLatest(h.db);
    return normalizedSchema(h.raw);
  } finally {
    await h.close();
  }
}
