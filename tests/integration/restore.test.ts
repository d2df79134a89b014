/**
 * Issue 13 points 6, 7, 9: a restore completes or leaves the live file byte for byte as it was; a backup's
 * chain must match its manifest and the history the app trusts; safety copies are never rotated away.
 */
import { createHash } from 'node:crypto';
import { copyFileSync, existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import BetterSqlite3 from 'better-sqlite3';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openApp } from '../../src/app';
import { backupsDir, inspectDatabase, swapDatabaseFile } from '../../src/db/backup';
import { SCHEMA_VERSION } from '../../src/db/migrate';
import { openDatabase } from '../../src/db/open';
import { type Output, TEAM, testApp, type TestApp, refusal } from '../support/app';
import type { MethodName } from '../../src/api/spec';
import type { ApiResult } from '../../src/api/errors';
import { checkText, errorText } from '../../renderer/i18n/reasons';

let t: TestApp;
beforeEach(async () => {
  t = await testApp({ at: '2026-05-08T09:00:00' });
  // tests that reopen the app replace t.app: calls go to the one open now
  t.as = async <M extends MethodName>(staffId: string | null, method: M, input: unknown = {}) =>
    (await t.app.dispatch(staffId ? { staffId } : null, method, input)).result as ApiResult<Output<M>>;
  t.ok = async <M extends MethodName>(staffId: string | null, method: M, input: unknown = {}): Promise<Output<M>> => {
    const r = await t.as(staffId, method, input);
    if (!r.ok) throw new Error(`${method} failed: ${r.error.code} ${r.error.reason} ${JSON.stringify(r.error.params ?? {})}`);
    return r.value;
  };
  await t.ok('mgr', 'roster.start', { order: ['zhang', 'li', 'wang'] });
});
afterEach(async () => {
  await t.app.close().catch(() => undefined); // tests that reopen replace t.app
  await t.close().catch(() => undefined);
});

const sha = (b: Buffer) => createHash('sha256').update(b).digest('hex');
/** The live database's bytes, its WAL checkpointed first so anything written since shows in the file. */
const liveHash = () => {
  t.app.handle.raw.pragma('wal_checkpoint(TRUNCATE)');
  return sha(readFileSync(t.path)) + (existsSync(`${t.path}-wal`) ? sha(readFileSync(`${t.path}-wal`)) : '');
};
const staffCount = () => t.app.handle.raw.prepare('SELECT count(*) FROM staff').pluck().get() as number;
const inBackups = (f: string) => join(backupsDir(t.path), f);
const manifestOf = (f: string) => JSON.parse(readFileSync(inBackups(f.replace(/\.sqlite$/, '.json')), 'utf8'));
const writeManifest = (f: string, m: object) =>
  writeFileSync(inBackups(f.replace(/\.sqlite$/, '.json')), JSON.stringify({ ...m, file: f }));
const walkIn = (name: string, phone: string) => t.ok('qian', 'desk.walkIn', { customer: { name, phone } });

/** Asserts a restore of `file` is refused by a reason whose Chinese words say `why`, and changed nothing: same bytes, same staff, no first-run. */
async function refusedWithoutChange(file: string, why: RegExp) {
  const before = liveHash();
  const r = await t.as('dir', 'backup.restore', { file });
  expect(r).toMatchObject({ ok: false, error: { code: 'invalid_state' } });
  expect(refusal(r).reason).toMatch(/^restore_/);
  expect(errorText(refusal(r), 'zh-CN')).toMatch(why);
  expect(errorText(refusal(r), 'en')).not.toMatch(/[\u4e00-\u9fff]/);
  expect(liveHash()).toBe(before);
  expect(staffCount()).toBe(TEAM.length);
  expect(await t.as(null, 'setup.firstRun', { staff: [{ id: 'x', name: '路人', roles: ['admin'], pin: '123456' }] })).toMatchObject({
    ok: false,
  });
}

/**
 * A history the office never had, as a forger holding the file (and the key) would make it: the state of
 * `source` carried on with a different walk-in, written out as one self-contained file at `target`. It
 * verifies on its own, so only its manifest and the heads the app already trusts can tell.
 */
async function branchFrom(source: string, target: string, walkIns = 1) {
  const copy = join(t.dir, 'branch.sqlite'); // beside the live file: the same office key
  copyFileSync(source, copy);
  const other = await openApp({ dbPath: copy, clock: t.clock });
  for (let i = 0; i < walkIns; i++) {
    expect(
      (await other.dispatch({ staffId: 'qian' }, 'desk.walkIn', { customer: { name: `假客户${i}`, phone: `1390000000${i}` } })).result.ok,
    ).toBe(true);
  }
  await other.close();
  openDatabase(copy, { journal: 'DELETE' }).raw.close();
  copyFileSync(copy, target);
  const check = inspectDatabase(target);
  expect(check, 'the forged branch verifies on its own').toMatchObject({ ok: true });
  return check;
}

describe('a restore either completes or leaves the live file as it was (issue 13 point 6)', () => {
  const candidates: [string, (file: string, good: string) => void, RegExp][] = [
    ['a 0-byte file', (f) => writeFileSync(f, ''), /0 字节/],
    [
      'random bytes',
      (f) => writeFileSync(f, Buffer.from(Array.from({ length: 8192 }, (_, i) => (i * 7919 + 13) % 251))),
      /不是 SQLite 数据库/,
    ],
    ['an SQLite file with no tables', (f) => new BetterSqlite3(f).exec('VACUUM').close(), /不是完整的售楼接待台数据库/],
    [
      'a backup from a newer Salesdesk (future user_version)',
      (f, good) => {
        copyFileSync(good, f);
        new BetterSqlite3(f).pragma(`user_version = ${SCHEMA_VERSION + 1}`);
      },
      /比本程序支持的版本 \d+ 新/,
    ],
    [
      'a backup with every staff member removed',
      (f, good) => {
        copyFileSync(good, f);
        const raw = openDatabase(f, { journal: 'DELETE' }).raw; // with the office's key: the deletions are chained
        raw.pragma('foreign_keys = OFF');
        raw.exec('DELETE FROM staff_roles; DELETE FROM staff_credentials; DELETE FROM staff');
        raw.close();
      },
      /没有任何员工/,
    ],
  ];
  for (const [what, make, why] of candidates) {
    it(`${what} fails inspectDatabase and is refused; the live file, the staff and the first-run lock stay as they were`, async () => {
      await walkIn('周杰', '13800000001');
      const good = await t.ok('dir', 'backup.now', {});
      const file = 'salesdesk-20260508-080000.sqlite';
      make(inBackups(file), inBackups(good.file));
      writeManifest(file, manifestOf(good.file)); // a manifest that looks right: the file itself must be checked
      expect(inspectDatabase(inBackups(file)).ok).toBe(false);
      expect(checkText(inspectDatabase(inBackups(file)).problems[0]!, 'zh-CN')).toMatch(why);
      await refusedWithoutChange(file, why);
    });
  }

  it('when the swapped-in file does not open, the previous file is put back byte for byte and reopened', async () => {
    const good = await t.ok('dir', 'backup.now', {});
    await walkIn('周杰', '13800000001');
    await t.app.close();
    const before = sha(readFileSync(t.path));
    const opened: string[] = [];
    const attempt = swapDatabaseFile(
      t.path,
      inBackups(good.file),
      async () => undefined,
      async (restored) => {
        opened.push(restored ? 'restored' : 'previous');
        if (restored) throw new Error('迁移失败');
      },
    );
    await expect(attempt).rejects.toMatchObject({ reason: 'restore_failed_put_back', params: { detail: '迁移失败' } });
    expect(opened).toEqual(['restored', 'previous']);
    expect(sha(readFileSync(t.path))).toBe(before);
    expect(readdirSync(t.dir).filter((f) => f.includes('.partial'))).toEqual([]);
    t.app = await openApp({ dbPath: t.path, clock: t.clock });
    expect(staffCount()).toBe(TEAM.length);
  });
});

describe('restore compares the chain with its manifest and with the heads the app trusts (issue 13 point 7)', () => {
  /** Three verified backups, the office carrying on after each. */
  async function backups() {
    await walkIn('周杰', '13800000001');
    const b0 = await t.ok('dir', 'backup.now', {});
    t.clock.set(new Date('2026-05-08T09:30:00'));
    await walkIn('孙宇', '13800000005');
    const b1 = await t.ok('dir', 'backup.now', {});
    t.clock.set(new Date('2026-05-08T10:00:00'));
    await walkIn('吴敏', '13800000002');
    const b2 = await t.ok('dir', 'backup.now', {});
    t.clock.set(new Date('2026-05-08T11:00:00'));
    await walkIn('郑爽', '13800000003');
    return { b0, b1, b2 };
  }

  it('a backup without its manifest is refused', async () => {
    const { b2 } = await backups();
    const file = 'salesdesk-20260508-120000.sqlite';
    copyFileSync(inBackups(b2.file), inBackups(file));
    await refusedWithoutChange(file, /没有校验通过的备份说明/);
  });

  it('a backup whose manifest names another head, or another row count, is refused', async () => {
    const { b2 } = await backups();
    const m = manifestOf(b2.file);
    writeManifest(b2.file, { ...m, ledgerHead: 'f'.repeat(64) });
    await refusedWithoutChange(b2.file, /与它的备份说明.*不符/);
    writeManifest(b2.file, { ...m, ledgerRows: m.ledgerRows - 1 });
    await refusedWithoutChange(b2.file, /与它的备份说明.*不符/);
  });

  it('a backup replaced by another history is refused: its head differs from its own manifest', async () => {
    const { b0, b2 } = await backups();
    await branchFrom(inBackups(b0.file), inBackups(b2.file));
    await refusedWithoutChange(b2.file, /与它的备份说明.*不符/);
  });

  it('another history with a matching manifest is refused: it does not extend the newest verified backup before it', async () => {
    const { b0, b1, b2 } = await backups();
    const check = await branchFrom(inBackups(b0.file), inBackups(b2.file), 3);
    expect(check.ledgerRows).toBeGreaterThanOrEqual(b1.ledgerRows); // long enough to be compared with b1's head
    writeManifest(b2.file, { ...manifestOf(b2.file), ledgerHead: check.ledgerHead, ledgerRows: check.ledgerRows });
    await refusedWithoutChange(b2.file, new RegExp(`没有接续此前最近一次校验通过的备份 ${b1.file}.*整体重算`));
  });

  it('a shorter other history is refused: its head is not the live chain or any backup at its length', async () => {
    const { b0, b1 } = await backups();
    const check = await branchFrom(inBackups(b0.file), inBackups(b1.file));
    expect(check.ledgerRows).toBeLessThan((await t.app.verify()).rows);
    writeManifest(b1.file, { ...manifestOf(b1.file), ledgerHead: check.ledgerHead, ledgerRows: check.ledgerRows });
    expect(await t.ok('dir', 'backup.remove', { file: b0.file })).toEqual({ removed: b0.file }); // nothing older vouches for it
    await refusedWithoutChange(b1.file, /都对不上.*整体重算/);
  });

  it('genuine history restores: an older backup, then the pre-restore copy (undo) even after a later backup, then the older again', async () => {
    const { b0, b1, b2 } = await backups();
    const visits = () => t.app.handle.raw.prepare('SELECT count(*) FROM visits').pluck().get() as number;
    const visitsBefore = visits();
    const r1 = await t.ok('dir', 'backup.restore', { file: b1.file });
    expect(r1.safetyCopy).toMatch(/^salesdesk-/);
    expect(visits()).toBeLessThan(visitsBefore);
    t.clock.set(new Date('2026-05-08T12:00:00'));
    await walkIn('冯刚', '13800000004');
    await t.app.backupNow('daily'); // the restored branch now has a newer backup than the pre-restore copy
    t.clock.set(new Date('2026-05-08T13:00:00'));
    const undo = await t.ok('dir', 'backup.restore', { file: r1.safetyCopy });
    expect(undo.ok).toBe(true);
    expect(visits()).toBe(visitsBefore); // every walk-in from before the first restore is back
    expect((await t.ok('dir', 'backup.restore', { file: b2.file })).ok).toBe(true);
    // the oldest backup: no backup before it, but its head is in the live chain and in every later backup
    expect((await t.ok('dir', 'backup.restore', { file: b0.file })).ok).toBe(true);
    expect((await t.app.verify()).ok).toBe(true);
  });
});

describe('safety copies are kept; rotation thins only automatic backups (issue 13 point 9)', () => {
  it('manual and pre-restore backups survive later backups the same day and weeks of rotation', async () => {
    await walkIn('周杰', '13800000001');
    const manual = await t.ok('dir', 'backup.now', {});
    t.clock.set(new Date('2026-05-08T10:00:00'));
    const { safetyCopy } = await t.ok('dir', 'backup.restore', { file: manual.file });
    const dailies: string[] = [];
    for (let day = 0; day < 40; day++) {
      for (const hour of [11, 15]) {
        t.clock.set(new Date(Date.UTC(2026, 4, 8 + day, hour - 8)));
        dailies.push((await t.app.backupNow(day % 2 ? 'daily' : 'quit'))!.file);
      }
    }
    const left = t.app.listBackups().map((b) => b.file);
    expect(left).toContain(manual.file);
    expect(left).toContain(safetyCopy);
    expect(existsSync(inBackups(manual.file)) && existsSync(inBackups(safetyCopy!))).toBe(true);
    expect(left).not.toContain(dailies[0]); // automatic ones are thinned: the earlier one of the same day went
    expect(left.length).toBeLessThan(2 + 14 + 8 + 12);
  });

  it('backup.remove: the director or admin removes one, audited; the newest stays; others may not', async () => {
    const first = await t.ok('dir', 'backup.now', {});
    t.clock.set(new Date('2026-05-08T10:00:00'));
    const newest = await t.ok('dir', 'backup.now', {});
    expect(await t.as('mgr', 'backup.remove', { file: first.file })).toMatchObject({ ok: false, error: { code: 'permission' } });
    expect(await t.as('dir', 'backup.remove', { file: newest.file })).toMatchObject({
      ok: false,
      error: { code: 'invalid_state', reason: 'backup_newest_kept', params: { file: newest.file } },
    });
    expect(await t.as('dir', 'backup.remove', { file: 'salesdesk-nothing.sqlite' })).toMatchObject({
      ok: false,
      error: { code: 'invalid_state' },
    });
    expect(await t.ok('dir', 'backup.remove', { file: first.file })).toEqual({ removed: first.file });
    expect(existsSync(inBackups(first.file))).toBe(false);
    expect(t.app.handle.raw.prepare("SELECT actor_id, detail FROM audit_log WHERE method = 'backup.remove'").all()).toEqual([
      { actor_id: 'dir', detail: expect.stringContaining(first.file) },
    ]);
  });

  it('what a kill mid-backup leaves is removed at the next start and the next backup; a file an admin put there stays', async () => {
    await t.ok('dir', 'backup.now', {});
    const leftovers = [
      'salesdesk-20260508-083000.sqlite',
      'salesdesk-20260508-084000.sqlite.partial',
      'salesdesk-20260508-084000.sqlite.partial-journal',
    ];
    const mine = 'copy-from-usb.sqlite';
    const plant = () => {
      for (const f of [...leftovers, mine]) writeFileSync(inBackups(f), 'half a backup');
      writeFileSync(`${t.path}.restore.partial`, 'half a restore');
    };
    plant();
    await t.app.close();
    t.app = await openApp({ dbPath: t.path, clock: t.clock });
    for (const f of leftovers) expect(existsSync(inBackups(f)), f).toBe(false);
    expect(existsSync(`${t.path}.restore.partial`)).toBe(false);
    expect(existsSync(inBackups(mine))).toBe(true);
    plant();
    await t.ok('dir', 'backup.now', {});
    for (const f of leftovers) expect(existsSync(inBackups(f)), f).toBe(false);
    expect(
      readdirSync(backupsDir(t.path))
        .filter((f) => f.endsWith('.sqlite'))
        .every((f) => f === mine || existsSync(inBackups(f.replace(/\.sqlite$/, '.json')))),
    ).toBe(true);
  });

  it('restoring over a live file whose ledger fails verification keeps a byte copy of it first', async () => {
    const good = await t.ok('dir', 'backup.now', {});
    t.app.handle.raw.exec('DROP TRIGGER visits_no_update'); // someone edited the file with another tool
    expect((await t.app.verify()).ok).toBe(false);
    t.app.handle.raw.pragma('wal_checkpoint(TRUNCATE)');
    const bytes = readFileSync(t.path);
    const r = await t.ok('dir', 'backup.restore', { file: good.file });
    expect(r.safetyCopy).toMatch(/^damaged-/);
    expect(sha(readFileSync(inBackups(r.safetyCopy!)))).toBe(sha(bytes));
    expect(manifestOf(r.safetyCopy!).problems[0]).toEqual({ code: 'unsound_before_restore' });
    expect((await t.app.verify()).ok).toBe(true);
  });

  it('restoring over a damaged live file keeps a byte copy of the damaged file first', async () => {
    const good = await t.ok('dir', 'backup.now', {});
    await t.app.close();
    const bytes = readFileSync(t.path);
    for (let p = 2; p < Math.min(bytes.length / 4096, 12); p++) bytes.fill(0x5a, p * 4096 + 100, p * 4096 + 4000);
    writeFileSync(t.path, bytes);
    t.app = await openApp({ dbPath: t.path, clock: t.clock });
    expect(t.app.readOnlyReason()).toMatch(/已损坏/);
    const r = await t.app.restore(good.file);
    expect(r).toMatchObject({ ok: true, safetyCopy: expect.stringMatching(/^damaged-.*\.sqlite$/) });
    const copy = r.safetyCopy!;
    expect(sha(readFileSync(inBackups(copy)))).toBe(sha(bytes));
    expect(manifestOf(copy)).toMatchObject({ ok: false, reason: 'before-restore' });
    expect(t.app.listBackups().map((b) => b.file)).not.toContain(copy); // never offered for a restore
  });
});
