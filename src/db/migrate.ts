import { type Kysely, sql } from 'kysely';
import { migrations } from '../../migrations/index';
import { postgresMigrations } from '../../migrations/postgres/index';
import { groupMigrations } from '../../migrations/postgres/group';
import { engineOf, HOME_SCHEMA, markEngine, schemaOpenerOf } from './engine';
import { refuseSaying } from '../api/errors';

// Versions must run 1, 2, 3 … in this order: a gap or a swap would leave user_version lying about the schema.
migrations.forEach((m, i) => {
  if (m.version !== i + 1) throw new Error(`migrations/index.ts: migration ${m.name} has version ${m.version}, expected ${i + 1}`);
});
export const SCHEMA_VERSION = migrations.length;

/**
 * Brings the database to the newest schema. Kysely's Migrator does not wrap SQLite migrations in a
 * transaction, so a failed migration could leave a half-changed schema: here each migration and its
 * `user_version` bump commit together or not at all. A database from a newer app is refused.
 */
export function migrateToLatest(db: Kysely<any>): Promise<{ from: number; to: number }> {
  return migrateTo(db, SCHEMA_VERSION);
}

/**
 * Brings the database to exactly `target` (the migration tests stop one short of the migration they test).
 * Never downwards: migrations have no `down`, and a file past `target` is refused as it stands.
 */
export async function migrateTo(db: Kysely<any>, target: number): Promise<{ from: number; to: number }> {
  if (!Number.isInteger(target) || target < 0 || target > SCHEMA_VERSION)
    throw new Error(`migrateTo: no schema version ${target} (0…${SCHEMA_VERSION})`);
  if (engineOf(db) === 'postgres') return migratePostgres(db, target);
  const from = await userVersion(db);
  if (from > SCHEMA_VERSION) {
    throw refuseSaying(
      'schema_newer',
      { found: from, supported: SCHEMA_VERSION, scope: 'office' },
      `数据库版本 ${from} 比本程序支持的版本 ${SCHEMA_VERSION} 新，请升级售楼接待台后再打开 (database is from a newer Salesdesk)`,
    );
  }
  if (from > target) throw new Error(`migrateTo: the database is at version ${from}, past ${target}; migrations only go forward`);
  for (const m of migrations) {
    if (m.version <= from || m.version > target) continue;
    await db.connection().execute(async (conn) => {
      await sql`BEGIN IMMEDIATE`.execute(conn);
      try {
        await m.up(conn);
        await sql.raw(`PRAGMA user_version = ${m.version}`).execute(conn);
        await sql`COMMIT`.execute(conn);
      } catch (e) {
        await sql`ROLLBACK`.execute(conn);
        throw e;
      }
    });
  }
  return { from, to: target };
}

if (postgresMigrations.at(-1)!.version !== SCHEMA_VERSION)
  throw new Error('migrations/postgres: the newest step must reach the same version as SQLite');

/**
 * PostgreSQL: the version lives in salesdesk_schema; each step and its version commit together (PostgreSQL's DDL
 * is transactional). Two app servers starting at once take turns on an advisory lock, so a step runs once.
 *
 * An office group has sites (src/db/sites.ts): the shared schema office_group first (its own steps, its own
 * version), then the home site (public) and every other site's schema (site_<code>), each brought to `target` by
 * the same steps, one transaction each. Given one site's Kysely, only that site's schema is migrated.
 */
async function migratePostgres(db: Kysely<any>, target: number): Promise<{ from: number; to: number }> {
  return db.connection().execute(async (conn) => {
    markEngine(conn, 'postgres');
    await sql`SELECT pg_advisory_lock(7166208)`.execute(conn);
    try {
      await migrateGroupSchema(conn);
      const out = await migrateSchema(conn, target);
      const open = schemaOpenerOf(db);
      const here = (await sql<{ s: string }>`SELECT current_schema() AS s`.execute(conn)).rows[0]?.s;
      if (open && here === HOME_SCHEMA) {
        const others = await sql<{ schema: string }>`SELECT schema_name AS schema FROM office_group.sites
          WHERE schema_name <> ${HOME_SCHEMA} ORDER BY id`.execute(conn);
        for (const { schema } of others.rows) {
          await open(schema)
            .connection()
            .execute((site) => migrateSchema(site, target));
        }
      }
      return out;
    } finally {
      await sql`SELECT pg_advisory_unlock(7166208)`.execute(conn);
    }
  });
}

/** The shared schema's own steps (migrations/postgres/group.ts), each with its version in one transaction. */
async function migrateGroupSchema(conn: Kysely<any>): Promise<void> {
  await sql`CREATE SCHEMA IF NOT EXISTS office_group`.execute(conn);
  await sql`CREATE TABLE IF NOT EXISTS office_group.group_schema (id integer PRIMARY KEY CHECK (id = 1), version integer NOT NULL)`.execute(
    conn,
  );
  const r = await sql<{ version: number }>`SELECT version FROM office_group.group_schema WHERE id = 1`.execute(conn);
  const from = r.rows[0]?.version ?? 0;
  const newest = groupMigrations.at(-1)!.version;
  if (from > newest)
    throw refuseSaying(
      'schema_newer',
      { found: from, supported: newest, scope: 'group' },
      `办公室组数据库版本 ${from} 比本程序支持的版本 ${newest} 新，请升级售楼接待台后再连接 (the group schema is from a newer Salesdesk)`,
    );
  for (const m of groupMigrations) {
    if (m.version <= from) continue;
    await sql`BEGIN`.execute(conn);
    try {
      await m.up(conn);
      await sql`INSERT INTO office_group.group_schema (id, version) VALUES (1, ${m.version})
        ON CONFLICT (id) DO UPDATE SET version = excluded.version`.execute(conn);
      await sql`COMMIT`.execute(conn);
    } catch (e) {
      await sql`ROLLBACK`.execute(conn);
      throw e;
    }
  }
}

/**
 * A new site's schema, made inside the caller's own transaction (import-office into a new site, src/db/import-office.ts):
 * every step applied to the first schema on the connection's search_path with no transaction of its own, so a failure
 * later in the caller's transaction takes the steps back with the schema itself.
 */
export async function migrateNewSiteWithin(conn: Kysely<any>): Promise<{ from: number; to: number }> {
  return migrateSchema(conn, SCHEMA_VERSION, false);
}

/** One site's schema (the first on the connection's search_path) brought to `target`, one step per transaction (`own`). */
async function migrateSchema(conn: Kysely<any>, target: number, own = true): Promise<{ from: number; to: number }> {
  markEngine(conn, 'postgres');
  await sql`CREATE TABLE IF NOT EXISTS salesdesk_schema (id integer PRIMARY KEY CHECK (id = 1), version integer NOT NULL)`.execute(conn);
  const from = await userVersion(conn);
  if (from > SCHEMA_VERSION)
    throw refuseSaying(
      'schema_newer',
      { found: from, supported: SCHEMA_VERSION, scope: 'office' },
      `数据库版本 ${from} 比本程序支持的版本 ${SCHEMA_VERSION} 新，请升级售楼接待台后再连接 (database is from a newer Salesdesk)`,
    );
  if (from > target) throw new Error(`migrateTo: the database is at version ${from}, past ${target}; migrations only go forward`);
  for (const m of postgresMigrations) {
    if (m.version <= from || m.version > target) continue;
    if (own) await sql`BEGIN`.execute(conn);
    try {
      await m.up(conn);
      await sql`INSERT INTO salesdesk_schema (id, version) VALUES (1, ${m.version}) ON CONFLICT (id) DO UPDATE SET version = excluded.version`.execute(
        conn,
      );
      if (own) await sql`COMMIT`.execute(conn);
    } catch (e) {
      if (own) await sql`ROLLBACK`.execute(conn);
      throw e;
    }
  }
  return { from, to: target };
}

export async function userVersion(db: Kysely<any>): Promise<number> {
  if (engineOf(db) === 'postgres') {
    const r = await sql<{ version: number }>`SELECT version FROM salesdesk_schema WHERE id = 1`
      .execute(db)
      .catch(() => ({ rows: [] as { version: number }[] }));
    return r.rows[0]?.version ?? 0;
  }
  const r = await sql<{ user_version: number }>`PRAGMA user_version`.execute(db);
  return r.rows[0]?.user_version ?? 0;
}
