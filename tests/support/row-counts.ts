import type Database from 'better-sqlite3';

/** Every table's row count: a refused call, or a read, must leave all of them unchanged. */
export function rowCounts(raw: Database.Database): Record<string, number> {
  const tables = raw.prepare("SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY name").all() as { name: string }[];
  return Object.fromEntries(tables.map(({ name }) => [name, (raw.prepare(`SELECT count(*) n FROM "${name}"`).get() as { n: number }).n]));
}

/** Row counts and SQLite's count of changes on this connection, as one comparable text: a refused call moves neither. */
export function writtenState(raw: Database.Database): string {
  return JSON.stringify([raw.prepare('SELECT total_changes() n').get(), rowCounts(raw)]);
}
