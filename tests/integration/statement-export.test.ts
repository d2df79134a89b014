import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import { replayText } from '../../src/cli/replay';

const scenario = (name: string) => readFileSync(resolve(__dirname, '../../../shared/scenarios', name), 'utf8');

describe('monthly statement files (R-COM-5)', () => {
  it('the .xlsx read back matches the statement of a replayed month, cent for cent, with citations', async () => {
    let files: { xlsx?: any; csv?: any; denied?: any } = {};
    const report = await replayText(scenario('03-referral-and-company.yaml'), async (app, clock) => {
      clock.set(new Date('2026-05-01T09:00:00'));
      files = {
        xlsx: (await app.dispatch({ staffId: 'pm' }, 'statement.export', { month: '2026-04', format: 'xlsx' })).result,
        csv: (await app.dispatch({ staffId: 'dir' }, 'statement.export', { month: '2026-04', format: 'csv' })).result,
        denied: (await app.dispatch({ staffId: 'zhang' }, 'statement.export', { month: '2026-04', format: 'csv' })).result,
      };
    });
    expect(report.ok).toBe(true);
    expect(files.denied).toMatchObject({ ok: false, error: { code: 'permission' } });

    expect(files.xlsx.value.filename).toBe('佣金结算单-2026-04.xlsx');
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(Buffer.from(files.xlsx.value.base64, 'base64') as unknown as ArrayBuffer);
    const totals = Object.fromEntries(
      wb
        .getWorksheet('汇总')!
        .getSheetValues()
        .slice(2)
        .map((r: any) => [r[1], r[3]]),
    );
    expect(totals).toEqual({ 张伟: 2100000, 李娜: 700000, 孙丽: 900000, 公佣: 300000 });
    const detail = wb.getWorksheet('明细')!.getSheetValues().slice(2) as any[];
    expect(detail.map((r) => [r[4], r[6], r[8], r[9]])).toEqual([
      ['钱多多', '张伟', 21000, 'R-REF-5'],
      ['钱多多', '孙丽', 9000, 'R-REF-5'],
      ['曹操', '李娜', 7000, 'R-CO-3'],
      ['曹操', '公佣', 3000, 'R-CO-3'],
    ]);

    const csv = Buffer.from(files.csv.value.base64, 'base64').toString('utf8');
    expect(csv.charCodeAt(0)).toBe(0xfeff);
    expect(csv).toContain('应付,1,2026-04-10,钱多多,5-801,张伟,70%,21000.00,R-REF-5,');
    expect(csv).toContain('合计,,,,,公佣,,3000.00');
  });

  it('a deal under dispute is listed apart and not payable', async () => {
    let rows = '';
    await replayText(scenario('04-switch-and-dispute.yaml'), async (app, clock) => {
      clock.set(new Date('2026-05-21T12:00:00'));
      const r = (await app.dispatch({ staffId: 'dir' }, 'statement.export', { month: '2026-05', format: 'csv' })).result as any;
      rows = Buffer.from(r.value.base64, 'base64').toString('utf8');
    });
    expect(rows).toContain('暂缓（争议中）,1,2026-05-20,冯刚,1-0603,张伟,70%,18900.00,R-OWN-13');
    expect(rows).not.toContain('合计,,,,,张伟');
  });
});
