/**
 * CSV as spreadsheets read it (RFC 4180): every cell quoted when it holds a quote, comma or line
 * break, quotes doubled. A text cell that a spreadsheet would take for a formula (starting with
 * = + - @, or a tab or carriage return that some strip before looking) gets a leading apostrophe,
 * so an export opened in Excel or LibreOffice never runs what a post's author typed.
 */
export type CsvCell = string | number | boolean | null | undefined;

const FORMULA_START = /^[=+\-@\t\r]/;

export function csvCell(value: CsvCell): string {
  if (value === null || value === undefined) return '';
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  const text = FORMULA_START.test(value) ? `'${value}` : value;
  return /[",\r\n]/.test(text) || text !== value ? `"${text.replace(/"/g, '""')}"` : text;
}

/** One line, ending with CRLF as RFC 4180 asks. */
export function csvRow(cells: readonly CsvCell[]): string {
  return `${cells.map(csvCell).join(',')}\r\n`;
}
