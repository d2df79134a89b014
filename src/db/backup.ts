/**
 * Backups (R-SEC-2): online copies made with SQLite's backup API into `backups/` beside the database,
 * each verified right after it is written (integrity check, reopened, row counts, the ledger chain) and
 * described by a manifest beside it; kept in rotation (14 daily, 8 weekly, 12 monthly).
 */
import { copyFileSync, existsSync, mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import type BetterSqlite3 from 'better-sqlite3';
import { format, getISOWeek, getISOWeekYear } from 'date-fns';
import { verifyLedger } from './ledger';
import { openDatabase } from './open';

export interface BackupManifest {
  file: string;
  at: string;
  reason: string;
  ok: boolean;
  integrity: string;
  ledgerHead: string;
  ledgerRows: number;
  counts: Record<string, number>;
  problems: string[];
}

export const backupsDir = (dbPath: string) => join(dirname(dbPath), 'backups');
const manifestOf = (file: string) => file.replace(/\.sqlite$/, '.json');

/** Opens a database file read-only and checks everything a restore would rely on. */
export function inspectDatabase(file: string): Omit<BackupManifest, 'file' | 'at' | 'reason'> {
  const h = openDatabase(file, { readonly: true });
  try {
    const integrity = (h.raw.pragma('integrity_check') as { integrity_check: string }[]).map((r) => r.integrity_check).join('; ');
    const tables = (h.raw.prepare("SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY name").all() as { name: string }[]).map((t) => t.name);
    const counts = Object.fromEntries(tables.map((t) => [t, (h.raw.prepare(`SELECT count(*) n FROM "${t}"`).get() as { n: number }).n]));
    const hasLedger = tables.includes('ledger_chain');
    const ledger = hasLedger ? verifyLedger(h.raw) : { ok: true, head: '', rows: 0, problems: [] };
    const problems = [...(integrity === 'ok' ? [] : [`完整性检查失败：${integrity}`]), ...ledger.problems.map((p) => p.message)];
    return { ok: problems.length === 0, integrity, ledgerHead: ledger.head, ledgerRows: ledger.rows, counts, problems };
  } finally {
    h.raw.close();
  }
}

/** Writes and verifies one backup of the open database; a copy that fails verification is removed. */
export async function makeBackup(raw: BetterSqlite3.Database, dbPath: string, now: Date, reason: string): Promise<BackupManifest> {
  const dir = backupsDir(dbPath);
  mkdirSync(dir, { recursive: true });
  let file = join(dir, `salesdesk-${format(now, 'yyyyMMdd-HHmmss')}.sqlite`);
  for (let i = 2; existsSync(file); i++) file = join(dir, `salesdesk-${format(now, 'yyyyMMdd-HHmmss')}-${i}.sqlite`);
  await raw.backup(file);
  openDatabase(file, { journal: 'DELETE' }).raw.close();
  const manifest: BackupManifest = { file: basename(file), at: now.toISOString(), reason, ...inspectDatabase(file) };
  if (!manifest.ok) {
    rmSync(file, { force: true });
    throw new Error(`备份校验失败，已删除这份备份：${manifest.problems.join('；')}`);
  }
  writeFileSync(manifestOf(file), JSON.stringify(manifest, null, 1));
  return manifest;
}

/** Verified backups, newest first. */
export function listBackups(dbPath: string): BackupManifest[] {
  const dir = backupsDir(dbPath);
  if (!existsSync(dir)) return [];
  return readdirSync(dir)
    .filter((f) => f.endsWith('.json'))
    .map((f) => {
      try {
        return JSON.parse(readFileSync(join(dir, f), 'utf8')) as BackupManifest;
      } catch {
        return null;
      }
    })
    .filter((m): m is BackupManifest => !!m && m.ok && existsSync(join(dir, m.file)))
    .sort((a, b) => b.at.localeCompare(a.at));
}

/** Which backups rotation keeps: the newest of each of the last 14 days, 8 ISO weeks and 12 months. */
export function backupsToKeep(backups: readonly { file: string; at: string }[]): Set<string> {
  const newestFirst = [...backups].sort((a, b) => b.at.localeCompare(a.at));
  const keep = new Set<string>();
  const take = (bucket: (d: Date) => string, count: number) => {
    const seen = new Set<string>();
    for (const b of newestFirst) {
      const key = bucket(new Date(b.at));
      if (seen.has(key)) continue;
      if (seen.size >= count) break;
      seen.add(key);
      keep.add(b.file);
    }
  };
  take((d) => format(d, 'yyyy-MM-dd'), 14);
  take((d) => `${getISOWeekYear(d)}-W${getISOWeek(d)}`, 8);
  take((d) => format(d, 'yyyy-MM'), 12);
  return keep;
}

export function rotateBackups(dbPath: string): string[] {
  const dir = backupsDir(dbPath);
  const all = listBackups(dbPath);
  const keep = backupsToKeep(all);
  const removed = all.filter((b) => !keep.has(b.file)).map((b) => b.file);
  for (const f of removed) {
    rmSync(join(dir, f), { force: true });
    rmSync(join(dir, manifestOf(f)), { force: true });
  }
  return removed;
}

/** Copies a verified backup over the database file (the database must be closed). */
export function replaceDatabaseFile(dbPath: string, backupFile: string): void {
  for (const suffix of ['-wal', '-shm']) rmSync(`${dbPath}${suffix}`, { force: true });
  copyFileSync(backupFile, dbPath);
}
