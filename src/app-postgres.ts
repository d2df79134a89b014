/**
 * An office group's Salesdesk on PostgreSQL (issue 16): the same dispatch, services and domain as src/app.ts,
 * over `SALESDESK_DATABASE_URL`. What a SQLite file has and a server does not — the file's start-up check, byte
 * backups beside it, a restore by swapping the file — is not here: an office group is backed up with pg_dump
 * (issue 16 item 6, not built yet), so those Host methods refuse plainly.
 */
import { join, resolve } from 'node:path';
import pg from 'pg';
import { methodNames } from './api/spec';
import type { App } from './app';
import { KEY_FILE_NAME, loadOrCreateKeyFile } from './db/ledger-key';
import { migrateToLatest } from './db/migrate';
import { openPostgres, type PostgresHandle } from './db/postgres';
import { postgresChangeFeed } from './db/postgres-changes';
import { type Clock, systemClock } from './domain/clock';
import { auditByKnownActor } from './services/common';
import { dispatch } from './services/dispatch';

export interface OpenPostgresAppOptions {
  databaseUrl: string;
  /** the office group's ledger key: every app server of the group must hold the same one (default: from ledgerKeyFile) */
  ledgerKey?: Buffer;
  /** where the key lives when not given: made on the first start against an empty database, required after */
  ledgerKeyFile?: string;
  clock?: Clock;
}

/** Whether the group's database already has a keyed ledger (then its key must come from the key file, never be new). */
async function hasLedger(databaseUrl: string): Promise<boolean> {
  const c = new pg.Client({ connectionString: databaseUrl });
  await c.connect();
  try {
    const r = await c.query("SELECT to_regclass('public.ledger_key') IS NOT NULL AS keyed");
    return r.rows[0]?.keyed === true;
  } finally {
    await c.end();
  }
}

/** The group's ledger key as every app server and the command line find it. */
export async function groupLedgerKey(opts: Pick<OpenPostgresAppOptions, 'databaseUrl' | 'ledgerKey' | 'ledgerKeyFile'>): Promise<Buffer> {
  if (opts.ledgerKey) return opts.ledgerKey;
  const file = opts.ledgerKeyFile ?? process.env.SALESDESK_LEDGER_KEY_FILE ?? join(resolve(process.env.SALESDESK_DATA_DIR ?? 'data'), KEY_FILE_NAME);
  return loadOrCreateKeyFile(file, await hasLedger(opts.databaseUrl));
}

const notYet = (what: string) => () => {
  throw new Error(`${what}: not yet available for an office group on PostgreSQL (pg_dump backups are issue 16 item 6)`);
};

export async function openPostgresApp(opts: OpenPostgresAppOptions): Promise<App & { postgres: PostgresHandle }> {
  const clock = opts.clock ?? systemClock;
  const handle = openPostgres(opts.databaseUrl, { ledgerKey: await groupLedgerKey(opts) });
  try {
    await migrateToLatest(handle.db);
  } catch (e) {
    await handle.close();
    throw e;
  }
  const changeFeed = postgresChangeFeed(opts.databaseUrl, handle.pool);
  const app: App & { postgres: PostgresHandle } = {
    postgres: handle,
    changeFeed,
    get handle(): never {
      throw new Error('an office group on PostgreSQL has no SQLite file handle: use app.db');
    },
    db: handle.db,
    clock,
    dbPath: null,
    readOnlyReason: () => null,
    readOnlyState: () => null,
    dispatch: (session, method, input, options) => dispatch({ db: handle.db, clock, host: app }, session, method, input, options?.actingAs),
    methodNames: () => methodNames(),
    close: async () => {
      await changeFeed.close();
      await handle.close();
    },
    backupNow: notYet('backup'),
    listBackups: () => [],
    removeBackup: notYet('removing a backup'),
    verify: notYet('verifying the ledger'),
    restore: notYet('restore'),
    recordAudit: (at, actorId, method, detail) => auditByKnownActor(handle.db, at, actorId, method, detail),
  };
  return app;
}
