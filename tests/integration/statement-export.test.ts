import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import { onPostgres, replayOnEngine as replayText } from '../support/engine';
import { type CsvValue, csvCell, yuanNumber } from '../../src/services/workbook';
import { testApp } from '../support/app';
import { renameSite } from '../../src/db/sites';

const scenario = (name: string) => readFileSync(resolve(__dirname, '../../../shared/scenarios', name), 'utf8');

/** The .xlsx an answer carries, read back as Excel would. */
async function workbookOf(answer: { base64: string }): Promise<ExcelJS.Workbook> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(Buffer.from(answer.base64, 'base64') as unknown as ArrayBuffer);
  return wb;
}

/** The 汇总 sheet's rows as [first cell's text, row] (labels are in column A). */
function rowsByLabel(ws: ExcelJS.Worksheet): Map<string, ExcelJS.Row> {
  const rows = new Map<string, ExcelJS.Row>();
  ws.eachRow((row) => {
    const label = row.getCell(1).value;
    if (typeof label === 'string' && !rows.has(label)) rows.set(label, row);
  });
  return rows;
}

/** The per-person block of 汇总: between its head (佣金归属) and 合计, name → [deals, yuan cell]. */
function personTotals(ws: ExcelJS.Worksheet): Record<string, [unknown, ExcelJS.Cell]> {
  const rows = rowsByLabel(ws);
  const from = rows.get('佣金归属')!.number;
  const to = rows.get('合计')!.number;
  const out: Record<string, [unknown, ExcelJS.Cell]> = {};
  for (let n = from + 1; n < to; n++) out[String(ws.getRow(n).getCell(1).value)] = [ws.getRow(n).getCell(2).value, ws.getRow(n).getCell(3)];
  return out;
}

const csvOf = (answer: { base64: string }) => Buffer.from(answer.base64, 'base64').toString('utf8');

describe('monthly statement files (R-COM-5)', () => {
  it('the .xlsx read back: month, project, each person’s total and the grand total in yuan, 比例 a percent number, three signature lines; the CSV has one 合计', async () => {
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
    const wb = await workbookOf(files.xlsx.value);
    const sum = wb.getWorksheet('汇总')!;
    const rows = rowsByLabel(sum);
    expect(sum.getCell('A1').value).toBe('佣金结算单');
    expect(rows.get('结算月份')!.getCell(2).value).toBe('2026年4月');
    // A single office's file holds no project name: the line is there, to be written in by hand.
    expect(rows.has('项目')).toBe(true);
    expect(rows.get('项目')!.getCell(2).value).toBeNull();

    // Each person's total, in the statement's order, the public pool last: a number in yuan, two decimals shown.
    const people = personTotals(sum);
    expect(Object.keys(people)).toEqual(['张伟', '孙丽', '李娜', '公佣']);
    expect(Object.fromEntries(Object.entries(people).map(([k, [deals, cell]]) => [k, [deals, cell.value]]))).toEqual({
      张伟: [1, 21000],
      孙丽: [1, 9000],
      李娜: [1, 7000],
      公佣: [1, 3000],
    });
    for (const [, cell] of Object.values(people)) expect([cell.type, cell.numFmt]).toEqual([ExcelJS.ValueType.Number, '#,##0.00']);
    const grand = rows.get('合计')!;
    expect([grand.getCell(2).value, grand.getCell(3).value, grand.getCell(3).numFmt]).toEqual([2, 40000, '#,##0.00']);

    // 制表, 项目经理, 销售总监: each a line to sign (a bordered cell) and its date, in that order, under the totals.
    const signatures: [string, unknown, unknown, number][] = [];
    sum.eachRow((row) => {
      const a = row.getCell(1).value;
      if (typeof a === 'string' && a.endsWith('（签字）：'))
        signatures.push([a, row.getCell(2).border?.bottom?.style, row.getCell(3).value, row.number]);
    });
    expect(signatures.map(([a, line, date]) => [a, line, date])).toEqual([
      ['制表（签字）：', 'thin', '日期：　　　　年　　月　　日'],
      ['项目经理（签字）：', 'thin', '日期：　　　　年　　月　　日'],
      ['销售总监（签字）：', 'thin', '日期：　　　　年　　月　　日'],
    ]);
    expect(signatures[0]![3]).toBeGreaterThan(grand.number);

    // 明细: every line; 比例 a number (0.7) shown as a percent, money a number in yuan.
    const detail = wb.getWorksheet('明细')!;
    expect(detail.getRow(1).values).toEqual([
      undefined,
      '类别',
      '成交编号',
      '成交日期',
      '客户',
      '房号',
      '佣金归属',
      '比例',
      '金额（元）',
      '规则',
      '依据',
    ]);
    const lines = (detail.getSheetValues().slice(2) as any[]).map((r) => [r[4], r[6], r[7], r[8], r[9]]);
    expect(lines).toEqual([
      ['钱多多', '张伟', 0.7, 21000, 'R-REF-5'],
      ['钱多多', '孙丽', 0.3, 9000, 'R-REF-5'],
      ['曹操', '李娜', 0.7, 7000, 'R-CO-3'],
      ['曹操', '公佣', 0.3, 3000, 'R-CO-3'],
    ]);
    const share = detail.getCell('G2');
    expect([share.type, share.numFmt, detail.getCell('H2').type, detail.getCell('H2').numFmt]).toEqual([
      ExcelJS.ValueType.Number,
      '0%',
      ExcelJS.ValueType.Number,
      '#,##0.00',
    ]);
    // The lines add up to the totals, person by person.
    const byPerson: Record<string, number> = {};
    for (const [, who, , yuan] of lines) byPerson[who] = (byPerson[who] ?? 0) + Math.round(yuan * 100);
    expect(byPerson).toEqual(Object.fromEntries(Object.entries(people).map(([k, [, cell]]) => [k, Math.round(Number(cell.value) * 100)])));

    // The CSV, parsed: the lines, then the month, the project and the totals block with one 合计, the grand total.
    const text = csvOf(files.csv.value);
    expect(text.charCodeAt(0)).toBe(0xfeff);
    const csv = parseCsv(text.slice(1));
    expect(csv[0]).toEqual(['类别', '成交编号', '成交日期', '客户', '房号', '佣金归属', '比例', '金额（元）', '规则', '依据']);
    expect(csv[1]!.slice(0, 9)).toEqual(['应付', '1', '2026-04-10', '钱多多', '5-801', '张伟', '70%', '21000.00', 'R-REF-5']);
    const blank = csv.findIndex((r) => r.length === 1 && r[0] === '');
    expect(blank).toBe(5);
    expect(csv.slice(blank + 1)).toEqual([
      ['结算月份', '2026年4月'],
      ['项目', ''],
      ['汇总', '', '', '', '', '佣金归属', '', '金额（元）'],
      ['', '', '', '', '', '张伟', '', '21000.00'],
      ['', '', '', '', '', '孙丽', '', '9000.00'],
      ['', '', '', '', '', '李娜', '', '7000.00'],
      ['', '', '', '', '', '公佣', '', '3000.00'],
      ['合计', '', '', '', '', '', '', '40000.00'],
    ]);
    expect(csv.flat().filter((c) => c === '合计')).toHaveLength(1);
  });

  it('a deal under dispute is listed apart and not payable, nor in the totals', async () => {
    let csvText = '';
    let xlsx: any;
    await replayText(scenario('04-switch-and-dispute.yaml'), async (app, clock) => {
      clock.set(new Date('2026-05-21T12:00:00'));
      const r = (await app.dispatch({ staffId: 'dir' }, 'statement.export', { month: '2026-05', format: 'csv' })).result as any;
      csvText = csvOf(r.value);
      xlsx = ((await app.dispatch({ staffId: 'dir' }, 'statement.export', { month: '2026-05', format: 'xlsx' })).result as any).value;
    });
    const csv = parseCsv(csvText.slice(1));
    expect(csv).toContainEqual(
      expect.arrayContaining(['暂缓（争议中）', '1', '2026-05-20', '冯刚', '1-0603', '张伟', '70%', '18900.00', 'R-OWN-13']),
    );
    const totalsAt = csv.findIndex((r) => r[0] === '汇总');
    expect(csv.slice(totalsAt + 1)).toEqual([['合计', '', '', '', '', '', '', '0.00']]);
    const sum = (await workbookOf(xlsx)).getWorksheet('汇总')!;
    expect(personTotals(sum)).toEqual({});
    expect(rowsByLabel(sum).get('合计')!.getCell(3).value).toBe(0);
    expect(rowsByLabel(sum).has('另有暂缓（争议中）1 笔、待处理 0 笔，不计入合计，见“明细”。')).toBe(true);
  });

  it('money from integer cents, no float drift: 0.10 + 0.20 + 0.30 yuan is 0.6 in the total, not 0.6000000000000001', async () => {
    const t = await testApp({ at: '2026-05-08T09:00:00' });
    try {
      await t.ok('mgr', 'roster.start', { order: ['zhang', 'li'] });
      const w = await t.ok('qian', 'desk.walkIn', { customer: { name: '周杰', phone: '13800000001' } });
      expect(w.receivedBy!.id).toBe('zhang');
      await t.ok('pm', 'registration.confirm', { visit: w.visitId });
      for (const [unit, commission] of [
        ['1-101', 10],
        ['1-102', 20],
        ['1-103', 30],
      ] as const)
        await t.ok('mgr', 'deal.close', { customer: w.customerId, unit, price: 100_000_000, commission });
      const wb = await workbookOf(await t.ok('dir', 'statement.export', { month: '2026-05', format: 'xlsx' }));
      const sum = wb.getWorksheet('汇总')!;
      const people = personTotals(sum);
      expect(Object.keys(people)).toEqual(['张伟']);
      // the cells' yuan added as floats drift; the totals are made from the cents
      expect(0.1 + 0.2 + 0.3).not.toBe(0.6);
      expect(people['张伟']![1].value).toBe(0.6);
      expect(rowsByLabel(sum).get('合计')!.getCell(3).value).toBe(0.6);
      const amounts = (wb.getWorksheet('明细')!.getSheetValues().slice(2) as any[]).map((r) => r[8]);
      expect(amounts).toEqual([0.1, 0.2, 0.3]);
    } finally {
      await t.close();
    }
  });

  it.skipIf(!onPostgres())(
    onPostgres()
      ? 'an office imported into the group carries its site name as the project'
      : 'the project name of an imported office — PostgreSQL only: only a group database is imported into',
    async () => {
      const t = await testApp({ at: '2026-05-08T09:00:00' });
      try {
        await t.app.db
          .insertInto('audit_log')
          .values({
            at: '2026-05-01T00:00:00.000Z',
            actor_id: null,
            method: 'office.import',
            detail: JSON.stringify({ site: ' 阳光花园 ' }),
          })
          .execute();
        const sum = (await workbookOf(await t.ok('dir', 'statement.export', { month: '2026-05', format: 'xlsx' }))).getWorksheet('汇总')!;
        expect(rowsByLabel(sum).get('项目')!.getCell(2).value).toBe('阳光花园');
        const csv = parseCsv(csvOf(await t.ok('dir', 'statement.export', { month: '2026-05', format: 'csv' })).slice(1));
        expect(csv).toContainEqual(['项目', '阳光花园']);
        // the site's own name, once given, is the project's
        await renameSite(t.app.db, 'main', '东湖项目');
        const renamed = (await workbookOf(await t.ok('dir', 'statement.export', { month: '2026-05', format: 'xlsx' }))).getWorksheet(
          '汇总',
        )!;
        expect(rowsByLabel(renamed).get('项目')!.getCell(2).value).toBe('东湖项目');
      } finally {
        await t.close();
      }
    },
  );
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
    // the .xlsx's money cells: the yuan of those cents as a number, the sign kept
    expect([-50, -150, 0, 10, 1_620_001, 2_100_000, 900_719_925_474_099].map(yuanNumber)).toEqual([
      -0.5, -1.5, 0, 0.1, 16200.01, 21000, 9_007_199_254_740.99,
    ]);
    expect(() => yuanNumber(0.5)).toThrow(/whole number of cents/);
  });
});
