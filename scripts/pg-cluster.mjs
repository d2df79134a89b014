#!/usr/bin/env node
/**
 * A throwaway PostgreSQL cluster for the tests and CI: `initdb` in a temporary folder, a free port on
 * 127.0.0.1 only, trust authentication (nothing outside this machine can reach it), stopped and deleted
 * afterwards. PostgreSQL refuses to run as root, so as root the cluster is the `postgres` user's.
 *
 *   node scripts/pg-cluster.mjs start   → prints `SALESDESK_PG_CLUSTER=<dir>` and `SALESDESK_TEST_POSTGRES_URL=<url>`
 *   node scripts/pg-cluster.mjs stop DIR
 */
import { execFileSync, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

/** The newest installed server's bin folder, or null where PostgreSQL is not installed. */
export function findPgBin() {
  const given = process.env.SALESDESK_PG_BIN;
  if (given) return fs.existsSync(path.join(given, 'initdb')) ? given : null;
  const base = '/usr/lib/postgresql';
  if (fs.existsSync(base)) {
    const versions = fs
      .readdirSync(base)
      .filter((v) => fs.existsSync(path.join(base, v, 'bin', 'initdb')))
      .sort((a, b) => Number(b) - Number(a));
    if (versions[0]) return path.join(base, versions[0], 'bin');
  }
  try {
    const dir = execFileSync('pg_config', ['--bindir'], { encoding: 'utf8' }).trim();
    return fs.existsSync(path.join(dir, 'initdb')) ? dir : null;
  } catch {
    return null;
  }
}

function freePort() {
  return new Promise((resolve, reject) => {
    const s = net.createServer();
    s.once('error', reject);
    s.listen(0, '127.0.0.1', () => {
      const { port } = s.address();
      s.close(() => resolve(port));
    });
  });
}

const asRoot = typeof process.getuid === 'function' && process.getuid() === 0;

/** Runs a server binary as the cluster's owner (the postgres user when we are root). */
function runPg(bin, args) {
  const [cmd, argv] = asRoot ? ['su', ['postgres', '-s', '/bin/sh', '-c', [bin, ...args].map(shellQuote).join(' ')]] : [bin, args];
  const r = spawnSync(cmd, argv, { encoding: 'utf8' });
  if (r.status !== 0) throw new Error(`${path.basename(bin)} failed (${r.status}): ${r.stderr || r.stdout}`);
  return r.stdout;
}

const shellQuote = (s) => `'${String(s).replace(/'/g, `'\\''`)}'`;

/**
 * Starts a new cluster; returns where it lives and the superuser URL of its `postgres` database.
 * `durable`: keep PostgreSQL's own durability (fsync, synchronous_commit on), for the benchmark, whose commit
 * times must be what an office group's server pays; the tests' cluster turns it off.
 */
export async function startCluster({ durable = false } = {}) {
  const bin = findPgBin();
  if (!bin) throw new Error('PostgreSQL is not installed (no initdb found; apt-get install -y postgresql)');
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'salesdesk-pg-'));
  if (asRoot) execFileSync('chown', ['postgres:postgres', dir]);
  const data = path.join(dir, 'data');
  runPg(path.join(bin, 'initdb'), ['-D', data, '-U', 'salesdesk', '--auth=trust', '--encoding=UTF8', '--locale=C.UTF-8', '-N']);
  const port = await freePort();
  // fsync off: a test cluster that dies is deleted anyway; the tests measure correctness, not durability.
  const options = `-p ${port} -k ${dir} -c listen_addresses=127.0.0.1${durable ? '' : ' -c fsync=off -c synchronous_commit=off -c full_page_writes=off'} -c max_connections=200`;
  runPg(path.join(bin, 'pg_ctl'), ['-D', data, '-o', options, '-l', path.join(dir, 'server.log'), '-w', 'start']);
  return { dir, port, url: `postgres://salesdesk@127.0.0.1:${port}/postgres` };
}

export function stopCluster(dir) {
  const bin = findPgBin();
  if (bin && fs.existsSync(path.join(dir, 'data', 'postmaster.pid'))) {
    try {
      runPg(path.join(bin, 'pg_ctl'), ['-D', path.join(dir, 'data'), '-m', 'immediate', '-w', 'stop']);
    } catch (e) {
      console.error(e.message);
    }
  }
  fs.rmSync(dir, { recursive: true, force: true });
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const [command, dir] = process.argv.slice(2);
  if (command === 'start') {
    const c = await startCluster();
    console.log(`SALESDESK_PG_CLUSTER=${c.dir}`);
    console.log(`SALESDESK_TEST_POSTGRES_URL=${c.url}`);
  } else if (command === 'stop' && dir) {
    stopCluster(dir);
  } else {
    console.error('usage: node scripts/pg-cluster.mjs start | stop DIR');
    process.exit(2);
  }
}
