/**
 * One benchmark run: generate the office into a temporary file, open it as the app does, start today's
 * roster, measure, and gather the figures with the machine they were taken on.
 */
import { execSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync, statSync } from 'node:fs';
import { cpus, loadavg, platform, release, tmpdir, totalmem } from 'node:os';
import { join } from 'node:path';
import { openApp } from '../src/app';
import { ManualClock } from '../src/domain/clock';
import { type GenerateSummary, generate, type Progress } from './generate';
import { confirmations, type Ctx, lookups, type Reps, rosterAts, statements, walkIns, webLookups } from './measure';
import { RawDesk } from './raw';
import { type Row, row, stats } from './report';
import { benchNow, DAYS, plan, rosterOrder } from './synthetic';

export const FULL_REPS: Reps = { lookup: 3000, unknown: 1000, web: 2000, walkIn: 1000, confirm: 300, statement: 3, rosterAt: 200 };

export interface BenchOptions {
  scale: number;
  reps?: Partial<Reps>;
  /** folder for the temporary database (default: the system's temp folder) */
  dir?: string;
  keep?: boolean;
  /** generates in another process (the CLI: so the measured process's RSS is the app's own); default: here */
  generator?: (path: string, scale: number) => Promise<GenerateSummary & { maxRssMB?: number }>;
  progress?: Progress;
  log?: (line: string) => void;
}

export interface BenchResults {
  date: string;
  commit: string;
  machine: { platform: string; release: string; cpus: number; cpuModel: string; totalmemMB: number; loadavgBefore: number[]; loadavgAfter: number[]; node: string };
  scale: number;
  plan: ReturnType<typeof plan>;
  generation: GenerateSummary & { maxRssMB?: number };
  openSeconds: number;
  rows: Row[];
  /** peak RSS sampled every 20 ms while the app is open, overall and per step; maxRss: the whole process (with an in-process generator) */
  memory: { peakRssMB: number; byStepMB: Record<string, number>; maxRssMB: number; targetMB: number; met: boolean };
  database: { path: string; bytes: number; walBytes: number };
  mismatches: string[];
}

const git = (cmd: string) => {
  try {
    return execSync(`git ${cmd}`, { stdio: ['ignore', 'pipe', 'ignore'] }).toString().trim();
  } catch {
    return '';
  }
};

export async function runBench(o: BenchOptions): Promise<BenchResults> {
  const log = o.log ?? (() => {});
  const p = plan(o.scale);
  const reps: Reps = { ...FULL_REPS, ...o.reps };
  const loadavgBefore = loadavg();
  const dir = mkdtempSync(join(o.dir ?? tmpdir(), 'salesdesk-bench-'));
  const path = join(dir, 'office.sqlite');
  log(`generating ${p.customers.toLocaleString('en')} customers, ${p.visits.toLocaleString('en')} visits, ${p.deals.toLocaleString('en')} deals, ${p.consultants} consultants, ${DAYS} days → ${path}`);
  const generation = o.generator ? await o.generator(path, o.scale) : await generate(path, p, o.progress);
  log(`generated in ${generation.seconds.toFixed(1)} s; ${generation.ledger}`);

  // Memory is sampled from here on, per step: the app and the measurements, not the generator.
  const peaks: Record<string, number> = {};
  let step = 'open';
  const sample = () => (peaks[step] = Math.max(peaks[step] ?? 0, process.memoryUsage().rss));
  const sampler = setInterval(sample, 20);
  const clock = new ManualClock(new Date(benchNow().getTime() - 70 * 60_000));
  const [openMs, app] = await (async () => {
    const t = performance.now();
    const a = await openApp({ dbPath: path, clock });
    return [performance.now() - t, a] as const;
  })();
  log(`opened (start-up check + migrations) in ${(openMs / 1000).toFixed(1)} s`);
  const mismatches: string[] = [];
  const rows: Row[] = [row('open', 'app open (quick_check, migrate)', stats([openMs]), null, { checked: 0, mismatches: 0 })];
  try {
    const started = (await app.dispatch({ staffId: 'mgr' }, 'roster.start', { order: rosterOrder(p, DAYS) })).result;
    if (!started.ok) throw new Error(`roster.start: ${started.error.message}`);
    clock.set(benchNow());
    const ctx: Ctx = { app, clock, raw: new RawDesk(app.handle.raw), plan: p, reps, pending: generation.pendingVisits, dir };
    const note = (line: string) => mismatches.push(line);
    for (const [name, run] of [
      ['lookups', () => lookups(ctx, note)],
      ['web mode', () => webLookups(ctx, note)],
      ['roster.at', () => rosterAts(ctx, note)],
      ['statements', () => statements(ctx, note)],
      ['walk-ins', () => walkIns(ctx, note)],
      ['confirmations', () => confirmations(ctx, note)],
    ] as const) {
      log(`measuring ${name}…`);
      sample();
      step = name;
      rows.push(...[await run()].flat());
      sample();
    }
  } finally {
    clearInterval(sampler);
    await app.close();
  }
  sample();
  const peakRss = Math.max(...Object.values(peaks));
  const size = (f: string) => (existsSync(f) ? statSync(f).size : 0);
  const database = { path, bytes: size(path), walBytes: size(`${path}-wal`) };
  if (!o.keep) rmSync(dir, { recursive: true, force: true });
  const mb = (b: number) => Math.round(b / 1048576);
  const cpu = cpus();
  return {
    date: new Date().toISOString(),
    commit: `${git('rev-parse HEAD') || 'unknown'}${git('status --porcelain') ? ' (with uncommitted changes)' : ''}`,
    machine: { platform: platform(), release: release(), cpus: cpu.length, cpuModel: cpu[0]?.model ?? '', totalmemMB: mb(totalmem()), loadavgBefore, loadavgAfter: loadavg(), node: process.version },
    scale: o.scale,
    plan: p,
    generation,
    openSeconds: openMs / 1000,
    rows,
    memory: { peakRssMB: mb(peakRss), byStepMB: Object.fromEntries(Object.entries(peaks).map(([k, v]) => [k, mb(v)])), maxRssMB: Math.round(process.resourceUsage().maxRSS / 1024), targetMB: 300, met: mb(peakRss) < 300 },
    database,
    mismatches,
  };
}
