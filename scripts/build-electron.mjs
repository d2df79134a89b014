#!/usr/bin/env node
/**
 * Bundles the Electron main process, the core process (a utilityProcess: database and services) and
 * the preload into dist-electron/*.cjs.
 *
 * Everything from src/ and its pure-JS dependencies is bundled, so the packaged app loads one
 * file instead of walking node_modules inside the asar. Two things stay outside: electron (the
 * runtime provides it) and better-sqlite3 (a native addon; the core process is pointed at the Electron build).
 */
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const outDir = path.join(root, 'dist-electron');

// Stale files from an older build would otherwise be packaged too.
fs.rmSync(outDir, { recursive: true, force: true });

const common = {
  absWorkingDir: root,
  bundle: true,
  platform: 'node',
  format: 'cjs',
  target: 'node22', // the Node inside Electron 39
  sourcemap: 'linked',
  logLevel: 'warning',
  // In CJS output import.meta is an empty object: code relying on import.meta.url would build
  // fine and then break only in the desktop app. Make it a build error instead.
  logOverride: { 'empty-import-meta': 'error' },
  metafile: true,
};

try {
  const main = await build({
    ...common,
    entryPoints: ['electron/main.ts'],
    outfile: 'dist-electron/main.cjs',
    external: ['electron', 'better-sqlite3'],
  });
  // The database belongs to the core process: SQLite in main would freeze every window during a slow statement.
  const inMain = Object.keys(main.metafile.inputs).filter((file) => /(^|\/)src\/(db|services|app\.ts)/.test(file));
  if (inMain.length > 0)
    throw new Error(
      `electron/main.ts must not bundle the database or services (they run in the core process): ${inMain.slice(0, 5).join(', ')}`,
    );
  await build({
    ...common,
    entryPoints: ['electron/core-process.ts'],
    outfile: 'dist-electron/core.cjs',
    external: ['electron', 'better-sqlite3'],
  });

  const preload = await build({
    ...common,
    entryPoints: ['electron/preload.ts'],
    outfile: 'dist-electron/preload.cjs',
    external: ['electron'],
  });
  // A sandboxed preload can require only 'electron' (and a few built-ins); anything else makes
  // the window load with window.salesdesk missing, which is easy to miss. Refuse it here.
  const requires = Object.values(preload.metafile.outputs).flatMap((o) => o.imports.filter((i) => i.external).map((i) => i.path));
  const forbidden = requires.filter((name) => name !== 'electron');
  if (forbidden.length > 0) {
    throw new Error(`electron/preload.ts may only import 'electron', but the bundle requires: ${[...new Set(forbidden)].join(', ')}`);
  }
} catch (error) {
  // esbuild has already printed the located errors; this line says what failed.
  console.error(
    `构建 Electron 主进程失败 / Building the Electron main process failed: ${error instanceof Error ? error.message.split('\n')[0] : error}`,
  );
  process.exit(1);
}

console.log('dist-electron/main.cjs, dist-electron/core.cjs, dist-electron/preload.cjs');
