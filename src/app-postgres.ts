/**
 * An office group's Salesdesk on PostgreSQL (issue 16): the same dispatch, services and domain as src/app.ts,
 * over `SALESDESK_DATABASE_URL`. What a SQLite file has and a server does not — the file's start-up check, a
 * restore by swapping the file — is not here. Backups are pg_dump's, each restored into a scratch database and
 * verified before it counts (src/db/backup-postgres.ts), in `backupDir`, rotated as an office's; verify checks
 * the live chain with PostgreSQL's row hash; a restore is `salesdesk restore-group` into a new database, never
 * over the live one that several app servers use, so the running app refuses it with that instruction.
 */
import { join, resolve } from 'node:path';
import pg from 'pg';
import { methodNames } from './api/spec';
import type { App } from './app';
import { sql } from 'kysely';
import { type BackupManifest, listBackupsIn, removeBackupIn, rotateBackupsIn } from './db/backup';
import { makePostgresBackup } from './db/backup-postgres';
import { KEY_FILE_NAME, loadOrCreateKeyFile } from './db/ledger-key';
import { DataSafetyError } from './db/problems';
import { migrateToLatest } from './db/migrate';
import { openPostgres, type PostgresHandle } from './db/postgres';
import { postgresChangeFeed } from './db/postgres-changes';
import { type Clock, systemClock } from './domain/clock';
import { auditByKnownActor } from './services/common';
import { dispatch } from './services/dispatch';
import { errorBody, refuse } from './api/errors';
import { HOME_SITE, listSites, type Site, verifyEverySite } from './db/sites';

/** The group's sites as this app server knows them: read once, read again when a call names one it does not know (a site just added). */
function siteDirectory(db: PostgresHandle['db']) {
  let known: Promise<Site[]> | null = null;
  const all = () =>
    (known ??= listSites(db).catch((e: unknown) => {
      known = null;
      throw e;
    }));
  return {
    all,
    /** the list read again: a site added since (site add, import-office) by another process is listed at once */
    fresh: () => {
      known = null;
      return all();
    },
    async find(code: string): Promise<Site | undefined> {
      const found = (await all()).find((s) => s.code === code);
      if (found) return found;
      known = null;
      return (await all()).find((s) => s.code === code);
    },
  };
}

export interface OpenPostgresAppOptions {
  databaseUrl: string;
  /** the office group's ledger key: every app server of the group must hold the same one (default: from ledgerKeyFile) */
  ledgerKey?: Buffer;
  /** where the key lives when not given: made on the first start against an empty database, required after */
  ledgerKeyFile?: string;
  clock?: Clock;
  /** where this app server keeps the group's verified dumps (openApp: backups/ beside the data); none: no backups */
  backupDir?: string | null;
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
  const file =
    opts.ledgerKeyFile ?? process.env.SALESDESK_LEDGER_KEY_FILE ?? join(resolve(process.env.SALESDESK_DATA_DIR ?? 'data'), KEY_FILE_NAME);
  return loadOrCreateKeyFile(file, await hasLedger(opts.databaseUrl));
}

/** Held while one app server dumps the group: another's schedule, or a second click, is told it is under way. */
const BACKUP_LOCK = 7166212;

export async function openPostgresApp(opts: OpenPostgresAppOptions): Promise<App & { postgres: PostgresHandle }> {
  const clock = opts.clock ?? systemClock;
  const ledgerKey = await groupLedgerKey(opts);
  const handle = openPostgres(opts.databaseUrl, { ledgerKey });
  const backupDir = opts.backupDir ?? null;
  const needBackupDir = (): string => {
    if (!backupDir) throw new DataSafetyError('backup_in_memory');
    return backupDir;
  };
  try {
    await migrateToLatest(handle.db);
  } catch (e) {
    await handle.close();
    throw e;
  }
  const changeFeed = postgresChangeFeed(opts.databaseUrl, handle.pool);
  const directory = siteDirectory(handle.db);
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
    // A call runs in its session's site (src/db/sites.ts): the site a sign-in picked, or, before anyone signed in
    // (the picker, sign-in, first-run setup of a new site), the one the terminal asks for; the home site otherwise.
    async dispatch(session, method, input, options) {
      const asked = options?.site !== undefined && (!session || method === 'session.signIn' || method === 'session.openStation');
      const code = asked ? options!.site! : (session?.site ?? HOME_SITE);
      const site = await directory.find(code);
      if (!site) return { result: { ok: false, error: errorBody(refuse('site_unknown', { code: String(code).slice(0, 40) })) } };
      const outcome = await dispatch({ db: handle.inSchema(site.schema), clock, host: app }, session, method, input, options?.actingAs);
      // the home site's sessions name none (as a single office's): a session without a site is the home site's
      if (outcome.session && site.code !== HOME_SITE) outcome.session = { ...outcome.session, site: site.code };
      return outcome;
    },
    // read anew each time (a sign-in screen loading, the clock watch): a site added or named since is listed at once
    sites: async () => (await directory.fresh()).map((s) => ({ code: s.code, name: s.name })),
    methodNames: () => methodNames(),
    close: async () => {
      await changeFeed.close();
      await handle.close();
    },
    backupDir,
    async backupNow(reason: string): Promise<BackupManifest | null> {
      const dir = needBackupDir();
      // Before first-run setup the group has nothing to keep, and a dump without staff fails its check.
      const staff = await sql<{ n: number }>`SELECT count(*) AS n FROM staff`.execute(handle.db);
      if (!Number(staff.rows[0]?.n)) return null;
      const lock = await handle.pool.connect();
      try {
        const got = await lock.query('SELECT pg_try_advisory_lock($1) AS got', [BACKUP_LOCK]);
        if (got.rows[0]?.got !== true) throw new DataSafetyError('backup_in_progress');
        try {
          const manifest = await makePostgresBackup(opts.databaseUrl, dir, ledgerKey, clock.now(), reason);
          rotateBackupsIn(dir);
          return manifest;
        } finally {
          await lock.query('SELECT pg_advisory_unlock($1)', [BACKUP_LOCK]);
        }
      } finally {
        lock.release();
      }
    },
    listBackups: () => (backupDir ? listBackupsIn(backupDir).filter((b) => b.file.endsWith('.dump')) : []),
    removeBackup: (file) => removeBackupIn(needBackupDir(), file),
    verify: () => verifyEverySite(handle.db, ledgerKey),
    restore: async (file) => {
      throw new DataSafetyError('restore_group_by_command', { file });
    },
    recordAudit: (at, actorId, method, detail) => auditByKnownActor(handle.db, at, actorId, method, detail),
  };
  return app;
}
