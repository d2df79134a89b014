/**
 * Monthly statements as files (R-COM-5): .xlsx for the sales assistant, CSV that Excel opens with Chinese
 * intact (UTF-8 with BOM). Every line keeps its rule citation; held deals are listed apart. A file has no
 * renderer: its words come from src/services/words-zh.ts.
 */
import { dealHeads } from '../db/queries/reports';
import type { ReadTx } from '../db/read-tx';
import { handle } from './handle';
import { format } from 'date-fns';
import { fromIso } from '../domain/time';
import { staffNames } from './common';
import { type DealSplit, statementFor } from './deals';
import { type CsvValue, csvCell, newWorkbook, workbookBuffer } from './workbook';
import { citationZh, POOL_ZH, SPLIT_PROBLEM_ZH, STATEMENT_ZH as W } from './words-zh';

export interface StatementRow {
  section: keyof typeof W.section;
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
  const deals = await dealHeads(tx, ids);
  const info = new Map(deals.map((d) => [d.id, d]));
  const rows: StatementRow[] = [];
  const add = (section: StatementRow['section'], split: DealSplit) => {
    const d = info.get(split.dealId)!;
    const base = { section, dealId: split.dealId, day: format(fromIso(d.at), 'yyyy-MM-dd'), customer: d.name, unit: d.unit };
    if (split.lines.length === 0)
      rows.push({
        ...base,
        beneficiary: '',
        share: '',
        amountCents: split.commission,
        rules: '',
        why: split.problem ? SPLIT_PROBLEM_ZH[split.problem] : '',
      });
    for (const l of split.lines) {
      rows.push({
        ...base,
        beneficiary: l.name ?? POOL_ZH,
        share: `${l.bps / 100}%`,
        amountCents: l.amount,
        rules: l.cites.map((c) => c.rule).join(' '),
        why: l.cites.map(citationZh).join(W.citeSep),
      });
    }
  };
  st.deals.forEach((d) => add('payable', d));
  st.held.forEach((d) => add('held', d));
  st.unresolved.forEach((d) => add('unresolved', d));
  const names = await staffNames(
    tx,
    Object.keys(st.totals).filter((k) => k !== 'pool'),
  );
  const totals = Object.entries(st.totals).map(([k, v]) => ({
    beneficiary: k === 'pool' ? POOL_ZH : (names[k] ?? k),
    id: k,
    amountCents: v,
  }));
  return { rows, totals };
}

export async function statementCsv(tx: ReadTx, month: string, now: Date): Promise<string> {
  const { rows, totals } = await rowsFor(tx, month, now);
  const lines: CsvValue[][] = [
    [...W.head],
    ...rows.map((r) => [
      W.section[r.section],
      r.dealId,
      r.day,
      r.customer,
      r.unit,
      r.beneficiary,
      r.share,
      { cents: r.amountCents },
      r.rules,
      r.why,
    ]),
    [],
    [W.total, '', '', '', '', W.beneficiary, '', W.yuan],
    ...totals.map((t) => [W.total, '', '', '', '', t.beneficiary, '', { cents: t.amountCents }]),
  ];
  // The BOM makes Excel read UTF-8, so Chinese names survive a double-click.
  return `\uFEFF${lines.map((l) => l.map(csvCell).join(',')).join('\r\n')}\r\n`;
}

export async function statementXlsx(tx: ReadTx, month: string, now: Date): Promise<Buffer> {
  const { rows, totals } = await rowsFor(tx, month, now);
  const wb = await newWorkbook();
  const sum = wb.addWorksheet(W.totalsSheet);
  sum.columns = [
    { header: W.beneficiary, key: 'beneficiary', width: 16 },
    { header: W.yuan, key: 'amount', width: 16, style: { numFmt: '#,##0.00' } },
    { header: W.cents, key: 'cents', width: 16 },
  ];
  for (const t of totals) sum.addRow({ beneficiary: t.beneficiary, amount: t.amountCents / 100, cents: t.amountCents });
  const detail = wb.addWorksheet(W.detailSheet);
  detail.columns = W.head.map((h, i) => ({ header: h, key: `c${i}`, width: [14, 10, 12, 12, 10, 12, 8, 14, 14, 60][i] }));
  for (const r of rows)
    detail.addRow([W.section[r.section], r.dealId, r.day, r.customer, r.unit, r.beneficiary, r.share, r.amountCents / 100, r.rules, r.why]);
  detail.getColumn(8).numFmt = '#,##0.00';
  for (const ws of [sum, detail]) ws.getRow(1).font = { bold: true };
  return workbookBuffer(wb);
}

export const statementExportHandlers = {
  'statement.export': handle('statement.export', {
    run: async ({ tx, input, now }) => {
      const filename = W.filename(input.month, input.format);
      if (input.format === 'csv') {
        return {
          filename,
          mime: 'text/csv; charset=utf-8',
          base64: Buffer.from(await statementCsv(tx, input.month, now), 'utf8').toString('base64'),
        };
      }
      return {
        filename,
        mime: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
        base64: (await statementXlsx(tx, input.month, now)).toString('base64'),
      };
    },
  }),
};
