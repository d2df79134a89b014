/**
 * `npm run bench` (scripts/bench.mjs bundles this file and runs it with plain node): the performance budget of architecture.md measured on a synthetic
 * office group — 1,000,000 customers, 3,000,000 visits, 50,000 deals, 200 consultants, two years.
 *
 *   --scale 0.01    a smaller office (default 1)
 *   --out FILE      where the JSON goes (default bench/results.json)
 *   --dir DIR       where the temporary database goes (default the system temp folder)
 *   --keep          keep the database file afterwards (its path is printed)
 *
 * The generator runs in a child process (`--generate-only`), so the peak RSS reported is the app's.
 */
process.env.TZ = 'Asia/Shanghai'; // office days and months fall the same on every machine

import { fork } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { type GenerateSummary, generate } from './generate';
import { progressBar, table } from './report';
import { runBench } from './suite';
import { plan } from './synthetic';

const { values } = parseArgs({
  options: {
    scale: { type: 'string', default: '1' },
    out: { type: 'string', default: 'bench/results.json' },
    dir: { type: 'string' },
    keep: { type: 'boolean', default: false },
    'generate-only': { type: 'string' },
  },
});
const scale = Number(values.scale);
if (!(scale > 0 && scale <= 1)) throw new Error('--scale must be in (0, 1]');

if (values['generate-only']) {
  const summary = await generate(values['generate-only'], plan(scale), progressBar());
  process.send!({ ...summary, maxRssMB: Math.round(process.resourceUsage().maxRSS / 1024) });
  process.disconnect();
} else {
  const inChild = (path: string, s: number) =>
    new Promise<GenerateSummary & { maxRssMB: number }>((resolve, reject) => {
      const child = fork(fileURLToPath(import.meta.url), ['--generate-only', path, '--scale', String(s)], { stdio: ['ignore', 'inherit', 'inherit', 'ipc'] });
      let summary: (GenerateSummary & { maxRssMB: number }) | null = null;
      child.on('message', (m) => (summary = m as GenerateSummary & { maxRssMB: number }));
      child.on('exit', (code) => (summary && code === 0 ? resolve(summary) : reject(new Error(`generator exited with ${code}`))));
    });
  const r = await runBench({ scale, dir: values.dir, keep: values.keep, generator: inChild, log: (l) => console.log(l) });
  console.log();
  console.log(table(r.rows));
  console.log();
  console.log(`peak RSS (app + measurements): ${r.memory.peakRssMB} MB (target < ${r.memory.targetMB} MB: ${r.memory.met ? 'ok' : 'MISSED'}); by step: ${Object.entries(r.memory.byStepMB).map(([k, v]) => `${k} ${v}`).join(', ')}; generator child: ${r.generation.maxRssMB} MB`);
  console.log(`database: ${(r.database.bytes / 1e9).toFixed(2)} GB (+ WAL ${(r.database.walBytes / 1e6).toFixed(1)} MB)${values.keep ? ` kept at ${r.database.path}` : ''}`);
  console.log(`ledger: ${r.generation.ledger}`);
  console.log(`machine: ${r.machine.cpus} × ${r.machine.cpuModel}, ${r.machine.totalmemMB} MB, load ${r.machine.loadavgBefore.map((x) => x.toFixed(1)).join('/')} → ${r.machine.loadavgAfter.map((x) => x.toFixed(1)).join('/')}; ${r.commit}`);
  for (const m of r.mismatches) console.log(`MISMATCH ${m}`);
  writeFileSync(values.out, `${JSON.stringify(r, null, 2)}\n`);
  console.log(`written ${values.out}`);
  if (r.mismatches.length) process.exitCode = 1;
}
