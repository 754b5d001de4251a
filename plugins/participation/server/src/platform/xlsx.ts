import { once } from 'node:events';
import { PassThrough, type Readable } from 'node:stream';
import ExcelJS from 'exceljs';

export type XlsxColumn = { key: string; header: string; width?: number; style?: Partial<ExcelJS.Style> };

export const XLSX_TYPE = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

/**
 * The one spreadsheet writer of the product: a workbook of one sheet, its header bold and frozen, written page by page
 * as the client reads it (memory stays flat whatever the number of rows). Cells are values, never formulas.
 */
export function xlsxStream(sheetName: string, columns: XlsxColumn[], pages: AsyncIterable<Record<string, unknown>[]>): Readable {
  const out = new PassThrough();
  const workbook = new ExcelJS.stream.xlsx.WorkbookWriter({ stream: out, useStyles: true, useSharedStrings: false });
  workbook.creator = 'Participer';
  const sheet = workbook.addWorksheet(sheetName, { views: [{ state: 'frozen', ySplit: 1 }] });
  sheet.columns = columns.map((c) => ({
    key: c.key,
    header: c.header,
    width: c.width ?? Math.min(40, Math.max(12, c.header.length + 2)),
    style: c.style ?? {},
  }));
  sheet.getRow(1).font = { bold: true };
  void (async () => {
    for await (const page of pages) {
      for (const record of page) sheet.addRow(record).commit();
      if (out.writableNeedDrain) await once(out, 'drain');
    }
    sheet.commit();
    await workbook.commit();
  })().catch((error: Error) => out.destroy(error));
  return out;
}
