/**
 * PostgreSQL's migrations. An office group's database starts at the baseline, which is SQLite's version 13 in
 * PostgreSQL's words; from then on each version has a step for each engine, so both reach the same schema.
 */
import type { Kysely } from 'kysely';
import * as baseline from './0013_baseline';
import * as siteChainLock from './0014_site_chain_lock';

export interface PostgresMigration {
  /** the schema version the database is at after this step */
  version: number;
  name: string;
  up(db: Kysely<any>): Promise<void>;
}

export const postgresMigrations: readonly PostgresMigration[] = [
  { version: 13, name: 'postgres/0013_baseline', up: baseline.up },
  { version: 14, name: 'postgres/0014_site_chain_lock', up: siteChainLock.up },
];
