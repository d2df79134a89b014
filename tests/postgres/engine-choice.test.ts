/**
 * One setting chooses the engine (issue 16 item 1): SALESDESK_DATABASE_URL makes web mode serve the group's
 * PostgreSQL database and `replay` run each scenario in a scratch database of its own.
 */
import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import pg from 'pg';
import { afterAll, describe, expect, it, vi } from 'vitest';
import { replayText } from '../../src/cli/replay';
import { TEAM } from '../support/app';
import { freshDatabase, postgresServer } from '../support/postgres';
import { stopProcess } from '../support/web';

const server = postgresServer();
const root = resolve(__dirname, '../..');
const tsx = createRequire(join(root, 'package.json')).resolve('tsx/cli');

async function query<T = Record<string, unknown>>(url: string, text: string): Promise<T[]> {
  const c = new pg.Client({ connectionString: url });
  await c.connect();
  try {
    return (await c.query(text)).rows as T[];
  } finally {
    await c.end();
  }
}

describe.skipIf(!server.url)(`SALESDESK_DATABASE_URL chooses PostgreSQL${server.skipped ? ` — skipped: ${server.skipped}` : ''}`, () => {
  const cleanups: (() => Promise<void> | void)[] = [];
  afterAll(async () => {
    for (const c of cleanups.reverse()) await c();
  });

  it('web mode serves the group’s database: a walk-in through HTTP is a row on the server, the key file is made beside the data', async () => {
    const database = await freshDatabase(server.url!);
    cleanups.push(() => database.drop());
    const dataDir = mkdtempSync(join(tmpdir(), 'salesdesk-pg-web-'));
    cleanups.push(() => rmSync(dataDir, { recursive: true, force: true }));
    const env: NodeJS.ProcessEnv = { ...process.env, PORT: '0', SALESDESK_DATA_DIR: dataDir, SALESDESK_DATABASE_URL: database.url };
    delete env.SALESDESK_LEDGER_KEY_FILE;
    const child = spawn(process.execPath, [tsx, 'src/server/main.ts'], {
      cwd: root,
      env,
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    cleanups.push(() => stopProcess(child));
    let out = '';
    child.stdout.on('data', (b) => (out += b));
    child.stderr.on('data', (b) => (out += b));
    const port = await vi.waitFor(
      () => {
        const m = out.match(/http:\/\/127\.0\.0\.1:(\d+)\//);
        if (child.exitCode !== null) throw new Error(`web mode exited: ${out}`);
        if (!m) throw new Error(`not listening yet: ${out}`);
        return Number(m[1]);
      },
      { timeout: 60_000, interval: 100 },
    );
    const base = `http://127.0.0.1:${port}`;
    let cookie = '';
    const call = async (method: string, input: unknown) => {
      const res = await fetch(`${base}/api/${method}`, {
        method: 'POST',
        headers: { 'Content-Type': 'application/json', Origin: base, ...(cookie ? { Cookie: cookie } : {}) },
        body: JSON.stringify(input),
      });
      const setCookie = res.headers.get('set-cookie');
      if (setCookie) cookie = setCookie.split(';')[0]!;
      return (await res.json()) as { ok: boolean; value?: any; error?: unknown };
    };
    expect((await call('setup.firstRun', { staff: TEAM })).ok).toBe(true);
    expect((await call('session.signIn', { staffId: 'mgr', pin: TEAM[1].pin })).ok).toBe(true);
    expect((await call('roster.start', { order: ['zhang', 'li'] })).ok).toBe(true);
    const walkIn = await call('desk.walkIn', { customer: { name: '王先生', phone: '13900002222' } });
    expect(walkIn.ok, JSON.stringify(walkIn.error)).toBe(true);
    const visits = await query<{ consultant_id: string }>(database.url, 'SELECT consultant_id FROM visits');
    expect(visits).toEqual([{ consultant_id: walkIn.value.receivedBy.id }]);
    expect(readFileSync(join(dataDir, 'salesdesk.key')).length).toBe(32);
    expect(existsSync(join(dataDir, 'salesdesk.sqlite')), 'no SQLite file is made').toBe(false);
  }, 120_000);

  it('replay runs a scenario in a scratch database of its own and drops it', async () => {
    const before = process.env.SALESDESK_DATABASE_URL;
    process.env.SALESDESK_DATABASE_URL = server.url!;
    try {
      const text = readFileSync(join(root, '../shared/scenarios/01-rolling-roster.yaml'), 'utf8');
      const report = await replayText(text, async (app) => {
        const names = await query<{ name: string }>(
          server.url!,
          "SELECT datname AS name FROM pg_database WHERE datname LIKE 'salesdesk_replay_%'",
        );
        expect(names).toHaveLength(1);
        expect((await app.db.selectFrom('visits').select('id').execute()).length).toBeGreaterThan(0);
      });
      expect(report.ok).toBe(true);
    } finally {
      if (before === undefined) delete process.env.SALESDESK_DATABASE_URL;
      else process.env.SALESDESK_DATABASE_URL = before;
    }
    const left = await query(server.url!, "SELECT datname FROM pg_database WHERE datname LIKE 'salesdesk_replay_%'");
    expect(left).toEqual([]);
  });
});
