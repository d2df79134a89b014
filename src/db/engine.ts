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
