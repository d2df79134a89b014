/**
 * Backups (R-SEC-2): online copies made with SQLite's backup API into `backups/` beside the database,
 * each verified right after it is written (integrity check, reopened, row counts, the ledger chain) and
 * described by a manifest beside it. Rotation (14 daily, 8 weekly, 12 monthly) thins only the automatic
 * ones; manual and pre-restore copies stay until a person removes them (`backup.remove`).
 */
import {
  closeSync,
  copyFileSync,
  existsSync,
  fsyncSync,
  linkSync,
  mkdirSync,
  openSync,
  readdirSync,
  readFileSync,
  readSync,
  renameSync,
  rmSync,
  statSync,
  writeFileSync,
} from 'node:fs';
import { basename, dirname, join } from 'node:path';
import type BetterSqlite3 from 'better-sqlite3';
import { format, getISOWeek, getISOWeekYear } from 'date-fns';
import { verifyLedger } from './ledger';
import { SCHEMA_VERSION } from './migrate';
import { openDatabase } from './open';
import { type CheckParams, type CheckProblem, DataSafetyError, problem } from './problems';

export interface BackupManifest {
  file: string;
  at: string;
  reason: string;
  ok: boolean;
  integrity: string;
  ledgerHead: string;
  ledgerRows: number;
  counts: Record<string, number>;
  /** what its check found (none for a verified backup); manifests of older versions held sentences here */
  problems: CheckProblem[];
}

export type Inspection = Omit<BackupManifest, 'file' | 'at' | 'reason'>;

/** Reasons rotation may thin; every other backup (manual, before-restore) is kept until a person removes it. */
export const AUTOMATIC_REASONS: readonly string[] = ['daily', 'start', 'quit'];
/** Without these a file is not a Salesdesk office, whatever else it holds. */
const REQUIRED_TABLES = ['staff', 'staff_roles', 'ledger_tables', 'ledger_chain', 'audit_log'];
const SQLITE_HEADER = 'SQLite format 3\0';
/** `integrity` of a file whose integrity_check never ran (SQLite's own answer is 'ok' or what it found). */
export const UNCHECKED = 'unchecked';

export const backupsDir = (dbPath: string) => join(dirname(dbPath), 'backups');
/** A backup's manifest beside it: an office's `.sqlite` copy or an office group's `.dump` (src/db/backup-postgres.ts). */
export const manifestOf = (file: string) => file.replace(/\.(sqlite|dump)$/, '.json');
const message = (e: unknown) => (e instanceof Error ? e.message : String(e));

/** Best effort: Windows cannot open a folder, some filesystems refuse fsync on a read handle; the rename stays atomic. */
function fsyncPath(path: string): void {
  let fd: number;
  try {
    fd = openSync(path, 'r');
  } catch {
    return;
  }
  try {
    fsyncSync(fd);
  } catch {
    // as above
  } finally {
    closeSync(fd);
  }
}

function headerOf(file: string): string {
  const fd = openSync(file, 'r');
  try {
    const buf = Buffer.alloc(16);
    const n = readSync(fd, buf, 0, 16, 0);
    return buf.subarray(0, n).toString('latin1');
  } finally {
    closeSync(fd);
  }
}

/** Whether first-run setup has happened: a backup of an office without staff is refused (it would reopen setup). */
export function officeHasStaff(raw: BetterSqlite3.Database): boolean {
  try {
    return raw.prepare('SELECT 1 FROM staff LIMIT 1').get() !== undefined;
  } catch {
    return false; // a file too damaged to read its staff cannot make a backup that verifies either
  }
}

/**
 * Opens a file read-only and checks everything a restore relies on: that it is a Salesdesk database at all
 * (SQLite, a known schema version, the staff and ledger tables, at least one person), its integrity, and the
 * whole ledger chain. Never throws: whatever is wrong with the file comes back as `problems` (facts).
 */
export function inspectDatabase(file: string): Inspection {
  const refused = (found: CheckProblem, integrity = UNCHECKED): Inspection => ({
    ok: false,
    integrity,
    ledgerHead: '',
    ledgerRows: 0,
    counts: {},
    problems: [found],
  });
  try {
    if (!statSync(file).isFile()) return refused(problem('not_a_file'));
    if (statSync(file).size === 0) return refused(problem('file_empty'));
    if (headerOf(file) !== SQLITE_HEADER) return refused(problem('not_sqlite'));
  } catch (e) {
    return refused(problem('unreadable', { detail: message(e) }));
  }
  let h;
  try {
    h = openDatabase(file, { readonly: true });
  } catch (e) {
    return refused(problem('unopenable', { detail: message(e) }));
  }
  try {
    const integrity = (h.raw.pragma('integrity_check') as { integrity_check: string }[]).map((r) => r.integrity_check).join('; ');
    if (integrity !== 'ok') return refused(problem('integrity_failed', { detail: integrity.slice(0, 300) }), integrity);
    const version = h.raw.pragma('user_version', { simple: true }) as number;
    if (version > SCHEMA_VERSION) return refused(problem('version_newer', { version, supported: SCHEMA_VERSION }), integrity);
    const tables = (
      h.raw.prepare("SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY name").all() as {
        name: string;
      }[]
    ).map((t) => t.name);
    const missing = REQUIRED_TABLES.filter((t) => !tables.includes(t));
    if (version < 1 || missing.length > 0)
      return refused(problem('not_salesdesk', { version, missing: missing.length, tables: missing.join(',') }), integrity);
    const counts = Object.fromEntries(tables.map((t) => [t, (h.raw.prepare(`SELECT count(*) n FROM "${t}"`).get() as { n: number }).n]));
    const problems: CheckProblem[] = [];
    if (!counts.staff) problems.push(problem('no_staff'));
    let ledger;
    try {
      ledger = verifyLedger(h.raw);
    } catch (e) {
      ledger = { ok: false, head: '', rows: 0, problems: [problem('ledger_unverifiable', { detail: message(e) })] };
    }
    problems.push(...ledger.problems.map((p) => problem(p.code, p.params)));
    return { ok: problems.length === 0, integrity, ledgerHead: ledger.head, ledgerRows: ledger.rows, counts, problems };
  } catch (e) {
    return refused(problem('unreadable', { detail: message(e) }));
  } finally {
    h.raw.close();
  }
}

/**
 * Removes what a kill mid-backup leaves: `.partial` copies, and backup files without their manifest (a
 * backup is only renamed into place after its manifest is written, so these never came from a finished one).
 * Files under other names (a copy an admin put there by hand, a damaged file kept before a restore) stay.
 */
export function removeOrphans(dbPath: string): string[] {
  const dir = backupsDir(dbPath);
  if (!existsSync(dir)) return [];
  const files = readdirSync(dir);
  const orphan = (f: string) =>
    /\.partial(-journal|-wal|-shm)?$/.test(f) ||
    (/^salesdesk-[\w-]+\.sqlite$/.test(f) && !files.includes(manifestOf(f))) ||
    (/^salesdesk-[\w-]+\.sqlite-(journal|wal|shm)$/.test(f) && !files.includes(manifestOf(f.replace(/-(journal|wal|shm)$/, ''))));
  const removed = files.filter(orphan);
  for (const f of removed) rmSync(join(dir, f), { force: true });
  return removed;
}

export function freeName(dir: string, prefix: string, now: Date, extension = 'sqlite'): string {
  const stamp = format(now, 'yyyyMMdd-HHmmss');
  let file = `${prefix}-${stamp}.${extension}`;
  for (let i = 2; existsSync(join(dir, file)) || existsSync(join(dir, manifestOf(file))); i++)
    file = `${prefix}-${stamp}-${i}.${extension}`;
  return file;
}

export function writeManifest(dir: string, manifest: BackupManifest): void {
  const path = join(dir, manifestOf(manifest.file));
  writeFileSync(`${path}.partial`, JSON.stringify(manifest, null, 1));
  fsyncPath(`${path}.partial`);
  renameSync(`${path}.partial`, path);
}

/**
 * Writes and verifies one backup of the open database. It is written under a `.partial` name and renamed
 * into place only after its manifest, so a kill at any moment leaves either a whole backup or an orphan
 * that the next backup removes; a copy that fails verification is removed.
 */
export async function makeBackup(raw: BetterSqlite3.Database, dbPath: string, now: Date, reason: string): Promise<BackupManifest> {
  const dir = backupsDir(dbPath);
  mkdirSync(dir, { recursive: true });
  removeOrphans(dbPath);
  const name = freeName(dir, 'salesdesk', now);
  const file = join(dir, name);
  const partial = `${file}.partial`;
  try {
    await raw.backup(partial);
    openDatabase(partial, { journal: 'DELETE' }).raw.close();
    const manifest: BackupManifest = { file: name, at: now.toISOString(), reason, ...inspectDatabase(partial) };
    if (!manifest.ok) throw new DataSafetyError('backup_unsound', {}, manifest.problems);
    fsyncPath(partial);
    writeManifest(dir, manifest);
    renameSync(partial, file);
    fsyncPath(dir);
    return manifest;
  } finally {
    for (const suffix of ['', '-journal']) rmSync(`${partial}${suffix}`, { force: true });
  }
}

/**
 * A byte-for-byte copy of a database that cannot be backed up as verified (damaged, or failing its own
 * check), with its WAL: kept under `damaged-…` with a manifest that says why, never offered for restore.
 */
export function keepByteCopy(dbPath: string, now: Date, why: readonly CheckProblem[]): string {
  const dir = backupsDir(dbPath);
  mkdirSync(dir, { recursive: true });
  const name = freeName(dir, 'damaged', now);
  for (const suffix of ['', '-wal']) {
    if (!existsSync(`${dbPath}${suffix}`)) continue;
    copyFileSync(`${dbPath}${suffix}`, join(dir, `${name}${suffix}.partial`));
    fsyncPath(join(dir, `${name}${suffix}.partial`));
  }
  writeManifest(dir, {
    file: name,
    at: now.toISOString(),
    reason: 'before-restore',
    ok: false,
    integrity: UNCHECKED,
    ledgerHead: '',
    ledgerRows: 0,
    counts: {},
    problems: [...why],
  });
  for (const suffix of ['', '-wal'])
    if (existsSync(join(dir, `${name}${suffix}.partial`))) renameSync(join(dir, `${name}${suffix}.partial`), join(dir, `${name}${suffix}`));
  fsyncPath(dir);
  return name;
}

export function readManifest(path: string): BackupManifest | null {
  try {
    return JSON.parse(readFileSync(path, 'utf8')) as BackupManifest;
  } catch {
    return null;
  }
}

/** Verified backups, newest first. */
export function listBackups(dbPath: string): BackupManifest[] {
  return listBackupsIn(backupsDir(dbPath));
}

/** Verified backups in a folder, newest first (an office group's dumps live in one of their own). */
export function listBackupsIn(dir: string): BackupManifest[] {
  if (!existsSync(dir)) return [];
  return readdirSync(dir)
    .filter((f) => f.endsWith('.json'))
    .map((f) => readManifest(join(dir, f)))
    .filter((m): m is BackupManifest => !!m && m.ok && typeof m.file === 'string' && existsSync(join(dir, m.file)))
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

/** Thins the automatic backups; a manual or pre-restore copy is a person's decision and is never rotated. */
export function rotateBackups(dbPath: string): string[] {
  return rotateBackupsIn(backupsDir(dbPath));
}

export function rotateBackupsIn(dir: string): string[] {
  const automatic = listBackupsIn(dir).filter((b) => AUTOMATIC_REASONS.includes(b.reason));
  const keep = backupsToKeep(automatic);
  const removed = automatic.filter((b) => !keep.has(b.file)).map((b) => b.file);
  for (const f of removed) {
    rmSync(join(dir, f), { force: true });
    rmSync(join(dir, manifestOf(f)), { force: true });
  }
  return removed;
}

/** Removes one backup a person chose (backup.remove); the newest verified one stays, it is what restore trusts. */
export function removeBackup(dbPath: string, file: string): BackupManifest {
  return removeBackupIn(backupsDir(dbPath), file);
}

export function removeBackupIn(dir: string, file: string): BackupManifest {
  const all = listBackupsIn(dir);
  const m = all.find((b) => b.file === file);
  if (!m) throw new DataSafetyError('backup_not_found', { file });
  if (all[0]!.file === file) throw new DataSafetyError('backup_newest_kept', { file });
  rmSync(join(dir, manifestOf(file)), { force: true });
  rmSync(join(dir, file), { force: true });
  return m;
}

/** A database's ledger chain as restore compares it: its length and the chain hash at any position (1-based). */
interface Chain {
  name: string;
  rows: number;
  at(position: number): string | null;
}

function chainOf(raw: BetterSqlite3.Database, name: string): Chain {
  const stmt = raw.prepare('SELECT chain_hash FROM ledger_chain ORDER BY seq LIMIT 1 OFFSET ?').pluck();
  return {
    name,
    rows: (raw.prepare('SELECT count(*) FROM ledger_chain').pluck().get() as number) ?? 0,
    at: (p) => (p === 0 ? '' : ((stmt.get(p - 1) as string | undefined) ?? null)),
  };
}

/**
 * Whether a candidate's chain belongs to the history the app trusts (the restore rule, issue 13 point 7).
 * Trusted chains: the live database when it is sound and its chain verifies, and every other verified
 * backup whose file still ends where its manifest says. The candidate is accepted when
 *  (a) its head is the entry at its own length in a trusted chain (it is an earlier state of that chain), or
 *  (b) it extends the newest verified backup made at or before it: it has at least that backup's rows and
 *      its entry at that length is that backup's `ledgerHead` (the newest backup, or the pre-restore copy
 *      that undoes a restore), or
 *  (c) there is nothing trusted to compare with (no other verified backup and no sound live chain).
 * Returns null when accepted, else why not.
 */
/** The live chain vouches for a backup's history only when the live file is a working office whose chain verifies. */
function soundLive(raw: BetterSqlite3.Database): boolean {
  try {
    return officeHasStaff(raw) && verifyLedger(raw).ok;
  } catch {
    return false;
  }
}

function unknownHistory(
  candidate: BackupManifest,
  cand: Chain,
  dbPath: string,
  live: BetterSqlite3.Database | null,
): DataSafetyError | null {
  const dir = backupsDir(dbPath);
  const trusted: Chain[] = [];
  const opened: BetterSqlite3.Database[] = [];
  try {
    if (live && soundLive(live)) trusted.push(chainOf(live, ':live')); // a name no backup file has
    const others = listBackups(dbPath).filter((b) => b.file !== candidate.file);
    for (const b of others) {
      try {
        const h = openDatabase(join(dir, b.file), { readonly: true });
        opened.push(h.raw);
        const chain = chainOf(h.raw, b.file);
        if (chain.rows === b.ledgerRows && chain.at(b.ledgerRows) === b.ledgerHead) trusted.push(chain);
      } catch {
        // a backup that no longer opens vouches for nothing
      }
    }
    const head = cand.at(cand.rows);
    if (trusted.some((c) => c.rows >= cand.rows && c.at(cand.rows) === head)) return null;
    const before = others.find((b) => b.at <= candidate.at && trusted.some((c) => c.name === b.file));
    if (before) {
      if (cand.rows >= before.ledgerRows && cand.at(before.ledgerRows) === before.ledgerHead) return null;
      return new DataSafetyError('restore_history_broken', { file: candidate.file, before: before.file, seq: before.ledgerRows });
    }
    if (trusted.length === 0) return null;
    return new DataSafetyError('restore_history_unknown', { file: candidate.file });
  } finally {
    for (const raw of opened) raw.close();
  }
}

/**
 * Everything a restore checks before it touches anything: the file is a sound Salesdesk database, its
 * manifest lies beside it and names the same chain head and row count, and its chain belongs to the
 * history the app trusts. Throws a DataSafetyError saying what is wrong.
 */
export function checkRestoreCandidate(dbPath: string, path: string, live: BetterSqlite3.Database | null): Inspection {
  const check = inspectDatabase(path);
  if (!check.ok) throw new DataSafetyError('restore_backup_unsound', { file: basename(path) }, check.problems);
  const manifest = readManifest(manifestOf(path));
  if (!manifest || !manifest.ok)
    throw new DataSafetyError('restore_no_manifest', { file: basename(path), manifest: basename(manifestOf(path)) });
  if (manifest.ledgerRows !== check.ledgerRows || manifest.ledgerHead !== check.ledgerHead) {
    throw new DataSafetyError('restore_manifest_mismatch', {
      file: basename(path),
      rows: check.ledgerRows,
      head: check.ledgerHead.slice(0, 12),
      manifestRows: manifest.ledgerRows,
      manifestHead: manifest.ledgerHead.slice(0, 12),
    });
  }
  const h = openDatabase(path, { readonly: true });
  try {
    const unknown = unknownHistory({ ...manifest, file: basename(path) }, chainOf(h.raw, basename(path)), dbPath, live);
    if (unknown) throw unknown;
  } finally {
    h.raw.close();
  }
  return check;
}

/**
 * Puts a verified copy of `candidate` in place of the live file so that the live file is either the old one
 * or the new one, never a mix: the copy is written and fsynced beside the database, the live handle closed,
 * the old file kept under another name (a hard link, or a copy), the copy renamed over it. When the new file
 * does not open, the old one is put back and reopened.
 */
export async function swapDatabaseFile(
  dbPath: string,
  candidate: string,
  close: () => Promise<void>,
  reopen: (restored: boolean) => Promise<void>,
): Promise<void> {
  const tmp = `${dbPath}.restore.partial`;
  const previous = `${dbPath}.previous`;
  const move = (from: string, to: string) => existsSync(from) && renameSync(from, to);
  try {
    copyFileSync(candidate, tmp);
    fsyncPath(tmp);
  } catch (e) {
    rmSync(tmp, { force: true });
    throw Object.assign(new DataSafetyError('restore_copy_failed', { detail: message(e) }), { cause: e });
  }
  await close();
  let swapped = false;
  try {
    for (const suffix of ['', '-wal']) rmSync(`${previous}${suffix}`, { force: true });
    try {
      linkSync(dbPath, previous);
    } catch {
      copyFileSync(dbPath, previous);
      fsyncPath(previous);
    }
    move(`${dbPath}-wal`, `${previous}-wal`); // a WAL left beside the new file would be replayed into it
    rmSync(`${dbPath}-shm`, { force: true });
    renameSync(tmp, dbPath);
    swapped = true;
    fsyncPath(dirname(dbPath));
    await reopen(true);
  } catch (e) {
    if (swapped) {
      for (const suffix of ['-wal', '-shm']) rmSync(`${dbPath}${suffix}`, { force: true });
      renameSync(previous, dbPath);
    }
    move(`${previous}-wal`, `${dbPath}-wal`);
    rmSync(tmp, { force: true });
    await reopen(false);
    // a check of ours that failed underneath is passed on as its reason (`cause`) and facts, the renderer words it
    const inner: CheckParams = e instanceof DataSafetyError ? { cause: e.reason, ...e.params } : { detail: message(e) };
    throw Object.assign(
      new DataSafetyError(
        swapped ? 'restore_failed_put_back' : 'restore_failed_unchanged',
        inner,
        e instanceof DataSafetyError ? e.problems : [],
      ),
      { cause: e },
    );
  }
  for (const suffix of ['', '-wal']) rmSync(`${previous}${suffix}`, { force: true });
}

/**
 * The half-written copy a kill during a restore can leave beside the database, removed at start. The
 * `.previous` file stays: it may be the only copy of a WAL the kill cut off; the next restore replaces it.
 */
export function removeRestoreLeftovers(dbPath: string): void {
  rmSync(`${dbPath}.restore.partial`, { force: true });
}
