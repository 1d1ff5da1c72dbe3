// What the dialog checks of a chosen file before uploading it: a kind the server reads
// (XLSX or CSV) and a size it accepts, so a wrong file is named at once, not after an upload.
import { type DomainError, domainError } from '@civic-ledger/shared';

/** The server's limit (POST /api/import/preview answers 413 above it). */
export const MAX_IMPORT_FILE_BYTES = 10 * 1024 * 1024;

/** Bytes to read from the start of a file for `checkImportFile`. */
export const FILE_HEAD_BYTES = 8;

/** Old binary Excel (.xls, .doc …): an OLE compound file. */
const OLE_MAGIC = [0xd0, 0xcf, 0x11, 0xe0];

/** Why this file cannot be imported, or null. `head` is its first bytes. */
export function checkImportFile(name: string, size: number, head: Uint8Array): DomainError | null {
  if (size === 0) return domainError('import_empty_file', '文件是空的', 'the file is empty');
  if (size > MAX_IMPORT_FILE_BYTES) {
    const mb = MAX_IMPORT_FILE_BYTES / 1024 / 1024;
    return domainError('import_too_large', `文件不能超过 ${mb} MB`, `the file may be at most ${mb} MB`);
  }
  const oldExcel = /\.(xls|et)$/i.test(name) || OLE_MAGIC.every((b, i) => head[i] === b);
  if (oldExcel) {
    return domainError(
      'import_old_excel',
      '不支持旧版 Excel（.xls）文件，请在 Excel 或 WPS 中另存为 .xlsx 或 .csv 后再导入',
      'old Excel files (.xls) are not supported: save the file as .xlsx or .csv and import that',
    );
  }
  if (!/\.(xlsx|csv|txt)$/i.test(name)) {
    return domainError(
      'import_file_kind',
      '只能导入 .xlsx 或 .csv 文件',
      'only .xlsx and .csv files can be imported',
    );
  }
  return null;
}
