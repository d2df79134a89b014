import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import ExcelJS from 'exceljs';
import { sql } from 'kysely';
import { describe, expect, it } from 'vitest';
import { fillDemo } from '../../src/cli/demo';
import { openScratchApp, openTestEngineApp, replayOnEngine as replayText } from '../support/engine';
import { ManualClock } from '../../src/domain/clock';
import { row, value } from '../support/sql';

describe('the weekly report (R-TRK-3)', () => {
  it('the .xlsx of a replayed week has the figures of the database, per consultant and in total', async () => {
    let file: any = null;
    let counted: Record<string, number> = {};
    const report = await replayText(readFileSync(resolve(__dirname, '../scenarios/21-follow-up-and-weekly.yaml'), 'utf8'), async (app) => {
      file = (await app.dispatch({ staffId: 'asst' }, 'report.weeklyExport', { day: '2026-06-03' })).result;
      const [from, to] = [new Date('2026-06-01T00:00:00').toISOString(), new Date('2026-06-08T00:00:00').toISOString()];
      counted = {
        calls: (await value<number>(app, sql`SELECT count(*) AS n FROM phone_inquiries WHERE at >= ${from} AND at < ${to}`))!,
        visits: (await value<number>(app, sql`SELECT count(*) AS n FROM visits WHERE at >= ${from} AND at < ${to}`))!,
        deals: (await value<number>(app, sql`SELECT count(*) AS n FROM deals WHERE at >= ${from} AND at < ${to}`))!,
      };
    });
    expect(report.ok).toBe(true);
    expect(file.value.filename).toBe('周报-2026-W23.xlsx');
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(Buffer.from(file.value.base64, 'base64') as unknown as ArrayBuffer);
    const rows = (wb.getWorksheet('汇总')!.getSheetValues() as any[]).slice(1).map((r) => r.slice(1));
    expect(rows[0]).toEqual(['周报 2026-06-01 至 2026-06-07']);
    expect(rows.slice(1)).toEqual([
      ['售楼员', '来电', '来访', '成交'],
      ['李娜', 1, 1, 1],
      ['张伟', 0, 1, 0],
      ['合计', counted.calls, counted.visits, counted.deals],
    ]);
    expect(counted).toEqual({ calls: 1, visits: 2, deals: 1 });
    expect(wb.getWorksheet('来访')!.rowCount).toBe(1 + counted.visits!);
  });
});

describe('the dashboard numbers', () => {
  it('add up to the month of a demo office: visits by day and by hour, receptions per consultant', async () => {
    const first = new Date('2026-03-02T08:00:00');
    const clock = new ManualClock(first);
    const app = await openScratchApp({ clock });
    try {
      await fillDemo(app, clock, first, 10);
      const d = ((await app.dispatch({ staffId: 'mgr' }, 'dashboard.data', { month: '2026-03' })).result as any).value;
      const visits = (await value<number>(app, sql`SELECT count(*) AS n FROM visits`))!;
      const sum = (xs: { visits: number }[]) => xs.reduce((a, x) => a + x.visits, 0);
      expect(sum(d.visitsPerDay)).toBe(visits);
      expect(sum(d.visitsPerHour)).toBe(visits);
      expect(sum(d.receptions)).toBe(visits);
      expect(d.visitsPerHour.slice(0, 8).every((h: { visits: number }) => h.visits === 0)).toBe(true); // the office opens at nine
      const deals = (await row<{ n: number; c: number | null }>(
        app,
        sql`SELECT count(*) AS n, CAST(sum(commission) AS BIGINT) AS c FROM deals`,
      ))!;
      expect(d.commissionByMonth.at(-1)).toEqual({ month: '2026-03', deals: deals.n, commission: deals.c ?? 0 });
      expect(d.conversionBySource.find((s: { source: string }) => s.source === 'walk_in').customers).toBeGreaterThan(0);
      const expiring = ((await app.dispatch({ staffId: 'mgr' }, 'registration.expiring', { days: 14 })).result as any).value;
      expect(d.expiringPerDay).toHaveLength(14);
      expect(d.expiringPerDay.reduce((a: number, x: { expiring: number }) => a + x.expiring, 0)).toBe(expiring.length);
    } finally {
      await app.close();
    }
  });
});

describe('the Monday report file', () => {
  it('is written once on Monday into reports/ beside the data (the SQLite file, or the group app server’s backups/), not on other days', async () => {
    const { mkdtempSync, existsSync, rmSync } = await import('node:fs');
    const { tmpdir } = await import('node:os');
    const { join } = await import('node:path');
    const { weeklyReportDue } = await import('../../src/app');
    const dir = mkdtempSync(join(tmpdir(), 'salesdesk-weekly-'));
    const clock = new ManualClock(new Date('2026-06-06T09:00:00')); // a Saturday
    const app = await openTestEngineApp({ dir, clock });
    try {
      expect(await weeklyReportDue(app)).toBeNull();
      clock.set(new Date('2026-06-08T08:00:00')); // Monday
      const file = await weeklyReportDue(app);
      expect(file).toBe(join(dir, 'reports', '周报-2026-W23.xlsx'));
      expect(existsSync(file!)).toBe(true);
      expect(await weeklyReportDue(app)).toBeNull(); // once
    } finally {
      await app.close();
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
