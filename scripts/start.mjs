#!/usr/bin/env node
/**
 * npm start: the desktop app when an Electron runtime is installed, otherwise the same app in
 * the browser (web mode). Machines set up with ELECTRON_SKIP_BINARY_DOWNLOAD (CI, servers, this
 * dev box) have the electron package but no binary, and should still be able to run the app.
 */
import { spawn, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const require = createRequire(path.join(root, 'package.json'));
const rendererIndex = path.join(root, 'dist', 'renderer', 'index.html');

/** The electron package exports the binary's path, or throws when the download was skipped. */
function electronBinary() {
  try {
    const binary = require('electron');
    return typeof binary === 'string' && fs.existsSync(binary) ? binary : null;
  } catch {
    return null;
  }
}

/**
 * Our scripts run with this Node directly (no shell, same on Windows). They print their own
 * one-sentence failure, so we only pass the exit code on.
 */
function runNode(args) {
  const { status, error } = spawnSync(process.execPath, args, { cwd: root, stdio: 'inherit' });
  if (error) console.error(error.message);
  if (error || status !== 0) process.exit(status || 1);
}

/** Through npm so package.json stays the one definition of how the renderer is built. */
function runNpmScript(script) {
  const npmCli = process.env.npm_execpath; // set when started by `npm start`
  const [cmd, args, shell] = npmCli
    ? [process.execPath, [npmCli, 'run', script], false]
    : ['npm', ['run', script], process.platform === 'win32']; // npm.cmd needs a shell on Windows
  const { status, error } = spawnSync(cmd, args, { cwd: root, stdio: 'inherit', shell });
  if (error || status !== 0) {
    console.error(`npm run ${script} 失败 / npm run ${script} failed.`);
    process.exit(status || 1);
  }
}

function ensureRenderer() {
  if (!fs.existsSync(rendererIndex)) runNpmScript('build:renderer');
}

/**
 * Runs the long-lived child with our stdio, passes on stop signals, and exits with its code.
 * `npm start` runs us under `sh -c`: a SIGTERM to npm ends npm and the shell but reaches neither us nor the
 * server, which would go on holding the port and the office's file. So we also stop the child when our
 * parent goes away (we are handed to another parent, usually init). Node has no parent-death signal; a
 * one-second check costs nothing.
 */
function handOver(cmd, args, env = process.env) {
  const child = spawn(cmd, args, { cwd: root, stdio: 'inherit', env });
  for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP']) {
    process.on(signal, () => child.kill(signal));
  }
  const parent = process.ppid;
  const orphanCheck = setInterval(() => {
    if (process.ppid === parent) return;
    clearInterval(orphanCheck);
    child.kill('SIGTERM');
  }, 1000);
  orphanCheck.unref();
  child.on('error', (error) => {
    console.error(error.message);
    process.exit(1);
  });
  child.on('exit', (code, signal) => process.exit(code ?? (signal ? 1 : 0)));
}

/**
 * `npm run demo`: the demo office in data/demo/, made on first use (through the CLI, which prints the demo
 * team's PINs), then opened like `npm start` would open the real one. It never touches data/salesdesk.sqlite.
 */
function demoOffice() {
  // SALESDESK_DEMO_DIR only for the tests of this script, which must not touch a developer's data/demo.
  const dir = path.resolve(process.env.SALESDESK_DEMO_DIR ?? path.join(root, 'data', 'demo'));
  runNode([require.resolve('tsx/cli'), 'src/cli/main.ts', 'demo', path.join(dir, 'salesdesk.sqlite'), '--if-missing']);
  return { ...process.env, SALESDESK_DATA_DIR: dir };
}

const env = process.argv.includes('--demo') ? demoOffice() : { ...process.env };
const electron = electronBinary();
if (electron) {
  ensureRenderer();
  runNode([path.join(root, 'scripts', 'build-electron.mjs')]);
  runNode([path.join(root, 'scripts', 'native.mjs'), 'electron']);
  // An inherited ELECTRON_RUN_AS_NODE (set by some editors' terminals) would run main.cjs as plain Node.
  delete env.ELECTRON_RUN_AS_NODE;
  handOver(electron, ['.'], env);
} else {
  console.log('未找到 Electron 桌面运行时，改为网页模式 / Electron runtime not found, starting web mode.');
  ensureRenderer();
  // tsx's CLI run by this Node, rather than npx, to avoid a shell and a registry lookup.
  handOver(process.execPath, [require.resolve('tsx/cli'), 'src/server/main.ts'], env);
}
