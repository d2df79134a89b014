#!/usr/bin/env node
/**
 * `npm run bench`: bundles bench/run.ts with esbuild (as the desktop app's main process is bundled) and
 * runs it with plain node, so the memory measured is the app's and not tsx's compiler (~45 MB more).
 * Dependencies stay in node_modules, as they are loaded in web mode. Arguments pass through.
 */
import { spawn } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const outfile = path.join(root, 'bench', 'tmp', 'bench.mjs');
await build({
  absWorkingDir: root,
  entryPoints: ['bench/run.ts'],
  outfile,
  bundle: true,
  platform: 'node',
  format: 'esm',
  target: 'node20',
  packages: 'external',
  logLevel: 'warning',
});
const child = spawn(process.execPath, [outfile, ...process.argv.slice(2)], { stdio: 'inherit', cwd: root });
child.on('exit', (code, signal) => process.exit(signal ? 1 : (code ?? 1)));
