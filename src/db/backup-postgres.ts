/**
 * An office group's backups (issue 16 item 6, R-SEC-2): `pg_dump` in its custom format (-Fc) into the backups
 * folder, on the same schedule and rotation as an office's SQLite copies (src/app.ts startBackupSchedule,
 * src/db/backup.ts). A dump counts only once it has been restored with `pg_restore` into a scratch database
 * beside the group's and verified there: pg_restore's own success, every table's rows counted, the group's
 * ledger chain verified with the group's key (src/db/ledger-postgres.ts). Its manifest beside it (the same
 * fields as an office's) keeps the counts and the chain's head. A dump that fails its check is removed.
 *
 * Restoring is never done over the live database (several app servers use it): `salesdesk restore-group`
 * restores a verified dump into a new database and checks it against its manifest; the admin then points
 * SALESDESK_DATABASE_URL at it (README "An office group on PostgreSQL").
 */
import { execFile, execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, renameSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { sql } from 'kysely';
import { type BackupManifest, freeName, type Inspection, readManifest, manifestOf, writeManifest } from './backup';
import { HOME_SCHEMA } from './engine';
import { listSites, siteDb, verifyEverySite } from './sites';
import { openPostgres, scratchDatabase } from './postgres';
import { type CheckProblem, DataSafetyError, problem } from './problems';

const run = promisify(execFile);
/** What a dump's check says when pg_restore and the counts went through (SQLite's integrity_check says 'ok'). */
export const RESTORED_OK = 'pg_restore ok';

/**
 * The PostgreSQL client tool's path: SALESDESK_PG_BIN, else the newest server's bin folder under
 * /usr/lib/postgresql (as scripts/pg-cluster.mjs findPgBin), else pg_config's, else the PATH's.
 */
export function pgTool(name: 'pg_dump' | 'pg_restore'): string {
  const dirs: string[] = [];
  if (process.env.SALESDESK_PG_BIN) dirs.push(process.env.SALESDESK_PG_BIN);
  const base = '/usr/lib/postgresql';
  if (existsSync(base)) {
    for (const v of readdirSync(base).sort((a, b) => Number(b) - Number(a))) dirs.push(join(base, v, 'bin'));
  }
  try {
    dirs.push(execFileSync('pg_config', ['--bindir'], { encoding: 'utf8' }).trim());
  } catch {
    // no pg_config: the PATH below
  }
  for (const d of dirs) if (existsSync(join(d, name))) return join(d, name);
  for (const d of (process.env.PATH ?? '').split(':')) if (d && existsSync(join(d, name))) return join(d, name);
  throw new DataSafetyError('backup_tool_missing', { tool: name });
}

const detailOf = (e: unknown) => {
  const err = e as { stderr?: string; message?: string };
  return String(err?.stderr || err?.message || e)
    .trim()
    .split('\n')
    .slice(-3)
    .join(' ')
    .slice(0, 300);
};

/** Restores a dump into the database `url` names (empty, new): the group's schema, triggers and rows as dumped. */
export async function restoreDump(file: string, url: string): Promise<void> {
  await run(pgTool('pg_restore'), ['--no-owner', '--no-privileges', '--exit-on-error', '--single-transaction', '-d', url, file], {
    maxBuffer: 16 * 1024 * 1024,
  });
}

/** Every table's row count in a group database. */
async function countsOf(db: ReturnType<typeof openPostgres>['db']): Promise<Record<string, number>> {
  const tables = (
    await sql<{ t: string }>`SELECT tablename AS t FROM pg_tables WHERE schemaname = current_schema() ORDER BY tablename`.execute(db)
  ).rows.map((r) => r.t);
  const counts: Record<string, number> = {};
  for (const t of tables)
    counts[t] = Number((await sql<{ n: number }>`SELECT count(*) AS n FROM ${sql.table(t)}`.execute(db)).rows[0]?.n ?? 0);
  return counts;
}

/**
 * Checks a database a dump was restored into (or any group database): counts, staff, the ledger chain with
 * the group's key. Never throws for what it finds: problems are facts.
 */
export async function inspectGroupDatabase(url: string, key: Buffer): Promise<Inspection> {
  const h = openPostgres(url, { ledgerKey: null, max: 2 });
  try {
    // Every site's tables (src/db/sites.ts): the home site's by their names, another's as code:table.
    const counts = await countsOf(h.db);
    for (const site of await listSites(h.db).catch(() => []))
      if (site.schema !== HOME_SCHEMA)
        for (const [t, n] of Object.entries(await countsOf(siteDb(h.db, site)))) counts[`${site.code}:${t}`] = n;
    const problems: CheckProblem[] = [];
    if (!counts.staff) problems.push(problem('no_staff'));
    const ledger = await verifyEverySite(h.db, key);
    problems.push(...ledger.problems.map((p) => problem(p.code, p.params)));
    return { ok: problems.length === 0, integrity: RESTORED_OK, ledgerHead: ledger.head, ledgerRows: ledger.rows, counts, problems };
  } catch (e) {
    return {
      ok: false,
      integrity: RESTORED_OK,
      ledgerHead: '',
      ledgerRows: 0,
      counts: {},
      problems: [problem('ledger_unverifiable', { detail: detailOf(e) })],
    };
  } finally {
    await h.close();
  }
}

/** A dump restored into a scratch database beside the group's (`serverUrl`), checked there, the scratch dropped. */
export async function inspectDump(file: string, serverUrl: string, key: Buffer): Promise<Inspection> {
  const scratch = await scratchDatabase(serverUrl, 'salesdesk_check');
  try {
    try {
      await restoreDump(file, scratch.url);
    } catch (e) {
      if (e instanceof DataSafetyError) throw e;
      return {
        ok: false,
        integrity: 'pg_restore failed',
        ledgerHead: '',
        ledgerRows: 0,
        counts: {},
        problems: [problem('dump_unrestorable', { detail: detailOf(e) })],
      };
    }
    return await inspectGroupDatabase(scratch.url, key);
  } finally {
    await scratch.drop();
  }
}

/** What a kill mid-backup leaves in the folder: `.partial` dumps, dumps without their manifest. */
export function removeDumpOrphans(dir: string): string[] {
  if (!existsSync(dir)) return [];
  const files = readdirSync(dir);
  const removed = files.filter((f) => /\.dump\.partial$/.test(f) || (/^salesdesk-[\w-]+\.dump$/.test(f) && !files.includes(manifestOf(f))));
  for (const f of removed) rmSync(join(dir, f), { force: true });
  return removed;
}

/**
 * Dumps the group's database into `dir`, restores the dump into a scratch database and verifies it there; only
 * then are its manifest written and the dump renamed into place. A dump that fails its check is removed and
 * refused as `backup_unsound` with what the check found.
 */
export async function makePostgresBackup(url: string, dir: string, key: Buffer, now: Date, reason: string): Promise<BackupManifest> {
  mkdirSync(dir, { recursive: true });
  removeDumpOrphans(dir);
  const name = freeName(dir, 'salesdesk', now, 'dump');
  const file = join(dir, name);
  const partial = `${file}.partial`;
  try {
    try {
      await run(pgTool('pg_dump'), ['-Fc', '--no-owner', '--no-privileges', '-f', partial, url], { maxBuffer: 16 * 1024 * 1024 });
    } catch (e) {
      if (e instanceof DataSafetyError) throw e;
      throw new DataSafetyError('data_safety_failed', { detail: detailOf(e) });
    }
    const manifest: BackupManifest = { file: name, at: now.toISOString(), reason, ...(await inspectDump(partial, url, key)) };
    if (!manifest.ok) throw new DataSafetyError('backup_unsound', {}, manifest.problems);
    writeManifest(dir, manifest);
    renameSync(partial, file);
    return manifest;
  } finally {
    rmSync(partial, { force: true });
  }
}

/**
 * Restores a verified dump into a new database `into` on the group's server (`serverUrl`) and checks it against
 * its manifest: the same chain head and length, every table's count. Returns the new database's URL; on any
 * refusal the new database is dropped again. The live database is never touched.
 */
export async function restoreGroupDump(
  file: string,
  serverUrl: string,
  into: string,
  key: Buffer,
): Promise<{ url: string; manifest: BackupManifest; check: Inspection }> {
  const base = file.split('/').pop()!;
  const manifest = readManifest(manifestOf(file));
  if (!manifest || !manifest.ok) throw new DataSafetyError('restore_no_manifest', { file: base, manifest: manifestOf(base) });
  if (!/^[a-z_][a-z0-9_]{0,62}$/.test(into)) throw new DataSafetyError('data_safety_failed', { detail: `database name ${into}` });
  const admin = openPostgres(serverUrl, { ledgerKey: null, max: 1 });
  try {
    await sql.raw(`CREATE DATABASE ${into}`).execute(admin.db);
  } catch (e) {
    throw new DataSafetyError('restore_failed_unchanged', { detail: detailOf(e) });
  } finally {
    await admin.close();
  }
  const url = new URL(serverUrl);
  url.pathname = `/${into}`;
  const target = url.toString();
  const drop = async () => {
    const a = openPostgres(serverUrl, { ledgerKey: null, max: 1 });
    try {
      await sql.raw(`DROP DATABASE IF EXISTS ${into} WITH (FORCE)`).execute(a.db);
    } finally {
      await a.close();
    }
  };
  try {
    try {
      await restoreDump(file, target);
    } catch (e) {
      if (e instanceof DataSafetyError) throw e;
      throw new DataSafetyError('restore_backup_unsound', { file: base }, [problem('dump_unrestorable', { detail: detailOf(e) })]);
    }
    const check = await inspectGroupDatabase(target, key);
    if (!check.ok) throw new DataSafetyError('restore_backup_unsound', { file: base }, check.problems);
    if (check.ledgerRows !== manifest.ledgerRows || check.ledgerHead !== manifest.ledgerHead) {
      throw new DataSafetyError('restore_manifest_mismatch', {
        file: base,
        rows: check.ledgerRows,
        head: check.ledgerHead.slice(0, 12),
        manifestRows: manifest.ledgerRows,
        manifestHead: manifest.ledgerHead.slice(0, 12),
      });
    }
    return { url: target, manifest, check };
  } catch (e) {
    await drop();
    throw e;
  }
}
