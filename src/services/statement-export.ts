/**
 * Monthly statements as files (R-COM-5): .xlsx for the sales assistant, CSV that Excel opens with Chinese
 * intact (UTF-8 with BOM). Every line keeps its rule citation; held deals are listed apart. A file has no
 * renderer: its words come from src/services/words-zh.ts.
 */
import { dealHeads, officeName } from '../db/queries/reports';
import type { ReadTx } from '../db/read-tx';
import { handle } from './handle';
import { format } from 'date-fns';
import { fromIso } from '../domain/time';
import { staffNames } from './common';
import { type DealSplit, statementFor } from './deals';
import { type CsvValue, csvCell, newWorkbook, workbookBuffer, yuanNumber } from './workbook';
import { citationZh, POOL_ZH, SPLIT_PROBLEM_ZH, STATEMENT_ZH as W } from './words-zh';

export interface StatementRow {
  section: keyof typeof W.section;
  dealId: number;
  day: string;
  customer: string;
  unit: string;
  beneficiary: string;
  /** the line's share in basis points; null for a deal with no lines (nothing could be split) */
  bps: number | null;
  amountCents: number;
  rules: string;
  why: string;
}

/** One person's (or the public pool's) total over the payable deals. */
export interface StatementTotal {
  id: string;
  beneficiary: string;
  /** the payable deals with a line of theirs */
  deals: number;
  amountCents: number;
}

export interface StatementFile {
  month: string;
  /** the office's (project's) name; null when nobody named it (a single office's file holds none) */
  project: string | null;
  rows: StatementRow[];
  /** people in the order the statement met them, the public pool last */
  totals: StatementTotal[];
  /** the sum of the payable lines, in cents, and how many payable deals there are */
  grand: { deals: number; amountCents: number };
  held: number;
  unresolved: number;
}

export async function statementFile(tx: ReadTx, month: string, now: Date): Promise<StatementFile> {
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
        bps: null,
        amountCents: split.commission,
        rules: '',
        why: split.problem ? SPLIT_PROBLEM_ZH[split.problem] : '',
      });
    for (const l of split.lines) {
      rows.push({
        ...base,
        beneficiary: l.name ?? POOL_ZH,
        bps: l.bps,
        amountCents: l.amount,
        rules: l.cites.map((c) => c.rule).join(' '),
        why: l.cites.map(citationZh).join(W.citeSep),
      });
    }
  };
  st.deals.forEach((d) => add('payable', d));
  st.held.forEach((d) => add('held', d));
  st.unresolved.forEach((d) => add('unresolved', d));
  const people = Object.keys(st.totals).filter((k) => k !== 'pool');
  const names = await staffNames(tx, people);
  const totals = [...people, ...('pool' in st.totals ? ['pool'] : [])].map((k) => ({
    id: k,
    beneficiary: k === 'pool' ? POOL_ZH : (names[k] ?? k),
    deals: st.deals.filter((d) => d.lines.some((l) => l.beneficiary === k)).length,
    amountCents: st.totals[k]!,
  }));
  return {
    month,
    project: await officeName(tx),
    rows,
    totals,
    grand: { deals: st.deals.length, amountCents: totals.reduce((a, t) => a + t.amountCents, 0) },
    held: st.held.length,
    unresolved: st.unresolved.length,
  };
}

/** A share in basis points as CSV text: 7000 → "70%", 3333 → "33.33%" (Excel reads it back as a number). */
const shareText = (bps: number | null) => (bps === null ? '' : `${bps / 100}%`);

export async function statementCsv(tx: ReadTx, month: string, now: Date): Promise<string> {
  const f = await statementFile(tx, month, now);
  const lines: CsvValue[][] = [
    [...W.head],
    ...f.rows.map((r) => [
      W.section[r.section],
      r.dealId,
      r.day,
      r.customer,
      r.unit,
      r.beneficiary,
      shareText(r.bps),
      { cents: r.amountCents },
      r.rules,
      r.why,
    ]),
    [],
    // The totals under the lines, each in the column it adds up; one 合计, the grand total.
    [W.monthLabel, W.month(f.month)],
    [W.projectLabel, f.project ?? ''],
    [W.totalsBlock, '', '', '', '', W.beneficiary, '', W.yuan],
    ...f.totals.map((t) => ['', '', '', '', '', t.beneficiary, '', { cents: t.amountCents }]),
    [W.total, '', '', '', '', '', '', { cents: f.grand.amountCents }],
  ];
  // The BOM makes Excel read UTF-8, so Chinese names survive a double-click.
  return `\uFEFF${lines.map((l) => l.map(csvCell).join(',')).join('\r\n')}\r\n`;
}

const MONEY = '#,##0.00';
/** A share as a percent number: whole percents without decimals, others with two (33.33%). */
const percentFormat = (bps: number) => (bps % 100 === 0 ? '0%' : '0.00%');
const THIN = { style: 'thin' } as const;

/**
 * The .xlsx: 汇总 — the title, the month, the project, each person's total and the grand total, then the
 * three signature lines (制表, 项目经理, 销售总监, each with its date); 明细 — every line with its rule. Money is
 * a number in yuan (two decimals, from integer cents), a share a number formatted as a percent.
 */
export async function statementXlsx(tx: ReadTx, month: string, now: Date): Promise<Buffer> {
  const f = await statementFile(tx, month, now);
  const wb = await newWorkbook();
  const sum = wb.addWorksheet(W.totalsSheet, { pageSetup: { paperSize: 9, orientation: 'portrait', fitToPage: true, fitToWidth: 1 } });
  sum.columns = [{ width: 20 }, { width: 16 }, { width: 30 }];
  const title = sum.addRow([W.title]);
  title.font = { bold: true, size: 16 };
  sum.mergeCells(title.number, 1, title.number, 3);
  sum.addRow([W.monthLabel, W.month(f.month)]);
  sum.addRow([W.projectLabel, f.project]);
  // a project nobody named in the app is written in by hand
  if (f.project === null) sum.getCell(sum.rowCount, 2).border = { bottom: THIN };
  sum.addRow([]);
  const head = sum.addRow([W.beneficiary, W.deals, W.yuan]);
  head.font = { bold: true };
  head.eachCell((c) => (c.border = { bottom: THIN }));
  for (const t of f.totals) sum.addRow([t.beneficiary, t.deals, yuanNumber(t.amountCents)]);
  const grand = sum.addRow([W.total, f.grand.deals, yuanNumber(f.grand.amountCents)]);
  grand.font = { bold: true };
  grand.eachCell((c) => (c.border = { top: THIN }));
  sum.getColumn(3).numFmt = MONEY;
  if (f.held + f.unresolved > 0) sum.addRow([W.notPayable(f.held, f.unresolved)]);
  sum.addRow([]);
  for (const who of W.signatures) {
    sum.addRow([]);
    const line = sum.addRow([W.signed(who), '', W.signedOn]);
    line.height = 24;
    sum.getCell(line.number, 2).border = { bottom: THIN };
  }

  const detail = wb.addWorksheet(W.detailSheet, { views: [{ state: 'frozen', ySplit: 1 }] });
  detail.columns = W.head.map((h, i) => ({ header: h, key: `c${i}`, width: [14, 10, 12, 12, 10, 12, 8, 14, 14, 60][i] }));
  for (const r of f.rows) {
    const row = detail.addRow([
      W.section[r.section],
      r.dealId,
      r.day,
      r.customer,
      r.unit,
      r.beneficiary,
      r.bps === null ? null : r.bps / 10000,
      yuanNumber(r.amountCents),
      r.rules,
      r.why,
    ]);
    if (r.bps !== null) row.getCell(7).numFmt = percentFormat(r.bps);
    row.getCell(8).numFmt = MONEY;
  }
  detail.getRow(1).font = { bold: true };
  detail.headerFooter.oddHeader = `&L${W.title} ${W.month(f.month)}&R${f.project ?? ''}`;
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
