/**
 * An office group's Salesdesk on PostgreSQL (issue 16): the same dispatch, services and domain as src/app.ts,
 * over `SALESDESK_DATABASE_URL`. What a SQLite file has and a server does not — the file's start-up check, byte
 * backups beside it, a restore by swapping the file — is not here: an office group is backed up with pg_dump
 * (issue 16 item 6, not built yet), so those Host methods refuse plainly.
 */
import { methodNames } from './api/spec';
import type { App } from './app';
import { migrateToLatest } from './db/migrate';
import { openPostgres, type PostgresHandle } from './db/postgres';
import { type Clock, systemClock } from './domain/clock';
import { auditByKnownActor } from './services/common';
import { dispatch } from './services/dispatch';

export interface OpenPostgresAppOptions {
  databaseUrl: string;
  /** the office group's ledger key: every app server of the group must hold the same one */
  ledgerKey: Buffer;
  clock?: Clock;
}

const notYet = (what: string) => () => {
  throw new Error(`${what}: not yet available for an office group on PostgreSQL (pg_dump backups are issue 16 item 6)`);
};

export async function openPostgresApp(opts: OpenPostgresAppOptions): Promise<App & { postgres: PostgresHandle }> {
  const clock = opts.clock ?? systemClock;
  const handle = openPostgres(opts.databaseUrl, { ledgerKey: opts.ledgerKey });
  try {
    await migrateToLatest(handle.db);
  } catch (e) {
    await handle.close();
    throw e;
  }
  const app: App & { postgres: PostgresHandle } = {
    postgres: handle,
    get handle(): never {
      throw new Error('an office group on PostgreSQL has no SQLite file handle: use app.db');
    },
    db: handle.db,
    clock,
    dbPath: null,
    readOnlyReason: () => null,
    dispatch: (session, method, input) => dispatch({ db: handle.db, clock, host: app }, session, method, input),
    methodNames: () => methodNames(),
    close: () => handle.close(),
    backupNow: notYet('backup'),
    listBackups: () => [],
    removeBackup: notYet('removing a backup'),
    verify: notYet('verifying the ledger'),
    restore: notYet('restore'),
    recordAudit: (at, actorId, method, detail) => auditByKnownActor(handle.db, at, actorId, method, detail),
  };
  return app;
}
