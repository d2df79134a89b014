#!/usr/bin/env node
/**
 * After `npm install`. Electron is an optional dependency: where its runtime cannot be downloaded (an office
 * behind a firewall, CI, these development boxes) npm removes the electron package and carries on, instead of
 * failing the whole install and removing everything. Then:
 *   - `npm start` opens the same app in the browser (web mode, scripts/start.mjs says so);
 *   - the electron package itself (its TypeScript types, which the typecheck and the Electron shell's tests use
 *     with a faked runtime) is put back without its binary, so `npm test` works too.
 * Nothing here fails the install: the worst case is a sentence saying what is missing.
 */
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const pkg = JSON.parse(fs.readFileSync(path.join(root, 'package.json'), 'utf8'));
const version = pkg.optionalDependencies?.electron;
const installed = path.join(root, 'node_modules', 'electron', 'package.json');
const binaryPath = path.join(root, 'node_modules', 'electron', 'path.txt');

function say(zh, en) {
  console.log(`${zh} / ${en}`);
}

if (!version) process.exit(0);

if (fs.existsSync(installed)) {
  if (!fs.existsSync(binaryPath)) {
    say('未下载 Electron 运行时：npm start 将以网页模式运行', 'Electron runtime not downloaded: npm start runs web mode');
  }
  process.exit(0);
}

say(
  '无法下载 Electron 运行时（网络不通或被拦截）。npm start 将以网页模式运行；现在安装不含运行时的 electron 包，以便类型检查和测试',
  'The Electron runtime could not be downloaded. npm start will run web mode; installing the electron package without its runtime for the typecheck and tests',
);
// --ignore-scripts: electron's own download is what failed, and our postinstall must not run again.
const npmCli = process.env.npm_execpath;
const [cmd, args, shell] = npmCli ? [process.execPath, [npmCli], false] : ['npm', [], process.platform === 'win32'];
const result = spawnSync(cmd, [...args, 'install', '--no-save', '--ignore-scripts', '--no-audit', '--no-fund', `electron@${version}`], {
  cwd: root,
  stdio: 'inherit',
  shell,
  env: { ...process.env, ELECTRON_SKIP_BINARY_DOWNLOAD: '1' },
});
if (result.status !== 0 || !fs.existsSync(installed)) {
  say(
    `未能安装 electron@${version} 包：网页模式（npm start、npm run web）仍可使用，npm test 的类型检查需要它，请联网后重新运行 npm install`,
    `Could not install the electron@${version} package: web mode still works; the typecheck of npm test needs it, run npm install again when online`,
  );
}
