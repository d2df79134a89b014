/**
 * Moving an office into the group (issue 16 item 5): a demo-sized office's file imported into a fresh group
 * database has the same rows table by table, answers the same statements, and a group chain that verifies with
 * PostgreSQL's row hash; the two engines give the same verdict on the same tampered row; a second import, under
 * the same site name or into the site that holds it, is refused and changes nothing; an unsound file is never imported.
 */
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { randomBytes } from 'node:crypto';
import BetterSqlite3 from 'better-sqlite3';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openApp } from '../../src/app';
import { openPostgresApp } from '../../src/app-postgres';
import { fillDemo } from '../../src/cli/demo';
import { failureWords } from '../../src/cli/words';
import { IMPORT_METHOD, IMPORTED_TABLES, importOffice } from '../../src/db/import-office';
import { verifyLedger } from '../../src/db/ledger';
import { verifyPostgresLedger } from '../../src/db/ledger-postgres';
import { migrateToLatest } from '../../src/db/migrate';
import { openDatabase } from '../../src/db/open';
import { openPostgres, type PostgresHandle } from '../../src/db/postgres';
import { DataSafetyError } from '../../src/db/problems';
import { ManualClock } from '../../src/domain/clock';
import { freshDatabase, postgresServer } from '../support/postgres';

const server = postgresServer();
const FIRST = new Date('2026-02-02T08:00:00');
/** A bound for a hang, not a speed limit: a demo month's import takes 20–30 s on a loaded 2-core machine. */
const LONG = 300_000;

/** Every table's row count as the office's file holds it, read without the app. */
function fileCounts(file: string): Record<string, number> {
  const raw = new BetterSqlite3(file, { readonly: true });
  try {
    return Object.fromEntries(IMPORTED_TABLES.map((t) => [t, (raw.prepare(`SELECT count(*) AS n FROM "${t}"`).get() as { n: number }).n]));
  } finally {
    raw.close();
  }
}

async function groupCounts(h: PostgresHandle): Promise<Record<string, number>> {
  const out: Record<string, number> = {};
  for (const t of IMPORTED_TABLES)
    out[t] = Number((await sql<{ n: number }>`SELECT count(*) AS n FROM ${sql.table(t)}`.execute(h.db)).rows[0]!.n);
  return out;
}

const refusal = async (p: Promise<unknown>) => {
  const e = await p.then(
    () => null,
    (err: unknown) => err,
  );
  expect(e).toBeInstanceOf(DataSafetyError);
  return e as DataSafetyError;
};

describe.skipIf(!server.url)(`import-office into an office group${server.skipped ? ` — skipped: ${server.skipped}` : ''}`, () => {
  const dir = mkdtempSync(join(tmpdir(), 'salesdesk-import-'));
  const file = join(dir, 'office.sqlite');
  let sourceKey: Buffer;
  const groupKey = randomBytes(32);
  let database: Awaited<ReturnType<typeof freshDatabase>>;
  let group: PostgresHandle;
  const now = new Date('2026-03-05T10:00:00Z');

  beforeAll(async () => {
    // a demo month: a dozen consultants, a few hundred visits, deals of every split, disputes, referrals
    const clock = new ManualClock(FIRST);
    const office = await openApp({ dbPath: file, clock });
    try {
      await fillDemo(office, clock, FIRST, 30);
    } finally {
      await office.close();
    }
    sourceKey = readFileSync(join(dir, 'salesdesk.key'));
    database = await freshDatabase(server.url!);
    group = openPostgres(database.url, { ledgerKey: groupKey });
    await migrateToLatest(group.db);
  }, 600_000);
  afterAll(async () => {
    await group?.close();
    await database?.drop();
    rmSync(dir, { recursive: true, force: true });
  });

  it(
    'refuses a file whose chain does not verify, and leaves the group empty',
    async () => {
      const tampered = join(dir, 'tampered.sqlite');
      const src = new BetterSqlite3(file, { readonly: true });
      await src.backup(tampered);
      src.close();
      const raw = new BetterSqlite3(tampered);
      raw.exec('DROP TRIGGER deals_no_update');
      raw.prepare('UPDATE deals SET commission = commission + 100000 WHERE id = 1').run();
      raw.close();
      const e = await refusal(importOffice({ file: tampered, sourceKey, db: group.db, groupKey, site: '东湖', now }));
      expect(e.reason).toBe('import_source_unsound');
      expect(e.problems.map((p) => p.code)).toEqual(expect.arrayContaining(['guard_trigger_changed', 'row_changed']));
      expect(failureWords(e)).toMatch(/^未导入：售楼处的数据文件 tampered\.sqlite 没有通过校验/);
      // without the office's key the file cannot be verified: refused too
      expect((await refusal(importOffice({ file, sourceKey: null, db: group.db, groupKey, site: '东湖', now }))).problems[0]?.code).toBe(
        'key_missing',
      );
      expect(Object.values(await groupCounts(group)).reduce((a, b) => a + b, 0)).toBe(4); // the group's default grade labels only
    },
    LONG,
  );

  it(
    'copies a demo-sized office table by table: the same counts, ids and answers; both chains verify',
    async () => {
      const want = fileCounts(file);
      expect(want.visits).toBeGreaterThan(200);
      expect(want.deals).toBeGreaterThan(10);
      const seen: string[] = [];
      const report = await importOffice({
        file,
        sourceKey,
        db: group.db,
        groupKey,
        site: '东湖',
        now,
        progress: (p) => p.copied === p.rows && seen.push(p.table),
      });
      expect(seen).toEqual([...IMPORTED_TABLES]);
      expect(report.counts).toEqual(want);
      expect(await groupCounts(group)).toEqual({ ...want, audit_log: want.audit_log! + 1 }); // + the import's record

      // the file's chain, verified with the office's key, is the one the report names
      const source = openDatabase(file, { readonly: true, ledgerKey: sourceKey });
      const sourceLedger = verifyLedger(source.raw);
      await source.close();
      expect(sourceLedger.ok).toBe(true);
      expect(report.source).toEqual({ ledgerRows: sourceLedger.rows, ledgerHead: sourceLedger.head });
      // the group's, verified with the PostgreSQL triggers' row hash, covers every copied row and the record
      const groupLedger = await verifyPostgresLedger(group.db, groupKey);
      expect(groupLedger).toMatchObject({ ok: true, problems: [] });
      expect(report.group).toEqual({ ledgerRows: groupLedger.rows, ledgerHead: groupLedger.head });

      // the record of the import: the site's name, the counts, both heads
      const record = await sql<{
        actor_id: string | null;
        detail: string;
      }>`SELECT actor_id, detail FROM audit_log WHERE method = ${IMPORT_METHOD}`.execute(group.db);
      expect(record.rows).toHaveLength(1);
      expect(JSON.parse(record.rows[0]!.detail)).toMatchObject({
        site: '东湖',
        file: 'office.sqlite',
        counts: want,
        sourceLedgerHead: sourceLedger.head,
      });

      // the same office, asked the same questions on both engines, answers the same
      const sqlite = await openApp({ dbPath: file, clock: new ManualClock(now) });
      const postgres = await openPostgresApp({ databaseUrl: database.url, ledgerKey: groupKey, clock: new ManualClock(now) });
      try {
        for (const [method, input] of [
          ['statement.month', { month: '2026-02' }],
          ['statement.month', { month: '2026-03' }],
          ['dashboard.data', { month: '2026-02' }],
          ['staff.list', {}],
        ] as const) {
          const a = await sqlite.dispatch({ staffId: 'dir' }, method, input);
          const b = await postgres.dispatch({ staffId: 'dir' }, method, input);
          expect(a.result.ok, method).toBe(true);
          expect(b.result, `${method} ${JSON.stringify(b.result.ok ? null : b.result.error)}`).toEqual(a.result);
        }
        // ids continue after the office's: a new fact is not refused for a taken id
        const maxVisit = want.visits!;
        await sql`INSERT INTO manager_notes (consultant_id, customer_id, text, at, actor_id) VALUES ('c01', NULL, '导入后第一条', ${now.toISOString()}, 'mgr')`.execute(
          group.db,
        );
        await sql`INSERT INTO visits (customer_id, at, consultant_id, reception, source, registered_for, recorded_by) VALUES (1, ${now.toISOString()}, 'c01', 'roster', 'walk_in', 'c01', 'qian')`.execute(
          group.db,
        );
        const id = Number((await sql<{ id: number }>`SELECT max(id) AS id FROM visits`.execute(group.db)).rows[0]!.id);
        expect(id).toBe(maxVisit + 1);
      } finally {
        await sqlite.close();
        await postgres.close();
      }
      expect((await verifyPostgresLedger(group.db, groupKey)).ok).toBe(true);
    },
    LONG,
  );

  it(
    'refuses a second import, under the same name or into the site that holds it, and changes nothing',
    async () => {
      const before = await groupCounts(group);
      const again = await refusal(importOffice({ file, sourceKey, db: group.db, groupKey, site: ' 东湖 ', now }));
      expect(again.reason).toBe('import_site_done');
      expect(again.params).toMatchObject({ site: '东湖' });
      expect(failureWords(again)).toMatch(/^售楼处“东湖”已经在 2026年3月\d+日 \d\d:\d\d 导入过，不能重复导入$/);
      // another name into the site that holds this office (its code): refused; another name alone makes a new
      // site (tests/postgres/import-sites.test.ts)
      const other = await refusal(importOffice({ file, sourceKey, db: group.db, groupKey, site: '西湖', code: 'main', now }));
      expect(other.reason).toBe('import_group_not_empty');
      expect(other.params).toMatchObject({ site: 'main', table: 'staff', rows: before.staff });
      expect((await refusal(importOffice({ file, sourceKey, db: group.db, groupKey, site: '  ', now }))).reason).toBe(
        'import_site_invalid',
      );
      expect(await groupCounts(group)).toEqual(before);
    },
    LONG,
  );

  it(
    'gives the same verdict on both engines for the same tampered row',
    async () => {
      // the same deal's commission changed behind the app's back, in the file and in the group
      const copy = join(dir, 'copy.sqlite');
      const src = new BetterSqlite3(file, { readonly: true });
      await src.backup(copy);
      src.close();
      const raw = new BetterSqlite3(copy);
      raw.exec('DROP TRIGGER deals_no_update');
      raw.prepare('UPDATE deals SET commission = commission + 1 WHERE id = 3').run();
      raw.exec(
        `CREATE TRIGGER deals_no_update BEFORE UPDATE ON deals BEGIN SELECT RAISE(ABORT, 'deals is insert-only: records are never altered or deleted'); END`,
      );
      raw.close();
      const sqliteFile = openDatabase(copy, { readonly: true, ledgerKey: sourceKey });
      const onSqlite = verifyLedger(sqliteFile.raw);
      await sqliteFile.close();

      await sql`ALTER TABLE deals DISABLE TRIGGER deals_insert_only`.execute(group.db);
      await sql`UPDATE deals SET commission = commission + 1 WHERE id = 3`.execute(group.db);
      await sql`ALTER TABLE deals ENABLE TRIGGER deals_insert_only`.execute(group.db);
      const onPostgres = await verifyPostgresLedger(group.db, groupKey);

      const verdict = (r: { ok: boolean; problems: { kind: string; code: string; table: string; rowId: number }[] }) => ({
        ok: r.ok,
        problems: r.problems.map(({ kind, code, table, rowId }) => ({ kind, code, table, rowId })),
      });
      expect(verdict(onSqlite)).toEqual({ ok: false, problems: [{ kind: 'changed', code: 'row_changed', table: 'deals', rowId: 3 }] });
      expect(verdict(onPostgres)).toEqual(verdict(onSqlite));
    },
    LONG,
  );
});
