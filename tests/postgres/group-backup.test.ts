/**
 * An office group's backups (issue 16 item 6, R-SEC-2): a pg_dump counts only once it has been restored into a
 * scratch database and verified there; a dump of a tampered group is refused and leaves nothing; a restored row
 * changed behind the app's back fails verification; restore-group restores into a new database checked against
 * the manifest and never touches the live one; the schedule makes the first dump at start.
 */
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { randomBytes } from 'node:crypto';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { startBackupSchedule } from '../../src/app';
import { openPostgresApp } from '../../src/app-postgres';
import { failureWords } from '../../src/cli/words';
import { restoreDump, restoreGroupDump } from '../../src/db/backup-postgres';
import { verifyPostgresLedger } from '../../src/db/ledger-postgres';
import { openPostgres, scratchDatabase } from '../../src/db/postgres';
import { DataSafetyError } from '../../src/db/problems';
import { ManualClock } from '../../src/domain/clock';
import { TEAM } from '../support/app';
import { freshDatabase, postgresServer } from '../support/postgres';

const server = postgresServer();
/** A bound for a hang, not a speed limit: each dump is restored and verified, slow on a loaded machine. */
const LONG = 300_000;

async function dropDatabase(name: string): Promise<void> {
  const admin = openPostgres(server.url!, { ledgerKey: null });
  try {
    await sql.raw(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`).execute(admin.db);
  } finally {
    await admin.close();
  }
}

describe.skipIf(!server.url)(`an office group's backups${server.skipped ? ` — skipped: ${server.skipped}` : ''}`, () => {
  const dir = mkdtempSync(join(tmpdir(), 'salesdesk-pgbackup-'));
  const backupDir = join(dir, 'backups');
  const key = randomBytes(32);
  const clock = new ManualClock(new Date('2026-03-02T09:00:00'));
  let database: Awaited<ReturnType<typeof freshDatabase>>;
  let app: Awaited<ReturnType<typeof openPostgresApp>>;
  const cleanups: (() => Promise<unknown>)[] = [];

  beforeAll(async () => {
    database = await freshDatabase(server.url!);
    app = await openPostgresApp({ databaseUrl: database.url, ledgerKey: key, clock, backupDir });
    expect(await app.backupNow('manual')).toBeNull(); // nothing to keep before first-run setup
    expect((await app.dispatch(null, 'setup.firstRun', { staff: TEAM })).result.ok).toBe(true);
  }, LONG);
  afterAll(async () => {
    for (const c of cleanups.reverse()) await c();
    await app?.close();
    await database?.drop();
    rmSync(dir, { recursive: true, force: true });
  });

  it(
    'the schedule makes a dump at start; it counts once restored into a scratch database and verified',
    async () => {
      const stop = startBackupSchedule(app, () => undefined);
      try {
        await vi.waitFor(() => expect(app.listBackups()).toHaveLength(1), { timeout: LONG, interval: 100 });
      } finally {
        stop();
      }
      const m = app.listBackups()[0]!;
      expect(m).toMatchObject({ reason: 'daily', ok: true, integrity: 'pg_restore ok', problems: [] });
      expect(m.file).toMatch(/^salesdesk-20260302-090000\.dump$/);
      const live = await verifyPostgresLedger(app.db, key);
      expect(m.ledgerHead).toBe(live.head);
      expect(m.ledgerRows).toBe(live.rows);
      expect(m.counts.staff).toBe(TEAM.length);
      // the same through the API: status and the live chain's verification
      const status = await app.dispatch({ staffId: 'dir' }, 'backup.status', {});
      expect(status.result).toMatchObject({ ok: true, value: { persistent: true, stale: false, lastGood: { file: m.file } } });
      const verify = await app.dispatch({ staffId: 'dir' }, 'backup.verify', {});
      expect(verify.result).toMatchObject({ ok: true, value: { ok: true, problems: [] } });
    },
    LONG,
  );

  it(
    'restores a dump into a new database checked against its manifest; the live database is untouched; a forged manifest is refused',
    async () => {
      clock.set(new Date('2026-03-02T10:00:00'));
      const m = (await app.backupNow('manual'))!;
      const file = join(backupDir, m.file);
      const r = await restoreGroupDump(file, server.url!, `sd_restored_${randomBytes(4).toString('hex')}`, key);
      cleanups.push(() => dropDatabase(new URL(r.url).pathname.slice(1)));
      expect(r.check).toMatchObject({ ok: true, ledgerRows: m.ledgerRows, ledgerHead: m.ledgerHead });
      expect(r.check.counts).toEqual(m.counts);
      // a manifest that names another head: the dump is not the one it describes
      const manifest = join(backupDir, m.file.replace(/\.dump$/, '.json'));
      const kept = readFileSync(manifest, 'utf8');
      writeFileSync(manifest, JSON.stringify({ ...JSON.parse(kept), ledgerHead: 'f'.repeat(64) }));
      const into = `sd_forged_${randomBytes(4).toString('hex')}`;
      const e = await restoreGroupDump(file, server.url!, into, key).catch((x: unknown) => x);
      writeFileSync(manifest, kept);
      expect(e).toBeInstanceOf(DataSafetyError);
      expect((e as DataSafetyError).reason).toBe('restore_manifest_mismatch');
      // the refused restore's database is gone again
      const admin = openPostgres(server.url!, { ledgerKey: null });
      const left = await sql<{ n: number }>`SELECT count(*) AS n FROM pg_database WHERE datname = ${into}`.execute(admin.db);
      await admin.close();
      expect(Number(left.rows[0]!.n)).toBe(0);
      // the running app refuses a restore over the live database, saying how it is done
      const refused = await app.dispatch({ staffId: 'dir' }, 'backup.restore', { file: m.file });
      expect(refused.result).toMatchObject({ ok: false, error: { reason: 'restore_group_by_command' } });
      expect(failureWords(new DataSafetyError('restore_group_by_command', { file: m.file }))).toContain(`restore-group ${m.file}`);
    },
    LONG,
  );

  it(
    'a restored row changed behind the app’s back fails verification',
    async () => {
      const m = app.listBackups()[0]!;
      const scratch = await scratchDatabase(server.url!, 'sd_tamper');
      cleanups.push(() => scratch.drop());
      await restoreDump(join(backupDir, m.file), scratch.url);
      const h = openPostgres(scratch.url, { ledgerKey: null });
      try {
        expect(await verifyPostgresLedger(h.db, key)).toMatchObject({ ok: true, head: m.ledgerHead });
        await sql`ALTER TABLE audit_log DISABLE TRIGGER audit_log_insert_only`.execute(h.db);
        await sql`UPDATE audit_log SET detail = '{}' WHERE id = 1`.execute(h.db);
        await sql`ALTER TABLE audit_log ENABLE TRIGGER audit_log_insert_only`.execute(h.db);
        const r = await verifyPostgresLedger(h.db, key);
        expect(r.ok).toBe(false);
        expect(r.problems.map((p) => [p.code, p.table, p.rowId])).toEqual([['row_changed', 'audit_log', 1]]);
        // and with another group's key, the untouched chain is not this group's
        expect((await verifyPostgresLedger(h.db, randomBytes(32))).problems[0]?.code).toBe('key_wrong');
      } finally {
        await h.close();
      }
    },
    LONG,
  );

  it(
    'a dump of a tampered group fails its check: refused, nothing kept',
    async () => {
      const before = readdirSync(backupDir).sort();
      await sql`ALTER TABLE staff_roles DISABLE TRIGGER staff_roles_ledger`.execute(app.db);
      await sql`INSERT INTO staff_roles (staff_id, role) VALUES ('zhang', 'admin')`.execute(app.db);
      await sql`ALTER TABLE staff_roles ENABLE TRIGGER staff_roles_ledger`.execute(app.db);
      clock.set(new Date('2026-03-02T11:00:00'));
      const e = await app.backupNow('manual').catch((x: unknown) => x);
      expect(e).toBeInstanceOf(DataSafetyError);
      expect((e as DataSafetyError).reason).toBe('backup_unsound');
      expect((e as DataSafetyError).problems.map((p) => p.code)).toContain('row_unchained');
      expect(readdirSync(backupDir).sort()).toEqual(before);
      expect(app.listBackups()[0]!.at).toBe(new Date('2026-03-02T10:00:00').toISOString());
    },
    LONG,
  );
});
