import type { Kysely } from 'kysely';

/**
 * Which engine a Kysely instance talks to, for the few places in src/db that must say things differently
 * (transactions, migrations, the ledger). Services never ask: they get a Kysely<Database> and nothing else.
 */
export type Engine = 'sqlite' | 'postgres';

const engines = new WeakMap<object, Engine>();

export function markEngine(db: Kysely<any>, engine: Engine): void {
  engines.set(db, engine);
}

/** SQLite unless marked: a transaction's connection inherits the mark of the instance it came from. */
export const engineOf = (db: Kysely<any> | object): Engine => engines.get(db) ?? 'sqlite';

const openers = new WeakMap<object, (schema: string) => Kysely<any>>();

/** PostgreSQL: how to reach the same database from another site's schema (src/db/postgres.ts inSchema). */
export function markSchemas(db: Kysely<any>, open: (schema: string) => Kysely<any>): void {
  openers.set(db, open);
}

/** The Kysely for `schema` on the same pool as `db`; undefined on SQLite, where the file is the one site. */
export const schemaOpenerOf = (db: Kysely<any> | object): ((schema: string) => Kysely<any>) | undefined => openers.get(db);

/** The group's shared schema (src/db/sites.ts): sites, the people across sites, the shared functions (pgcrypto). */
export const GROUP_SCHEMA = 'office_group';
/** The home site's schema: where a group database kept its office before sites, and a one-site group's. */
export const HOME_SCHEMA = 'public';
/** A schema name the app made: the home one, or site_ and a site's code (SITE_CODE in src/db/sites.ts). */
export const SCHEMA_NAME = /^(public|site_[a-z][a-z0-9_]{0,29})$/;
