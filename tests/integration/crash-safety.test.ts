import { type ChildProcess, execFileSync, spawn } from 'node:child_process';
import { mkdirSync, readFileSync, readdirSync, readlinkSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { dispatch } from '../../src/services/dispatch';
import { type App, openApp } from '../../src/app';
import { verifyLedger } from '../../src/db/ledger';
import { openDatabase } from '../../src/db/open';
import { ManualClock } from '../../src/domain/clock';
import { testApp, type TestApp, refusal } from '../support/app';

const open: TestApp[] = [];
afterEach(async () => {
  for (const t of open.splice(0)) await t.close().catch(() => undefined);
});

function spawnWorker(args: string[]): ChildProcess {
  return spawn(process.execPath, ['--import', 'tsx', ...args], { env: process.env, stdio: ['ignore', 'pipe', 'pipe'] });
}

describe('crash safety: SIGKILL while registering walk-ins', () => {
  it('after every kill the database opens, passes the integrity check and the ledger chain, and holds every walk-in reported saved', async () => {
    const t = await testApp({ at: '2026-05-08T09:00:00' });
    open.push(t);
    const consultants = ['zhang', 'li', 'wang'];
    await t.ok('mgr', 'roster.start', { order: consultants });
    await t.app.close();
    const saved = new Set<number>();
    for (let round = 0; round < 8; round++) {
      const child = spawnWorker(['tests/support/crash-worker.ts', t.path, `2026-05-08T${String(10 + round).padStart(2, '0')}:00:00`]);
      let out = '';
      // Killed on a count of acknowledged saves, not after a delay: the kill lands while the worker is already
      // writing the next walk-in, and each round has saves to check however fast the machine is.
      const killedAfter = 2 + Math.floor(Math.random() * 5);
      const exited = new Promise((r) => child.on('exit', r));
      child.stdout!.on('data', (d) => {
        out += d;
        if ([...out.matchAll(/saved \d+/g)].length >= killedAfter && !child.killed) child.kill('SIGKILL');
      });
      await exited;
      const reported = [...out.matchAll(/saved (\d+)/g)].map((m) => Number(m[1]));
      for (const id of reported) saved.add(id);
      const h = openDatabase(t.path);
      try {
        expect(h.raw.pragma('integrity_check', { simple: true }), `round ${round} (killed after ${killedAfter} saves)`).toBe('ok');
        expect(verifyLedger(h.raw).problems).toEqual([]);
        const ids = new Set((h.raw.prepare('SELECT id FROM visits').all() as { id: number }[]).map((r) => r.id));
        for (const id of saved) expect(ids.has(id), `visit ${id} reported saved`).toBe(true);
      } finally {
        h.raw.close();
      }
    }
    expect(saved.size).toBeGreaterThan(8);
    // every acknowledged walk-in was found after every kill (the loop above fails otherwise)
    console.log(`crash safety: 8 SIGKILLs, ${saved.size} acknowledged walk-ins, 0 lost`);
  }, 480_000); // a bound for a hang, not a speed limit: the kills and reopenings take minutes on a loaded 2-core machine
});

/** A real tiny filesystem where the machine allows it (root in CI and here); null elsewhere. */
function tinyFilesystem(sizeKb: number): string | null {
  const dir = join(tmpdir(), `salesdesk-tiny-${process.pid}-${Date.now()}`);
  mkdirSync(dir, { recursive: true });
  try {
    execFileSync('mount', ['-t', 'tmpfs', '-o', `size=${sizeKb}k`, 'tmpfs', dir], { stdio: 'ignore' });
    return dir;
  } catch {
    rmSync(dir, { recursive: true, force: true });
    return null;
  }
}
/** The files under `dir` this process holds open (Linux: /proc/self/fd). */
const openFilesUnder = (dir: string) =>
  readdirSync('/proc/self/fd').flatMap((fd) => {
    try {
      const target = readlinkSync(`/proc/self/fd/${fd}`);
      return target.startsWith(`${dir}/`) ? [target] : [];
    } catch {
      return []; // the fd of the listing itself, closed by now
    }
  });
const unmount = (dir: string) => {
  try {
    execFileSync('umount', [dir], { stdio: 'ignore' });
  } catch {
    // still busy (an assertion above failed with the file open): detach it anyway, so the folder goes
    execFileSync('umount', ['-l', dir], { stdio: 'ignore' });
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
};

describe('storage failures give a clear error and leave nothing half-written', () => {
  const seed = async (app: App) => {
    await app.dispatch(null, 'setup.firstRun', {
      staff: [
        { id: 'dir', name: '赵总', roles: ['sales_director'], pin: '900001' },
        { id: 'mgr', name: '陈静', roles: ['sales_manager'] },
        { id: 'qian', name: '钱敏', roles: ['front_desk'] },
        { id: 'zhang', name: '张伟', roles: ['consultant'] },
      ],
    });
    await app.dispatch({ staffId: 'mgr' }, 'roster.start', { order: ['zhang'] });
  };
  const counts = (app: App) =>
    Object.fromEntries(
      ['customers', 'visits', 'registrations', 'roster_events', 'audit_log', 'ledger_chain'].map((t) => [
        t,
        (app.handle.raw.prepare(`SELECT count(*) n FROM ${t}`).get() as { n: number }).n,
      ]),
    );

  it('a full disk: refused as storage_full, and the refused walk-in wrote nothing', async () => {
    const dir = tinyFilesystem(1024); // room for the migrations' WAL and the seed, not for 5,000 walk-ins
    const clock = new ManualClock(new Date('2026-05-08T09:00:00'));
    const app = await openApp({ dbPath: dir ? join(dir, 'salesdesk.sqlite') : ':memory:', clock });
    try {
      await seed(app);
      // Without a mountable filesystem, cap the file instead: SQLite answers exactly as on a full disk.
      if (!dir) app.handle.raw.pragma(`max_page_count = ${(app.handle.raw.pragma('page_count', { simple: true }) as number) + 2}`);
      let failure: any = null;
      for (let i = 0; i < 5000 && !failure; i++) {
        const before = counts(app);
        const r = (
          await app.dispatch({ staffId: 'qian' }, 'desk.walkIn', {
            customer: { name: `客户${i}`.padEnd(30, '甲'), phone: `1360000${String(i).padStart(4, '0')}` },
          })
        ).result as any;
        if (!r.ok) {
          failure = r;
          expect(counts(app)).toEqual(before);
        } else if (r.value.visitId) await app.dispatch({ staffId: 'zhang' }, 'desk.finish', { visit: r.value.visitId });
      }
      expect(failure).toMatchObject({ ok: false, error: { code: 'invalid_state' } });
      expect(failure.error.reason).toBe('storage_full');
      expect(app.handle.raw.pragma('integrity_check', { simple: true })).toBe('ok');
    } finally {
      await app.close();
      if (dir) unmount(dir);
    }
  }, 60_000);

  it('a read-only folder: "只读", nothing written', async () => {
    const dir = tinyFilesystem(4096);
    const clock = new ManualClock(new Date('2026-05-08T09:00:00'));
    const path = join(dir ?? mkdirTemp(), 'salesdesk.sqlite');
    const app = await openApp({ dbPath: path, clock });
    await seed(app);
    await app.close();
    if (dir) {
      // a real read-only mount: SQLite cannot even read a WAL database there, so the app refuses to start
      // with a plain sentence, and the file is untouched
      const bytes = readFileSync(path);
      execFileSync('mount', ['-o', 'remount,ro', dir]);
      try {
        // an open that fails lets go of the file at once (checked before anything else runs: a leaked
        // connection is closed only whenever the garbage collector gets to it, and until then the folder
        // cannot be unmounted)
        expect(() => openDatabase(path)).toThrow();
        expect(openFilesUnder(dir)).toEqual([]);
        await expect(openApp({ dbPath: path, clock })).rejects.toThrow(/不能写入（只读）/);
        expect(readFileSync(path)).toEqual(bytes);
        expect(openFilesUnder(dir)).toEqual([]);
      } finally {
        unmount(dir);
      }
      return;
    }
    // no mount here: a connection SQLite opened read-only answers a write exactly as a read-only folder would
    const h = openDatabase(path, { readonly: true });
    try {
      const host = { dbPath: path, readOnlyReason: () => null } as unknown as App;
      const r = (
        await dispatch({ db: h.db, clock, host }, { staffId: 'qian' }, 'desk.walkIn', { customer: { name: '周杰', phone: '13800000001' } })
      ).result as any;
      expect(r).toMatchObject({ ok: false, error: { code: 'invalid_state' } });
      expect(r.error.message).toMatch(/只读|不能写入/);
      expect((h.raw.prepare('SELECT count(*) n FROM visits').get() as { n: number }).n).toBe(0);
    } finally {
      await h.close();
    }
  });

  it('a database locked by another program: a clear message after the busy wait, nothing written', async () => {
    const t = await testApp({ at: '2026-05-08T09:00:00' });
    open.push(t);
    await t.ok('mgr', 'roster.start', { order: ['zhang'] });
    // The other program holds its lock until told to let go (a line on its stdin), not for a fixed time.
    const holder = spawn(
      process.execPath,
      [
        '-e',
        `const D=require('better-sqlite3');const d=new D(${JSON.stringify(t.path)});d.exec('BEGIN EXCLUSIVE');console.log('locked');process.stdin.once('data',()=>{d.exec('COMMIT');process.exit(0)})`,
      ],
      { stdio: ['pipe', 'pipe', 'inherit'] },
    );
    await new Promise<void>((r) => holder.stdout!.on('data', () => r()));
    const before = (t.app.handle.raw.prepare('SELECT count(*) n FROM visits').get() as { n: number }).n;
    const started = Date.now();
    const r = await t.as('qian', 'desk.walkIn', { customer: { name: '周杰', phone: '13800000001' } });
    expect(Date.now() - started).toBeGreaterThanOrEqual(4500); // it waited for the other program first
    expect(r).toMatchObject({ ok: false, error: { code: 'invalid_state' } });
    expect(refusal(r).reason).toBe('storage_busy');
    const released = new Promise((res) => holder.on('exit', res));
    holder.stdin!.write('release\n');
    await released;
    expect((t.app.handle.raw.prepare('SELECT count(*) n FROM visits').get() as { n: number }).n).toBe(before);
    expect((await t.as('qian', 'desk.walkIn', { customer: { name: '周杰', phone: '13800000001' } })).ok).toBe(true);
  }, 30_000);
});

function mkdirTemp(): string {
  const d = join(tmpdir(), `salesdesk-ro-${process.pid}-${Date.now()}`);
  mkdirSync(d, { recursive: true });
  return d;
}
