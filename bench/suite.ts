/**
 * One benchmark run: generate the office into a temporary file, open it as the app does (on SQLite, and/or
 * on PostgreSQL after copying the same rows into a new database there: bench/load-postgres.ts), start
 * today's roster, measure, and gather the figures with the machine they were taken on.
 */
import { execSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { existsSync, mkdtempSync, rmSync, statSync } from 'node:fs';
import { cpus, loadavg, platform, release, tmpdir, totalmem } from 'node:os';
import { join } from 'node:path';
import { type App, openApp } from '../src/app';
import { openPostgresApp } from '../src/app-postgres';
import { openDatabase } from '../src/db/open';
import { openPostgres, scratchDatabase } from '../src/db/postgres';
import { ManualClock } from '../src/domain/clock';
import { type GenerateSummary, generate, type Progress } from './generate';
import { type LoadSummary, loadIntoPostgres } from './load-postgres';
import {
  confirmations,
  type Ctx,
  type EngineProbe,
  lookups,
  type RawSide,
  type Reps,
  rosterAts,
  roundTrips,
  statements,
  walkIns,
  webLookups,
} from './measure';
import { openRawDesk } from './raw';
import { openRawDeskPostgres, type RawDeskPostgres } from './raw-postgres';
import { type Row, row, stats } from './report';
import { benchNow, DAYS, type Plan, plan, rosterOrder } from './synthetic';

export const FULL_REPS: Reps = { lookup: 3000, unknown: 1000, web: 2000, walkIn: 1000, confirm: 300, statement: 3, rosterAt: 200 };

export type BenchEngine = 'sqlite' | 'postgres';

export interface BenchOptions {
  scale: number;
  reps?: Partial<Reps>;
  /** which engines to measure, over the same generated office (default: SQLite only) */
  engines?: BenchEngine[];
  /** a PostgreSQL server (postgres://…) whose role may CREATE DATABASE: the office is copied into a new database there, dropped afterwards unless `keep` */
  postgresUrl?: string;
  /** the office group's ledger key on PostgreSQL (default: a new random one) */
  ledgerKey?: Buffer;
  /** the statement month's deals, if not the scale's share of 10,000 (the statement target is for 10,000 deals) */
  statementDeals?: number;
  /** folder for the temporary database (default: the system's temp folder) */
  dir?: string;
  keep?: boolean;
  /** generates in another process (the CLI: so the measured process's RSS is the app's own); default: here */
  generator?: (path: string, plan: Plan) => Promise<GenerateSummary & { maxRssMB?: number }>;
  progress?: Progress;
  log?: (line: string) => void;
}

/** One engine's measurements over the generated office. */
export interface EngineRun {
  engine: BenchEngine;
  openSeconds: number;
  rows: Row[];
  /** peak RSS sampled every 20 ms while the app is open, overall and per step; maxRss: the whole process (with an in-process generator) */
  memory: { peakRssMB: number; byStepMB: Record<string, number>; maxRssMB: number; targetMB: number; met: boolean };
  /** SQLite: the file; PostgreSQL: the database's URL and pg_database_size */
  database: { path: string; bytes: number; walBytes: number };
  mismatches: string[];
  /** PostgreSQL: copying the generated rows in */
  load?: LoadSummary;
  /** PostgreSQL: the server's version and the settings that decide what a commit costs */
  server?: Record<string, string>;
}

/** The first engine's run at the top level (as before there were two), every run in `runs`. */
export interface BenchResults extends EngineRun {
  date: string;
  commit: string;
  machine: {
    platform: string;
    release: string;
    cpus: number;
    cpuModel: string;
    totalmemMB: number;
    loadavgBefore: number[];
    loadavgAfter: number[];
    node: string;
  };
  scale: number;
  plan: Plan;
  generation: GenerateSummary & { maxRssMB?: number };
  runs: EngineRun[];
}

const git = (cmd: string) => {
  try {
    return execSync(`git ${cmd}`, { stdio: ['ignore', 'pipe', 'ignore'] })
      .toString()
      .trim();
  } catch {
    return '';
  }
};

export function benchPlan(scale: number, statementDeals?: number): Plan {
  const p = plan(scale);
  return statementDeals ? { ...p, statementDeals, deals: Math.max(p.deals, statementDeals) } : p;
}

const mb = (b: number) => Math.round(b / 1048576);

export async function runBench(o: BenchOptions): Promise<BenchResults> {
  const log = o.log ?? (() => {});
  const p = benchPlan(o.scale, o.statementDeals);
  const engines = o.engines ?? ['sqlite'];
  if (engines.includes('postgres') && !o.postgresUrl) throw new Error('the PostgreSQL benchmark needs a server: postgresUrl');
  const reps: Reps = { ...FULL_REPS, ...o.reps };
  const loadavgBefore = loadavg();
  const dir = mkdtempSync(join(o.dir ?? tmpdir(), 'salesdesk-bench-'));
  const path = join(dir, 'office.sqlite');
  log(
    `generating ${p.customers.toLocaleString('en')} customers, ${p.visits.toLocaleString('en')} visits, ${p.deals.toLocaleString('en')} deals (${p.statementDeals.toLocaleString('en')} in the statement month), ${p.consultants} consultants, ${DAYS} days → ${path}`,
  );
  const generation = o.generator ? await o.generator(path, p) : await generate(path, p, o.progress);
  log(`generated in ${generation.seconds.toFixed(1)} s; ${generation.ledger}`);

  // PostgreSQL gets the same rows before SQLite's measurements add their own to the file.
  let pg: { url: string; drop(): Promise<void>; key: Buffer; load: LoadSummary } | null = null;
  const runs: EngineRun[] = [];
  try {
    if (engines.includes('postgres')) {
      const database = await scratchDatabase(o.postgresUrl!, 'salesdesk_bench');
      const key = o.ledgerKey ?? randomBytes(32);
      log(`copying the office into PostgreSQL database ${database.name}…`);
      const loader = await openPostgresApp({ databaseUrl: database.url, ledgerKey: key });
      const file = openDatabase(path);
      try {
        const load = await loadIntoPostgres(file.raw, loader.postgres.pool, key, o.progress);
        pg = { ...database, key, load };
        log(`copied in ${load.seconds.toFixed(1)} s; ${load.ledger}`);
      } finally {
        file.raw.close();
        await loader.close();
      }
    }
    for (const engine of engines)
      runs.push(await measureEngine(engine, { p, reps, path, dir, pg, pending: generation.pendingVisits, log }));
  } finally {
    if (pg && !o.keep) await pg.drop();
    if (!o.keep) rmSync(dir, { recursive: true, force: true });
  }
  const cpu = cpus();
  return {
    ...runs[0]!,
    date: new Date().toISOString(),
    commit: `${git('rev-parse HEAD') || 'unknown'}${git('status --porcelain') ? ' (with uncommitted changes)' : ''}`,
    machine: {
      platform: platform(),
      release: release(),
      cpus: cpu.length,
      cpuModel: cpu[0]?.model ?? '',
      totalmemMB: mb(totalmem()),
      loadavgBefore,
      loadavgAfter: loadavg(),
      node: process.version,
    },
    scale: o.scale,
    plan: p,
    generation,
    runs,
  };
}

interface EngineSetup {
  p: Plan;
  reps: Reps;
  path: string;
  dir: string;
  pg: { url: string; key: Buffer; load: LoadSummary } | null;
  /** yesterday's visits, still pending: the PM's confirmations */
  pending: { first: number; last: number };
  log: (line: string) => void;
}

async function measureEngine(engine: BenchEngine, s: EngineSetup): Promise<EngineRun> {
  const { p, reps, log } = s;
  // Memory is sampled from here on, per step: the app and the measurements, not the generator.
  const peaks: Record<string, number> = {};
  let step = 'open';
  const sample = () => (peaks[step] = Math.max(peaks[step] ?? 0, process.memoryUsage().rss));
  const sampler = setInterval(sample, 20);
  const clock = new ManualClock(new Date(benchNow().getTime() - 70 * 60_000));
  const t0 = performance.now();
  const app: App & { postgres?: { pool: import('pg').Pool } } =
    engine === 'postgres'
      ? await openPostgresApp({ databaseUrl: s.pg!.url, ledgerKey: s.pg!.key, clock })
      : await openApp({ dbPath: s.path, clock });
  const openMs = performance.now() - t0;
  log(
    `${engine}: opened (${engine === 'postgres' ? 'connect, migrations checked' : 'start-up check + migrations'}) in ${(openMs / 1000).toFixed(1)} s`,
  );
  const mismatches: string[] = [];
  const rows: Row[] = [
    row('open', engine === 'postgres' ? 'app open (connect, migrate)' : 'app open (quick_check, migrate)', stats([openMs]), null, {
      checked: 0,
      mismatches: 0,
    }),
  ];
  let rawPg: RawDeskPostgres | null = null;
  let rawPool: import('pg').Pool | null = null;
  let server: Record<string, string> | undefined;
  let database: EngineRun['database'] = { path: s.path, bytes: 0, walBytes: 0 };
  try {
    const started = (await app.dispatch({ staffId: 'mgr' }, 'roster.start', { order: rosterOrder(p, DAYS) })).result;
    if (!started.ok) throw new Error(`roster.start: ${started.error.message}`);
    clock.set(benchNow());
    let raw: RawSide;
    let probe: EngineProbe;
    if (engine === 'postgres') {
      // The raw side's own connection, with the settings the app's connections carry (the ledger key as salesdesk.ledger_key).
      const handle = openPostgres(s.pg!.url, { ledgerKey: s.pg!.key, max: 2 });
      rawPool = handle.pool;
      rawPg = await openRawDeskPostgres(rawPool);
      raw = rawPg;
      const one = async (text: string, values: unknown[]) => (await rawPool!.query(text, values)).rows[0];
      const settings = await rawPool.query<{ name: string; setting: string }>(
        "SELECT name, setting FROM pg_settings WHERE name IN ('server_version', 'fsync', 'synchronous_commit', 'shared_buffers', 'wal_sync_method')",
      );
      server = Object.fromEntries(settings.rows.map((r) => [r.name, r.setting]));
      probe = {
        registeredTo: async (visitId) =>
          (await one('SELECT consultant_id FROM registrations WHERE visit_id = $1 ORDER BY id DESC LIMIT 1', [visitId]))?.consultant_id,
        commitOne: async (at, k) => {
          const c = await rawPool!.connect();
          try {
            await c.query('BEGIN');
            await c.query({
              name: 'floor',
              text: 'INSERT INTO audit_log (at, actor_id, method, detail) VALUES ($1, $2, $3, $4)',
              values: [at, 'qian', 'bench.commitFloor', JSON.stringify({ k })],
            });
            await c.query('COMMIT');
          } finally {
            c.release();
          }
        },
        dealsBetween: async (start, end) =>
          Number((await one('SELECT count(*) AS n FROM deals WHERE at >= $1 AND at < $2', [start, end])).n),
        durability: `fsync=${server.fsync}, synchronous_commit=${server.synchronous_commit}`,
      };
    } else {
      const db = app.handle.raw;
      raw = openRawDesk(db);
      const registeredTo = db.prepare('SELECT consultant_id FROM registrations WHERE visit_id = ? ORDER BY id DESC LIMIT 1').pluck();
      const insert = db.prepare('INSERT INTO audit_log (at, actor_id, method, detail) VALUES (?, ?, ?, ?)');
      const one = db.transaction((at: string, k: number) => insert.run(at, 'qian', 'bench.commitFloor', JSON.stringify({ k })));
      probe = {
        registeredTo: (visitId) => registeredTo.get(visitId) as string | undefined,
        commitOne: (at, k) => void one.immediate(at, k),
        dealsBetween: (start, end) => db.prepare('SELECT count(*) FROM deals WHERE at >= ? AND at < ?').pluck().get(start, end) as number,
        durability: 'WAL, synchronous=FULL: the commit fsync',
      };
    }
    const ctx: Ctx = { engine, app, clock, raw, probe, plan: p, reps, pending: s.pending, dir: s.dir };
    const note = (line: string) => mismatches.push(line);
    const steps: [string, () => Promise<Row | Row[]>][] = [
      ['lookups', () => lookups(ctx, note)],
      ['web mode', () => webLookups(ctx, note)],
      ['roster.at', () => rosterAts(ctx, note)],
      ['statements', () => statements(ctx, note)],
      ['walk-ins', () => walkIns(ctx, note)],
      ['confirmations', () => confirmations(ctx, note)],
    ];
    if (rawPg) steps.unshift(['round trip', () => roundTrips(Math.max(200, reps.lookup), () => rawPg!.ping())]);
    for (const [name, run] of steps) {
      log(`${engine}: measuring ${name}…`);
      sample();
      step = name;
      rows.push(...[await run()].flat());
      sample();
    }
    if (rawPool) {
      const size = await rawPool.query<{ bytes: number }>('SELECT pg_database_size(current_database()) AS bytes');
      database = { path: s.pg!.url, bytes: Number(size.rows[0]!.bytes), walBytes: 0 };
    }
  } finally {
    clearInterval(sampler);
    rawPg?.close();
    await rawPool?.end();
    await app.close();
  }
  sample();
  const peakRss = Math.max(...Object.values(peaks));
  if (engine === 'sqlite') {
    const size = (f: string) => (existsSync(f) ? statSync(f).size : 0);
    database = { path: s.path, bytes: size(s.path), walBytes: size(`${s.path}-wal`) };
  }
  return {
    engine,
    openSeconds: openMs / 1000,
    rows,
    memory: {
      peakRssMB: mb(peakRss),
      byStepMB: Object.fromEntries(Object.entries(peaks).map(([k, v]) => [k, mb(v)])),
      maxRssMB: Math.round(process.resourceUsage().maxRSS / 1024),
      targetMB: 300,
      met: mb(peakRss) < 300,
    },
    database,
    mismatches,
    ...(s.pg && engine === 'postgres' ? { load: s.pg.load } : {}),
    ...(server ? { server } : {}),
  };
}
