/** exceljs takes ~30 MB once loaded: it is loaded the first time someone exports, not when the app starts. */
import type { Workbook } from 'exceljs';

export async function newWorkbook(): Promise<Workbook> {
  const { default: ExcelJS } = await import('exceljs');
  const wb = new ExcelJS.Workbook();
  wb.creator = 'Salesdesk 售楼接待台';
  return wb;
}
