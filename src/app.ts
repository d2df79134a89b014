/**
 * Opens a Salesdesk: the database file, its migrations, the start-up check, backups, and the one door
 * (`dispatch`) every caller uses.
 */
import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import type { Kysely } from 'kysely';
import { dirname, join } from 'node:path';
import { methodNames } from './api/spec';
import { dispatch } from './services/dispatch';
import type { ActingPerson, DispatchOutcome, Session } from './api/session';
import {
  officeHasStaff,
  type BackupManifest,
  backupsDir,
  checkRestoreCandidate,
  keepByteCopy,
  listBackups,
  makeBackup,
  removeBackup,
  removeOrphans,
  removeRestoreLeftovers,
  rotateBackups,
  swapDatabaseFile,
} from './db/backup';
import { type LedgerReport, verifyLedger } from './db/ledger';
import { DataSafetyError, problem, type ReadOnlyState } from './db/problems';
import { migrateToLatest } from './db/migrate';
import { openDatabase, type DatabaseHandle, useNativeBinding } from './db/open';
import type { Database } from './db/schema';
import { keyFileFor, loadOrCreateLedgerKey, withLedgerKey } from './db/ledger-key';
import { type Clock, systemClock } from './domain/clock';
import { auditByKnownActor } from './services/common';
import type { Host } from './services/context';
import { weeklyReportXlsx } from './services/reports';

export interface App extends Host {
  /** the SQLite file's handle (an office group on PostgreSQL has none: src/app-postgres.ts) */
  readonly handle: DatabaseHandle;
  /** the database, whichever engine holds it */
  readonly db: Kysely<Database>;
  clock: Clock;
  /** `actingAs`: the person doing this one action at the desk station (their PIN), see Session.station */
  dispatch(
    session: Session | null,
    method: string,
    input: unknown,
    options?: { actingAs?: ActingPerson; background?: boolean; site?: string },
  ): Promise<DispatchOutcome>;
  methodNames(): string[];
  close(): Promise<void>;
}

export interface OpenAppOptions {
  /** the office's SQLite file, or ':memory:' */
  dbPath: string;
  /**
   * postgres://… (SALESDESK_DATABASE_URL): an office group's database on PostgreSQL instead of the file
   * (src/app-postgres.ts); the ledger key then comes from ledgerKeyFile (default salesdesk.key beside dbPath).
   */
  databaseUrl?: string;
  nativeBinding?: string;
  clock?: Clock;
  /** where the ledger key lives (default: SALESDESK_LEDGER_KEY_FILE, else salesdesk.key beside the database) */
  ledgerKeyFile?: string;
}

/** A quick structural check at open: a damaged file is opened for reading only, and the app says so. */
function startupCheck(handle: DatabaseHandle): string | null {
  try {
    const result = (handle.raw.pragma('quick_check') as { quick_check: string }[]).map((r) => r.quick_check).join('; ');
    return result === 'ok' ? null : result;
  } catch (e) {
    return (e as Error).message;
  }
}

export async function openApp(opts: OpenAppOptions): Promise<App> {
  if (opts.databaseUrl) {
    const { openPostgresApp } = await import('./app-postgres');
    return openPostgresApp({
      databaseUrl: opts.databaseUrl,
      ledgerKeyFile: keyFileFor(opts.dbPath === ':memory:' ? join('data', 'salesdesk.sqlite') : opts.dbPath, opts.ledgerKeyFile),
      // the group's dumps where an office's copies would be: backups/ beside the data
      backupDir: opts.dbPath === ':memory:' ? null : backupsDir(opts.dbPath),
      ...(opts.clock ? { clock: opts.clock } : {}),
    });
  }
  const clock = opts.clock ?? systemClock;
  const persistent = opts.dbPath !== ':memory:';
  useNativeBinding(opts.nativeBinding);
  const ledgerKey = loadOrCreateLedgerKey(opts.dbPath, opts.ledgerKeyFile, opts.nativeBinding);
  let unwritable: string | null = null;
  let handle: DatabaseHandle;
  try {
    handle = openDatabase(opts.dbPath, { ledgerKey });
  } catch (e) {
    // A folder the app may read but not write (permissions, a read-only share): open for reading, say so.
    if (!persistent || !existsSync(opts.dbPath)) throw e;
    try {
      handle = openDatabase(opts.dbPath, { readonly: true, ledgerKey });
    } catch {
      throw new Error(
        `无法打开数据库 ${opts.dbPath}：文件或所在文件夹不能写入（只读），也无法只读打开（${(e as Error).message}）。请检查文件夹权限后重新启动。`,
      );
    }
    unwritable = (e as Error).message;
  }
  let damage = persistent ? startupCheck(handle) : null;
  if (!damage && !unwritable) await migrateToLatest(handle.db);
  if (persistent && !unwritable) {
    try {
      removeOrphans(opts.dbPath); // what a kill mid-backup or mid-restore left
      removeRestoreLeftovers(opts.dbPath);
    } catch {
      // leftovers are only clutter: the next backup tries again
    }
  }

  const readOnlyState = (): ReadOnlyState | null =>
    damage
      ? { cause: 'damaged', detail: damage.slice(0, 120), lastGood: (persistent ? listBackups(opts.dbPath)[0]?.file : undefined) ?? null }
      : unwritable
        ? { cause: 'unwritable', detail: unwritable }
        : null;
  // the same facts as one line for the console and the core's start-up message; screens word the facts
  const readOnlyReason = () => {
    const state = readOnlyState();
    if (!state) return null;
    if (state.cause === 'unwritable')
      return `数据库文件或所在文件夹不能写入（只读：${state.detail}），现在只能查看，任何操作都不会保存。请检查文件夹权限后重新启动。`;
    return `数据库文件已损坏（${state.detail}），为防止进一步损坏已停止写入。请由管理员从最近的完好备份恢复${state.lastGood ? `（最近的完好备份：${state.lastGood}）` : ''}。`;
  };

  const app: App = {
    get handle() {
      return handle;
    },
    get db() {
      return handle.db;
    },
    clock,
    dbPath: persistent ? opts.dbPath : null,
    readOnlyReason,
    readOnlyState,
    dispatch: (session, method, input, options) => dispatch({ db: handle.db, clock, host: app }, session, method, input, options?.actingAs),
    methodNames: () => methodNames(),
    close: () => handle.close(),

    async backupNow(reason: string): Promise<BackupManifest | null> {
      if (!persistent) throw new DataSafetyError('backup_in_memory');
      // Before first-run setup the office has nothing to keep, and a backup without staff fails verification.
      if (!officeHasStaff(handle.raw)) return null;
      const manifest = await makeBackup(handle.raw, opts.dbPath, clock.now(), reason);
      rotateBackups(opts.dbPath);
      return manifest;
    },
    listBackups: () => (persistent ? listBackups(opts.dbPath) : []),
    removeBackup: (file) => {
      if (!persistent) throw new DataSafetyError('backup_in_memory');
      return removeBackup(opts.dbPath, file);
    },
    // after a restore the actor may not be in the restored staff list: the row is still written, without them
    recordAudit: (at, actorId, method, detail) => auditByKnownActor(handle.db, at, actorId, method, detail),
    verify: (): LedgerReport => verifyLedger(handle.raw),

    /**
     * Checks the backup completely (src/db/backup checkRestoreCandidate) before touching anything, keeps a
     * copy of the current database (a verified backup, or a byte copy when it is damaged), then swaps the
     * file atomically; a file that does not reopen and migrate is put back.
     */
    async restore(file: string) {
      if (!persistent) throw new DataSafetyError('backup_in_memory');
      const path = file.includes('/') || file.includes('\\') ? file : join(backupsDir(opts.dbPath), file);
      if (!existsSync(path)) throw new DataSafetyError('backup_not_found', { file });
      checkRestoreCandidate(opts.dbPath, path, damage ? null : handle.raw);
      const now = clock.now();
      const safety = damage
        ? keepByteCopy(opts.dbPath, now, [problem('damaged_before_restore', { detail: damage })])
        : await makeBackup(handle.raw, opts.dbPath, now, 'before-restore').then(
            (m) => m.file,
            // the copy's manifest says it failed its check, then what the check found
            (e) =>
              keepByteCopy(opts.dbPath, now, [
                problem('unsound_before_restore'),
                ...(e instanceof DataSafetyError ? e.problems : [problem('unreadable', { detail: (e as Error).message })]),
              ]),
          );
      await swapDatabaseFile(
        opts.dbPath,
        path,
        () => handle.close(),
        async (restored) => {
          const next = openDatabase(opts.dbPath);
          const found = startupCheck(next);
          try {
            if (restored && found) throw new DataSafetyError('restore_reopen_damaged', { detail: found });
            if (!found) await migrateToLatest(next.db);
          } catch (e) {
            await next.close();
            throw e;
          }
          handle = next;
          damage = found;
          unwritable = null;
        },
      );
      return { restored: file, safetyCopy: safety, ok: !damage };
    },
  };
  // Backups and restores are verified, and the restored file reopened, with this office's key (src/db/ledger-key).
  const { backupNow, restore } = app;
  app.backupNow = (reason) => withLedgerKey(ledgerKey, () => backupNow(reason));
  app.restore = (file) => withLedgerKey(ledgerKey, () => restore(file));
  return app;
}

/**
 * Daily backups while the app runs: one at start if the newest is a day old, then checked hourly (the
 * Monday weekly report is written on the same tick).
 * The caller also calls `app.backupNow('quit')` on quit. Returns a stop function.
 */
/**
 * R-TRK-3: on Mondays, last week's report is written as an .xlsx into `reports/` beside the data, once, for
 * the sales assistant to send: beside the office's SQLite file, or on PostgreSQL beside the app server's
 * backups/ folder (the same data folder). Returns the file written, or null when nothing was due (or the app
 * has no folder: a database in memory, a group's app server opened without one).
 */
export async function weeklyReportDue(app: App): Promise<string | null> {
  const dataDir = app.dbPath ? dirname(app.dbPath) : app.backupDir ? dirname(app.backupDir) : null;
  if (!dataDir) return null;
  const now = app.clock.now();
  if (now.getDay() !== 1) return null;
  const lastWeek = new Date(now.getTime() - 7 * 86_400_000);
  const { filename, buffer } = await weeklyReportXlsx(app.db, lastWeek);
  const dir = join(dataDir, 'reports');
  const file = join(dir, filename);
  if (existsSync(file)) return null;
  mkdirSync(dir, { recursive: true });
  writeFileSync(file, buffer);
  return file;
}

export function startBackupSchedule(app: App, log: (line: string) => void = console.log, everyMs = 3_600_000): () => void {
  if (!app.dbPath && !app.backupDir) return () => {};
  const due = () => {
    const last = app.listBackups()[0];
    return !last || app.clock.now().getTime() - new Date(last.at).getTime() >= 24 * 3_600_000;
  };
  const run = () => {
    void weeklyReportDue(app).then(
      (file) => file && log(`上周周报已生成: ${file}`),
      (e) => log(`周报生成失败: ${(e as Error).message}`),
    );
    if (app.readOnlyReason() || !due()) return;
    app.backupNow('daily').then(
      (m) => m && log(`已备份并校验: ${m.file}`),
      (e) => log(`备份失败: ${(e as Error).message}`),
    );
  };
  run();
  const timer = setInterval(run, everyMs);
  timer.unref?.();
  return () => clearInterval(timer);
}
