/**
 * The engine this test run is on (tests/support/postgres-global.ts): SQLite, or with SALESDESK_DATABASE_URL set
 * PostgreSQL, each test app in a fresh database copied from the run's template. Tests open their app here
 * (testApp, the browser harness, the scenario replay) and never ask which engine it is, except the few that
 * test what only a SQLite file has: those skip on PostgreSQL with `sqliteOnly`'s plain reason.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Kysely } from 'kysely';
import { inject } from 'vitest';
import { type App, openApp } from '../../src/app';
import { openPostgresApp } from '../../src/app-postgres';
import { backupsDir } from '../../src/db/backup';
import { openDatabase } from '../../src/db/open';
import { openPostgres, scratchDatabase } from '../../src/db/postgres';
import type { Database } from '../../src/db/schema';
import { type ReplayReport, replayScenario, replayText } from '../../src/cli/replay';
import { parseScenario } from '../../src/cli/scenario';
import { type Clock, ManualClock } from '../../src/domain/clock';

export type TestEngine = 'sqlite' | 'postgres';

export const testEngine = (): TestEngine => inject('testEngine');
export const onPostgres = (): boolean => testEngine() === 'postgres';

/**
 * For describe.skipIf / it.skipIf: true on PostgreSQL, where `what` (a SQLite file's own matter) does not exist.
 * The test's title says why it was skipped: use `sqliteOnlyTitle`.
 */
export const sqliteOnly = onPostgres;
export const sqliteOnlyTitle = (title: string, why: string): string => (onPostgres() ? `${title} — skipped on PostgreSQL: ${why}` : title);

/**
 * The app a test opens: the SQLite file `salesdesk.sqlite` in `dir`, or a fresh PostgreSQL database from the
 * template with its backups/ folder in `dir`, as openApp gives an app server beside its data (so backups, the
 * backup banners and the Monday report file are there on both engines).
 */
export async function openTestEngineApp(opts: { dir: string; clock?: Clock }): Promise<App> {
  const template = inject('postgresTemplate');
  if (testEngine() === 'sqlite' || !template)
    return openApp({ dbPath: join(opts.dir, 'salesdesk.sqlite'), ...(opts.clock ? { clock: opts.clock } : {}) });
  const database = await scratchDatabase(process.env.SALESDESK_DATABASE_URL!, template.prefix, template.name);
  let app: App;
  const ledgerKey = Buffer.from(template.key, 'hex');
  try {
    app = await openPostgresApp({
      databaseUrl: database.url,
      ledgerKey,
      backupDir: backupsDir(join(opts.dir, 'salesdesk.sqlite')),
      ...(opts.clock ? { clock: opts.clock } : {}),
    });
  } catch (e) {
    await database.drop();
    throw e;
  }
  const close = app.close;
  app.close = async () => {
    try {
      await close();
    } finally {
      await database.drop();
    }
  };
  groupDatabases.set(app, { url: database.url, ledgerKey });
  return app;
}

/** A PostgreSQL test app's database and key, for a second app server or connection on it. */
const groupDatabases = new WeakMap<App, { url: string; ledgerKey: Buffer }>();
const groupDatabaseOf = (app: App) => {
  const found = groupDatabases.get(app);
  if (!found) throw new Error('not a PostgreSQL test app opened by openTestEngineApp');
  return found;
};

/**
 * Another app on the same data, as another terminal has it: a second app on the office's SQLite file, or a
 * second app server on the group's PostgreSQL database. Closing it leaves the data (and the first app) alone.
 */
export async function openSecondApp(app: App, opts: { clock?: Clock } = {}): Promise<App> {
  const clock = opts.clock ? { clock: opts.clock } : {};
  if (testEngine() === 'sqlite') return openApp({ dbPath: app.dbPath!, ...clock });
  const { url, ledgerKey } = groupDatabaseOf(app);
  return openPostgresApp({ databaseUrl: url, ledgerKey, ...clock });
}

/**
 * A plain connection of another program to the same data, outside the app and its caches: a second SQLite
 * connection to the file, or a second PostgreSQL connection to the database (with the ledger key, as any program
 * of the office would have it).
 */
export async function openSecondConnection(app: App): Promise<{ db: Kysely<Database>; close(): Promise<void> }> {
  if (testEngine() === 'sqlite') {
    const handle = openDatabase(app.dbPath!);
    return { db: handle.db, close: () => handle.close() };
  }
  const { url, ledgerKey } = groupDatabaseOf(app);
  const handle = openPostgres(url, { ledgerKey, max: 1 });
  return { db: handle.db, close: () => handle.close() };
}

/** An app on this run's engine in a temporary folder of its own, removed when the app closes (for `openApp({ dbPath: ':memory:' })`'s uses). */
export async function openScratchApp(opts: { clock?: Clock } = {}): Promise<App> {
  const dir = mkdtempSync(join(tmpdir(), 'salesdesk-scratch-'));
  const app = await openTestEngineApp({ dir, ...opts }).catch((e) => {
    rmSync(dir, { recursive: true, force: true });
    throw e;
  });
  const close = app.close;
  app.close = async () => {
    try {
      await close();
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  };
  return app;
}

/**
 * A scenario replayed on this run's engine, with the replay's `inspect` as src/cli/replay replayText has it:
 * in memory on SQLite, in a fresh database from the template on PostgreSQL (not replayText's own scratch
 * database, which starts empty and migrates every time).
 */
export async function replayOnEngine(text: string, inspect?: (app: App, clock: ManualClock) => Promise<void>): Promise<ReplayReport> {
  if (testEngine() === 'sqlite') return replayText(text, inspect);
  const scenario = parseScenario(text);
  const clock = new ManualClock(scenario.steps[0]?.at ?? new Date());
  const dir = mkdtempSync(join(tmpdir(), 'salesdesk-scenario-'));
  const app = await openTestEngineApp({ dir, clock });
  try {
    return await replayScenario(scenario, inspect, { app, clock });
  } finally {
    await app.close();
    rmSync(dir, { recursive: true, force: true });
  }
}
