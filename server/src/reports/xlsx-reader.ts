// An XLSX workbook read for an import, part by part, with every limit checked as it is
// read: each part's inflated size (the inflater stops at the bound), the shared strings'
// count and length, and each sheet's rows, columns and cell length, cell by cell. Merged
// cells repeat their value, formulas give their cached result, date-formatted numbers
// become dates; what the sheet shows is what the import sees.
import { StringDecoder } from 'node:string_decoder';
import { fail, ok, type Result, type SheetCell } from '@civic-ledger/shared';
import {
  cellTooLong,
  partTooLarge,
  type SheetLimits,
  type SheetReadError,
  tooManyRows,
  tooManyStrings,
  unreadable,
} from './sheet-limits.ts';
import { XmlCursor } from './xml-cursor.ts';
import { listEntries, streamEntry, type ZipEntry } from './zip-archive.ts';

export interface SheetRef {
  readonly name: string;
  readonly path: string;
}

/** Excel's built-in number formats that show dates and times. */
const BUILTIN_DATE_FORMATS = new Set([
  14, 15, 16, 17, 18, 19, 20, 21, 22, 27, 28, 29, 30, 31, 32, 33, 34, 35, 36, 45, 46, 47, 50, 51, 52, 53, 54,
  55, 56, 57, 58,
]);
/** Merged ranges honoured per sheet; a real sheet has a handful. */
const MAX_MERGES = 10_000;
/** An entity-encoded text is at most this many times longer than its decoded form. */
const ENCODED_PER_CHAR = 10;

function isDateFormat(code: string): boolean {
  const bare = code
    .replace(/\[[^\]]*]/g, '')
    .replace(/"[^"]*"/g, '')
    .replace(/\\./g, '');
  return /[ymdhs]/i.test(bare) && !/^general$/i.test(bare.trim());
}

function two(n: number): string {
  return String(n).padStart(2, '0');
}

/** A date as the sheet's wall clock (kept in UTC fields), to the minute. */
function fromDate(d: Date): SheetCell {
  if (Number.isNaN(d.getTime())) return null;
  const date = `${d.getUTCFullYear()}-${two(d.getUTCMonth() + 1)}-${two(d.getUTCDate())}`;
  const minutes = Math.min(
    1439,
    d.getUTCHours() * 60 + d.getUTCMinutes() + (d.getUTCSeconds() >= 30 ? 1 : 0),
  );
  if (minutes === 0) return { date };
  return { date, time: `${two(Math.floor(minutes / 60))}:${two(minutes % 60)}` };
}

function serialDate(serial: number, date1904: boolean): Date {
  return new Date(Math.round((serial - 25569 + (date1904 ? 1462 : 0)) * 86_400_000));
}

/** `AB12` → column 28 (1-based), 0 when the reference has no letters. */
function columnOf(ref: string): number {
  let col = 0;
  for (let i = 0; i < ref.length; i++) {
    const code = ref.charCodeAt(i);
    if (code < 65 || code > 90) break;
    col = col * 26 + (code - 64);
  }
  return col;
}

function rowOf(ref: string): number {
  const digits = /\d+$/.exec(ref);
  return digits ? Number(digits[0]) : 0;
}

/** A relationship target, relative to the folder of the part that names it. */
function resolveTarget(folder: string, target: string): string {
  if (target.startsWith('/')) return target.slice(1);
  const parts = folder.split('/').filter(Boolean);
  for (const step of target.split('/')) {
    if (step === '..') parts.pop();
    else if (step !== '.' && step !== '') parts.push(step);
  }
  return parts.join('/');
}

/** Whether to read on (null) or the refusal that stops the reading. */
type Visit = (cursor: XmlCursor) => SheetReadError | null;

/** The parts of one file, streamed on demand within the per-part and per-file bounds. */
class Parts {
  private used = 0;
  /** An unfinished text or tag may hold this much before the part is refused. */
  private readonly maxPending: number;

  constructor(
    private readonly bytes: Buffer,
    private readonly entries: Map<string, ZipEntry>,
    private readonly limits: SheetLimits,
  ) {
    this.maxPending = limits.maxCellChars * ENCODED_PER_CHAR + 64 * 1024;
  }

  /**
   * Streams a part through `visit`, event by event as it inflates, and stops at the first
   * refusal. Resolves false when the archive has no such part.
   */
  async scan(name: string, visit: Visit): Promise<Result<boolean, SheetReadError>> {
    const entry = this.entries.get(name);
    if (!entry) return ok(false);
    const left = this.limits.maxTotalBytes - this.used;
    const bound = Math.min(this.limits.maxPartBytes, left);
    const cursor = new XmlCursor('', false);
    const decoder = new StringDecoder('utf8');
    let refusal: SheetReadError | null = null;
    const drain = (): boolean => {
      while (cursor.next()) {
        refusal = visit(cursor);
        if (refusal) return false;
      }
      return true;
    };
    const read = await streamEntry(this.bytes, entry, bound, (chunk) => {
      this.used += chunk.length;
      cursor.feed(decoder.write(chunk));
      if (!drain()) return false;
      if (cursor.pending > this.maxPending) {
        refusal = cellTooLong(this.limits, name);
        return false;
      }
      return true;
    });
    if (refusal) return fail(refusal);
    if (!read.ok) {
      if (read.problem.kind === 'unreadable') return fail(unreadable());
      return fail(partTooLarge(name, bound === left ? this.limits.maxTotalBytes : bound));
    }
    cursor.feed(decoder.end(), true);
    drain();
    return refusal ? fail(refusal) : ok(true);
  }
}

type Relationships = Map<string, { type: string; path: string }>;

/** Relationship id → type and target path, for the part in `folder`. */
function relationshipsVisitor(folder: string, rels: Relationships): Visit {
  return (cursor) => {
    if (cursor.event !== 'open' || cursor.name !== 'Relationship') return null;
    const id = cursor.attr('Id');
    const target = cursor.attr('Target');
    if (!id || !target || cursor.attr('TargetMode') === 'External') return null;
    rels.set(id, { type: cursor.attr('Type') ?? '', path: resolveTarget(folder, target) });
    return null;
  };
}

function sharedStringsVisitor(limits: SheetLimits, strings: string[]): Visit {
  let current: string | null = null;
  let inText = false;
  let phonetic = 0;
  return (cursor) => {
    const { event, name } = cursor;
    if (event === 'open') {
      if (name === 'si') {
        if (strings.length >= limits.maxSharedStrings) return tooManyStrings(limits);
        if (cursor.selfClosing) strings.push('');
        else current = '';
      } else if (name === 't' && !cursor.selfClosing) inText = true;
      else if (name === 'rPh' && !cursor.selfClosing) phonetic++;
    } else if (event === 'close') {
      if (name === 'si' && current !== null) {
        strings.push(current);
        current = null;
      } else if (name === 't') inText = false;
      else if (name === 'rPh') phonetic--;
    } else if (event === 'text' && current !== null && inText && phonetic === 0) {
      if (cursor.textLength > limits.maxCellChars * ENCODED_PER_CHAR)
        return cellTooLong(limits, 'sharedStrings');
      current += cursor.text();
      if (current.length > limits.maxCellChars) return cellTooLong(limits, 'sharedStrings');
    }
    return null;
  };
}

/** Which cell styles (index into cellXfs) show numbers as dates. */
function dateStylesVisitor(dates: Set<number>): Visit {
  const custom = new Map<number, string>();
  let inCellXfs = false;
  let index = 0;
  return (cursor) => {
    if (cursor.event === 'close' && cursor.name === 'cellXfs') inCellXfs = false;
    if (cursor.event !== 'open') return null;
    if (cursor.name === 'numFmt') {
      custom.set(Number(cursor.attr('numFmtId')), cursor.attr('formatCode') ?? '');
    } else if (cursor.name === 'cellXfs') {
      inCellXfs = !cursor.selfClosing;
    } else if (cursor.name === 'xf' && inCellXfs) {
      const id = Number(cursor.attr('numFmtId') ?? 0);
      const code = custom.get(id);
      if (code !== undefined ? isDateFormat(code) : BUILTIN_DATE_FORMATS.has(id)) dates.add(index);
      index++;
    }
    return null;
  };
}

export class XlsxWorkbook {
  private constructor(
    private readonly parts: Parts,
    private readonly limits: SheetLimits,
    readonly sheets: readonly SheetRef[],
    private readonly strings: readonly string[],
    private readonly dateStyles: ReadonlySet<number>,
    private readonly date1904: boolean,
  ) {}

  /** The workbook's sheets, shared strings and date styles; sheets are read on demand. */
  static async open(input: Uint8Array, limits: SheetLimits): Promise<Result<XlsxWorkbook, SheetReadError>> {
    const bytes = Buffer.from(input.buffer, input.byteOffset, input.byteLength);
    const listed = listEntries(bytes);
    if (!listed.ok) return fail(unreadable());
    const parts = new Parts(bytes, listed.value, limits);

    const rootRels: Relationships = new Map();
    const root = await parts.scan('_rels/.rels', relationshipsVisitor('', rootRels));
    if (!root.ok) return root;
    const office = [...rootRels.values()].find((r) => r.type.endsWith('/officeDocument'));
    const workbookPath = office?.path ?? 'xl/workbook.xml';
    const slash = workbookPath.lastIndexOf('/');
    const folder = slash < 0 ? '' : workbookPath.slice(0, slash);
    const rels: Relationships = new Map();
    const relsPath = `${folder ? `${folder}/` : ''}_rels/${workbookPath.slice(slash + 1)}.rels`;
    const relsRead = await parts.scan(relsPath, relationshipsVisitor(folder, rels));
    if (!relsRead.ok) return relsRead;

    const sheetIds: { name: string; id: string }[] = [];
    let date1904 = false;
    const workbookRead = await parts.scan(workbookPath, (cursor) => {
      if (cursor.event !== 'open') return null;
      if (cursor.name === 'workbookPr') {
        const flag = cursor.attr('date1904');
        date1904 = flag === '1' || flag === 'true';
      } else if (cursor.name === 'sheet') {
        sheetIds.push({
          name: cursor.attr('name') ?? `Sheet${sheetIds.length + 1}`,
          id: cursor.attr('id') ?? '',
        });
      }
      return null;
    });
    if (!workbookRead.ok) return workbookRead;
    if (!workbookRead.value) return fail(unreadable());
    const sheets: SheetRef[] = [];
    for (const s of sheetIds) {
      const target = rels.get(s.id);
      if (target) sheets.push({ name: s.name, path: target.path });
    }

    const relOf = (suffix: string) => [...rels.values()].find((r) => r.type.endsWith(suffix))?.path;
    const strings: string[] = [];
    const stringsRead = await parts.scan(
      relOf('/sharedStrings') ?? `${folder}/sharedStrings.xml`,
      sharedStringsVisitor(limits, strings),
    );
    if (!stringsRead.ok) return stringsRead;
    const dateStyles = new Set<number>();
    const stylesRead = await parts.scan(
      relOf('/styles') ?? `${folder}/styles.xml`,
      dateStylesVisitor(dateStyles),
    );
    if (!stylesRead.ok) return stylesRead;
    return ok(new XlsxWorkbook(parts, limits, sheets, strings, dateStyles, date1904));
  }

  private cellValue(type: string, raw: string | null, inline: string | null, style: number): SheetCell {
    switch (type) {
      case 's':
        return raw === null ? null : (this.strings[Number(raw)] ?? null);
      case 'inlineStr':
        return inline;
      case 'str':
      case 'e':
        return raw;
      case 'b':
        return raw === null ? null : raw === '1' || raw === 'true';
      case 'd':
        return raw ? fromDate(new Date(/[zZ]|[+-]\d\d:?\d\d$/.test(raw) ? raw : `${raw}Z`)) : null;
      default: {
        if (raw === null || raw.trim() === '') return null;
        const n = Number(raw);
        if (!Number.isFinite(n)) return null;
        return this.dateStyles.has(style) ? fromDate(serialDate(n, this.date1904)) : n;
      }
    }
  }

  /** The sheet's cells row by row from row 1, refused at the first limit it passes. */
  async readSheet(sheet: SheetRef): Promise<Result<SheetCell[][], SheetReadError>> {
    const { limits } = this;
    const rows = new Map<number, SheetCell[]>();
    const merges: string[] = [];
    let rowNo = 0;
    let col = 0;
    let type = 'n';
    let style = 0;
    let raw: string | null = null;
    let inline: string | null = null;
    let inValue = false;
    let inInline = false;
    let inText = false;
    let phonetic = 0;
    let lastRow = 0;
    let width = 0;
    const place = (): SheetReadError | null => {
      const value = this.cellValue(type, raw, inline, style);
      if (value === null || col > limits.maxColumns || col < 1) return null;
      if (rowNo > limits.maxRows) return tooManyRows(limits);
      rowAt(rows, rowNo)[col - 1] = value;
      lastRow = Math.max(lastRow, rowNo);
      width = Math.max(width, col);
      return null;
    };
    const read = await this.parts.scan(sheet.path, (cursor) => {
      const { event, name } = cursor;
      if (event === 'open') {
        if (name === 'row') {
          rowNo = Number(cursor.attr('r')) || rowNo + 1;
          col = 0;
        } else if (name === 'c') {
          const ref = cursor.attr('r');
          col = (ref && columnOf(ref)) || col + 1;
          type = cursor.attr('t') ?? 'n';
          style = Number(cursor.attr('s') ?? 0);
          raw = null;
          inline = null;
          if (cursor.selfClosing) return place();
        } else if (!cursor.selfClosing) {
          if (name === 'v') inValue = true;
          else if (name === 'is') {
            inInline = true;
            inline = '';
          } else if (name === 't') inText = true;
          else if (name === 'rPh') phonetic++;
        }
        if (name === 'mergeCell' && merges.length < MAX_MERGES) merges.push(cursor.attr('ref') ?? '');
      } else if (event === 'close') {
        if (name === 'c') return place();
        if (name === 'v') inValue = false;
        else if (name === 'is') inInline = false;
        else if (name === 't') inText = false;
        else if (name === 'rPh') phonetic--;
      } else if (event === 'text' && (inValue || (inInline && inText && phonetic === 0))) {
        if (cursor.textLength > limits.maxCellChars * ENCODED_PER_CHAR)
          return cellTooLong(limits, sheet.name);
        const text: string = (inValue ? (raw ?? '') : (inline ?? '')) + cursor.text();
        if (text.length > limits.maxCellChars) return cellTooLong(limits, sheet.name);
        if (inValue) raw = text;
        else inline = text;
      }
      return null;
    });
    if (!read.ok) return read;
    if (!read.value) return fail(unreadable());
    const filled = fillMerges(rows, merges, limits);
    lastRow = Math.max(lastRow, filled.lastRow);
    width = Math.max(width, filled.width);
    const grid: SheetCell[][] = [];
    for (let r = 1; r <= lastRow; r++) {
      const row = rows.get(r) ?? [];
      const cells: SheetCell[] = [];
      for (let c = 0; c < width; c++) cells.push(row[c] ?? null);
      grid.push(cells);
    }
    return ok(grid);
  }
}

function rowAt(rows: Map<number, SheetCell[]>, n: number): SheetCell[] {
  let row = rows.get(n);
  if (!row) {
    row = [];
    rows.set(n, row);
  }
  return row;
}

/** Each merged range shows its first cell's value in every cell, within the limits. */
function fillMerges(
  rows: Map<number, SheetCell[]>,
  merges: readonly string[],
  limits: SheetLimits,
): { lastRow: number; width: number } {
  let lastRow = 0;
  let width = 0;
  // Ranges may overlap or repeat in a hostile file: the cells written are bounded too.
  let budget = limits.maxRows * limits.maxColumns;
  for (const ref of merges) {
    const [from, to] = ref.split(':');
    if (!from || !to) continue;
    const top = rowOf(from);
    const left = columnOf(from);
    const value = rows.get(top)?.[left - 1];
    if (value === undefined || value === null) continue;
    const bottom = Math.min(rowOf(to), limits.maxRows);
    const right = Math.min(columnOf(to), limits.maxColumns);
    for (let r = top; r <= bottom; r++) {
      const row = rowAt(rows, r);
      for (let c = left; c <= right; c++) row[c - 1] = value;
      budget -= right - left + 1;
      if (budget < 0) return { lastRow: Math.max(lastRow, r), width: Math.max(width, right) };
    }
    if (bottom >= top && right >= left) {
      lastRow = Math.max(lastRow, bottom);
      width = Math.max(width, right);
    }
  }
  return { lastRow, width };
}
