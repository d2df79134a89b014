#!/usr/bin/env node
/**
 * node scripts/native.mjs electron
 *
 * better-sqlite3 in node_modules is compiled for Node (tests, web mode). Electron embeds a
 * different Node ABI, so the desktop app needs its own build. Rebuilding node_modules in
 * place would break the tests, so we build a private copy in .native/electron/ and main.ts
 * hands its path to better-sqlite3 as `nativeBinding`. The build is skipped when the stamp
 * says it already matches this Electron, better-sqlite3, platform and arch.
 */
import fs from 'node:fs';
import path from 'node:path';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const require = createRequire(path.join(root, 'package.json'));

// electron/main.ts and build/electron-builder.json spell out the same locations.
const outDir = path.join(root, '.native', 'electron');
const moduleDir = path.join(outDir, 'node_modules', 'better-sqlite3');
const binding = path.join(moduleDir, 'build', 'Release', 'better_sqlite3.node');
const stampFile = path.join(outDir, 'stamp.json');
const logFile = path.join(outDir, 'rebuild.log');

const target = process.argv[2];
if (target !== 'electron') {
  console.error('用法 / usage: node scripts/native.mjs electron');
  process.exit(2);
}

function fail(zh, en) {
  console.error(`${zh} / ${en}`);
  process.exit(1);
}

function versionOf(pkg) {
  try {
    return require(`${pkg}/package.json`).version;
  } catch {
    return null;
  }
}

const electronVersion = versionOf('electron');
const sqliteVersion = versionOf('better-sqlite3');
if (!electronVersion || !sqliteVersion) {
  fail('未安装 electron 或 better-sqlite3，请先运行 npm install', 'electron or better-sqlite3 is not installed, run npm install first.');
}

const wanted = { electron: electronVersion, betterSqlite3: sqliteVersion, platform: process.platform, arch: process.arch };
const readStamp = () => {
  try {
    return JSON.parse(fs.readFileSync(stampFile, 'utf8'));
  } catch {
    return null;
  }
};
const stamp = readStamp();
if (stamp && fs.existsSync(binding) && Object.entries(wanted).every(([k, v]) => stamp[k] === v)) {
  console.log(binding);
  process.exit(0);
}

// A fresh copy without build/: if the rebuild fails, no Node-ABI binary is left where main.ts looks.
fs.rmSync(outDir, { recursive: true, force: true });
fs.mkdirSync(path.dirname(moduleDir), { recursive: true });
const source = path.dirname(require.resolve('better-sqlite3/package.json'));
fs.cpSync(source, moduleDir, {
  recursive: true,
  filter: (src) => path.relative(source, src).split(path.sep)[0] !== 'build',
});
// @electron/rebuild walks the dependencies of the package at buildPath.
fs.writeFileSync(
  path.join(outDir, 'package.json'),
  `${JSON.stringify({ name: 'salesdesk-native-electron', private: true, dependencies: { 'better-sqlite3': sqliteVersion } }, null, 2)}\n`,
);

// ~/.npmrc here sets nodedir=/usr, and npm exports it as npm_config_nodedir; node-gyp reads such
// variables and they override the Electron target, which would silently compile against
// Node 20's headers and crash at startup with NODE_MODULE_VERSION errors.
for (const name of Object.keys(process.env)) {
  if (/^npm_config_(nodedir|target|target_arch|arch|runtime|disturl|dist_url|build_from_source)$/i.test(name)) {
    delete process.env[name];
  }
}

const { rebuild } = require('@electron/rebuild');
const headerURL = process.env.SALESDESK_ELECTRON_HEADERS_URL || 'https://www.electronjs.org/headers';

// node-gyp's full output is useful to us, not to whoever typed npm start: keep it in a file.
const captured = [];
const originalError = console.error;
console.error = (...args) => captured.push(args.map(String).join(' '));
let failure = null;
try {
  await rebuild({
    buildPath: outDir,
    electronVersion,
    arch: process.arch,
    onlyModules: ['better-sqlite3'],
    force: true,
    headerURL,
    mode: 'sequential',
  });
} catch (error) {
  failure = error;
} finally {
  console.error = originalError;
}

if (failure || !fs.existsSync(binding)) {
  const detail = [...captured, String(failure?.stack ?? failure ?? 'better_sqlite3.node was not produced')].join('\n');
  fs.writeFileSync(logFile, `${detail}\n`);
  const rel = path.relative(root, logFile);
  if (/network connectivity|ENOTFOUND|EAI_AGAIN|ECONNREFUSED|ECONNRESET|ETIMEDOUT|getaddrinfo|socket hang up|403|404/.test(detail)) {
    fail(
      `无法为 Electron ${electronVersion} 编译 better-sqlite3：下载 Electron 头文件失败（${headerURL}），请联网或设置 SALESDESK_ELECTRON_HEADERS_URL 镜像后重试，详情见 ${rel}`,
      `Could not build better-sqlite3 for Electron ${electronVersion} because the Electron headers could not be downloaded from ${headerURL} (details in ${rel}).`,
    );
  }
  fail(
    `无法为 Electron ${electronVersion} 编译 better-sqlite3：需要 Python 和 C++ 编译工具，详情见 ${rel}`,
    `Could not build better-sqlite3 for Electron ${electronVersion}; it needs Python and a C++ toolchain (details in ${rel}).`,
  );
}

// Guard against a Node-ABI build slipping through: in this Node process an Electron build must
// refuse to load with a NODE_MODULE_VERSION error, and loading cleanly means the wrong headers.
try {
  process.dlopen({ exports: {} }, binding);
  fs.rmSync(binding, { force: true });
  fail(
    '编译结果是 Node 版而不是 Electron 版，请检查 npm 配置中的 nodedir/target 设置',
    'The build targeted Node instead of Electron; check nodedir/target in your npm config.',
  );
} catch (error) {
  if (!/NODE_MODULE_VERSION/.test(String(error?.message))) {
    fail(`编译出的 ${binding} 无法识别`, `The built ${binding} could not be recognised: ${String(error?.message)}`);
  }
}

fs.writeFileSync(stampFile, `${JSON.stringify({ ...wanted, binding: path.relative(outDir, binding) }, null, 2)}\n`);
console.log(binding);
