import { translate } from '../../renderer/i18n';
import { errorText, readOnlyText } from '../../renderer/i18n/reasons';
import type { ReadOnlyState } from '../../src/db/problems';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { replayScenario } from '../../src/cli/replay';
import { parseScenario } from '../../src/cli/scenario';
import { backupsDir, backupsToKeep, inspectDatabase } from '../../src/db/backup';
import { openApp } from '../../src/app';
import { testApp, type TestApp } from '../support/app';

let t: TestApp;
beforeEach(async () => {
  t = await testApp({ at: '2026-05-08T09:00:00' });
  await t.ok('mgr', 'roster.start', { order: ['zhang', 'li', 'wang'] });
});
afterEach(async () => {
  await t.close().catch(() => undefined);
});
const count = (table: string) => (t.app.handle.raw.prepare(`SELECT count(*) n FROM ${table}`).get() as { n: number }).n;

describe('backups (R-SEC-2)', () => {
  it('a backup is written beside the database, verified at once, and only the director or admin may take one', async () => {
    await t.ok('qian', 'desk.walkIn', { customer: { name: '周杰', phone: '13800000001' } });
    expect(await t.as('mgr', 'backup.now', {})).toMatchObject({ ok: false, error: { code: 'permission' } });
    const m = await t.ok('dir', 'backup.now', {});
    expect(m).toMatchObject({ ok: true, integrity: 'ok', reason: 'manual', problems: [] });
    expect(m.counts.visits).toBe(1);
    expect(m.ledgerRows).toBe(count('ledger_chain') - 1); // the audit row of the backup itself came after it
    expect(t.app.handle.raw.prepare("SELECT actor_id FROM audit_log WHERE method = 'backup.now'").all()).toEqual([{ actor_id: 'dir' }]);
    const file = join(backupsDir(t.path), m.file);
    expect(existsSync(file)).toBe(true);
    expect(existsSync(`${file}-wal`)).toBe(false); // one self-contained file
    expect(JSON.parse(readFileSync(file.replace(/\.sqlite$/, '.json'), 'utf8')).ledgerHead).toBe(m.ledgerHead);
    const status = await t.ok('qian', 'backup.status', {});
    expect(status).toMatchObject({ stale: false, lastGood: { file: m.file }, readOnly: null });
  });

  it('the desk is warned when the newest good backup is older than two days', async () => {
    expect((await t.ok('qian', 'backup.status', {})).stale).toBe(true); // none yet
    await t.ok('dir', 'backup.now', {});
    t.clock.set(new Date('2026-05-10T10:00:00'));
    expect((await t.ok('qian', 'backup.status', {})).stale).toBe(true);
  });

  it('rotation keeps the newest of each of 14 days, 8 weeks and 12 months', () => {
    const backups = Array.from({ length: 400 }, (_, i) => ({
      file: `b${i}`,
      at: new Date(Date.UTC(2026, 0, 1) + i * 86_400_000).toISOString(),
    }));
    const keep = backupsToKeep(backups);
    const days = backups.slice(-14).map((b) => b.file);
    for (const d of days) expect(keep.has(d)).toBe(true);
    expect(keep.size).toBeLessThanOrEqual(14 + 8 + 12);
    expect(keep.size).toBeGreaterThan(14 + 8);
    expect(keep.has('b0')).toBe(false); // more than a year old
  });

  it('restore verifies the backup, keeps a copy of the current database, swaps, and a scenario replays on top', async () => {
    const w1 = await t.ok('qian', 'desk.walkIn', { customer: { name: '周杰', phone: '13800000001' } });
    const before = await t.ok('dir', 'backup.now', {});
    t.clock.set(new Date('2026-05-08T10:00:00'));
    await t.ok('zhang', 'desk.finish', { visit: w1.visitId });
    await t.ok('qian', 'desk.walkIn', { customer: { name: '吴敏', phone: '13800000002' } });
    expect(count('visits')).toBe(2);

    // a damaged backup is refused before anything is touched
    const broken = join(backupsDir(t.path), 'salesdesk-broken.sqlite');
    writeFileSync(broken, 'not a database');
    expect(await t.as('dir', 'backup.restore', { file: 'salesdesk-broken.sqlite' })).toMatchObject({
      ok: false,
      error: { code: 'invalid_state' },
    });
    expect(count('visits')).toBe(2);
    expect(await t.as('mgr', 'backup.restore', { file: before.file })).toMatchObject({ ok: false, error: { code: 'permission' } });

    const r = await t.ok('dir', 'backup.restore', { file: before.file });
    expect(r).toMatchObject({ restored: before.file, ok: true });
    expect(count('visits')).toBe(1);
    expect(inspectDatabase(join(backupsDir(t.path), r.safetyCopy!)).counts.visits).toBe(2); // nothing lost

    // the office carries on from the restored day: a whole shared scenario replays on top
    const text = readFileSync(resolve(__dirname, '../../../shared/scenarios/04-switch-and-dispute.yaml'), 'utf8');
    const report = await replayScenario(parseScenario(text), undefined, { app: t.app, clock: t.clock });
    expect(report.steps.filter((s) => !s.ok)).toEqual([]);
    expect((await t.app.verify()).ok).toBe(true);
  });
});

describe('start-up check', () => {
  it('a damaged file opens for reading only, says so in either language, names the latest good backup, and writes nothing', async () => {
    const good = await t.ok('dir', 'backup.now', {});
    const path = t.path;
    await t.app.close();
    // damage pages in the middle of the file, as a failing disk would
    const bytes = readFileSync(path);
    const page = 4096;
    for (let p = 2; p < Math.min(bytes.length / page, 12); p++) bytes.fill(0x5a, p * page + 100, p * page + 4000);
    writeFileSync(path, bytes);
    const app = await openApp({ dbPath: path, clock: t.clock });
    try {
      expect(app.readOnlyReason()).toMatch(/数据库文件已损坏/);
      expect(app.readOnlyReason()).toContain(good.file);
      // the screens get facts (backup.status), worded in the reader's language, the newest good backup named
      const status = (await app.dispatch({ staffId: 'dir' }, 'backup.status', {})).result;
      expect(status).toMatchObject({ ok: true, value: { readOnly: { cause: 'damaged', lastGood: good.file } } });
      const readOnly = (status as { value: { readOnly: ReadOnlyState } }).value.readOnly;
      expect(readOnlyText((k, p) => translate(k, p, 'zh-CN'), readOnly)).toMatch(new RegExp(`^数据库文件已损坏.*${good.file}`, 's'));
      expect(readOnlyText((k, p) => translate(k, p, 'en'), readOnly)).not.toMatch(/[\u4e00-\u9fff]/);
      const r = (await app.dispatch({ staffId: 'qian' }, 'desk.walkIn', { customer: { name: '周杰', phone: '13800000001' } })).result;
      expect(r).toMatchObject({ ok: false, error: { code: 'invalid_state', reason: 'database_damaged', params: { cause: 'damaged' } } });
      if (!r.ok) expect(errorText(r.error, 'en')).toMatch(/^The database file failed its check/);
      expect(readFileSync(path)).toEqual(bytes); // not a byte written
      // `salesdesk restore` (the staff list itself may be unreadable) brings back the latest good backup
      expect(await app.restore(good.file)).toMatchObject({ ok: true, safetyCopy: expect.stringMatching(/^damaged-/) }); // a byte copy of the damaged file
      expect(app.readOnlyReason()).toBeNull();
      expect((await app.dispatch({ staffId: 'qian' }, 'desk.walkIn', { customer: { name: '周杰', phone: '13800000001' } })).result.ok).toBe(
        true,
      );
    } finally {
      await app.close();
    }
  });
});

describe('automatic backups wait for the office to exist', () => {
  it('an office with no staff yet (before first-run setup) is not backed up on schedule, and says nothing; once set up, it is', async () => {
    const dir = (await import('node:fs')).mkdtempSync(join((await import('node:os')).tmpdir(), 'salesdesk-empty-'));
    const app = await openApp({ dbPath: join(dir, 'salesdesk.sqlite') });
    const { startBackupSchedule } = await import('../../src/app');
    try {
      const running: Promise<unknown>[] = [];
      const real = app.backupNow.bind(app);
      app.backupNow = (reason: string) => {
        const p = real(reason);
        running.push(p.catch(() => undefined));
        return p;
      };
      const lines: string[] = [];
      startBackupSchedule(app, (l) => lines.push(l), 1e9)();
      await Promise.all(running.splice(0));
      // no "backup failed: no staff" at every start of a new office, and nothing written
      expect(lines).toEqual([]);
      expect(app.listBackups()).toEqual([]);
      const setup = await app.dispatch(null, 'setup.firstRun', {
        staff: [{ id: 'dir', name: '赵总', roles: ['sales_director'], pin: '1111' }],
      });
      expect(setup.result.ok).toBe(true);
      startBackupSchedule(app, (l) => lines.push(l), 1e9)();
      await Promise.all(running);
      expect(lines.some((l) => l.startsWith('已备份并校验'))).toBe(true);
      expect(app.listBackups().map((b) => b.reason)).toEqual(['daily']);
    } finally {
      await app.close();
    }
  });
});
