/**
 * Monthly statements as files (R-COM-5): .xlsx for the sales assistant, CSV that Excel opens with Chinese
 * intact (UTF-8 with BOM). Every line keeps its rule citation; held deals are listed apart.
 */
import type { ReadTx } from '../db/read-tx';
import { handle } from './handle';
import { format } from 'date-fns';
import { fromIso } from '../domain/time';
import { staffNames } from './common';
import { type DealSplit, statementFor } from './deals';
import { type CsvValue, csvCell, newWorkbook, workbookBuffer } from './workbook';

export interface StatementRow {
  section: '应付' | '暂缓（争议中）' | '待处理';
  dealId: number;
  day: string;
  customer: string;
  unit: string;
  beneficiary: string;
  share: string;
  amountCents: number;
  rules: string;
  why: string;
}

async function rowsFor(tx: ReadTx, month: string, now: Date) {
  const st = await statementFor(tx, month, now);
  const ids = [...st.deals, ...st.held, ...st.unresolved].map((d) => d.dealId);
  const deals = ids.length
    ? await tx.selectFrom('deals').innerJoin('customers', 'customers.id', 'deals.customer_id').select(['deals.id', 'deals.at', 'deals.unit', 'customers.name']).where('deals.id', 'in', ids).execute()
    : [];
  const info = new Map(deals.map((d) => [d.id, d]));
  const rows: StatementRow[] = [];
  const add = (section: StatementRow['section'], split: DealSplit) => {
    const d = info.get(split.dealId)!;
    const base = { section, dealId: split.dealId, day: format(fromIso(d.at), 'yyyy-MM-dd'), customer: d.name, unit: d.unit };
    if (split.lines.length === 0) rows.push({ ...base, beneficiary: '', share: '', amountCents: split.commission, rules: '', why: split.problem ?? '' });
    for (const l of split.lines) {
      rows.push({ ...base, beneficiary: l.name, share: `${l.bps / 100}%`, amountCents: l.amount, rules: l.cites.map((c) => c.rule).join(' '), why: l.cites.map((c) => c.text).join('；') });
    }
  };
  st.deals.forEach((d) => add('应付', d));
  st.held.forEach((d) => add('暂缓（争议中）', d));
  st.unresolved.forEach((d) => add('待处理', d));
  const names = await staffNames(tx, Object.keys(st.totals).filter((k) => k !== 'pool'));
  const totals = Object.entries(st.totals).map(([k, v]) => ({ beneficiary: k === 'pool' ? '公佣' : (names[k] ?? k), id: k, amountCents: v }));
  return { rows, totals };
}

const HEAD = ['类别', '成交编号', '成交日期', '客户', '房号', '佣金归属', '比例', '金额（元）', '规则', '依据'];

export async function statementCsv(tx: ReadTx, month: string, now: Date): Promise<string> {
  const { rows, totals } = await rowsFor(tx, month, now);
  const lines: CsvValue[][] = [
    HEAD,
    ...rows.map((r) => [r.section, r.dealId, r.day, r.customer, r.unit, r.beneficiary, r.share, { cents: r.amountCents }, r.rules, r.why]),
    [],
    ['合计', '', '', '', '', '佣金归属', '', '金额（元）'],
    ...totals.map((t) => ['合计', '', '', '', '', t.beneficiary, '', { cents: t.amountCents }]),
  ];
  // The BOM makes Excel read UTF-8, so Chinese names survive a double-click.
  return `\uFEFF${lines.map((l) => l.map(csvCell).join(',')).join('\r\n')}\r\n`;
}

export async function statementXlsx(tx: ReadTx, month: string, now: Date): Promise<Buffer> {
  const { rows, totals } = await rowsFor(tx, month, now);
  const wb = await newWorkbook();
  const sum = wb.addWorksheet('汇总');
  sum.columns = [
    { header: '佣金归属', key: 'beneficiary', width: 16 },
    { header: '金额（元）', key: 'amount', width: 16, style: { numFmt: '#,##0.00' } },
    { header: '金额（分）', key: 'cents', width: 16 },
  ];
  for (const t of totals) sum.addRow({ beneficiary: t.beneficiary, amount: t.amountCents / 100, cents: t.amountCents });
  const detail = wb.addWorksheet('明细');
  detail.columns = HEAD.map((h, i) => ({ header: h, key: `c${i}`, width: [14, 10, 12, 12, 10, 12, 8, 14, 14, 60][i] }));
  for (const r of rows) detail.addRow([r.section, r.dealId, r.day, r.customer, r.unit, r.beneficiary, r.share, r.amountCents / 100, r.rules, r.why]);
  detail.getColumn(8).numFmt = '#,##0.00';
  for (const ws of [sum, detail]) ws.getRow(1).font = { bold: true };
  return workbookBuffer(wb);
}

export const statementExportHandlers = {
  'statement.export': handle('statement.export', {
    run: async ({ tx, input, now }) => {
      const filename = `佣金结算单-${input.month}.${input.format}`;
      if (input.format === 'csv') {
        return { filename, mime: 'text/csv; charset=utf-8', base64: Buffer.from(await statementCsv(tx, input.month, now), 'utf8').toString('base64') };
      }
      return { filename, mime: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet', base64: (await statementXlsx(tx, input.month, now)).toString('base64') };
    },
  }),
};
