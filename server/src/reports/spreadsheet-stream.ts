// Writing export sheets as a download stream: XLSX through exceljs's streaming writer (one
// row committed at a time, typed cells, widths, a frozen and filterable header) or CSV.
import { PassThrough, Readable } from 'node:stream';
import { csvLine, type ExportCell, type ExportSheet, NUM_FMT, UTF8_BOM } from '@civic-ledger/shared';
import type ExcelJS from 'exceljs';

/** exceljs is large: load it on the first spreadsheet, not at server start. */
const loadExcel = async (): Promise<typeof ExcelJS> => (await import('exceljs')).default;

import { errorFields, log } from '../ops/log.ts';

type XlsxValue = string | number | null;

function xlsxValue(cell: ExportCell): { value: XlsxValue; numFmt?: string } {
  switch (cell.type) {
    case 'empty':
      return { value: null };
    case 'text':
      return { value: cell.text };
    case 'number':
      return cell.numFmt ? { value: cell.value, numFmt: cell.numFmt } : { value: cell.value };
    case 'date':
    case 'datetime':
    case 'time':
      // A date in XLSX is its serial number with a date format; readers turn it into a date.
      return { value: cell.serial, numFmt: NUM_FMT[cell.type] };
  }
}

function columnLetter(n: number): string {
  let out = '';
  for (let i = n; i > 0; i = Math.floor((i - 1) / 26)) out = String.fromCharCode(65 + ((i - 1) % 26)) + out;
  return out;
}

async function writeWorkbook(sheets: readonly ExportSheet[], out: PassThrough): Promise<void> {
  const Excel = await loadExcel();
  const workbook = new Excel.stream.xlsx.WorkbookWriter({
    stream: out,
    useStyles: true,
    useSharedStrings: false,
  });
  workbook.creator = 'civic-ledger';
  for (const sheet of sheets) {
    const ws = workbook.addWorksheet(sheet.name, {
      views: sheet.hasHeader ? [{ state: 'frozen', xSplit: 0, ySplit: 1 }] : [],
    });
    ws.columns = sheet.columns.map((c) => ({ width: c.width }));
    if (sheet.hasHeader && sheet.columns.length > 0) {
      ws.autoFilter = { from: 'A1', to: `${columnLetter(sheet.columns.length)}${sheet.rowCount + 1}` };
    }
    let first = true;
    for (const cells of sheet.rows()) {
      const typed = cells.map(xlsxValue);
      const row = ws.addRow(typed.map((t) => t.value));
      typed.forEach((t, i) => {
        if (t.numFmt) row.getCell(i + 1).numFmt = t.numFmt;
      });
      if (first && sheet.hasHeader) row.font = { bold: true };
      first = false;
      row.commit();
      // Let the socket drain between rows of a big sheet instead of buffering the file.
      if (out.writableNeedDrain) {
        await new Promise((resolve) => {
          out.once('drain', resolve);
          out.once('close', resolve);
        });
      }
      if (out.destroyed) return; // the download was cancelled
    }
    ws.commit();
  }
  await workbook.commit();
}

/** The sheets as an XLSX file, produced while it is sent. */
export function xlsxStream(sheets: readonly ExportSheet[]): ReadableStream<Uint8Array> {
  const out = new PassThrough();
  writeWorkbook(sheets, out).catch((err) => {
    log.error('xlsx export failed', errorFields(err));
    out.destroy(err instanceof Error ? err : new Error(String(err)));
  });
  return Readable.toWeb(out) as ReadableStream<Uint8Array>;
}

/** One sheet as UTF-8 CSV with a byte-order mark, in chunks of about 64 KB. */
export function csvStream(sheet: ExportSheet): ReadableStream<Uint8Array> {
  const encoder = new TextEncoder();
  const rows = sheet.rows()[Symbol.iterator]();
  let started = false;
  return new ReadableStream<Uint8Array>({
    pull(controller) {
      let chunk = started ? '' : UTF8_BOM;
      started = true;
      while (chunk.length < 64 * 1024) {
        const next = rows.next();
        if (next.done) {
          if (chunk !== '') controller.enqueue(encoder.encode(chunk));
          controller.close();
          return;
        }
        chunk += csvLine(next.value.map((cell) => cell.text));
      }
      controller.enqueue(encoder.encode(chunk));
    },
  });
}
