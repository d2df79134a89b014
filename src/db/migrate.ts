import { type Kysely, sql } from 'kysely';
import { migrations } from '../../migrations/index';

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
  if (!Number.isInteger(target) || target < 0 || target > SCHEMA_VERSION) throw new Error(`migrateTo: no schema version ${target} (0…${SCHEMA_VERSION})`);
  const from = await userVersion(db);
  if (from > SCHEMA_VERSION) {
    throw new Error(
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

export async function userVersion(db: Kysely<any>): Promise<number> {
  const r = await sql<{ user_version: number }>`PRAGMA user_version`.execute(db);
  return r.rows[0]?.user_version ?? 0;
}
