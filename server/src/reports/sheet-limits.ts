// What an uploaded spreadsheet may hold before it is refused, and the errors a reading
// ends with. Every limit is checked while the file is read, on the part, row, cell or
// string that passes it, so a file built to be huge once unpacked stops costing at once.
import { type DomainError, domainError } from '@civic-ledger/shared';

export type SheetReadErrorCode = 'import_unreadable' | 'import_no_sheet' | 'import_too_large';
export type SheetReadError = DomainError<SheetReadErrorCode>;

export interface SheetLimits {
  /** What one part of an XLSX (a sheet, the shared strings, the styles) may inflate to. */
  readonly maxPartBytes: number;
  /** What all the parts read from one file may inflate to together. */
  readonly maxTotalBytes: number;
  /** Rows read at most: the preview's row limit plus room for titles, blanks and totals. */
  readonly maxRows: number;
  /** Columns read; cells to their right are ignored. */
  readonly maxColumns: number;
  /** Characters in one cell (Excel's own limit). */
  readonly maxCellChars: number;
  readonly maxSharedStrings: number;
}

export const SHEET_LIMITS: SheetLimits = {
  maxPartBytes: 32 * 1024 * 1024,
  maxTotalBytes: 64 * 1024 * 1024,
  maxRows: 12_000,
  maxColumns: 200,
  maxCellChars: 32_767,
  maxSharedStrings: 500_000,
};

export function unreadable(): SheetReadError {
  return domainError(
    'import_unreadable',
    '无法读取这个 Excel 文件',
    'this file cannot be read as an XLSX workbook',
  );
}

export function tooManyRows(limits: SheetLimits): SheetReadError {
  return domainError(
    'import_too_large',
    `工作表超过 ${limits.maxRows} 行`,
    `the sheet has more than ${limits.maxRows} rows`,
  );
}

/** Whether a refusal is the row limit (a sheet passed over when none was named). */
export function isRowLimit(error: SheetReadError, limits: SheetLimits): boolean {
  return error.code === 'import_too_large' && error.message.en === tooManyRows(limits).message.en;
}

export function cellTooLong(limits: SheetLimits, where: string): SheetReadError {
  return domainError(
    'import_too_large',
    `${where}有单元格超过 ${limits.maxCellChars} 个字符`,
    `a cell in ${where} holds more than ${limits.maxCellChars} characters`,
  );
}

export function partTooLarge(part: string, limit: number): SheetReadError {
  const size =
    limit >= 1024 * 1024 ? `${Math.round(limit / 1024 / 1024)} MB` : `${Math.round(limit / 1024)} kB`;
  return domainError(
    'import_too_large',
    `文件解压后过大（${part} 超过 ${size}）`,
    `the file is too large once unpacked (${part} is over ${size})`,
  );
}

export function tooManyStrings(limits: SheetLimits): SheetReadError {
  return domainError(
    'import_too_large',
    `文件中的文本超过 ${limits.maxSharedStrings} 条`,
    `the file holds more than ${limits.maxSharedStrings} distinct texts`,
  );
}
