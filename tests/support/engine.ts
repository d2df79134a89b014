/**
 * The engine this test run is on (tests/support/postgres-global.ts): SQLite, or with SALESDESK_DATABASE_URL set
 * PostgreSQL, each test app in a fresh database copied from the run's template. Tests open their app here
 * (testApp, the browser harness, the scenario replay) and never ask which engine it is, except the few that
 * test what only a SQLite file has: those skip on PostgreSQL with `sqliteOnly`'s plain reason.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { inject } from 'vitest';
import { type App, openApp } from '../../src/app';
import { openPostgresApp } from '../../src/app-postgres';
import { backupsDir } from '../../src/db/backup';
import { scratchDatabase } from '../../src/db/postgres';
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
  try {
    app = await openPostgresApp({
      databaseUrl: database.url,
      ledgerKey: Buffer.from(template.key, 'hex'),
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
  return app;
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
