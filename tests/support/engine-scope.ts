/**
 * What the PostgreSQL run of the suite (SALESDESK_DATABASE_URL set) leaves out, each with its reason, printed at
 * the start of that run (tests/support/postgres-global.ts) and read by vitest.config.ts. Two kinds only: a
 * SQLite file's own matter (its counterpart on PostgreSQL named; where a file had both, its SQLite-only cases
 * are a file of their own, `*-sqlite*.test.ts`, and the rest runs on both engines), and tests that touch no
 * database (they ran in the SQLite run and would say the same). Every other file — integration, scenarios,
 * permission and hostile-input tests, the browser tests — runs on both, and in CI (.ci/run) the PostgreSQL run
 * blocks as the SQLite run does (issue 16 item 7). A test reading the database does it through app.db
 * (tests/support/sql.ts), never the SQLite handle.
 */
export const NOT_ON_POSTGRES: Record<string, string> = {
  // the SQLite file's own matters
  'tests/integration/backup.test.ts':
    'copies and verifies the .sqlite file; an office group’s pg_dump, restored into a scratch database and verified: tests/postgres/group-backup.test.ts',
  'tests/integration/restore.test.ts':
    'swaps the .sqlite file byte for byte; a group is restored by restore-group into a new database (pg_restore): tests/postgres/group-backup.test.ts',
  'tests/integration/restore-cli.test.ts':
    'the restore CLI on the .sqlite file; the CLI refuses file commands under SALESDESK_DATABASE_URL',
  'tests/integration/crash-safety.test.ts':
    'kills a writer mid-save and checks the .sqlite file; on PostgreSQL the server’s WAL keeps commits (no counterpart here)',
  'tests/integration/database.test.ts': 'PRAGMAs and sqlite_master; the PostgreSQL schema’s counterpart is tests/postgres/schema.test.ts',
  'tests/integration/migrations/':
    'SQLite’s migrations one by one and its schema snapshot; PostgreSQL starts at migrations/postgres/0013_baseline, checked by tests/postgres/schema.test.ts',
  'tests/integration/tamper.test.ts':
    'edits the .sqlite file behind the app and verifies its ledger; PostgreSQL’s triggers refuse the edits (tests/postgres/schema.test.ts), a changed row fails verify there (tests/postgres/group-backup.test.ts)',
  'tests/integration/ledger.test.ts': 'the ledger chain verified in the .sqlite file; PostgreSQL’s: tests/postgres/schema.test.ts',
  'tests/integration/query-plans.test.ts': 'SQLite’s EXPLAIN QUERY PLAN; PostgreSQL’s plans are the benchmark’s (issue 16 item 8)',
  'tests/integration/concurrency.test.ts':
    'two processes on one .sqlite file; PostgreSQL’s counterpart is tests/postgres/two-servers.test.ts',
  'tests/integration/caches-sqlite.test.ts':
    'SQLite’s own caches at work (a value kept while data_version and total_changes stand still, migration 0009’s counter, the statement cache and its observer); PostgreSQL’s reference cache (kept while the counter read with BEGIN stands still) is tests/postgres/reference-cache.test.ts; that answers stay right after another program’s write or a rollback is caches.test.ts, on both',
  'tests/integration/read-kinds-sqlite-file.test.ts':
    'an audited read on a damaged .sqlite file (bytes overwritten) answers read-only and writes not a byte; a server has no file to damage. The rest of read-kinds runs on both',
  'tests/integration/read-kinds-two-desks.test.ts':
    'a second process on the same .sqlite file; PostgreSQL’s counterpart is tests/postgres/two-servers.test.ts',
  'tests/integration/staff-cli.test.ts': 'reset-pin on the .sqlite file; the CLI refuses file commands under SALESDESK_DATABASE_URL',
  'tests/integration/bench-small.test.ts': 'the SQLite benchmark; PostgreSQL’s is `npm run bench -- --engine postgres` (issue 16 item 8)',
  'tests/postgres/scenarios.test.ts': 'this run replays every scenario on PostgreSQL in tests/scenarios/scenarios.test.ts',
  // no database
  'tests/electron/': 'the Electron shell opens the office’s SQLite file: ran in the SQLite run',
  'tests/integration/docs.test.ts': 'no database: ran in the SQLite run',
  'tests/integration/lint-zones.test.ts': 'no database: ran in the SQLite run',
  'tests/integration/rules-coverage.test.ts': 'no database: ran in the SQLite run',
  'tests/integration/security-doc.test.ts': 'no database: ran in the SQLite run',
};

/** Vitest's exclude globs for the PostgreSQL run. */
export const postgresExcludes = (): string[] => Object.keys(NOT_ON_POSTGRES).map((p) => (p.endsWith('/') ? `${p}**` : p));
