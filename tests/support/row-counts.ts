import { createHash } from 'node:crypto';
import type Database from 'better-sqlite3';
import { sql } from 'kysely';
import type { App } from '../../src/app';
import { engineOf } from '../../src/db/engine';

/** A better-sqlite3 handle (a file a test opened itself), or an app on either engine. */
type Source = Database.Database | App;

const isApp = (s: Source): s is App => 'dispatch' in s;

/** The tables of the app's database, by name (PostgreSQL: the public schema's). */
async function tableNames(app: App): Promise<string[]> {
  if (engineOf(app.db) === 'sqlite') return sqliteTables(app.handle.raw);
  const r = await sql<{
    name: string;
  }>`SELECT table_name AS name FROM information_schema.tables WHERE table_schema = 'public' AND table_type = 'BASE TABLE' ORDER BY table_name`.execute(
    app.db,
  );
  return r.rows.map((t) => t.name);
}

const sqliteTables = (raw: Database.Database) =>
  (
    raw.prepare("SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY name").all() as {
      name: string;
    }[]
  ).map((t) => t.name);

function sqliteRowCounts(raw: Database.Database): Record<string, number> {
  return Object.fromEntries(
    sqliteTables(raw).map((name) => [name, (raw.prepare(`SELECT count(*) n FROM "${name}"`).get() as { n: number }).n]),
  );
}

/** Every table's row count: a refused call, or a read, must leave all of them unchanged. */
export async function rowCounts(source: Source): Promise<Record<string, number>> {
  if (!isApp(source)) return sqliteRowCounts(source);
  if (engineOf(source.db) === 'sqlite') return sqliteRowCounts(source.handle.raw);
  const counts: Record<string, number> = {};
  for (const name of await tableNames(source))
    counts[name] = (await sql<{ n: number }>`SELECT count(*) AS n FROM ${sql.table(name)}`.execute(source.db)).rows[0]!.n;
  return counts;
}

/**
 * What a refused call must not move, as one comparable text. SQLite: the row counts and the connection's count
 * of changes (an UPDATE to the same value counts). PostgreSQL, whose connections are a pool: the row counts and
 * every table's contents (contentDigest), so an UPDATE or a DELETE-and-INSERT shows too.
 */
export async function writtenState(source: Source): Promise<string> {
  if (!isApp(source) || engineOf(source.db) === 'sqlite') {
    const raw = isApp(source) ? source.handle.raw : source;
    return JSON.stringify([raw.prepare('SELECT total_changes() n').get(), sqliteRowCounts(raw)]);
  }
  return JSON.stringify([await rowCounts(source), await contentDigest(source)]);
}

/** Every table's contents as one digest (PostgreSQL: without web_sessions, the sessions SQLite keeps in memory). */
export async function contentDigest(app: App): Promise<string> {
  const h = createHash('sha256');
  if (engineOf(app.db) === 'sqlite') {
    for (const name of sqliteTables(app.handle.raw))
      h.update(name).update(JSON.stringify(app.handle.raw.prepare(`SELECT * FROM "${name}"`).all()));
    return h.digest('hex');
  }
  // one statement for every table: a digest per table, in table order
  const parts = (await tableNames(app))
    .filter((name) => name !== 'web_sessions')
    .map(
      (name) =>
        sql`SELECT ${name}::text AS name, coalesce(md5(string_agg(t::text, '|' ORDER BY t::text)), '') AS d FROM ${sql.table(name)} t`,
    );
  const r = await sql<{
    name: string;
    d: string;
  }>`SELECT name, d FROM (${sql.join(parts, sql` UNION ALL `)}) AS digests ORDER BY name`.execute(app.db);
  for (const { name, d } of r.rows) h.update(name).update(d);
  return h.digest('hex');
}

/**
 * A cheap count that moves whenever a statement changed rows, even in a transaction later rolled back: when it has
 * not moved nothing was written, when it has the content decides. SQLite: the connection's total_changes().
 * PostgreSQL: a sequence a statement trigger on every table (but web_sessions) advances — nextval is not rolled
 * back either; the test's own database gets the triggers, the app's code is unchanged.
 */
export async function changeCounter(app: App): Promise<() => Promise<number>> {
  if (engineOf(app.db) === 'sqlite') return async () => (app.handle.raw.prepare('SELECT total_changes() n').get() as { n: number }).n;
  await sql`CREATE SEQUENCE IF NOT EXISTS sd_test_changes`.execute(app.db);
  await sql`CREATE OR REPLACE FUNCTION sd_test_changed() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN PERFORM nextval('sd_test_changes'); RETURN NULL; END $$`.execute(
    app.db,
  );
  for (const name of await tableNames(app)) {
    if (name === 'web_sessions') continue;
    await sql`CREATE OR REPLACE TRIGGER ${sql.raw(`sd_test_changed_${name}`)} AFTER INSERT OR UPDATE OR DELETE ON ${sql.table(name)} FOR EACH STATEMENT EXECUTE FUNCTION sd_test_changed()`.execute(
      app.db,
    );
  }
  return async () =>
    (await sql<{ n: number }>`SELECT last_value + (CASE WHEN is_called THEN 1 ELSE 0 END) AS n FROM sd_test_changes`.execute(app.db))
      .rows[0]!.n;
}
