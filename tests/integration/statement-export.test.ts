import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import { replayOnEngine as replayText } from '../support/engine';
import { type CsvValue, csvCell } from '../../src/services/workbook';
import { testApp } from '../support/app';

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

/** RFC 4180 cells, as a spreadsheet reads them. */
function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let cell = '';
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i]!;
    if (quoted) {
      if (c === '"' && text[i + 1] === '"') ((cell += '"'), i++);
      else if (c === '"') quoted = false;
      else cell += c;
    } else if (c === '"') quoted = true;
    else if (c === ',') (row.push(cell), (cell = ''));
    else if (c === '\r' && text[i + 1] === '\n') (row.push(cell), rows.push(row), (row = []), (cell = ''), i++);
    else cell += c;
  }
  return rows;
}

describe('formula injection (issue 13 point 15): names that look like formulas are written as text', () => {
  const FORMULA = /^[=+\-@\t\r]/;
  const NUMBER = /^-?\d+(\.\d+)?$/;
  const HYPERLINK = '=HYPERLINK("http://x")';

  it('in the statement CSV and .xlsx and the weekly .xlsx: a leading quote on text, money still numbers', async () => {
    const t = await testApp({ at: '2026-05-08T09:00:00' });
    try {
      const s = await t.ok('dir', 'staff.create', { id: 'evil', name: HYPERLINK, roles: ['consultant'], pin: '135790' });
      expect(s.id).toBe('evil');
      await t.ok('mgr', 'roster.start', { order: ['evil', 'zhang'] });
      const w = await t.ok('qian', 'desk.walkIn', { customer: { name: '@SUM(1)', phone: '13800000001' } });
      expect(w.receivedBy!.id).toBe('evil');
      await t.ok('pm', 'registration.confirm', { visit: w.visitId });
      await t.ok('mgr', 'deal.close', { customer: w.customerId, unit: '+1-101', price: 100_000_000, commission: 1_000_050 });

      const file = async (format: string) =>
        Buffer.from((await t.ok('dir', 'statement.export', { month: '2026-05', format })).base64, 'base64');
      const cells = parseCsv((await file('csv')).toString('utf8').replace(/^\uFEFF/, '')).flat();
      expect(cells).toContain(`'${HYPERLINK}`);
      expect(cells).toContain(`'@SUM(1)`);
      expect(cells).toContain(`'+1-101`);
      expect(cells).toContain('10000.50');
      expect(cells.filter((c) => FORMULA.test(c) && !NUMBER.test(c))).toEqual([]);

      const stringsOf = async (buffer: Buffer) => {
        const wb = new ExcelJS.Workbook();
        await wb.xlsx.load(buffer as unknown as ArrayBuffer);
        const strings: string[] = [];
        const numbers: number[] = [];
        wb.eachSheet((ws) =>
          ws.eachRow((row) =>
            row.eachCell((c) =>
              typeof c.value === 'string' ? strings.push(c.value) : typeof c.value === 'number' && numbers.push(c.value),
            ),
          ),
        );
        return { strings, numbers };
      };
      const statement = await stringsOf(await file('xlsx'));
      expect(statement.strings).toEqual(expect.arrayContaining([`'${HYPERLINK}`, `'@SUM(1)`, `'+1-101`]));
      expect(statement.strings.filter((c) => FORMULA.test(c))).toEqual([]);
      expect(statement.numbers).toContain(10000.5);

      const weekly = await stringsOf(Buffer.from((await t.ok('dir', 'report.weeklyExport', { day: '2026-05-08' })).base64, 'base64'));
      expect(weekly.strings).toEqual(expect.arrayContaining([`'${HYPERLINK}`, `'@SUM(1)`, `'+1-101`]));
      expect(weekly.strings.filter((c) => FORMULA.test(c))).toEqual([]);
      expect(weekly.numbers).toContain(10000.5);
    } finally {
      await t.close();
    }
  });

  it('cells: text neutralised; negative money written as a bare negative number', () => {
    const cases: [CsvValue, string][] = [
      ['=1+1', "'=1+1"],
      ['+86 138', "'+86 138"],
      ['-2+3', "'-2+3"],
      ['@SUM(1)', "'@SUM(1)"],
      ['\tx', "'\tx"],
      ['\r=1', `"'\r=1"`],
      ['＝1+1', "'＝1+1"],
      ['张伟', '张伟'],
      ['a,b', '"a,b"'],
      [HYPERLINK, `"'=HYPERLINK(""http://x"")"`],
      [-3, '-3'],
      [{ cents: -50 }, '-0.50'],
      [{ cents: -150 }, '-1.50'],
      [{ cents: 0 }, '0.00'],
      [{ cents: 2_100_000 }, '21000.00'],
    ];
    for (const [value, written] of cases) expect(csvCell(value), JSON.stringify(value)).toBe(written);
  });
});
