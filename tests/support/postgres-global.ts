/**
 * Vitest's global setup: which engine this run tests, and a PostgreSQL server for the tests that need one.
 *
 * The engine: SQLite unless SALESDESK_DATABASE_URL names a PostgreSQL server; then the whole suite runs on
 * PostgreSQL (issue 16 item 7): the schema is made once per run from the migrations into a template database,
 * and every test app (tests/support/engine.ts) opens `CREATE DATABASE … TEMPLATE` of it, dropped after.
 *
 * The server: SALESDESK_TEST_POSTGRES_URL given (CI's own cluster, a developer's server), else the one
 * SALESDESK_DATABASE_URL names, is used as it is; otherwise, where PostgreSQL is installed, a throwaway
 * cluster is started for this run and removed after it; where it is not, the PostgreSQL tests say plainly
 * that they were skipped (tests/support/postgres.ts).
 */
import { randomBytes } from 'node:crypto';
import pg from 'pg';
import type { TestProject } from 'vitest/node';
// @ts-expect-error a plain .mjs script without types (scripts/pg-cluster.mjs)
import { findPgBin, startCluster, stopCluster } from '../../scripts/pg-cluster.mjs';
import { migrateToLatest } from '../../src/db/migrate';
import { isPostgresUrl, openPostgres, scratchDatabase } from '../../src/db/postgres';
import { NOT_ON_POSTGRES } from './engine-scope';

declare module 'vitest' {
  export interface ProvidedContext {
    postgresUrl: string | null;
    postgresSkipped: string | null;
    /** 'postgres' when the whole suite runs on PostgreSQL (SALESDESK_DATABASE_URL set) */
    testEngine: 'sqlite' | 'postgres';
    /** the run's template database (migrated once), the ledger key it was keyed with and the run's prefix for test databases, on PostgreSQL */
    postgresTemplate: { name: string; key: string; prefix: string } | null;
  }
}

async function onServer<T>(url: string, fn: (c: pg.Client) => Promise<T>): Promise<T> {
  const c = new pg.Client({ connectionString: url });
  await c.connect();
  try {
    return await fn(c);
  } finally {
    await c.end();
  }
}

/** The template: an empty database at the newest schema, keyed with the run's ledger key. Nobody stays connected to it. */
async function makeTemplate(serverUrl: string, prefix: string): Promise<{ name: string; key: string; drop(): Promise<void> }> {
  const key = randomBytes(32);
  const database = await scratchDatabase(serverUrl, `${prefix}_template`);
  const handle = openPostgres(database.url, { ledgerKey: key, max: 1 });
  try {
    await migrateToLatest(handle.db);
  } finally {
    await handle.close();
  }
  return { name: database.name, key: key.toString('hex'), drop: database.drop };
}

async function dropLeftovers(serverUrl: string, prefix: string): Promise<void> {
  await onServer(serverUrl, async (c) => {
    const { rows } = await c.query<{ name: string }>('SELECT datname AS name FROM pg_database WHERE datname LIKE $1', [`${prefix}\\_%`]);
    for (const { name } of rows) await c.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
  });
}

export default async function setup(project: TestProject) {
  const databaseUrl = process.env.SALESDESK_DATABASE_URL || null;
  const onPostgres = isPostgresUrl(databaseUrl ?? undefined);
  if (databaseUrl && !onPostgres) throw new Error(`SALESDESK_DATABASE_URL is not a postgres:// URL: ${databaseUrl}`);
  project.provide('testEngine', onPostgres ? 'postgres' : 'sqlite');

  const given = process.env.SALESDESK_TEST_POSTGRES_URL || databaseUrl;
  let serverUrl: string | null = given;
  let stop: (() => void) | null = null;
  if (!serverUrl && findPgBin()) {
    const cluster = (await startCluster()) as { dir: string; url: string };
    serverUrl = cluster.url;
    stop = () => stopCluster(cluster.dir);
  }
  const skipped = serverUrl
    ? null
    : 'PostgreSQL is not installed here (apt-get install -y postgresql); the PostgreSQL half of the tests was skipped';
  project.provide('postgresUrl', serverUrl);
  project.provide('postgresSkipped', skipped);

  let template: Awaited<ReturnType<typeof makeTemplate>> | null = null;
  let prefix = '';
  if (onPostgres) {
    const started = Date.now();
    // This run's databases share a prefix of their own: the end of the run drops what a failed test left, and
    // only that (another run may be using the same server).
    prefix = `sd_run_${randomBytes(3).toString('hex')}`;
    template = await makeTemplate(databaseUrl!, prefix);
    console.log(
      `\n== engine: PostgreSQL — every test app opens a fresh database from template ${template.name} on ${redact(databaseUrl!)} (made from the migrations in ${Date.now() - started} ms)`,
    );
    console.log(
      `   left out of this run (tests/support/engine-scope.ts):\n${Object.entries(NOT_ON_POSTGRES)
        .map(([file, why]) => `   - ${file}: ${why}`)
        .join('\n')}\n`,
    );
  } else {
    console.log(
      `\n== engine: SQLite — ${
        skipped
          ? `${skipped}; the whole suite on PostgreSQL was not run either`
          : `tests/postgres use ${given ? redact(given) : 'a throwaway cluster'}; the whole suite on PostgreSQL is the second run: SALESDESK_DATABASE_URL=postgres://… npm test (.ci/run does both)`
      }\n`,
    );
  }
  project.provide('postgresTemplate', template ? { name: template.name, key: template.key, prefix } : null);

  return async () => {
    if (template) {
      await template.drop();
      await dropLeftovers(databaseUrl!, prefix);
      console.log(`\n== engine: PostgreSQL (${redact(databaseUrl!)}) — this was the run of the whole suite on PostgreSQL\n`);
    } else if (skipped) {
      console.log(`\n== engine: SQLite — ${skipped}\n`);
    }
    stop?.();
  };
}

/** A server URL without its password, for the log. */
function redact(url: string): string {
  const u = new URL(url);
  if (u.password) u.password = '***';
  return u.toString();
}
