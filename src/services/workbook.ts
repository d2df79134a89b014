/**
 * Spreadsheet files the office opens in Excel or WPS: .xlsx workbooks and CSV cells, both safe from formula
 * injection. exceljs takes ~30 MB once loaded: it is loaded the first time someone exports, not at start-up.
 */
import type { Workbook } from 'exceljs';

export async function newWorkbook(): Promise<Workbook> {
  const { default: ExcelJS } = await import('exceljs');
  const wb = new ExcelJS.Workbook();
  wb.creator = 'Salesdesk 售楼接待台';
  return wb;
}

/**
 * A cell whose text starts with one of these is read as a formula by Excel, WPS or LibreOffice — a customer
 * named `=HYPERLINK("http://…")` would become a link on the sales assistant's machine (OWASP "CSV
 * injection"; the full-width forms too, which some IMEs turn into formulas).
 */
const FORMULA_START = /^[=+\-@\t\r＝＋－＠]/;

/** Text as a spreadsheet must show it: a leading `'` makes a would-be formula plain text (OWASP). */
export const safeText = (s: string): string => (FORMULA_START.test(s) ? `'${s}` : s);

/** Integer cents as yuan with two decimals, the sign in front: -50 → "-0.50" (never "0.50"). */
export const yuan = (cents: number): string =>
  `${cents < 0 ? '-' : ''}${Math.floor(Math.abs(cents) / 100)}.${String(Math.abs(cents) % 100).padStart(2, '0')}`;

/**
 * Integer cents as the number of yuan a spreadsheet cell holds: read from the two-decimal text, so the cell
 * is the double nearest to the exact amount (1000050 → 10000.5, 1620001 → 16200.01), never a sum of floats.
 */
export const yuanNumber = (cents: number): number => {
  if (!Number.isSafeInteger(cents)) throw new Error(`yuanNumber: ${cents} is not a whole number of cents`);
  return Number(yuan(cents));
};

/** What a CSV cell may hold: text, a number, or an amount of money in integer cents. */
export type CsvValue = string | number | { cents: number };

/**
 * One CSV cell. Text is neutralised and quoted when it holds a separator; numbers and money — negative or
 * not — are written as bare numbers (a leading '-' there is a sign, not a formula), so they stay numbers a
 * spreadsheet can add up.
 */
export function csvCell(v: CsvValue): string {
  if (typeof v === 'number') return String(v);
  if (typeof v === 'object') return yuan(v.cents);
  const s = safeText(v);
  return /[",\n\r]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}

/** The workbook as a file: every text cell neutralised first; number cells untouched (money stays numeric). */
export async function workbookBuffer(wb: Workbook): Promise<Buffer> {
  wb.eachSheet((ws) =>
    ws.eachRow((row) =>
      row.eachCell((cell) => {
        if (typeof cell.value === 'string') cell.value = safeText(cell.value);
      }),
    ),
  );
  return Buffer.from(await wb.xlsx.writeBuffer());
}
