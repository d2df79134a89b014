/**
 * The README's first command on a newcomer's machine (issue 17, items 1–3): `npm install` where Electron's
 * runtime cannot be downloaded, `npm run demo`, and stopping `npm start` the ways people and service managers do.
 * These run the real npm and the real scripts as child processes; every wait is for a state (a line printed, a
 * port closed), bounded only so a broken build fails instead of hanging.
 */
import { type ChildProcess, spawn } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';

const root = path.resolve(__dirname, '../..');
const pkg = JSON.parse(fs.readFileSync(path.join(root, 'package.json'), 'utf8'));
const npmCli = process.env.npm_execpath;
const npm = (args: string[]) => (npmCli ? [process.execPath, [npmCli, ...args]] : ['npm', args]) as [string, string[]];
const children: ChildProcess[] = [];
const temps: string[] = [];

function tempDir(): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'salesdesk-newcomer-'));
  temps.push(dir);
  return dir;
}

afterEach(() => {
  for (const c of children.splice(0)) if (c.exitCode === null && c.pid) killGroup(c, 'SIGKILL');
  for (const d of temps.splice(0)) fs.rmSync(d, { recursive: true, force: true });
});

function killGroup(c: ChildProcess, signal: NodeJS.Signals) {
  try {
    process.kill(-c.pid!, signal);
  } catch {
    /* already gone */
  }
}

/** Runs a command in its own process group, collecting its output. */
function run(cmd: string, args: string[], opts: { cwd: string; env: NodeJS.ProcessEnv }) {
  const child = spawn(cmd, args, { ...opts, detached: true, stdio: ['ignore', 'pipe', 'pipe'] });
  children.push(child);
  let out = '';
  child.stdout!.on('data', (b) => (out += b));
  child.stderr!.on('data', (b) => (out += b));
  const exited = new Promise<number | null>((r) => child.on('exit', (code) => r(code)));
  const printed = (pattern: RegExp) =>
    new Promise<RegExpMatchArray>((resolve, reject) => {
      const check = () => {
        const m = out.match(pattern);
        if (m) return resolve(m);
        if (child.exitCode !== null) return reject(new Error(`exited ${child.exitCode} before ${pattern}:\n${out}`));
        setTimeout(check, 100);
      };
      check();
    });
  return { child, exited, printed, output: () => out };
}

const accepts = (port: number) =>
  new Promise<boolean>((resolve) => {
    const s = net.connect(port, '127.0.0.1');
    s.once('connect', () => (s.destroy(), resolve(true)));
    s.once('error', () => resolve(false));
  });

async function untilClosed(port: number) {
  while (await accepts(port)) await new Promise((r) => setTimeout(r, 200));
}

/**
 * A newcomer's machine: the office's own SQLite file, the README's default. No SALESDESK_DATABASE_URL, even in
 * the suite's PostgreSQL run (whose server is this run's, not the newcomer's): the children would inherit it.
 */
function newcomerEnv(extra: NodeJS.ProcessEnv = {}): NodeJS.ProcessEnv {
  const env = { ...process.env, ...extra };
  delete env.SALESDESK_DATABASE_URL;
  delete env.SALESDESK_TEST_POSTGRES_URL;
  return env;
}

/** The environment of a machine that was never told to skip Electron's download. */
function plainEnv(extra: NodeJS.ProcessEnv = {}): NodeJS.ProcessEnv {
  const env = newcomerEnv(extra);
  delete env.ELECTRON_SKIP_BINARY_DOWNLOAD;
  delete env.npm_config_ignore_scripts;
  return env;
}

describe('the newcomer path', () => {
  it('npm install succeeds where Electron cannot be downloaded, keeps the electron package (types) and says web mode will run', async () => {
    const dir = tempDir();
    const section = ['dependencies', 'devDependencies', 'optionalDependencies'].find((s) => pkg[s]?.electron)!;
    // The project's own way of depending on electron and its own postinstall, without the rest of the tree.
    fs.mkdirSync(path.join(dir, 'scripts'));
    fs.copyFileSync(path.join(root, 'scripts', 'postinstall.mjs'), path.join(dir, 'scripts', 'postinstall.mjs'));
    const probe = {
      name: 'newcomer-probe',
      version: '1.0.0',
      private: true,
      type: 'module',
      scripts: { postinstall: pkg.scripts.postinstall },
      [section]: { electron: pkg[section].electron },
    };
    fs.writeFileSync(path.join(dir, 'package.json'), JSON.stringify(probe, null, 2));
    // A mirror on a closed port: the download fails at once, as behind the office's firewall.
    const env = plainEnv({
      ELECTRON_MIRROR: 'http://127.0.0.1:9/',
      electron_config_cache: path.join(dir, 'electron-cache'),
      ELECTRON_CACHE: path.join(dir, 'electron-cache'),
    });
    const install = run(...npm(['install', '--prefer-offline', '--no-audit', '--no-fund']), { cwd: dir, env });
    const code = await install.exited;
    expect(code, install.output()).toBe(0);
    expect(fs.existsSync(path.join(dir, 'node_modules', 'electron', 'electron.d.ts')), 'the types stay for the typecheck').toBe(true);
    expect(fs.existsSync(path.join(dir, 'node_modules', 'electron', 'path.txt')), 'no runtime was downloaded').toBe(false);
    expect(install.output()).toContain('npm start 将以网页模式运行');
  }, 240_000);

  it('npm start stopped by SIGTERM to npm (a service manager) stops the server it started', async () => {
    const data = tempDir();
    const start = run(...npm(['start']), { cwd: root, env: newcomerEnv({ PORT: '0', SALESDESK_DATA_DIR: data }) });
    const [, port] = await start.printed(/http:\/\/127\.0\.0\.1:(\d+)\//);
    expect(await accepts(Number(port))).toBe(true);
    process.kill(start.child.pid!, 'SIGTERM'); // npm alone, not its group: the shell under npm passes nothing on
    await untilClosed(Number(port));
    expect(await accepts(Number(port))).toBe(false);
  }, 120_000);

  it('npm start stopped by Ctrl-C (SIGINT to the terminal’s process group) stops the server', async () => {
    const data = tempDir();
    const start = run(...npm(['start']), { cwd: root, env: newcomerEnv({ PORT: '0', SALESDESK_DATA_DIR: data }) });
    const [, port] = await start.printed(/http:\/\/127\.0\.0\.1:(\d+)\//);
    killGroup(start.child, 'SIGINT');
    await untilClosed(Number(port));
    await start.exited;
    expect(await accepts(Number(port))).toBe(false);
  }, 120_000);

  it('npm run demo makes the demo office on first use and opens it; the demo team signs in', async () => {
    const demoDir = path.join(tempDir(), 'demo');
    const env = newcomerEnv({ PORT: '0', SALESDESK_DEMO_DIR: demoDir });
    const demo = run(...npm(['run', 'demo']), { cwd: root, env });
    const [, port] = await demo.printed(/http:\/\/127\.0\.0\.1:(\d+)\//);
    expect(demo.output()).toContain('示例员工的 PIN');
    expect(fs.existsSync(path.join(demoDir, 'salesdesk.sqlite'))).toBe(true);
    const base = `http://127.0.0.1:${port}`;
    const signIn = await fetch(`${base}/api/session.signIn`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json', Origin: base },
      body: JSON.stringify({ staffId: 'dir', pin: '1111' }),
    });
    const answer = (await signIn.json()) as { ok: boolean };
    expect(answer.ok, 'the demo director signs in with the printed PIN').toBe(true);
    const cookie = signIn.headers.get('set-cookie')!.split(';')[0]!;
    const staff = await fetch(`${base}/api/staff.list`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json', Origin: base, Cookie: cookie },
      body: '{}',
    });
    const list = (await staff.json()) as { ok: boolean; value: unknown[] };
    expect(list.ok).toBe(true);
    expect(list.value.length).toBeGreaterThanOrEqual(18);
    process.kill(demo.child.pid!, 'SIGTERM');
    await untilClosed(Number(port));

    // A second `npm run demo` opens the same office as it is.
    const again = run(...npm(['run', 'demo']), { cwd: root, env });
    await again.printed(/http:\/\/127\.0\.0\.1:(\d+)\//);
    expect(again.output()).toContain('打开示例售楼处');
    killGroup(again.child, 'SIGINT');
    await again.exited;
  }, 240_000);
});
