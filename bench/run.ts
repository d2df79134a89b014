/**
 * `npm run bench` (scripts/bench.mjs bundles this file and runs it with plain node): the performance budget of architecture.md measured on a synthetic
 * office group — 1,000,000 customers, 3,000,000 visits, 50,000 deals, 200 consultants, two years.
 *
 *   --scale 0.01          a smaller office (default 1)
 *   --engine E            sqlite (default), postgres, or both: the same office and operations on each engine, one table
 *   --statement-deals N   the statement month's deals (default: the scale's share of 10,000)
 *   --out FILE            where the JSON goes (default bench/results.json; bench/results.postgres.json, results.both.json)
 *   --dir DIR             where the temporary database goes (default the system temp folder)
 *   --keep                keep the database file (and the PostgreSQL database) afterwards
 *
 * PostgreSQL: SALESDESK_DATABASE_URL names a server whose role may CREATE DATABASE (the office is copied into a
 * new database beside the one it names, dropped afterwards); unset, a throwaway cluster is started with
 * scripts/pg-cluster.mjs, durable as a real server (fsync on), and stopped at the end.
 *
 * The generator runs in a child process (`--generate-only`), so the peak RSS reported is the app's.
 */
process.env.TZ = 'Asia/Shanghai'; // office days and months fall the same on every machine

import { fork } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { parseArgs } from 'node:util';
import { isPostgresUrl } from '../src/db/postgres';
import { type GenerateSummary, generate } from './generate';
import { progressBar, sideBySide, table } from './report';
import { type BenchEngine, runBench } from './suite';
import type { Plan } from './synthetic';

const { values } = parseArgs({
  options: {
    scale: { type: 'string', default: '1' },
    engine: { type: 'string', default: 'sqlite' },
    'statement-deals': { type: 'string' },
    out: { type: 'string' },
    dir: { type: 'string' },
    keep: { type: 'boolean', default: false },
    'generate-only': { type: 'string' },
    plan: { type: 'string' },
  },
});
const scale = Number(values.scale);
if (!(scale > 0 && scale <= 1)) throw new Error('--scale must be in (0, 1]');
const engineArg = values.engine;
if (!['sqlite', 'postgres', 'both'].includes(engineArg)) throw new Error('--engine must be sqlite, postgres or both');
const engines: BenchEngine[] = engineArg === 'both' ? ['sqlite', 'postgres'] : [engineArg as BenchEngine];

if (values['generate-only']) {
  const summary = await generate(values['generate-only'], JSON.parse(values.plan!) as Plan, progressBar());
  process.send!({ ...summary, maxRssMB: Math.round(process.resourceUsage().maxRSS / 1024) });
  process.disconnect();
} else {
  const inChild = (path: string, p: Plan) =>
    new Promise<GenerateSummary & { maxRssMB: number }>((resolve, reject) => {
      const child = fork(fileURLToPath(import.meta.url), ['--generate-only', path, '--plan', JSON.stringify(p)], {
        stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
      });
      let summary: (GenerateSummary & { maxRssMB: number }) | null = null;
      child.on('message', (m) => (summary = m as GenerateSummary & { maxRssMB: number }));
      child.on('exit', (code) => (summary && code === 0 ? resolve(summary) : reject(new Error(`generator exited with ${code}`))));
    });
  // Loaded at run time, not bundled: the script runs its command line when it is the program (the bundle would be).
  const clusters = (await import(pathToFileURL('scripts/pg-cluster.mjs').href)) as {
    startCluster(o: { durable: boolean }): Promise<{ dir: string; url: string }>;
    stopCluster(dir: string): void;
  };
  let cluster: { dir: string; url: string } | null = null;
  let postgresUrl: string | undefined;
  if (engines.includes('postgres')) {
    const given = process.env.SALESDESK_DATABASE_URL;
    if (given && !isPostgresUrl(given)) throw new Error('SALESDESK_DATABASE_URL is not a postgres:// URL');
    if (given) postgresUrl = given;
    else {
      cluster = await clusters.startCluster({ durable: true });
      postgresUrl = cluster.url;
      console.log(`started a throwaway PostgreSQL cluster in ${cluster.dir} (stopped at the end)`);
      const stop = () => {
        if (cluster) clusters.stopCluster(cluster.dir);
        process.exit(130);
      };
      process.once('SIGINT', stop);
      process.once('SIGTERM', stop);
    }
  }
  try {
    const r = await runBench({
      scale,
      engines,
      statementDeals: values['statement-deals'] ? Number(values['statement-deals']) : undefined,
      postgresUrl,
      dir: values.dir,
      keep: values.keep,
      generator: inChild,
      log: (l) => console.log(l),
    });
    const out = values.out ?? (engineArg === 'sqlite' ? 'bench/results.json' : `bench/results.${engineArg}.json`);
    console.log();
    console.log(r.runs.length > 1 ? sideBySide(r.runs) : table(r.rows));
    console.log();
    for (const run of r.runs) {
      console.log(
        `${run.engine}: peak RSS (app + measurements): ${run.memory.peakRssMB} MB (target < ${run.memory.targetMB} MB: ${run.memory.met ? 'ok' : 'MISSED'}); by step: ${Object.entries(
          run.memory.byStepMB,
        )
          .map(([k, v]) => `${k} ${v}`)
          .join(', ')}`,
      );
      if (run.engine === 'sqlite')
        console.log(
          `sqlite: database ${(run.database.bytes / 1e9).toFixed(2)} GB (+ WAL ${(run.database.walBytes / 1e6).toFixed(1)} MB)${values.keep ? ` kept at ${run.database.path}` : ''}`,
        );
      else
        console.log(
          `postgres: database ${(run.database.bytes / 1e9).toFixed(2)} GB${values.keep ? ` kept at ${run.database.path}` : ''}; loaded in ${run.load?.seconds.toFixed(1)} s; server ${Object.entries(
            run.server ?? {},
          )
            .map(([k, v]) => `${k}=${v}`)
            .join(', ')}`,
        );
      for (const m of run.mismatches) console.log(`MISMATCH ${run.engine} ${m}`);
    }
    console.log(`generator child: ${r.generation.maxRssMB} MB; ledger: ${r.generation.ledger}`);
    console.log(
      `machine: ${r.machine.cpus} × ${r.machine.cpuModel}, ${r.machine.totalmemMB} MB, load ${r.machine.loadavgBefore.map((x) => x.toFixed(1)).join('/')} → ${r.machine.loadavgAfter.map((x) => x.toFixed(1)).join('/')}; ${r.commit}`,
    );
    writeFileSync(out, `${JSON.stringify(r, null, 2)}\n`);
    console.log(`written ${out}`);
    if (r.runs.some((x) => x.mismatches.length)) process.exitCode = 1;
  } finally {
    if (cluster) clusters.stopCluster(cluster.dir);
  }
}
