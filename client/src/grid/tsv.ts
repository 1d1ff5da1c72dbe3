// Tab-separated text as spreadsheets put it on the clipboard: cells separated by tabs,
// rows by CRLF or LF, a cell holding a tab, newline or quote wrapped in quotes with
// quotes doubled (Excel, WPS, LibreOffice and Google Sheets all read and write this).

function quote(cell: string): string {
  return /[\t\n\r"]/.test(cell) ? `"${cell.replace(/"/g, '""')}"` : cell;
}

/** Rows of cells → clipboard text (CRLF line ends, as Excel writes them). */
export function formatTsv(rows: readonly (readonly string[])[]): string {
  return rows.map((row) => row.map(quote).join('\t')).join('\r\n');
}

/**
 * Clipboard text → rows of cells. A trailing line end (Excel adds one) does not make an
 * extra empty row. A quote only opens a quoted cell at the start of a cell.
 */
export function parseTsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let cell = '';
  let i = 0;
  let atCellStart = true;
  const endCell = () => {
    row.push(cell);
    cell = '';
    atCellStart = true;
  };
  const endRow = () => {
    endCell();
    rows.push(row);
    row = [];
  };
  while (i < text.length) {
    const ch = text[i];
    if (atCellStart && ch === '"') {
      // Quoted cell: read to the closing quote, "" is a literal quote.
      let j = i + 1;
      let quoted = '';
      let closed = false;
      while (j < text.length) {
        if (text[j] === '"') {
          if (text[j + 1] === '"') {
            quoted += '"';
            j += 2;
            continue;
          }
          closed = true;
          j += 1;
          break;
        }
        quoted += text[j];
        j += 1;
      }
      const next = text[j];
      if (closed && (j >= text.length || next === '\t' || next === '\n' || next === '\r')) {
        cell = quoted;
        atCellStart = false;
        i = j;
        continue;
      }
      // Not a well-formed quoted cell: take the quote literally.
    }
    atCellStart = false;
    if (ch === '\t') endCell();
    else if (ch === '\r') {
      endRow();
      if (text[i + 1] === '\n') i += 1;
    } else if (ch === '\n') endRow();
    else cell += ch;
    i += 1;
  }
  if (cell !== '' || row.length > 0) endRow();
  return rows;
}
