// CSV as Excel reads and writes it: RFC 4180 with CRLF and a UTF-8 byte-order mark (without
// it Excel shows Chinese as mojibake), a tolerant parser for imports, and text decoding.
import { type DomainError, domainError, fail, ok, type Result } from './result.ts';

export const UTF8_BOM = '\uFEFF';

/** One field, quoted when it holds a delimiter, a quote or a line break. */
export function csvField(text: string): string {
  return /[",\r\n]/.test(text) ? `"${text.replaceAll('"', '""')}"` : text;
}

/** One record with its CRLF terminator. */
export function csvLine(fields: readonly string[]): string {
  return `${fields.map(csvField).join(',')}\r\n`;
}

/** A whole CSV document, with the byte-order mark unless `bom` is false. */
export function toCsv(records: readonly (readonly string[])[], options: { bom?: boolean } = {}): string {
  return (options.bom === false ? '' : UTF8_BOM) + records.map(csvLine).join('');
}

export type CsvErrorCode = 'csv_unterminated_quote' | 'csv_too_large';
export type CsvError = DomainError<CsvErrorCode>;

const DELIMITERS = [',', '\t', ';'] as const;

/** The delimiter used most on the first line outside quotes (comma when none is). */
function sniffDelimiter(text: string): string {
  const counts = new Map<string, number>();
  let quoted = false;
  for (const ch of text) {
    if (ch === '"') quoted = !quoted;
    else if (!quoted && (ch === '\n' || ch === '\r')) break;
    else if (!quoted && (DELIMITERS as readonly string[]).includes(ch))
      counts.set(ch, (counts.get(ch) ?? 0) + 1);
  }
  let best = ',';
  for (const d of DELIMITERS) if ((counts.get(d) ?? 0) > (counts.get(best) ?? 0)) best = d;
  return best;
}

/**
 * Records of a CSV text: a leading BOM is dropped, CRLF, LF and lone CR all end a record,
 * quoted fields may hold delimiters, quotes (`""`) and line breaks. A quote inside an
 * unquoted field is kept as text, as Excel does. The delimiter (comma, tab or semicolon)
 * is taken from the first line unless given.
 */
export function parseCsv(
  input: string,
  options: { delimiter?: string; maxRecords?: number } = {},
): Result<string[][], CsvError> {
  const text = input.startsWith(UTF8_BOM) ? input.slice(1) : input;
  const delimiter = options.delimiter ?? sniffDelimiter(text);
  const maxRecords = options.maxRecords ?? Number.POSITIVE_INFINITY;
  const records: string[][] = [];
  let record: string[] = [];
  let field = '';
  let i = 0;
  let line = 1;
  const endRecord = () => {
    record.push(field);
    records.push(record);
    record = [];
    field = '';
  };
  while (i < text.length) {
    const ch = text[i] as string;
    if (ch === '"' && field === '') {
      const startLine = line;
      i++;
      for (;;) {
        if (i >= text.length) {
          return fail(
            domainError(
              'csv_unterminated_quote',
              `第 ${startLine} 行的引号没有结束`,
              `the quote opened on line ${startLine} is never closed`,
            ),
          );
        }
        const c = text[i] as string;
        if (c === '"') {
          if (text[i + 1] === '"') {
            field += '"';
            i += 2;
            continue;
          }
          i++;
          break;
        }
        if (c === '\n') line++;
        field += c;
        i++;
      }
      // Text after the closing quote (`"a"b`) is kept, as spreadsheets do.
      continue;
    }
    if (ch === delimiter) {
      record.push(field);
      field = '';
      i++;
    } else if (ch === '\r' || ch === '\n') {
      endRecord();
      line++;
      i += ch === '\r' && text[i + 1] === '\n' ? 2 : 1;
      if (records.length > maxRecords) {
        return fail(domainError('csv_too_large', `超过 ${maxRecords} 行`, `more than ${maxRecords} records`));
      }
    } else {
      field += ch;
      i++;
    }
  }
  if (field !== '' || record.length > 0) endRecord();
  return ok(records);
}

/**
 * The text of an uploaded file: UTF-8 (with or without BOM) when it is valid UTF-8,
 * otherwise GB18030, the encoding Excel on Chinese Windows saves CSV in.
 */
export function decodeText(bytes: Uint8Array): string {
  try {
    return new TextDecoder('utf-8', { fatal: true, ignoreBOM: false }).decode(bytes);
  } catch {
    return new TextDecoder('gb18030').decode(bytes);
  }
}
