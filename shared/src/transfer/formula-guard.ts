// Formula injection guard (CSV/XLSX injection): text a spreadsheet would read as a formula
// is written with a leading apostrophe, in CSV and XLSX alike, and the import undoes it.
//
// Why an apostrophe: it is what Excel, WPS and LibreOffice themselves use to mark "text,
// not a formula", it survives a CSV round trip (a tab or space prefix is trimmed by some
// readers), and it is visible, so nobody mistakes the cell for a computed one. The cost is
// that a phone number written `+86 …` or a note starting with `-` shows the apostrophe.

/** Characters that start a formula (or a DDE payload) in common spreadsheets. */
const FORMULA_START = /^[=+\-@\t\r]/;

/** The text as a spreadsheet may safely show it. */
export function formulaSafe(text: string): string {
  return FORMULA_START.test(text) ? `'${text}` : text;
}

/** XML turns a CR into LF when an XLSX file is read, so `'` + LF was `'` + CR when written. */
const NEUTRALISED = /^'[=+\-@\t\r\n]/;

/** Undoes `formulaSafe` on text read back from a sheet this program (or Excel) wrote. */
export function unFormulaSafe(text: string): string {
  return NEUTRALISED.test(text) ? text.slice(1) : text;
}
